// The editor grid (Streamlit Components v2). It draws the rows it is sent and sends events;
// Python decides what every event means (workbench.editing). Every text from the data goes
// into the page with textContent or as a text node, never as HTML.
//
// Protocol: data = {doc, author, epoch, rows|null, batch, answers, tools, preview, focus,
// shortcuts, messages}. Events go out as one trigger "ops" = {batch, ops:[...]}; the next batch
// is sent only when data answers the previous one (batch ids are unique per page load), and a
// batch without an answer is sent again, so no event is lost when Streamlit restarts a run.

const instances = new WeakMap();
const isMac = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent || "");
const RESEND_MS = 4000;
// Rows are drawn in groups that the browser skips while off screen (grid.css, .wb-rows): it
// then checks 52 groups for visibility on every frame of a 2,040-sentence document instead of
// 2,040 rows (that check alone took 35-300 ms after each save).
const ROWS_PER_GROUP = 40;
const ROW_HEIGHT_GUESS = 44; // px, a one-line row: the size of a group not drawn yet
const RESEG_RESEND_MS = 60000; // split and merge: see Grid.resendAfter
const STATE_LABELS = {
  untranslated: "Untranslated",
  pretranslated: "MT",
  edited: "Edited",
  confirmed: "Confirmed",
};

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "class") node.className = value;
    else if (name === "text") node.textContent = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// A Word or HTML source's formatting, as compact tags: ⟨1⟩ opens, ⟨/1⟩ closes, ⟨1/⟩ alone.
const TAG = /⟨\/?\d+\/?⟩/g;

// Text with its formatting tags drawn as chips and the find hits marked, built from text
// nodes, <span> and <mark> elements.
function fillText(node, text, pattern) {
  node.replaceChildren();
  if (!text) return 0;
  let hits = 0;
  let last = 0;
  for (const tag of text.matchAll(TAG)) {
    hits += appendMarked(node, text.slice(last, tag.index), pattern);
    node.append(el("span", { class: "wb-tag", text: tag[0] }));
    last = tag.index + tag[0].length;
  }
  return hits + appendMarked(node, text.slice(last), pattern);
}

function appendMarked(node, text, pattern) {
  if (!pattern || !text) {
    node.append(text);
    return 0;
  }
  let hits = 0;
  let last = 0;
  pattern.lastIndex = 0;
  for (const match of text.matchAll(pattern)) {
    if (!match[0]) break;
    node.append(text.slice(last, match.index), el("mark", { text: match[0] }));
    last = match.index + match[0].length;
    hits += 1;
  }
  node.append(text.slice(last));
  return hits;
}

function findPattern(query, matchCase) {
  if (!query) return null;
  const escaped = query.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(escaped, matchCase ? "g" : "gi");
}

// Alt+key on Windows and Linux, Ctrl+Option+key on macOS (Option alone types letters there).
function altCombo(event) {
  if (isMac) return event.altKey && event.ctrlKey && !event.metaKey;
  return event.altKey && !event.ctrlKey && !event.metaKey;
}

function diffNode(spans, cls) {
  const node = el("div", { class: cls });
  for (const [op, text] of spans) {
    if (op === "=" || op === "equal") node.append(text);
    else if (op === "+" || op === "insert") node.append(el("ins", { text }));
    else node.append(el("del", { text }));
  }
  return node;
}

class Grid {
  constructor(root, setTriggerValue) {
    this.root = root;
    this.send = setTriggerValue;
    this.rows = [];
    this.shortcuts = [];
    this.byId = new Map();
    this.rowNodes = new Map();
    this.epoch = null;
    this.active = null; // segment id
    this.box = null; // the active textarea
    this.outbox = [];
    this.inflight = null;
    this.counter = 0;
    this.loadId = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    this.lastAnswered = null;
    this.pending = new Map(); // segment id -> {text, state}: saves not yet answered
    this.filled = new Set(); // rows the last confirm filled as repetitions (marked until the next)
    this.sentTimes = new Map(); // op id -> when its key was pressed
    this.conflicts = new Map(); // segment id -> answer with theirs and mine
    this.tools = null;
    this.cc = null; // the concordance lookup of the active row: {seg, query, target, hits|null}
    this.preview = null;
    this.filter = "all";
    this.pattern = null;
    this.focusToken = null;
    this.author = "";
    this.build();
    this.buildRepetitions();
    this.onBeforeUnload = (event) => {
      if (this.unsaved()) {
        this.stash();
        event.preventDefault();
        event.returnValue = "";
      }
    };
    this.onPageHide = () => this.stash();
    // `?` opens the shortcut list from anywhere on the page but a text field.
    this.onDocumentKey = (event) => {
      const field = event.target.closest && event.target.closest("input, textarea, select, [contenteditable]");
      if (event.composedPath().includes(this.root)) return; // the grid's own handler
      if (altCombo(event) && event.code === "KeyQ" && this.selectedInGrid()) {
        event.preventDefault(); // words selected in a source: the focus left the box
        this.lookUp();
      } else if (event.key === "?" && !field) {
        event.preventDefault();
        this.toggleHelp();
      } else if (event.key === "Escape" && !this.help.hidden) {
        this.toggleHelp(false);
      } else if (event.key === "Escape" && !field && this.cc) {
        this.closeConcordance();
      }
    };
    document.addEventListener("keydown", this.onDocumentKey);
    window.addEventListener("beforeunload", this.onBeforeUnload);
    window.addEventListener("pagehide", this.onPageHide);
    this.timer = setInterval(() => this.resendIfStuck(), 1000);
    this.jobTimer = setInterval(() => this.pollJob(), 250);
  }

  destroy() {
    this.stash();
    document.removeEventListener("keydown", this.onDocumentKey);
    window.removeEventListener("beforeunload", this.onBeforeUnload);
    window.removeEventListener("pagehide", this.onPageHide);
    clearInterval(this.timer);
    clearInterval(this.jobTimer);
  }

  // ---- layout -------------------------------------------------------------------------

  build() {
    this.summary = el("span", { class: "wb-summary", "data-testid": "wb-summary" });
    this.saveState = el("span", { class: "wb-save", role: "status", "aria-live": "polite" });
    this.who = el("span", { class: "wb-who" });
    this.filterSelect = el(
      "select",
      { class: "wb-filter", "aria-label": "Show", onchange: () => this.setFilter() },
      el("option", { value: "all", text: "All" }),
      el("option", { value: "open", text: "Not confirmed" }),
      el("option", { value: "edited", text: "Edited" }),
      el("option", { value: "confirmed", text: "Confirmed" }),
      el("option", { value: "qa", text: "QA flagged" }),
    );
    this.findInput = el("input", {
      class: "wb-find",
      type: "search",
      dir: "auto",
      placeholder: "Find in source and target",
      "aria-label": "Find",
      oninput: () => this.setFind(),
      onkeydown: (e) => {
        if (e.key === "Enter") {
          e.preventDefault();
          this.nextHit(e.shiftKey ? -1 : 1);
        }
      },
    });
    this.hitCount = el("span", { class: "wb-hits" });
    this.gotoInput = el("input", {
      class: "wb-goto",
      type: "number",
      min: "1",
      placeholder: "Go to #",
      "aria-label": "Go to sentence",
      onkeydown: (e) => {
        if (e.key === "Enter") {
          e.preventDefault();
          this.goTo(Number(this.gotoInput.value));
        }
      },
    });
    const bar = el(
      "div",
      { class: "wb-bar" },
      this.summary,
      this.filterSelect,
      this.findInput,
      this.hitCount,
      el("button", {
        class: "wb-link",
        type: "button",
        text: "Replace…",
        onclick: () => this.toggleReplace(true),
      }),
      this.gotoInput,
      this.who,
      this.saveState,
      el("button", {
        class: "wb-link wb-help-button",
        type: "button",
        text: "?",
        "aria-label": "Keyboard shortcuts",
        onclick: () => this.toggleHelp(),
      }),
    );
    this.replacePanel = this.buildReplacePanel();
    this.scroller = el("div", { class: "wb-scroll", role: "grid", "aria-label": "Sentences" });
    this.help = el("div", { class: "wb-help", hidden: true, role: "dialog", "aria-label": "Keyboard shortcuts" });
    this.message = el("div", { class: "wb-message", hidden: true, role: "alert" });
    this.buildReview(bar); // review: the open comments count and the Review button
    this.root.replaceChildren(bar, ...this.buildJobs(), this.replacePanel, this.message, this.scroller, this.help);
    this.root.addEventListener("keydown", (e) => this.onKey(e), true);
    this.scroller.addEventListener("mousedown", (e) => this.onRowClick(e));
    this.scroller.addEventListener("click", (e) => this.onSourceClick(e)); // split mark
  }

  buildReplacePanel() {
    this.replaceFind = el("input", { type: "text", placeholder: "Find in targets", "aria-label": "Find in targets" });
    this.replaceWith = el("input", { type: "text", placeholder: "Replace with", "aria-label": "Replace with" });
    this.replaceCase = el("input", { type: "checkbox", "aria-label": "Match case" });
    this.previewList = el("div", { class: "wb-preview" });
    // typed in the target language: each field takes the direction of what is typed
    this.replaceFind.setAttribute("dir", "auto");
    this.replaceWith.setAttribute("dir", "auto");
    return el(
      "div",
      { class: "wb-replace", hidden: true },
      this.replaceFind,
      this.replaceWith,
      el("label", {}, this.replaceCase, " Match case"),
      el("button", { type: "button", text: "Preview", onclick: () => this.askPreview() }),
      el("button", { type: "button", class: "wb-link", text: "Close", onclick: () => this.toggleReplace(false) }),
      this.previewList,
    );
  }

  // ---- data from Python -----------------------------------------------------------------

  update(data) {
    this.doc = data.doc;
    this.root.dataset.script = data.doc.target.script;
    if (data.shortcuts) this.shortcuts = data.shortcuts; // sent with the rows only
    this.setRepetitionChoices(data);
    this.setAuthor(data.author || "", data.remember !== false);
    this.setReview(data.review); // review: what this person may do
    if (data.rows) {
      this.setRows(data.rows, data.epoch);
    } else if (data.epoch !== this.epoch) {
      this.queue({ op: "rows" }); // this page has not got the rows of that epoch
    }
    if (data.batch !== undefined && data.batch !== null && data.batch !== this.lastAnswered) {
      if (this.inflight && this.inflight.batch === data.batch) {
        this.lastAnswered = data.batch;
        this.inflight = null;
        delete this.root.dataset.waiting;
        const answers = data.answers || [];
        for (const answer of answers) this.applyAnswer(answer);
        this.settlePending();
        this.applyJobAnswer(data);
        // a save's answer comes without tools; the open sentence's are asked for again
        // (their differences are against the text just saved)
        if (this.box && answers.some((answer) => answer.seg === this.active)) {
          this.queue({ op: "open", seg: this.active, text: this.box.value });
        }
      }
    }
    if (data.focus && data.focus.token !== this.focusToken) {
      this.focusToken = data.focus.token;
      // where the page opens, unless a row is open already (kept typing, restored typing)
      if (this.active === null && this.byId.has(data.focus.seg)) {
        this.activate(data.focus.seg, { scroll: "center", save: false });
      }
    }
    const cc = data.concordance;
    if (cc && this.cc && this.cc.hits === null && cc.query === this.cc.query && cc.target === this.cc.target && cc.whole === this.ccWhole) {
      this.cc.hits = cc.hits;
      this.cc.more = cc.more;
      this.cc.message = cc.message;
      this.drawConcordance(this.concordanceFocus());
    }
    if (data.tools && data.tools.id === this.active) {
      this.tools = data.tools;
      this.drawTools();
    }
    this.preview = data.preview || null;
    this.drawPreview();
    this.setJob(data.job);
    this.flush();
  }

  // The name from the sidebar; when it is empty, the one this browser remembers (given
  // to Python once, which puts it into the sidebar's field). In team mode the name is the
  // signed-in person's and the browser keeps none.
  setAuthor(author, remember) {
    let name = author;
    try {
      if (!remember) {
        /* team mode: the signed-in name, neither remembered nor replaced */
      } else if (author) localStorage.setItem("wb-author", author);
      else {
        const remembered = localStorage.getItem("wb-author");
        if (remembered) {
          name = remembered;
          if (!this.askedAuthor) {
            this.askedAuthor = true;
            this.queue({ op: "author", name: remembered });
          }
        }
      }
    } catch (error) {
      /* storage disabled: the name field still works */
    }
    this.author = name;
    this.who.replaceChildren(name ? el("bdi", { text: name }) : "no name");
    this.who.title = name ? "Your revisions are saved under this name" : "Type your name in the sidebar: saving is off until then";
    this.who.dataset.kind = name ? "named" : "missing";
  }

  setRows(rows, epoch) {
    const typing = this.box && this.active !== null ? this.box.value : null;
    const activeBefore = this.active;
    this.rows = rows;
    this.epoch = epoch;
    this.byId = new Map(rows.map((row) => [row.id, row]));
    this.rowNodes = new Map();
    this.box = null;
    this.active = null;
    const fragment = document.createDocumentFragment();
    let group = null;
    for (const [position, row] of rows.entries()) {
      if (position % ROWS_PER_GROUP === 0) {
        group = el("div", { class: "wb-rows", role: "rowgroup" });
        fragment.append(group);
      }
      const node = this.rowNode(row);
      this.rowNodes.set(row.id, node);
      group.append(node);
    }
    this.scroller.replaceChildren(fragment);
    this.applyFilter();
    this.drawSummary();
    for (const id of [...this.selected]) if (!this.byId.has(id)) this.selected.delete(id);
    this.drawSelection();
    const stashed = this.unstash();
    if (activeBefore !== null && this.byId.has(activeBefore)) {
      this.activate(activeBefore, { save: false, text: typing });
    } else if (stashed) {
      this.activate(stashed.seg, { scroll: "center", save: false, text: stashed.text });
    }
  }

  // ---- rows ------------------------------------------------------------------------------

  shown(row) {
    const local = this.pending.get(row.id);
    return {
      tgt: local ? local.text : row.tgt,
      state: local ? local.state : row.state,
    };
  }

  rowNode(row) {
    const node = el("div", {
      class: "wb-row" + (row.para ? " wb-para" : ""),
      role: "row",
      "data-id": row.id,
      "data-n": row.n,
    });
    node.append(
      el("div", { class: "wb-num" }),
      el("div", { class: "wb-src", lang: this.doc.source.lang, dir: this.doc.source.dir }),
      el("div", {
        class: `wb-tgt wb-${this.doc.target.script}`,
        lang: this.doc.target.lang,
        dir: this.doc.target.dir,
      }),
      el("div", { class: "wb-st" }),
    );
    this.fillRow(node, row);
    return node;
  }

  fillRow(node, row) {
    const { tgt, state } = this.shown(row);
    fillText(node.children[1], row.src, this.pattern);
    if (node.children[2].tagName === "DIV" && !(this.active === row.id && this.box)) {
      fillText(node.children[2], tgt, this.pattern);
    }
    const status = node.children[3];
    const conflict = this.conflicts.has(row.id);
    const label = conflict
      ? "Conflict"
      : state === "pretranslated"
        ? row.origin || "MT"
        : STATE_LABELS[state] || state;
    const badge = el("span", {
      class: `wb-state wb-s-${conflict ? "conflict" : state}`,
      text: label,
      title: row.by ? `${row.by}, ${row.at} UTC` : "",
    });
    status.replaceChildren(badge);
    if (this.pending.has(row.id)) status.append(el("span", { class: "wb-pending", text: "…", title: "Saving" }));
    const number = node.children[0];
    number.replaceChildren(el("span", { text: row.n }));
    if (row.rep) {
      number.append(
        el("span", {
          class: "wb-rep",
          "data-rep": row.rep,
          text: `↻${row.rep.split("/")[0]}`,
          title: `Repeated ${row.rep}: the same source occurs elsewhere in this document; confirming one occurrence fills the others`,
        }),
      );
    }
    if (row.qa && row.qa.length) {
      number.append(
        el("span", {
          class: "wb-qa",
          text: `⚠${row.qa.length}`,
          title: row.qa.map(([code, message]) => `${code}: ${message}`).join("\n"),
        }),
      );
    }
    node.dataset.state = conflict ? "conflict" : state;
    node.classList.toggle("wb-filled", this.filled.has(row.id));
    this.decorateReview(node, row); // review: status, lock, comments, reason
  }

  refreshRow(id) {
    const row = this.byId.get(id);
    const node = this.rowNodes.get(id);
    if (row && node) this.fillRow(node, row);
  }

  visibleRows() {
    return this.rows.filter((row) => !this.rowNodes.get(row.id).hidden);
  }

  // ---- the active row --------------------------------------------------------------------

  onRowClick(event) {
    const node = event.target.closest(".wb-row");
    if (!node || event.target.closest(".wb-tools") || event.target.closest("textarea")) return;
    const id = Number(node.dataset.id);
    if (this.selectClick(event, id)) return;
    if (id === this.active) return;
    event.preventDefault();
    this.activate(id, {});
  }

  activate(id, { scroll = "nearest", save = true, text = null } = {}) {
    if (save) this.saveIfChanged();
    this.deactivate();
    const row = this.byId.get(id);
    const node = this.rowNodes.get(id);
    if (!row || !node) return;
    if (node.hidden) {
      this.filterSelect.value = "all";
      this.setFilter();
    }
    this.active = id;
    node.classList.add("wb-active");
    const shown = this.shown(row);
    const box = el("textarea", {
      class: `wb-box wb-${this.doc.target.script}`,
      lang: this.doc.target.lang,
      dir: this.doc.target.dir,
      spellcheck: "true",
      rows: "1",
      "aria-label": `Target for sentence ${row.n}`,
      oninput: () => this.drawDirty(),
    });
    box.value = text !== null && text !== undefined ? text : shown.tgt;
    node.children[2].replaceWith(box);
    this.box = box;
    this.lockBox(row, box); // review: approved rows are read-only for translators
    const tools = el("div", { class: "wb-tools", "data-testid": "wb-tools" });
    node.append(tools);
    this.tools = null;
    this.drawTools();
    this.drawDirty();
    box.focus({ preventScroll: true });
    box.setSelectionRange(box.value.length, box.value.length);
    this.reveal(node, scroll);
    this.queue({ op: "open", seg: id, text: box.value });
    this.flush();
  }

  // Scroll the grid (not the page) so the row shows; the page scrolls only as far as needed
  // to show the whole grid, so that the rows use the screen.
  reveal(node, where) {
    const view = this.scroller.getBoundingClientRect();
    if (view.top < 0 || view.bottom > window.innerHeight + 1) {
      this.root.scrollIntoView({ block: "start" }); // below Streamlit's header: scroll-margin
    }
    const box = node.getBoundingClientRect();
    const inner = this.scroller.getBoundingClientRect();
    const offset = box.top - inner.top;
    if (where === "center") {
      this.scroller.scrollTop += offset - (inner.height - box.height) / 2;
    } else if (offset < 0) {
      this.scroller.scrollTop += offset;
    } else if (box.bottom > inner.bottom) {
      this.scroller.scrollTop += Math.min(offset, box.bottom - inner.bottom);
    }
  }

  deactivate() {
    if (this.active === null) return;
    const node = this.rowNodes.get(this.active);
    const row = this.byId.get(this.active);
    if (node && row) {
      node.classList.remove("wb-active");
      for (const extra of node.querySelectorAll(".wb-tools, .wb-actions, .wb-reseg")) extra.remove();
      this.reseg = null;
      const cell = el("div", {
        class: `wb-tgt wb-${this.doc.target.script}`,
        lang: this.doc.target.lang,
        dir: this.doc.target.dir,
      });
      if (this.box) this.box.replaceWith(cell);
      this.active = null;
      this.box = null;
      this.fillRow(node, row);
    }
    this.active = null;
    this.box = null;
  }

  unsaved() {
    if (this.outbox.some((op) => op.op === "save") || (this.inflight && this.inflight.hasSave)) return true;
    if (this.active === null || !this.box) return false;
    return this.box.value !== this.shown(this.byId.get(this.active)).tgt;
  }

  drawDirty() {
    if (this.active === null || !this.box) return;
    const dirty = this.box.value !== this.shown(this.byId.get(this.active)).tgt;
    this.rowNodes.get(this.active).classList.toggle("wb-dirty", dirty);
    if (dirty) this.say("Not saved yet", "dirty");
  }

  // Typing kept in the tab when the page goes away (another Streamlit page, a reload) so
  // it is not lost and not saved behind the editor's back.
  stashKey() {
    return this.doc ? `wb-unsaved:${this.doc.id}:${this.doc.target.code}` : null;
  }

  stash() {
    const key = this.stashKey();
    if (!key || this.active === null || !this.box) return;
    const row = this.byId.get(this.active);
    try {
      if (this.box.value !== this.shown(row).tgt) {
        sessionStorage.setItem(key, JSON.stringify({ seg: row.id, base: row.rev, text: this.box.value }));
      } else sessionStorage.removeItem(key);
    } catch (error) {
      /* storage disabled */
    }
  }

  unstash() {
    const key = this.stashKey();
    if (!key) return null;
    try {
      const raw = sessionStorage.getItem(key);
      sessionStorage.removeItem(key);
      if (!raw) return null;
      const stashed = JSON.parse(raw);
      const row = this.byId.get(stashed.seg);
      return row && row.rev === stashed.base ? stashed : null;
    } catch (error) {
      return null;
    }
  }

  // ---- saving ----------------------------------------------------------------------------

  saveIfChanged() {
    if (this.active === null || !this.box) return;
    const row = this.byId.get(this.active);
    if (this.box.value !== this.shown(row).tgt) this.save("draft");
  }

  save(action, extra = {}) {
    if (this.active === null || !this.box) return false;
    const row = this.byId.get(this.active);
    const text = extra.text !== undefined ? extra.text : this.box.value;
    if (this.refuseLocked()) return false; // review: approved and locked for this person
    if (!this.author.trim()) {
      this.say("Type your name in the sidebar first: every revision records it.", "error");
      return false;
    }
    if (action === "confirm" && !text.trim()) {
      this.say("An empty target cannot be confirmed.", "error");
      return false;
    }
    const shown = this.shown(row);
    if (action === "draft" && text === shown.tgt) {
      this.say("No change to save", "idle");
      return true;
    }
    const state = action === "confirm" ? "confirmed" : text === row.tgt && action !== "use" ? row.state : extra.origin ? "pretranslated" : "edited";
    this.pending.set(row.id, { text, state });
    this.conflicts.delete(row.id);
    this.queue({ op: "save", seg: row.id, action, text, origin: extra.origin, mt: extra.mt, t0: performance.now() });
    this.refreshRow(row.id);
    this.drawSummary();
    this.rowNodes.get(row.id).classList.remove("wb-dirty");
    this.say("Saving…", "busy");
    this.flush();
    return true;
  }

  applyAnswer(answer) {
    if (answer.op === "split" || answer.op === "merge") return this.applyResegAnswer(answer);
    if (this.reviewAnswer(answer)) return; // review: review, comment and resolve answers
    if (answer.notice) this.showNotice(answer.notice);
    if (answer.notice || answer.outcome === "updated") this.noteFilled(answer);
    const row = this.byId.get(answer.seg);
    if (!row) return;
    if (answer.outcome === "updated") {
      // the store moved this row on for us (a repetition filled, or that undone)
      const untouched = this.active === answer.seg && this.box && this.box.value === this.shown(row).tgt;
      Object.assign(row, answer.row);
      if (untouched) this.box.value = row.tgt;
    } else if (answer.outcome === "conflict") {
      this.conflicts.set(answer.seg, answer);
      this.pending.delete(answer.seg);
      this.say(answer.message, "error");
      if (this.active === answer.seg) this.drawTools();
    } else if (answer.outcome === "refused") {
      this.pending.delete(answer.seg);
      // nothing was stored: the typed text goes back into its box, to be saved again
      if (answer.mine !== undefined && this.active !== answer.seg) {
        this.activate(answer.seg, { scroll: "center", save: false, text: answer.mine });
      } else if (answer.mine !== undefined && this.box && this.box.value !== answer.mine) {
        this.box.value = answer.mine;
      }
      this.say(answer.message, "error");
    } else {
      Object.assign(row, answer.row);
      const sent = this.sentTimes.get(answer.id);
      const took = sent ? ` · ${Math.round(performance.now() - sent)} ms` : "";
      this.say(answer.outcome === "saved" ? `Saved #${row.n}${took}` : `No change #${row.n}`, "saved");
      if (sent) this.saveState.dataset.ms = String(Math.round(performance.now() - sent));
    }
    this.refreshRow(answer.seg);
    this.drawSummary();
  }

  // Pending marks are cleared once nothing for that segment waits any more.
  settlePending() {
    const waiting = new Set(this.outbox.filter((op) => op.op === "save").map((op) => op.seg));
    for (const id of [...this.pending.keys()]) {
      if (!waiting.has(id)) {
        this.pending.delete(id);
        this.refreshRow(id);
      }
    }
    if (this.active !== null && this.box) this.drawDirty();
  }

  queue(op) {
    if (op.op === "open") this.outbox = this.outbox.filter((o) => o.op !== "open");
    if (op.op === "rows") {
      if (this.outbox.some((o) => o.op === "rows")) return;
    }
    this.counter += 1;
    op.id = `${this.loadId}-${this.counter}`;
    this.outbox.push(op);
  }

  flush() {
    if (this.inflight || !this.outbox.length) return;
    // saves go alone, so that their answer is not held up by looking up tools
    const saving = this.outbox.some((op) => op.op === "save" || op.op === "replace" || op.op === "undo" || REVIEW_OPS.has(op.op));
    const ops = saving ? this.outbox.filter((op) => op.op !== "open" && op.op !== "preview" && op.op !== "poll") : this.outbox.slice();
    this.outbox = this.outbox.filter((op) => !ops.includes(op));
    const sent = [];
    for (const op of ops) {
      if (op.op === "save") {
        // the base is the revision the grid last heard of; within a batch Python chains saves
        op.base = this.byId.get(op.seg) ? this.byId.get(op.seg).rev : null;
        this.sentTimes.set(op.id, op.t0 || performance.now());
      }
      if (op.op === "split" || op.op === "merge") this.resegBases(op);
      if (op.op === "review") op.base = this.byId.get(op.seg) ? this.byId.get(op.seg).rev : null; // review
      const { t0, ...wire } = op;
      sent.push(wire);
    }
    this.counter += 1;
    const batch = `${this.loadId}-b${this.counter}`;
    const view = this.noteView();
    this.inflight = { batch, ops: sent, view, at: Date.now(), hasSave: sent.some((op) => op.op === "save") };
    this.root.dataset.waiting = ops.map((op) => op.op).join(" "); // what the grid waits for
    this.send("ops", { batch, ops: sent, view });
  }

  resendIfStuck() {
    if (this.inflight && Date.now() - this.inflight.at > this.resendAfter()) {
      this.inflight.at = Date.now();
      this.send("ops", { batch: this.inflight.batch, ops: this.inflight.ops, view: this.inflight.view });
    }
  }

  // A line above the grid about what a save did besides (repetitions filled), with its undo.
  showNotice(notice) {
    const close = el("button", { type: "button", class: "wb-link", text: "×", "aria-label": "Close", onclick: () => (this.message.hidden = true) });
    const undo = notice.undo
      ? el("button", {
          type: "button",
          class: "wb-link",
          text: "Undo",
          onclick: () => {
            this.queue({ op: "undo", token: notice.undo });
            this.message.replaceChildren(el("span", { text: "Undoing…" }));
            this.flush();
          },
        })
      : null;
    this.message.replaceChildren(el("span", { text: notice.text }), undo, close);
    this.message.hidden = false;
  }

  say(text, kind) {
    this.saveState.textContent = text;
    this.saveState.dataset.kind = kind;
  }

  // ---- moving ----------------------------------------------------------------------------

  move(step) {
    const rows = this.visibleRows().filter((row) => row.id === this.active || !this.skipsRow(row));
    if (!rows.length) return;
    const at = rows.findIndex((row) => row.id === this.active);
    const next = at < 0 ? rows[0] : rows[Math.min(Math.max(at + step, 0), rows.length - 1)];
    if (next.id !== this.active) this.activate(next.id, {});
  }

  confirmAndNext() {
    const confirmed = this.byId.get(this.active);
    if (!this.save("confirm")) return;
    const at = this.rows.findIndex((row) => row.id === this.active);
    for (let step = 1; step < this.rows.length; step += 1) {
      const row = this.rows[(at + step) % this.rows.length];
      if (this.shown(row).state !== "confirmed" && !this.skipsRow(row, confirmed)) {
        this.activate(row.id, { save: false });
        return;
      }
    }
    this.say("Every sentence is confirmed", "saved");
  }

  goTo(number) {
    const row = this.rows.find((r) => r.n === number);
    if (row) this.activate(row.id, { scroll: "center" });
    else this.say(`No sentence ${number}`, "error");
  }

  // ---- tools of the active row --------------------------------------------------------------

  toolItems() {
    const items = [];
    const tools = this.tools;
    if (!tools) return items;
    for (const match of tools.matches) items.push({ kind: "tm", text: match.tgt, match });
    for (const alt of tools.alternatives) items.push({ kind: "mt", text: alt.tgt, alt });
    for (const term of tools.terms) items.push({ kind: "term", text: term.tgt, term });
    return items;
  }

  useItem(number) {
    const item = this.toolItems()[number - 1];
    if (!item || !this.box || this.refuseLocked()) return; // review
    if (item.kind === "term") {
      const box = this.box;
      const start = box.selectionStart;
      const end = box.selectionEnd;
      box.setRangeText(item.text, start, end, "end");
      box.focus();
      this.drawDirty();
      return;
    }
    this.box.value = item.text;
    const origin = item.kind === "tm" ? "tm" : "mt";
    this.save("use", { text: item.text, origin, mt: item.kind === "mt" ? this.tools.mt.id : undefined });
    this.box.focus();
  }

  drawTools() {
    const node = this.active !== null ? this.rowNodes.get(this.active) : null;
    const panel = node ? node.querySelector(".wb-tools") : null;
    if (!panel) return;
    const row = this.byId.get(this.active);
    const target = this.doc.target;
    const tgtAttrs = (cls) => ({ class: `${cls} wb-${target.script}`, lang: target.lang, dir: target.dir });
    const ccFocus = this.concordanceFocus();
    panel.replaceChildren();
    const actions = el(
      "div",
      { class: "wb-actions" },
      el("button", { type: "button", text: "Confirm", title: "Ctrl+Enter: confirm and go to the next unconfirmed sentence", onclick: () => this.confirmAndNext() }),
      el("button", { type: "button", text: "Save draft", title: `${this.altName()}+Enter`, onclick: () => this.save("draft") }),
      el("button", { type: "button", text: "Copy source", title: `${this.altName()}+C`, onclick: () => this.copySource() }),
      el("button", {
        type: "button",
        text: "Concordance",
        title: `${this.altName()}+Q: look up the selected words in the memory and every document`,
        onmousedown: (event) => event.preventDefault(), // keep the selection to look up
        onclick: () => this.lookUp(),
      }),
      ...this.resegButtons(),
    );
    panel.append(actions);
    this.drawRepetitionTools(actions);
    this.drawReviewHead(panel, actions, row); // review: reason first, approve/send back, lock
    const conflict = this.conflicts.get(this.active);
    if (conflict) {
      const theirs = conflict.theirs || {};
      panel.append(
        el(
          "div",
          { class: "wb-conflict", role: "alert" },
          el("div", { text: `${conflict.message} Your text is in the box; theirs (${theirs.by || "someone"}, ${theirs.state || ""}) is below. Choose which one to keep.` }),
          el("div", tgtAttrs("wb-theirs"), theirs.tgt || ""),
          el("button", { type: "button", text: "Keep mine", onclick: () => this.keepMine() }),
          el("button", { type: "button", text: "Take theirs", onclick: () => this.takeTheirs() }),
        ),
      );
    }
    this.ccNode = el("div", { class: "wb-cc", "data-testid": "wb-concordance" });
    if (this.cc && this.cc.seg === this.active) this.drawConcordance(ccFocus);
    if (!this.tools) {
      panel.append(el("div", { class: "wb-muted", text: "Loading matches…" }), this.ccNode);
      return;
    }
    let number = 0;
    const list = el("ol", { class: "wb-items" });
    for (const match of this.tools.matches) {
      number += 1;
      const n = number;
      list.append(
        el(
          "li",
          { class: "wb-item wb-tm", "data-kind": "tm" },
          el("button", { type: "button", class: "wb-use", text: `${n}`, title: `Use this match (Ctrl+Shift+${n})`, onclick: () => this.useItem(n) }),
          el("span", { class: "wb-score", text: `TM ${match.score}%` }),
          el("bdi", { class: "wb-from", text: match.from }),
          diffNode(match.diff, "wb-diff wb-srcdiff"),
          el("div", tgtAttrs("wb-alt-text"), match.tgt),
        ),
      );
    }
    for (const alt of this.tools.alternatives) {
      number += 1;
      const n = number;
      if (this.box && alt.tgt === this.box.value) {
        // nothing to show but that it is there: one word on the actions line
        actions.append(el("span", { class: "wb-muted wb-same", "data-kind": "mt", text: `${n} · MT ${alt.rank + 1} = the box` }));
        continue;
      }
      const node = diffNode(alt.diff, `wb-diff wb-alt-text wb-${target.script}`);
      node.setAttribute("lang", target.lang);
      node.setAttribute("dir", target.dir);
      list.append(
        el(
          "li",
          { class: "wb-item wb-mt", "data-kind": "mt" },
          el("button", { type: "button", class: "wb-use", text: `${n}`, title: `Use this alternative (Ctrl+Shift+${n})`, onclick: () => this.useItem(n) }),
          el("span", { class: "wb-score", text: `MT ${alt.rank + 1}`, title: `score ${alt.score}` }),
          node,
        ),
      );
    }
    this.markTerms(node, row);
    if (this.tools.terms.length) {
      const terms = el("div", { class: "wb-terms" }, el("span", { class: "wb-muted", text: "Glossary: " }));
      for (const term of this.tools.terms) {
        number += 1;
        const n = number;
        terms.append(
          el(
            "button",
            { type: "button", class: "wb-term", title: `Insert at the cursor (Ctrl+Shift+${n})`, onclick: () => this.useItem(n) },
            el("span", { class: "wb-key", text: `${n}` }),
            el("bdi", { lang: this.doc.source.lang, text: term.src }),
            " → ",
            el("bdi", tgtAttrs("wb-term-tgt"), term.tgt),
          ),
        );
      }
      panel.append(terms);
    }
    panel.append(list);
    if (this.tools.qa.length) {
      const qa = el("ul", { class: "wb-qa-list" });
      for (const [code, message] of this.tools.qa) qa.append(el("li", {}, el("b", { text: code }), " ", el("bdi", { text: message })));
      panel.append(qa);
    }
    const earlier = this.tools.earlier || [];
    if (this.tools.history.length || earlier.length) {
      const history = el("div", { class: "wb-history", hidden: !this.historyOpen });
      const count = this.tools.history.length + earlier.reduce((n, e) => n + e.history.length, 0);
      actions.append(
        el("button", {
          type: "button",
          class: "wb-link",
          text: `History · ${count}`,
          "aria-expanded": String(Boolean(this.historyOpen)),
          onclick: (event) => {
            this.historyOpen = !this.historyOpen;
            history.hidden = !this.historyOpen;
            event.target.setAttribute("aria-expanded", String(this.historyOpen));
          },
        }),
      );
      for (const rev of this.tools.history) {
        history.append(
          el(
            "div",
            { class: "wb-rev" },
            el("span", { class: "wb-muted", text: `${rev.n}. ${rev.by} · ${rev.at} · ${rev.origin} · ${rev.status}` }),
            el("div", tgtAttrs("wb-alt-text"), rev.tgt),
          ),
        );
      }
      this.drawEarlierHistory(history, earlier, tgtAttrs);
      panel.append(history);
    }
    panel.append(this.ccNode);
    this.drawReviewTools(panel); // review: changes MT → translator → reviewer, comments
  }

  // ---- concordance -------------------------------------------------------------------------

  // The words selected in the box (searched in translations) or on the page (a source is
  // searched in sources); with nothing selected, an empty lookup field.
  lookUp() {
    if (this.active === null) return;
    const rootNode = this.root.getRootNode();
    const focused = rootNode.activeElement || document.activeElement;
    const box = this.box;
    let query = "";
    let target = false;
    if (box && focused === box && box.selectionEnd > box.selectionStart) {
      query = box.value.slice(box.selectionStart, box.selectionEnd);
      target = true;
    } else {
      const selection = rootNode.getSelection ? rootNode.getSelection() : window.getSelection();
      query = selection ? selection.toString() : "";
      const anchor = selection && selection.anchorNode;
      const element = anchor && (anchor.nodeType === 1 ? anchor : anchor.parentElement);
      target = Boolean(element && element.closest && element.closest(".wb-tgt, .wb-alt-text, .wb-theirs, .wb-term-tgt"));
    }
    this.cc = { seg: this.active, query: query.replace(/\s+/g, " ").trim(), target, hits: null };
    if (this.cc.query) this.askConcordance();
    else this.cc.hits = [];
    this.drawConcordance(!this.cc.query);
  }

  selectedInGrid() {
    const rootNode = this.root.getRootNode();
    const selection = rootNode.getSelection ? rootNode.getSelection() : window.getSelection();
    return Boolean(this.active !== null && selection && selection.toString().trim() && selection.anchorNode && this.root.contains(selection.anchorNode));
  }

  askConcordance() {
    this.queue({ op: "concordance", query: this.cc.query, target: this.cc.target, whole: this.ccWhole });
    this.flush();
  }

  // Where the caret is in the concordance field, if it has the focus: the tools are drawn
  // again when data arrives, and whoever is typing there keeps typing.
  concordanceFocus() {
    if (this.ccFocusPending) return this.ccFocusPending; // drawn, not focused yet
    const field = this.ccField;
    if (!field || !field.isConnected || this.root.getRootNode().activeElement !== field) return false;
    return { start: field.selectionStart, end: field.selectionEnd };
  }

  closeConcordance() {
    this.cc = null;
    this.ccField = null;
    if (this.ccNode) this.ccNode.replaceChildren();
  }

  // Look the field's phrase up again (Enter, or the side or whole words changed).
  askAgain(field, side) {
    this.cc = { seg: this.active, query: field.value.replace(/\s+/g, " ").trim(), target: side.checked, hits: null };
    if (this.cc.query) this.askConcordance();
    else this.cc.hits = [];
    this.drawConcordance(true);
  }

  drawConcordance(focusField) {
    if (!this.ccNode || !this.cc) return;
    const cc = this.cc;
    if (this.ccWhole === undefined) this.ccWhole = true; // whole words unless unticked
    const side = el("input", { type: "checkbox", checked: cc.target, onchange: () => this.askAgain(field, side) });
    const whole = el("input", {
      type: "checkbox",
      checked: this.ccWhole,
      onchange: () => {
        this.ccWhole = whole.checked;
        this.askAgain(field, side);
      },
    });
    const field = el("input", {
      type: "search",
      class: "wb-cc-query",
      dir: "auto",
      placeholder: "Word or phrase",
      "aria-label": "Concordance",
      oninput: () => (cc.typed = field.value),
      onkeydown: (event) => {
        if (event.key !== "Enter") return;
        event.preventDefault();
        this.askAgain(field, side);
      },
    });
    field.value = cc.typed !== undefined ? cc.typed : cc.query;
    const head = el(
      "div",
      { class: "wb-cc-head" },
      el("b", { text: "Concordance" }),
      field,
      el("label", {}, side, " In translations"),
      el("label", { title: "Off: the phrase may start or end inside a word (Afghan finds Afghanistan)" }, whole, " Whole words"),
      el("button", { type: "button", class: "wb-link", text: "×", "aria-label": "Close the lookup (Esc)", onclick: () => this.closeConcordance() }),
    );
    const target = this.doc.target;
    const results = el("div", { class: "wb-cc-hits" });
    if (cc.hits === null) results.append(el("div", { class: "wb-muted", text: "Looking…" }));
    else if (cc.message) results.append(el("div", { class: "wb-muted", text: cc.message }));
    else if (cc.query && !cc.hits.length) results.append(el("div", { class: "wb-muted", text: `“${cc.query}” was not found.` }));
    for (const hit of cc.hits || []) {
      results.append(
        el(
          "div",
          { class: "wb-cc-hit" },
          el("bdi", { class: "wb-muted", text: hit.about }),
          this.marked(hit.src, { class: "wb-cc-src", lang: this.doc.source.lang, dir: "auto" }),
          this.marked(hit.tgt, { class: `wb-cc-tgt wb-${target.script}`, lang: target.lang, dir: target.dir }),
        ),
      );
    }
    if (cc.more) results.append(el("div", { class: "wb-muted", text: `Only the ${cc.hits.length} most recent are shown: add a word to narrow the search.` }));
    this.ccNode.replaceChildren(head, results);
    this.ccField = field;
    if (focusField) {
      // the node may not be in the page yet (the tools are being drawn): focus once it is,
      // the field drawn last (one data update may draw it twice)
      this.ccFocusPending = focusField === true ? {} : focusField;
      queueMicrotask(() => {
        const want = this.ccFocusPending;
        this.ccFocusPending = null;
        const latest = this.ccField;
        if (!want || !latest || !latest.isConnected) return;
        latest.focus({ preventScroll: true });
        if (want.start !== undefined) latest.setSelectionRange(want.start, want.end);
      });
    }
  }

  marked(pieces, attrs) {
    const node = el("div", attrs);
    for (const [isMatch, text] of pieces) node.append(isMatch ? el("mark", { text }) : text);
    return node;
  }

  // The active sentence's glossary terms marked in its source (and find hits, as elsewhere).
  markTerms(node, row) {
    const words = this.tools.terms.map((t) => t.src).filter(Boolean);
    if (!words.length) return;
    const escaped = words.sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    fillText(node.children[1], row.src, new RegExp(escaped.join("|"), "g"));
    for (const mark of node.children[1].querySelectorAll("mark")) mark.className = "wb-term-src";
  }

  keepMine() {
    const conflict = this.conflicts.get(this.active);
    if (!conflict) return;
    const row = this.byId.get(this.active);
    Object.assign(row, conflict.theirs); // their revision becomes the base of my save
    this.conflicts.delete(this.active);
    this.save("draft", { text: this.box.value });
    this.drawTools();
  }

  takeTheirs() {
    const conflict = this.conflicts.get(this.active);
    if (!conflict) return;
    const row = this.byId.get(this.active);
    Object.assign(row, conflict.theirs);
    this.conflicts.delete(this.active);
    this.box.value = row.tgt;
    this.refreshRow(row.id);
    this.drawTools();
    this.drawDirty();
    this.say("Their text is in the box", "idle");
  }

  copySource() {
    if (!this.box || this.refuseLocked()) return; // review
    this.box.value = this.byId.get(this.active).src;
    this.box.focus();
    this.drawDirty();
  }

  // ---- find, filter, replace ---------------------------------------------------------------

  setFind() {
    this.pattern = findPattern(this.findInput.value, false);
    let hits = 0;
    for (const row of this.rows) {
      const node = this.rowNodes.get(row.id);
      this.fillRow(node, row);
      const text = `${row.src}\n${this.shown(row).tgt}`;
      const found = this.pattern ? (text.match(this.pattern) || []).length : 0;
      node.classList.toggle("wb-hit", found > 0);
      hits += found;
    }
    this.hitCount.textContent = this.pattern ? `${hits} found` : "";
  }

  // The next (or previous) sentence with a hit after the open one, wrapping round.
  nextHit(step) {
    const hits = this.visibleRows().filter((row) => this.rowNodes.get(row.id).classList.contains("wb-hit"));
    if (!hits.length) return;
    const here = this.active !== null ? this.byId.get(this.active).n : 0;
    const target =
      step > 0
        ? hits.find((row) => row.n > here) || hits[0]
        : [...hits].reverse().find((row) => row.n < here) || hits[hits.length - 1];
    this.activate(target.id, { scroll: "center" });
    this.findInput.focus();
  }

  setFilter() {
    this.filter = this.filterSelect.value;
    this.applyFilter();
  }

  applyFilter() {
    for (const row of this.rows) {
      const { state } = this.shown(row);
      const review = this.reviewKeeps(row); // review: status and open-comment filters
      const keep =
        (review !== null && (review || row.id === this.active)) ||
        this.filter === "all" ||
        (this.filter === "open" && state !== "confirmed") ||
        (this.filter === "qa" && row.qa.length > 0) ||
        state === this.filter ||
        row.id === this.active;
      this.rowNodes.get(row.id).hidden = !keep;
    }
    for (const group of this.scroller.children) {
      const shown = [...group.children].filter((node) => !node.hidden).length;
      group.hidden = shown === 0;
      group.style.containIntrinsicSize = `auto ${shown * ROW_HEIGHT_GUESS}px`;
    }
  }

  toggleReplace(open) {
    this.replacePanel.hidden = !open;
    if (open) {
      if (this.findInput.value && !this.replaceFind.value) this.replaceFind.value = this.findInput.value;
      this.replaceFind.focus();
    }
  }

  askPreview() {
    this.queue({ op: "preview", find: this.replaceFind.value, replace: this.replaceWith.value, case: this.replaceCase.checked });
    this.previewList.replaceChildren(el("div", { class: "wb-muted", text: "Looking…" }));
    this.flush();
  }

  drawPreview() {
    if (this.replacePanel.hidden) return;
    const preview = this.preview;
    if (!preview) {
      if (!this.previewList.querySelector(".wb-muted")) this.previewList.replaceChildren();
      return;
    }
    const target = this.doc.target;
    const items = preview.items;
    const list = el("div", { class: "wb-preview-items" });
    for (const item of items) {
      list.append(
        el(
          "label",
          { class: "wb-preview-item" },
          el("input", { type: "checkbox", checked: true, "data-id": item.id }),
          el("span", { class: "wb-num", text: item.n }),
          el("del", { class: `wb-${target.script}`, lang: target.lang, dir: target.dir, text: item.before }),
          el("ins", { class: `wb-${target.script}`, lang: target.lang, dir: target.dir, text: item.after }),
          item.confirmed ? el("span", { class: "wb-muted", text: "confirmed: needs confirming again" }) : null,
        ),
      );
    }
    this.previewList.replaceChildren(
      el("div", { class: "wb-muted", text: `${items.length} target${items.length === 1 ? "" : "s"} would change` }),
      list,
      items.length
        ? el("button", { type: "button", class: "wb-primary", text: "Replace in ticked sentences", onclick: () => this.replaceChosen() })
        : null,
    );
  }

  replaceChosen() {
    if (!this.author.trim()) {
      this.say("Type your name in the sidebar first: every revision records it.", "error");
      return;
    }
    const segs = [...this.previewList.querySelectorAll("input[type=checkbox]:checked")].map((box) => Number(box.dataset.id));
    this.queue({ op: "replace", find: this.preview.find, replace: this.preview.replace, case: this.replaceCase.checked, segs });
    this.say("Replacing…", "busy");
    this.previewList.replaceChildren();
    this.flush();
  }

  drawSummary() {
    const counts = { untranslated: 0, pretranslated: 0, edited: 0, confirmed: 0 };
    let words = 0;
    let done = 0;
    for (const row of this.rows) {
      const { state } = this.shown(row);
      counts[state] = (counts[state] || 0) + 1;
      words += row.words;
      if (state === "confirmed") done += row.words;
    }
    const percent = words ? Math.round((100 * done) / words) : 0;
    const parts = [`${percent}% done`, `✓ ${counts.confirmed} confirmed`, `${counts.edited} edited`, `${counts.pretranslated} MT/TM`];
    if (counts.untranslated) parts.push(`${counts.untranslated} empty`);
    parts.push(...this.reviewSummary()); // review: approved, rejected, open comments
    this.summary.textContent = parts.join(" · ");
    this.summary.title = "Share of source words in confirmed sentences; sentences by state";
  }

  // ==== repetitions (issue 18; the rules in workbench/editing/repetitions.py) ===============
  buildRepetitions() {
    this.skip = undefined;
    this.propagate = true;
    this.skipBox = el("input", {
      type: "checkbox",
      checked: true,
      onchange: () => {
        this.skip = this.skipBox.checked;
        this.queue({ op: "skip", on: this.skip });
        this.flush();
      },
    });
    this.gotoInput.before(
      el(
        "label",
        {
          class: "wb-skip",
          title:
            "Alt+↓/↑ and Confirm pass over repetitions that confirming another occurrence filled (and those it is about to fill). Off: visit every sentence.",
        },
        this.skipBox,
        " Skip repetitions",
      ),
    );
  }

  // The choice is the grid's from its first data on (a toggle not yet answered stays).
  // data.skip: the session's choice; data.propagate: whether a confirm fills repetitions.
  setRepetitionChoices(data) {
    this.propagate = data.propagate !== false;
    if (this.skip === undefined) {
      this.skip = data.skip !== false;
      this.skipBox.checked = this.skip;
    }
  }

  // Whether moving passes over `row`: with skipping on, a repetition a propagation filled,
  // and (right after confirming `confirmed`) one of its repetitions that the propagation
  // is about to fill: empty, or a machine or memory draft nobody worked on.
  skipsRow(row, confirmed = null) {
    if (!this.skip || row.group === null || row.group === undefined) return false;
    if (row.origin === "Rep" && !this.pending.has(row.id)) return true;
    if (!confirmed || !this.propagate || confirmed.group !== row.group || confirmed.id === row.id) return false;
    const { state } = this.shown(row);
    return state === "untranslated" || (state === "pretranslated" && (row.origin === "MT" || row.origin === "TM"));
  }

  // The rows a confirm filled are marked, and listed with the notice that offers the undo;
  // the next notice (another confirm's, or the undo's) starts afresh.
  noteFilled(answer) {
    if (answer.notice) {
      const before = [...this.filled];
      this.filled.clear();
      for (const id of before) this.refreshRow(id);
      if (answer.notice.undo) this.message.insertBefore(el("span", { class: "wb-filled-list", "data-testid": "wb-filled" }), this.message.children[1] || null);
      return;
    }
    if (!answer.filled) {
      this.filled.delete(answer.seg); // undone
      return;
    }
    this.filled.add(answer.seg);
    const row = this.byId.get(answer.seg);
    const list = this.message.querySelector(".wb-filled-list");
    if (row && list) list.append(el("button", { type: "button", class: "wb-link wb-rep-go", text: `#${row.n}`, title: `Go to sentence ${row.n}`, onclick: () => this.goTo(row.n) }));
  }

  // "Repetition 2 of 3 · first occurrence #4": the active sentence's place among its repetitions.
  drawRepetitionTools(actions) {
    const reps = this.tools && this.tools.id === this.active ? this.tools.repeats : null;
    if (!reps) return;
    const go = (n) => el("button", { type: "button", class: "wb-link wb-rep-go", text: `#${n}`, title: `Go to sentence ${n}`, onclick: () => this.goTo(n) });
    const line = el("span", { class: "wb-reps", "data-testid": "wb-reps" });
    if (reps.place === 1) line.append(`↻ First of ${reps.count} occurrences in this document`);
    else line.append(`↻ Repetition ${reps.place} of ${reps.count} · first occurrence `, go(reps.first));
    const others = reps.others.filter(([n]) => n !== reps.first);
    if (others.length) {
      line.append(" · also ");
      for (const [n] of others.slice(0, 6)) line.append(go(n));
      if (others.length > 6) line.append(` +${others.length - 6}`);
    }
    actions.append(line);
  }

  // ---- background translation jobs (workbench/editing/background.py) --------------------
  // While a job of this document and target is active the grid sends a `poll` every second
  // (never with a save); the answer holds only the rows that changed, which are filled in
  // without touching the open box unless it still shows what it showed before. Rows can be
  // selected (Shift+click, Ctrl/Cmd+click, Alt+L) and translated again.

  buildJobs() {
    this.job = null;
    this.sawJobs = new Set(); // ids of jobs this page saw active: their outcome is news
    this.sawEnded = new Set(); // ids of ended jobs this page has polled for once
    this.lastPoll = 0;
    this.finalPoll = false;
    this.viewSent = "";
    this.selected = new Set();
    this.anchor = null;
    this.jobBar = el("progress", { class: "wb-job-bar", max: "100", value: "0", "aria-label": "Translation progress" });
    this.jobText = el("span", { class: "wb-job-text", role: "status", "aria-live": "polite" });
    this.jobFailed = el("span", { class: "wb-job-failed" });
    this.jobCancel = el("button", {
      type: "button",
      class: "wb-link wb-job-cancel",
      text: "Cancel",
      title: "Stop after the batch in flight; what was translated stays",
      onclick: () => this.cancelJob(),
    });
    this.jobClose = el("button", { type: "button", class: "wb-link", text: "×", "aria-label": "Hide this line", onclick: () => this.dismissJob() });
    this.jobLine = el("div", { class: "wb-job", hidden: true, "data-testid": "wb-job" }, this.jobBar, this.jobText, this.jobFailed, this.jobCancel, this.jobClose);
    this.selectionCount = el("span", { class: "wb-selection-count" });
    this.selectionLine = el(
      "div",
      { class: "wb-selection", hidden: true },
      this.selectionCount,
      el("button", { type: "button", class: "wb-primary", text: "Translate again", title: "Machine-translate the selected sentences again in the background; a sentence someone edited keeps its text", onclick: () => this.translateAgain() }),
      el("button", { type: "button", class: "wb-link", text: "Clear selection", onclick: () => this.clearSelection() }),
    );
    this.scroller.addEventListener("scroll", () => {
      clearTimeout(this.viewTimer);
      this.viewTimer = setTimeout(() => this.sendView(), 400);
    }, { passive: true });
    return [this.jobLine, this.selectionLine];
  }

  // Ids of the rows on the grid's screen, top first (what a new job translates first).
  currentView() {
    const rows = this.visibleRows();
    if (!rows.length) return [];
    const inner = this.scroller.getBoundingClientRect();
    const below = (row) => this.rowNodes.get(row.id).getBoundingClientRect().bottom > inner.top;
    let low = 0;
    let high = rows.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (below(rows[middle])) high = middle;
      else low = middle + 1;
    }
    const ids = [];
    for (let i = low; i < rows.length && ids.length < 100; i += 1) {
      if (this.rowNodes.get(rows[i].id).getBoundingClientRect().top >= inner.bottom) break;
      ids.push(rows[i].id);
    }
    return ids;
  }

  noteView() {
    const view = this.currentView();
    this.viewSent = view.join(",");
    return view;
  }

  // After a scroll: tell Python what is on screen, so that Translate starts there.
  sendView() {
    if (this.inflight || this.outbox.length) return; // the next batch carries it
    if (this.currentView().join(",") === this.viewSent) return;
    this.queue({ op: "view" });
    this.flush();
  }

  pollJob() {
    if (!this.job || (!this.job.active && !this.finalPoll)) return;
    if (this.inflight || this.outbox.length || Date.now() - this.lastPoll < 1000) return;
    this.lastPoll = Date.now();
    this.finalPoll = false;
    this.queue({ op: "poll" });
    this.flush();
  }

  // The rows a poll found changed, and a line about what a batch started (or could not).
  applyJobAnswer(data) {
    const rows = data.patch || [];
    let openChanged = false;
    for (const fresh of rows) {
      const row = this.byId.get(fresh.id);
      if (!row) continue;
      const open = this.active === fresh.id && this.box;
      const untouched = open && !this.pending.has(fresh.id) && this.box.value === this.shown(row).tgt;
      Object.assign(row, fresh);
      if (open) {
        if (untouched) this.box.value = row.tgt;
        openChanged = true;
        this.drawDirty();
      }
      this.refreshRow(fresh.id);
    }
    if (rows.length) {
      this.drawSummary();
      if (this.filter !== "all") this.applyFilter();
    }
    if (openChanged) this.queue({ op: "open", seg: this.active, text: this.box.value }); // its new MT
    if (data.notice) this.say(data.notice.text, data.notice.kind);
  }

  setJob(job) {
    const wasActive = Boolean(this.job && this.job.active);
    this.job = job || null;
    if (wasActive && !(job && job.active)) this.finalPoll = true; // the last batch's rows
    const line = this.jobLine;
    if (!job) {
      line.hidden = true;
      return;
    }
    if (job.active) for (const id of job.ids) this.sawJobs.add(id);
    else if (!this.sawEnded.has(job.ids[0])) {
      this.sawEnded.add(job.ids[0]);
      this.finalPoll = true; // it may have ended before this page polled: its rows
    }
    const news = job.active || job.news || this.sawJobs.has(job.ids[0]);
    if (!news || (!job.active && this.dismissed() === String(job.ids[0]))) {
      line.hidden = true;
      return;
    }
    line.hidden = false;
    line.dataset.state = job.active ? "running" : job.state;
    this.jobText.textContent = job.text;
    this.jobBar.hidden = !job.active;
    this.jobBar.value = job.total ? Math.round((100 * job.done) / job.total) : 0;
    this.jobBar.title = `${job.done} of ${job.total}`;
    this.jobCancel.hidden = !job.active || Boolean(job.stopping);
    this.jobClose.hidden = job.active;
    this.jobFailed.replaceChildren();
    const failed = job.failedRows || [];
    if (failed.length) {
      this.jobFailed.append(el("span", { text: "Not translated: " }));
      for (const number of failed) {
        this.jobFailed.append(el("button", { type: "button", class: "wb-link", text: `#${number}`, title: "Go to this sentence", onclick: () => this.goTo(number) }), " ");
      }
    }
  }

  dismissKey() {
    return `wb-job-dismissed:${this.doc.id}:${this.doc.target.code}`;
  }

  dismissed() {
    try {
      return sessionStorage.getItem(this.dismissKey());
    } catch (error) {
      return null;
    }
  }

  dismissJob() {
    try {
      sessionStorage.setItem(this.dismissKey(), String(this.job.ids[0]));
    } catch (error) {
      /* storage disabled: hidden until the next run */
    }
    this.jobLine.hidden = true;
  }

  cancelJob() {
    this.jobCancel.hidden = true;
    this.jobText.textContent = "Stopping after the batch in flight…";
    this.queue({ op: "cancel" });
    this.flush();
  }

  selectClick(event, id) {
    if (!(event.shiftKey || event.ctrlKey || event.metaKey)) return false;
    event.preventDefault();
    if (event.shiftKey) {
      const from = this.rows.findIndex((row) => row.id === (this.anchor ?? this.active ?? id));
      const to = this.rows.findIndex((row) => row.id === id);
      for (let i = Math.min(from, to); i <= Math.max(from, to); i += 1) {
        if (!this.rowNodes.get(this.rows[i].id).hidden) this.selected.add(this.rows[i].id);
      }
    } else {
      this.toggleSelected(id);
      return true;
    }
    this.drawSelection();
    return true;
  }

  toggleSelected(id) {
    if (this.selected.has(id)) this.selected.delete(id);
    else this.selected.add(id);
    this.anchor = id;
    this.drawSelection();
  }

  clearSelection() {
    this.selected.clear();
    this.anchor = null;
    this.drawSelection();
  }

  drawSelection() {
    for (const [id, node] of this.rowNodes) node.classList.toggle("wb-selected", this.selected.has(id));
    const count = this.selected.size;
    this.selectionLine.hidden = count === 0;
    this.selectionCount.textContent = `${count} sentence${count === 1 ? "" : "s"} selected`;
  }

  translateAgain() {
    const segs = this.rows.filter((row) => this.selected.has(row.id)).map((row) => row.id);
    if (!segs.length) return;
    this.queue({ op: "again", segs });
    this.say("Starting the translation…", "busy");
    this.clearSelection();
    this.flush();
  }

  // ---- keyboard ----------------------------------------------------------------------------

  altName() {
    return isMac ? "Ctrl+Option" : "Alt";
  }

  toggleHelp(force) {
    const open = force !== undefined ? force : this.help.hidden;
    if (open) {
      const table = el("table", {}, el("tr", {}, el("th", { text: "Windows, Linux" }), el("th", { text: "macOS" }), el("th", { text: "Action" })));
      for (const [keys, macKeys, action] of this.shortcuts) {
        table.append(el("tr", {}, el("td", {}, el("kbd", { text: keys })), el("td", {}, el("kbd", { text: macKeys })), el("td", { text: action })));
      }
      this.help.replaceChildren(
        el("div", { class: "wb-help-head" }, el("b", { text: "Keyboard shortcuts" }), el("button", { type: "button", class: "wb-link", text: "Close (Esc)", onclick: () => this.toggleHelp(false) })),
        table,
      );
    }
    this.help.hidden = !open;
  }

  onKey(event) {
    if (this.onResegKey(event)) return;
    const inField = event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement || event.target instanceof HTMLSelectElement;
    if (event.key === "Escape") {
      if (!this.help.hidden) this.toggleHelp(false);
      else if (!this.replacePanel.hidden) this.toggleReplace(false);
      else if (this.cc && this.ccNode && this.ccNode.isConnected) this.closeConcordance();
      else if (event.target === this.findInput) {
        this.findInput.value = "";
        this.setFind();
      } else return;
      event.preventDefault();
      if (this.box) this.box.focus();
      return;
    }
    if (event.key === "?" && !inField) {
      event.preventDefault();
      this.toggleHelp();
      return;
    }
    const mod = event.ctrlKey || event.metaKey;
    if (event.key === "Enter" && mod && !event.altKey && !event.shiftKey) {
      if (event.target === this.box) {
        event.preventDefault();
        this.confirmAndNext();
      }
      return;
    }
    if (event.ctrlKey && event.shiftKey && !event.altKey && /^Digit[1-9]$/.test(event.code)) {
      event.preventDefault();
      this.useItem(Number(event.code.slice(5)));
      return;
    }
    if (!altCombo(event)) return;
    let done = true;
    switch (event.code) {
      case "Enter":
      case "NumpadEnter":
        this.save("draft");
        break;
      case "ArrowDown":
        this.move(1);
        break;
      case "ArrowUp":
        this.move(-1);
        break;
      case "KeyC":
        this.copySource();
        break;
      case "KeyG":
        this.gotoInput.focus();
        this.gotoInput.select();
        break;
      case "KeyK":
        this.findInput.focus();
        this.findInput.select();
        break;
      case "KeyR":
        this.toggleReplace(true);
        break;
      case "KeyP":
        this.startSplit(null);
        break;
      case "KeyJ":
        this.startMerge();
        break;
      case "KeyL": // background jobs: select for Translate again
        if (this.active !== null) this.toggleSelected(this.active);
        break;
      case "KeyQ":
        this.lookUp();
        break;
      case "Slash":
        this.toggleHelp();
        break;
      case "KeyA": // review: approve
        this.approve();
        break;
      case "KeyX": // review: send back with a comment
        this.startReject();
        break;
      case "KeyM": // review: comment on this sentence
        this.focusComment();
        break;
      default:
        done = false;
    }
    if (done) event.preventDefault();
  }
}

// ---- split and merge (issue 16) ---------------------------------------------------------------
// The active sentence is split at a caret the person places in its source (a click in the
// source, or the split panel's caret moved with the arrow keys), or merged with the next one;
// each asks first with one line saying what will happen. Python (workbench.editing.resegment)
// does it, fills the new rows from the memory and MT and sends every row again, renumbered.

// Code points before UTF-16 offset `at`: Python counts characters, JavaScript code units.
function codePoints(text, at) {
  return [...text.slice(0, at)].length;
}

// The first sentence end inside `text` (where a missed split usually belongs), else the
// space nearest the middle; null when there is no place to split.
function suggestedSplit(text) {
  const ends = /[.!?؟۔…]["'”’»)\]]*\s+(?=\S)/gu;
  for (const match of text.matchAll(ends)) {
    const at = match.index + match[0].length;
    if (at < text.length) return at;
  }
  let best = null;
  for (const match of text.matchAll(/\s+/gu)) {
    const at = match.index + match[0].length;
    if (match.index > 0 && at < text.length && (best === null || Math.abs(at - text.length / 2) < Math.abs(best - text.length / 2))) best = at;
  }
  return best;
}

// A long sentence shortened to its first and last words, for a confirmation that fits a line.
function brief(text, room = 64) {
  if (text.length <= room) return text;
  const half = Math.floor((room - 3) / 2);
  const head = text.slice(0, half).replace(/\s+\S*$/u, "");
  const tail = text.slice(-half).replace(/^\S*\s+/u, "");
  return `${head} … ${tail}`;
}

// The character offset in `cell`'s text at the point (x, y), through the caret APIs each
// browser has (the grid lives in a shadow root); null when the point is not in its text.
function caretOffsetAt(cell, x, y) {
  const root = cell.getRootNode();
  let node = null;
  let offset = 0;
  if (document.caretPositionFromPoint) {
    try {
      const options = root instanceof ShadowRoot ? { shadowRoots: [root] } : undefined;
      const position = document.caretPositionFromPoint(x, y, options);
      if (position) ({ offsetNode: node, offset } = position);
    } catch (error) {
      node = null;
    }
  }
  if ((!node || !cell.contains(node)) && document.caretRangeFromPoint) {
    const range = document.caretRangeFromPoint(x, y);
    if (range) ({ startContainer: node, startOffset: offset } = range);
  }
  if (!node || !cell.contains(node)) {
    const selection = root.getSelection ? root.getSelection() : window.getSelection();
    if (selection && selection.anchorNode) ({ anchorNode: node, anchorOffset: offset } = selection);
  }
  if (!node || !cell.contains(node)) return null;
  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  let total = 0;
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    if (text === node) return total + offset;
    if (node.nodeType !== Node.TEXT_NODE && node.childNodes[offset] && text.compareDocumentPosition(node.childNodes[offset]) & Node.DOCUMENT_POSITION_PRECEDING) return total;
    total += text.data.length;
  }
  return total;
}

Object.assign(Grid.prototype, {
  // A split or merge may load the MT model and translate before it answers: wait longer
  // before sending its batch again (a resend while it runs would restart the run).
  resendAfter() {
    return this.inflight.ops.some((op) => op.op === "split" || op.op === "merge") ? RESEG_RESEND_MS : RESEND_MS;
  },

  resegButtons() {
    return [
      el("button", { type: "button", class: "wb-split-button", text: "Split…", title: `Split this sentence at a point in its source (${this.altName()}+P; or click in the source)`, onclick: () => this.startSplit(null) }),
      el("button", { type: "button", class: "wb-merge-button", text: "Merge with next", title: `Make this sentence and the next one sentence (${this.altName()}+J)`, onclick: () => this.startMerge() }),
    ];
  },

  // A click in the active row's source places the split mark there.
  onSourceClick(event) {
    if (this.active === null || event.button !== 0 || event.detail > 1) return;
    const selection = this.root.getRootNode().getSelection ? this.root.getRootNode().getSelection() : window.getSelection();
    if (selection && !selection.isCollapsed) return; // text selected to copy, not a mark
    const cell = event.target.closest(".wb-src");
    const node = cell && cell.closest(".wb-row");
    if (!node || Number(node.dataset.id) !== this.active) return;
    const at = caretOffsetAt(cell, event.clientX, event.clientY);
    if (at !== null) this.startSplit(at);
  },

  resegPanel(kind) {
    const node = this.rowNodes.get(this.active);
    if (!node) return null;
    this.closeReseg(false);
    const panel = el("div", { class: `wb-reseg wb-reseg-${kind}`, role: "group", "aria-label": kind === "split" ? "Split the sentence" : "Merge with the next sentence" });
    const tools = node.querySelector(".wb-tools");
    if (tools) tools.before(panel);
    else node.append(panel);
    return panel;
  },

  canReseg() {
    if (this.active === null || !this.box) return false;
    if (!this.author.trim()) {
      this.say("Type your name in the sidebar first: every revision records it.", "error");
      return false;
    }
    return true;
  },

  startSplit(at) {
    if (!this.canReseg()) return;
    const row = this.byId.get(this.active);
    const mark = at !== null && at !== undefined ? at : suggestedSplit(row.src);
    const panel = this.resegPanel("split");
    if (!panel) return;
    const keep = (field) => {
      field.addEventListener("beforeinput", (e) => e.preventDefault()); // a caret, not an editor
      field.addEventListener("input", () => {
        field.value = field.dataset.text;
      });
      for (const type of ["keyup", "click", "mouseup", "select", "focus"]) field.addEventListener(type, () => this.describeSplit());
    };
    const source = el("textarea", { class: "wb-split-src", lang: this.doc.source.lang, dir: this.doc.source.dir, rows: "1", spellcheck: "false", inputmode: "none", "aria-readonly": "true", "aria-label": `Split point in the source of sentence ${row.n}` });
    source.value = row.src;
    source.dataset.text = row.src;
    keep(source);
    const says = el("div", { class: "wb-reseg-says", role: "status", "aria-live": "polite" });
    panel.append(el("div", { class: "wb-muted", text: "Put the caret where the sentence splits (click, or the arrow keys); Enter splits, Esc cancels." }), source);
    const shown = this.shown(row);
    let target = null;
    const worked = this.box.value.trim() && (this.box.value !== row.tgt || shown.state === "edited" || shown.state === "confirmed");
    if (worked) {
      target = el("textarea", { class: `wb-split-tgt wb-${this.doc.target.script}`, lang: this.doc.target.lang, dir: this.doc.target.dir, rows: "1", spellcheck: "false", inputmode: "none", "aria-readonly": "true", "aria-label": `Split point in your translation of sentence ${row.n}` });
      target.value = this.box.value;
      target.dataset.text = this.box.value;
      keep(target);
      panel.append(el("div", { class: "wb-muted", text: "Your translation: put the caret where it splits too, or leave it at the end to keep it whole on the first part (a draft to review)." }), target);
    }
    panel.append(
      says,
      el(
        "div",
        { class: "wb-reseg-buttons" },
        el("button", { type: "button", class: "wb-primary", text: "Split (Enter)", onclick: () => this.confirmSplit() }),
        el("button", { type: "button", class: "wb-link", text: "Cancel (Esc)", onclick: () => this.closeReseg(true) }),
      ),
    );
    this.reseg = { kind: "split", panel, source, target, says, row };
    source.focus();
    const caret = mark === null ? 0 : mark;
    source.setSelectionRange(caret, caret);
    if (target) target.setSelectionRange(target.value.length, target.value.length);
    this.describeSplit();
    this.reveal(this.rowNodes.get(this.active), "nearest");
  },

  // The split mark's place in the source and in the target (null: the target stays whole).
  splitPoints() {
    const { source, target } = this.reseg;
    const at = source.selectionStart;
    const cut = target ? target.selectionStart : null;
    return { at, targetAt: target && cut > 0 && cut < target.value.length ? cut : null };
  },

  describeSplit() {
    if (!this.reseg || this.reseg.kind !== "split") return;
    const { row, says, target } = this.reseg;
    const { at, targetAt } = this.splitPoints();
    const head = row.src.slice(0, at).trim();
    const tail = row.src.slice(at).trim();
    says.dataset.kind = head && tail ? "ok" : "refused";
    if (!head || !tail) {
      says.replaceChildren(`The mark is at the very ${head ? "end" : "start"} of the sentence: put it between two words.`);
      return;
    }
    const next = this.rows.length - row.n;
    const quote = (text, lang) => ["“", el("bdi", { lang, title: text, text: brief(text) }), "”"];
    says.replaceChildren(
      `Sentence ${row.n} becomes ${row.n} `,
      ...quote(head, this.doc.source.lang),
      ` and ${row.n + 1} `,
      ...quote(tail, this.doc.source.lang),
      next ? `; ${next === 1 ? "the sentence after it moves" : `the ${next} sentences after it move`} down by one` : "",
      target && targetAt === null ? "; your translation stays on the first part" : "",
      ...(target && targetAt !== null ? ["; your translation splits after “", this.targetEnd(target.value.slice(0, targetAt)), "”"] : []),
      ".",
    );
  },

  // The last words of the translation's first part, in its script and direction.
  targetEnd(text) {
    const words = text.trim().split(/\s+/u);
    const shown = (words.length > 3 ? "… " : "") + words.slice(-3).join(" ");
    return el("bdi", { lang: this.doc.target.lang, dir: this.doc.target.dir, class: `wb-${this.doc.target.script}`, text: shown });
  },

  confirmSplit() {
    if (!this.reseg || this.reseg.kind !== "split") return;
    const { row, source, target } = this.reseg;
    const { at, targetAt } = this.splitPoints();
    if (!row.src.slice(0, at).trim() || !row.src.slice(at).trim()) {
      this.say(`Not split: the mark is at the very ${row.src.slice(0, at).trim() ? "end" : "start"} of sentence ${row.n}; put it between two words.`, "error");
      source.focus();
      return;
    }
    const op = { op: "split", seg: row.id, at: codePoints(row.src, at) };
    if (targetAt !== null) op.target_at = codePoints(target.value, targetAt);
    this.sendReseg(op, `Splitting sentence ${row.n}…`);
  },

  startMerge() {
    if (!this.canReseg()) return;
    const row = this.byId.get(this.active);
    const next = this.rows[this.rows.indexOf(row) + 1];
    if (!next) {
      this.say(`Not merged: sentence ${row.n} is the last one; there is nothing to merge it with.`, "error");
      return;
    }
    if (next.para) {
      this.say(`Not merged: sentences ${row.n} and ${next.n} are in different paragraphs; only sentences of one paragraph merge.`, "error");
      return;
    }
    const panel = this.resegPanel("merge");
    if (!panel) return;
    const later = this.rows.length - next.n;
    const worked = [row, next].some((r) => ["edited", "confirmed"].includes(this.shown(r).state)) || this.box.value !== row.tgt;
    const quote = (r) => ["“", el("bdi", { lang: this.doc.source.lang, title: r.src, text: brief(r.src, 48) }), "”"];
    const says = el(
      "div",
      { class: "wb-reseg-says", role: "status", "data-kind": "ok" },
      `Sentences ${row.n} `,
      ...quote(row),
      ` and ${next.n} `,
      ...quote(next),
      ` become sentence ${row.n}`,
      worked ? "; the translations are joined into a draft to review" : "; it is looked up in the memory and machine-translated again",
      later ? `; ${later === 1 ? "the sentence after them moves" : `the ${later} sentences after them move`} up by one` : "",
      ".",
    );
    const button = el("button", { type: "button", class: "wb-primary", text: "Merge (Enter)", onclick: () => this.confirmMerge() });
    panel.append(says, el("div", { class: "wb-reseg-buttons" }, button, el("button", { type: "button", class: "wb-link", text: "Cancel (Esc)", onclick: () => this.closeReseg(true) })));
    this.reseg = { kind: "merge", panel, row, next };
    button.focus();
  },

  confirmMerge() {
    if (!this.reseg || this.reseg.kind !== "merge") return;
    const { row, next } = this.reseg;
    this.sendReseg({ op: "merge", seg: row.id, next: next.id }, `Merging sentences ${row.n} and ${next.n}…`);
  },

  // Typing in the box is saved first (a draft, in the same batch), so nothing typed is lost
  // and the split or merge builds on it.
  sendReseg(op, busy) {
    this.saveIfChanged();
    this.closeReseg(false);
    this.queue(op);
    this.say(busy, "busy");
    this.flush();
  },

  // The revisions the grid showed, filled in when the batch leaves (after earlier saves).
  resegBases(op) {
    const rev = (id) => (this.byId.get(id) ? this.byId.get(id).rev : null);
    if (op.op === "split") op.base = rev(op.seg);
    else op.bases = { [op.seg]: rev(op.seg), [op.next]: rev(op.next) };
  },

  closeReseg(refocus) {
    if (this.reseg) this.reseg.panel.remove();
    this.reseg = null;
    if (refocus && this.box) this.box.focus();
  },

  onResegKey(event) {
    if (!this.reseg || !event.composedPath().includes(this.reseg.panel)) return false;
    if (event.key === "Escape") {
      event.preventDefault();
      this.closeReseg(true);
      return true;
    }
    if (event.key === "Enter" && !event.ctrlKey && !event.metaKey && !event.altKey && !event.shiftKey && event.target instanceof HTMLTextAreaElement) {
      event.preventDefault();
      this.confirmSplit();
      return true;
    }
    return false;
  },

  applyResegAnswer(answer) {
    if (answer.outcome === "done") {
      if (this.byId.has(answer.focus)) this.activate(answer.focus, { scroll: "center", save: false });
      this.say(answer.message, "saved");
    } else {
      this.say(answer.message, "error");
    }
  },

  // The history of the segments a split or merge replaced, under the new one's own.
  drawEarlierHistory(history, earlier, tgtAttrs) {
    for (const old of earlier) {
      history.append(
        el(
          "div",
          { class: "wb-earlier" },
          el("span", { class: "wb-muted", text: `Before the ${old.became}: ` }),
          el("bdi", { lang: this.doc.source.lang, text: old.src }),
        ),
      );
      for (const rev of old.history) {
        history.append(el("div", { class: "wb-rev" }, el("span", { class: "wb-muted", text: `${rev.n}. ${rev.by} · ${rev.at} · ${rev.origin} · ${rev.status}` }), el("div", tgtAttrs("wb-alt-text"), rev.tgt)));
      }
    }
  },
});

// ==== Review (issue 15): statuses, approve and send back, locks, comments ===================
// Python decides every outcome (workbench/editing/review.py calls the store, whose review
// rules refuse what a person's roles do not allow); this block draws statuses, locks and
// comment threads and sends `review`, `comment` and `resolve` events. The hooks it needs in
// the class above are one line each, marked "review:".

const REVIEW_OPS = new Set(["review", "comment", "resolve"]); // answered before tools
const NO_REVIEW = { team: false, mode: false, approve: false, unlock: false, locked: false };
const REVIEW_FILTERS = [
  ["st:draft", "Draft"],
  ["st:confirmed", "Confirmed, to review"],
  ["st:approved", "Approved"],
  ["st:rejected", "Rejected"],
  ["notes", "Open comments"],
];
const REVIEW_DONE = {
  approve: "Approved",
  reject: "Sent back",
  unlock: "Unlocked",
};

Object.assign(Grid.prototype, {
  buildReview(bar) {
    this.review = NO_REVIEW;
    this.reviewMode = false;
    this.rejecting = null; // segment id whose send-back reason is being typed
    this.rejectDraft = "";
    this.commentDraft = null; // {seg, text}
    this.commenting = null; // segment id whose first-comment box was asked for
    this.afterSave = null; // {seg, op}: a review event waiting for a save's answer
    this.notesCount = el("span", { class: "wb-notes-count", "data-testid": "wb-notes-count", hidden: true });
    this.reviewButton = el("button", {
      class: "wb-review-button",
      type: "button",
      text: "Review",
      hidden: true,
      "aria-pressed": "false",
      title: "Review mode: sentences waiting for review, approve (Alt+A), send back (Alt+X)",
      onclick: () => this.toggleReviewMode(),
    });
    bar.insertBefore(this.notesCount, this.filterSelect);
    bar.insertBefore(this.reviewButton, this.who);
  },

  setReview(review) {
    const before = this.review;
    this.review = { ...NO_REVIEW, ...(review || {}) };
    if (before.team === this.review.team && before.mode === this.review.mode) return;
    for (const option of this.filterSelect.querySelectorAll("option[data-review]")) option.remove();
    if (this.review.team) {
      for (const [value, text] of REVIEW_FILTERS) {
        this.filterSelect.append(el("option", { value, text, "data-review": true }));
      }
    }
    this.reviewButton.hidden = !this.review.mode;
    let remembered = false;
    try {
      remembered = sessionStorage.getItem("wb-review-mode") === "1";
    } catch (error) {
      /* storage disabled */
    }
    if (this.review.mode && remembered) this.toggleReviewMode(true);
    else if (!this.review.mode && this.reviewMode) this.toggleReviewMode(false);
  },

  toggleReviewMode(on) {
    this.reviewMode = on === undefined ? !this.reviewMode : on;
    this.root.dataset.review = this.reviewMode ? "on" : "off";
    this.reviewButton.setAttribute("aria-pressed", String(this.reviewMode));
    this.reviewButton.textContent = this.reviewMode ? "Reviewing ✓" : "Review";
    try {
      sessionStorage.setItem("wb-review-mode", this.reviewMode ? "1" : "0");
    } catch (error) {
      /* storage disabled */
    }
    this.filterSelect.value = this.reviewMode ? "st:confirmed" : "all";
    this.setFilter();
    if (this.active !== null) this.drawTools();
  },

  // The revision status a row stands at, a save not yet answered included.
  rowStatus(row) {
    const local = this.pending.get(row.id);
    if (local) return local.state === "confirmed" ? "confirmed" : "draft";
    return row.status || "";
  },

  // null when the filter is not a review one.
  reviewKeeps(row) {
    if (this.filter === "notes") return (row.notes || 0) > 0;
    if (this.filter.startsWith("st:")) return this.rowStatus(row) === this.filter.slice(3);
    return null;
  },

  reviewSummary() {
    let notes = 0;
    let approved = 0;
    let rejected = 0;
    let words = 0;
    let approvedWords = 0;
    for (const row of this.rows) {
      notes += row.notes || 0;
      words += row.words;
      const status = this.rowStatus(row);
      if (status === "approved") {
        approved += 1;
        approvedWords += row.words;
      } else if (status === "rejected") rejected += 1;
    }
    this.notesCount.hidden = !this.review.team && !notes;
    this.notesCount.textContent = `${notes} open comment${notes === 1 ? "" : "s"}`;
    this.notesCount.title = "Open comment threads in this document (filter: Open comments)";
    this.notesCount.dataset.open = String(notes);
    if (!this.review.team) return [];
    const parts = [`${words ? Math.round((100 * approvedWords) / words) : 0}% approved`];
    if (rejected) parts.push(`${rejected} rejected`);
    return parts;
  },

  decorateReview(node, row) {
    const status = this.rowStatus(row);
    node.dataset.status = status;
    const badge = node.children[3].querySelector(".wb-state");
    if (badge && !this.conflicts.has(row.id) && !this.pending.has(row.id)) {
      if (status === "approved" || status === "rejected") {
        badge.textContent = status === "approved" ? "Approved" : "Rejected";
        badge.className = `wb-state wb-s-${status}`;
      }
    }
    const number = node.children[0];
    if (this.isLocked(row)) {
      number.append(el("span", { class: "wb-lock", text: "🔒", title: "Approved and locked: only a reviewer can change or unlock it" }));
    }
    if (row.notes) {
      const threads = `${row.notes} open comment thread${row.notes === 1 ? "" : "s"}`;
      number.append(el("span", { class: "wb-notes", text: String(row.notes), title: threads, "aria-label": threads }));
    }
    const cell = node.children[2];
    if (cell.tagName === "DIV" && !(this.active === row.id && this.box) && status === "rejected" && row.reason) {
      cell.append(this.reasonNode(row.reason, "wb-reason"));
    }
  },

  reasonNode(reason, cls) {
    return el(
      "div",
      { class: cls, "data-testid": cls },
      el("span", { class: "wb-reason-by", text: `Sent back by ${reason.by} · ${reason.at}: ` }),
      this.commentText(reason.text),
    );
  },

  // A comment's text: in the target's script and font when written in it (Nastaliq for
  // Urdu), else in the page's; its direction from its first strong letter.
  commentText(text) {
    const target = this.doc.target;
    const inScript = target.dir === "rtl" && /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/.test(text);
    return el("bdi", { dir: "auto", class: inScript ? `wb-comment-text wb-${target.script}` : "wb-comment-text", lang: inScript ? target.lang : null, text });
  },

  isLocked(row) {
    return Boolean(this.review.locked) && this.rowStatus(row) === "approved";
  },

  sayLocked(row) {
    this.say(`#${row.n} is approved (${row.by}) and locked: only a reviewer can change or unlock it.`, "error");
  },

  // True (and says why) when the open row is approved and locked for this person.
  refuseLocked() {
    const row = this.active !== null ? this.byId.get(this.active) : null;
    if (!row || !this.isLocked(row)) return false;
    this.sayLocked(row);
    return true;
  },

  lockBox(row, box) {
    if (!this.isLocked(row)) return;
    box.readOnly = true;
    box.classList.add("wb-locked");
    box.title = "Approved and locked: only a reviewer can change or unlock it";
    if (box.dataset.lockWired) return;
    box.dataset.lockWired = "1";
    box.addEventListener("keydown", (event) => {
      const typing = !event.ctrlKey && !event.metaKey && !event.altKey;
      const editing = event.key.length === 1 || ["Backspace", "Delete", "Enter"].includes(event.key);
      if (typing && editing && this.isLocked(row)) this.sayLocked(row);
    });
    for (const kind of ["paste", "cut", "drop"]) {
      box.addEventListener(kind, () => this.isLocked(row) && this.sayLocked(row));
    }
  },

  // ---- the active row's review tools ----

  drawReviewHead(panel, actions, row) {
    const status = this.rowStatus(row);
    if (status === "rejected" && row.reason) panel.prepend(this.reasonNode(row.reason, "wb-reason-first"));
    if (this.review.approve && status && status !== "approved") {
      actions.append(
        el("button", { type: "button", class: "wb-approve", text: "Approve", title: `${this.altName()}+A: approve (your edit is confirmed first)`, onclick: () => this.approve() }),
        el("button", { type: "button", class: "wb-reject", text: "Send back…", title: `${this.altName()}+X: send back with a comment`, onclick: () => this.startReject() }),
      );
    }
    const threads = this.tools && this.tools.threads ? this.tools.threads.length : 0;
    if (!threads && this.commenting !== row.id) {
      actions.append(el("button", { type: "button", class: "wb-link wb-comment-button", text: "Comment", title: `${this.altName()}+M: comment on this sentence`, onclick: () => this.focusComment() }));
    }
    if (this.review.unlock && status === "approved") {
      actions.append(el("button", { type: "button", text: "Unlock", title: "Confirmed again, open to translators (a revision too)", onclick: () => this.review_("unlock") }));
    }
    if (this.isLocked(row)) {
      panel.append(el("div", { class: "wb-locked-line", text: `🔒 Approved by ${row.by} · ${row.at} UTC. Locked: only a reviewer can change or unlock it.` }));
    }
    if (this.rejecting === row.id) panel.append(this.rejectForm());
  },

  rejectForm() {
    const text = el("textarea", {
      class: "wb-reject-text",
      dir: "auto",
      rows: "2",
      placeholder: "Why it goes back: the translator sees this first",
      "aria-label": "Reason for sending back",
      oninput: () => {
        this.rejectDraft = text.value;
      },
      onkeydown: (event) => {
        if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          this.sendReject(text.value);
        } else if (event.key === "Escape") {
          event.preventDefault();
          this.cancelReject();
        }
      },
    });
    text.value = this.rejectDraft;
    if (this.rejectFocus) {
      this.rejectFocus = false;
      setTimeout(() => text.focus(), 0);
    }
    return el(
      "div",
      { class: "wb-reject-form" },
      text,
      el("button", { type: "button", class: "wb-primary", text: "Send back (Ctrl+Enter)", onclick: () => this.sendReject(text.value) }),
      el("button", { type: "button", class: "wb-link", text: "Cancel (Esc)", onclick: () => this.cancelReject() }),
    );
  },

  drawReviewTools(panel) {
    const tools = this.tools;
    const row = this.byId.get(this.active);
    if (!tools || !row) return;
    const target = this.doc.target;
    const status = this.rowStatus(row);
    const changes = tools.changes || [];
    if (changes.length && (this.reviewMode || status === "approved" || status === "rejected")) {
      const block = el("div", { class: "wb-changes", "data-testid": "wb-changes" });
      for (const step of changes) {
        const diff = diffNode(step.diff, `wb-diff wb-alt-text wb-${target.script}`);
        diff.setAttribute("lang", target.lang);
        diff.setAttribute("dir", target.dir);
        block.append(el("div", { class: "wb-step" }, el("span", { class: "wb-muted", text: `${step.from} → ${step.to}` }), diff));
      }
      panel.insertBefore(block, panel.querySelector(".wb-items, .wb-terms") || null);
    }
    // the threads, or the box for a first comment once asked for (the row stays compact)
    if ((tools.threads || []).length || this.commenting === this.active) {
      panel.append(this.commentsNode(tools.threads || []));
    }
  },

  commentsNode(threads) {
    const open = threads.filter((thread) => thread.open).length;
    // Without comments the section is the one-line box alone: the active row stays compact.
    const section = el("div", { class: "wb-comments", "data-testid": "wb-comments" });
    if (threads.length) section.append(el("div", { class: "wb-muted", text: `Comments · ${open} open` }));
    const mayResolveAny = !this.review.team || this.review.unlock;
    for (const thread of threads) {
      const block = el("div", { class: "wb-thread", "data-open": String(thread.open) });
      for (const comment of thread.comments) {
        block.append(
          el("div", { class: "wb-comment" }, el("span", { class: "wb-muted", text: `${comment.by} · ${comment.at}` }), " ", this.commentText(comment.text)),
        );
      }
      const line = el("div", { class: "wb-thread-actions" });
      if (thread.open) {
        const reply = el("input", {
          type: "text",
          class: "wb-reply",
          dir: "auto",
          placeholder: "Reply… (Enter)",
          "aria-label": `Reply to ${thread.comments[0].by}`,
          onkeydown: (event) => {
            if (event.key === "Enter") {
              event.preventDefault();
              this.sendComment(reply.value, thread.id);
            }
          },
        });
        line.append(reply);
      } else {
        line.append(el("span", { class: "wb-muted", text: `Resolved by ${thread.resolved_by}` }));
      }
      if (mayResolveAny || thread.comments[0].by === this.author) {
        line.append(el("button", { type: "button", class: "wb-link", text: thread.open ? "Resolve" : "Reopen", onclick: () => this.resolveThread(thread.id, thread.open) }));
      }
      block.append(line);
      section.append(block);
    }
    const draft = this.commentDraft && this.commentDraft.seg === this.active ? this.commentDraft.text : "";
    const box = el("textarea", {
      class: "wb-new-comment",
      dir: "auto",
      rows: "1",
      placeholder: `Comment on this sentence (${this.altName()}+M; Ctrl+Enter adds it)`,
      "aria-label": "New comment",
      oninput: () => {
        this.commentDraft = { seg: this.active, text: box.value };
      },
      onkeydown: (event) => {
        if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          event.stopPropagation();
          this.sendComment(box.value, null);
        }
      },
    });
    box.value = draft;
    section.append(el("div", { class: "wb-comment-new" }, box, el("button", { type: "button", text: "Comment", onclick: () => this.sendComment(box.value, null) })));
    return section;
  },

  // ---- events ----

  reviewOff() {
    if (this.review.team) return false;
    this.say("Review is for team mode (WORKBENCH_AUTH, docs/team.md).", "error");
    return true;
  },

  review_(action, extra = {}) {
    if (this.active === null || this.reviewOff()) return false;
    const row = this.byId.get(this.active);
    if (!row.rev) {
      this.say(`#${row.n} has no translation to review yet.`, "error");
      return false;
    }
    this.queue({ op: "review", action, seg: row.id, ...extra });
    this.say(`${REVIEW_DONE[action]}: #${row.n}…`, "busy");
    this.flush();
    return true;
  },

  approve() {
    if (this.active === null || this.reviewOff()) return;
    const row = this.byId.get(this.active);
    if (this.box && this.box.value !== this.shown(row).tgt) {
      // the reviewer's edit is confirmed first; the approval follows its answer
      if (!this.save("confirm")) return;
      this.afterSave = { seg: row.id, op: { op: "review", action: "approve", seg: row.id } };
      this.say(`Approved: #${row.n}…`, "busy");
    } else if (!this.review_("approve")) return;
    if (this.reviewMode) this.nextToReview(row.id);
  },

  startReject() {
    if (this.active === null || this.reviewOff()) return;
    const row = this.byId.get(this.active);
    if (this.box && this.box.value !== this.shown(row).tgt) {
      this.say("Your edit is not saved: save it (Alt+Enter) or take it back before sending the sentence back.", "error");
      return;
    }
    this.rejecting = row.id;
    this.rejectFocus = true;
    this.drawTools();
  },

  sendReject(text) {
    this.review_("reject", { comment: text });
  },

  cancelReject() {
    this.rejecting = null;
    this.rejectDraft = "";
    this.drawTools();
    if (this.box) this.box.focus();
  },

  sendComment(text, replyTo) {
    if (this.active === null) return;
    this.queue({ op: "comment", seg: this.active, text, reply_to: replyTo });
    this.say("Adding the comment…", "busy");
    this.flush();
  },

  resolveThread(threadId, resolved) {
    if (this.active === null) return;
    this.queue({ op: "resolve", seg: this.active, thread: threadId, resolved });
    this.flush();
  },

  focusComment() {
    if (this.active === null) return;
    if (this.commenting !== this.active) {
      this.commenting = this.active;
      this.drawTools();
    }
    const box = this.root.querySelector(".wb-active .wb-new-comment");
    if (box) box.focus();
  },

  // The next sentence waiting for review (confirmed) after `fromId`, wrapping round.
  nextToReview(fromId) {
    const at = this.rows.findIndex((row) => row.id === fromId);
    for (let step = 1; step < this.rows.length; step += 1) {
      const row = this.rows[(at + step) % this.rows.length];
      if (row.id !== fromId && this.rowStatus(row) === "confirmed") {
        this.activate(row.id, { save: false, scroll: "center" });
        return;
      }
    }
  },

  // An answer to a review, comment or resolve event; true when it was one.
  reviewAnswer(answer) {
    const chained = this.afterSave;
    if (!answer.kind) {
      if (chained && chained.seg === answer.seg) {
        this.afterSave = null;
        if (answer.outcome === "saved" || answer.outcome === "unchanged") this.queue({ ...chained.op });
      }
      return false;
    }
    const row = this.byId.get(answer.seg);
    if (!row) return true;
    const node = this.rowNodes.get(answer.seg);
    const clean = this.active === answer.seg && this.box && this.box.value === this.shown(row).tgt;
    if (answer.row) Object.assign(row, answer.row);
    if (clean && this.box.value !== row.tgt) this.box.value = row.tgt;
    if (answer.outcome === "conflict" || answer.outcome === "refused") {
      this.say(answer.message, "error");
    } else if (answer.kind === "review") {
      const done = answer.outcome === "unchanged" ? "No change" : REVIEW_DONE[answer.action] || "Done";
      this.say(`${done} #${row.n}`, "saved");
      if (answer.action === "reject") {
        this.rejecting = null;
        this.rejectDraft = "";
        if (this.reviewMode && this.active === answer.seg) this.nextToReview(answer.seg);
      }
    } else if (answer.kind === "comment") {
      this.commentDraft = null;
      this.say(`Comment added to #${row.n}`, "saved");
    } else {
      this.say(`${answer.outcome === "resolved" ? "Resolved" : "Reopened"} a thread on #${row.n}`, "saved");
    }
    if (this.active === answer.seg && this.box) {
      this.box.readOnly = false;
      this.box.classList.remove("wb-locked");
      this.lockBox(row, this.box);
    }
    if (node) this.fillRow(node, row);
    this.drawSummary();
    return true;
  },
});

// Python sends the data as UTF-8 JSON bytes (see workbench/ui/grid/__init__.py).
const utf8 = new TextDecoder("utf-8");
function decode(data) {
  if (data instanceof Uint8Array || data instanceof ArrayBuffer) return JSON.parse(utf8.decode(data));
  if (typeof data === "string") return JSON.parse(data);
  return data;
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let grid = instances.get(parentElement);
  if (!grid) {
    const root = parentElement.querySelector(".wb-grid") || parentElement.appendChild(el("div", { class: "wb-grid" }));
    grid = new Grid(root, setTriggerValue);
    instances.set(parentElement, grid);
  }
  grid.send = setTriggerValue;
  if (data) grid.update(decode(data));
  return () => {
    grid.destroy();
    instances.delete(parentElement);
  };
}
