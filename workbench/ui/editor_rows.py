"""The editor's rows: a target box per sentence, saved on Ctrl+Enter, on leaving the box and
with its Save button; confirm, translation-memory matches, MT alternatives, history and
conflicts per row.

Each target box is keyed by target and segment. `state.BASES` remembers the revision a box
started from: every save names it as its base, so a save over someone else's newer revision
is refused (`RevisionConflict`) and shown with both texts instead of being lost.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from workbench.editing import EditorRow, default_author
from workbench.glossary import Glossary, find_terms
from workbench.languages import get_language
from workbench.memory.source import MemorySource
from workbench.store import (
    Origin,
    Revision,
    RevisionConflict,
    SegmentState,
    Store,
)
from workbench.store import (
    RevisionStatus as Status,
)
from workbench.ui import state, tm_panel
from workbench.ui.rendering import (
    markdown_text,
    revision_history_table,
    term_highlighted_block,
    term_renderings,
    text_block,
)

COLUMNS = [0.35, 5, 5.4]  # number, source, target box with its status and actions below
MATCHES_PER_ROW = 2  # fuzzy TM matches shown under a target box, best first
_STATE_COLORS = {
    SegmentState.UNTRANSLATED: "red",
    SegmentState.PRETRANSLATED: "gray",
    SegmentState.EDITED: "blue",
    SegmentState.CONFIRMED: "green",
}
_ORIGIN_LABELS = {
    Origin.MT: "MT",
    Origin.TM: "TM",
    Origin.ALIGNED: "Aligned",
    Origin.HUMAN: "Edited",
}

# Ctrl/Cmd+Enter saves the box (Streamlit commits it, `on_change` saves) and this moves the
# cursor on to the next sentence; Alt+Up/Down move between boxes without saving. Static code,
# installed once per browser page; no document text goes into it.
_KEYBOARD_SCRIPT = """
<script>
(() => {
  if (window.__workbenchEditorKeys) return;
  window.__workbenchEditorKeys = true;
  const selector = '[class*="st-key-PREFIX"] textarea';
  // The box the cursor was sent to. A slow rerun after the save can redraw the rows and
  // drop the focus to the page; for a few seconds it is put back, unless the person has
  // clicked somewhere else meanwhile.
  let wanted = null;
  let until = 0;
  const send = (next) => {
    wanted = next.getAttribute('aria-label');
    until = Date.now() + 8000;
    setTimeout(() => { next.focus(); next.setSelectionRange(0, 0); }, 0);
  };
  const restore = () => {
    if (!wanted || Date.now() > until) { wanted = null; return; }
    const active = document.activeElement;
    if (active && active !== document.body) return;
    const box = Array.from(document.querySelectorAll(selector))
      .find((b) => b.getAttribute('aria-label') === wanted);
    if (box) { box.focus(); box.setSelectionRange(0, 0); }
  };
  new MutationObserver(restore).observe(document.body, { childList: true, subtree: true });
  document.addEventListener('mousedown', () => { wanted = null; }, true);
  document.addEventListener('keydown', (event) => {
    const box = event.target;
    if (!(box instanceof HTMLTextAreaElement) || !box.matches(selector)) return;
    const boxes = Array.from(document.querySelectorAll(selector));
    const at = boxes.indexOf(box);
    let next = null;
    if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') next = boxes[at + 1];
    else if (event.altKey && event.key === 'ArrowDown') next = boxes[at + 1];
    else if (event.altKey && event.key === 'ArrowUp') next = boxes[at - 1];
    else if (wanted && box.getAttribute('aria-label') === wanted) until = 0;  // typing there
    if (next) send(next);
  }, true);
})();
</script>
""".replace("PREFIX", state.BOX_KEY_PREFIX)

box_key = state.box_key  # the session-state key of a target box (also its CSS class)


def _style(target: str) -> str:
    language = get_language(target)
    line_height = "2.3" if language.code == "ur" else "1.9"
    return (
        "<style>"
        f'[class*="st-key-{state.BOX_KEY_PREFIX}"] textarea {{direction: {language.direction}; '
        f"text-align: {'right' if language.rtl else 'left'}; "
        # Each line takes the direction of its first letter, so a sentence MT left in
        # English keeps its full stop on the right end instead of the left.
        "unicode-bidi: plaintext; "
        f"font-family: {language.font_stack}; font-size: 1.15rem; line-height: {line_height}; "
        # Grow with the text instead of a fixed three rows (Chromium; others keep 3 rows).
        "field-sizing: content; height: auto; min-height: 3.5rem; padding: .45rem .8rem;}"
        f'[class*="st-key-{state.ROW_PREFIX}"] {{border-bottom: 1px solid rgba(128,128,128,.25); '
        "padding-bottom: .35rem;}"
        ".wb-num {font-variant-numeric: tabular-nums; color: #777;}"
        "</style>"
    )


def render_rows(
    store: Store,
    rows: Sequence[EditorRow],
    source_lang: str,
    target: str,
    glossary: Glossary | None = None,
    memory: MemorySource | None = None,
) -> None:
    """The rows of one page; with a glossary, each source shows its terms highlighted and
    their approved renderings; with a translation memory, each sentence not yet confirmed
    shows its best matches under the box (looked up for this page's rows only)."""
    st.html(_style(target))
    st.html(_KEYBOARD_SCRIPT, unsafe_allow_javascript=True)
    _, source, box = st.columns(COLUMNS)
    source.caption(f"Source · {get_language(source_lang).label}")
    box.caption(f"Target · {get_language(target).label} · Ctrl+Enter saves and moves on")
    bases = st.session_state[state.BASES]
    shown = set()
    for editor_row in rows:
        key = box_key(target, editor_row.row.segment.id)
        shown.add(key)
        _sync_box(key, editor_row.row.revision, bases)
        _row(store, editor_row, source_lang, target, key, glossary, memory)
    for stale in set(bases) - shown:  # boxes no longer on screen start afresh next time
        del bases[stale]


def _sync_box(key: str, head: Revision | None, bases: dict) -> None:
    """Fill a new box with the current target; refresh an untouched box the store moved on
    from (new MT, someone else's save); keep a box with unsaved typing as it is."""
    head_id, head_text = (head.id, head.text) if head else (None, "")
    new_box = key not in st.session_state or key not in bases
    untouched_but_stale = (
        not new_box and bases[key][0] != head_id and st.session_state[key] == bases[key][1]
    )
    if new_box or untouched_but_stale:
        st.session_state[key] = head_text
        bases[key] = (head_id, head_text)


def _row(
    store: Store,
    editor_row: EditorRow,
    source_lang: str,
    target: str,
    key: str,
    glossary: Glossary | None,
    memory: MemorySource | None,
) -> None:
    row = editor_row.row
    segment = row.segment
    number = segment.index + 1
    args = (store, segment.id, target, key, number)
    with st.container(key=state.row_key(segment.id)):
        num, source, box = st.columns(COLUMNS)
        num.html(f"<div class='wb-num'>{number}</div>")
        hits = find_terms(segment.text, glossary, target) if glossary is not None else []
        if hits:
            source.html(
                term_highlighted_block(segment.text, hits, source_lang, target)
                + term_renderings(hits, target)
            )
        else:
            source.html(text_block(segment.text, source_lang))
        box.text_area(
            f"Target for sentence {number}",
            key=key,
            label_visibility="collapsed",
            on_change=_save,
            args=args,
        )
        with box.container(horizontal=True, gap="small", vertical_alignment="center"):
            _state_badge(row.revision)
            for flag in editor_row.flags:
                st.badge(flag.code, color="orange", help=markdown_text(flag.message))
            st.button(
                "Save",
                icon=":material/save:",
                type="tertiary",
                key=state.row_action_key("save", segment.id),
                on_click=_save,
                args=args,
                help="Save (Ctrl+Enter in the box saves and moves to the next sentence)",
            )
            st.button(
                "Confirm",
                icon=":material/check_circle:",
                type="tertiary",
                key=state.row_action_key("confirm", segment.id),
                on_click=_save,
                args=(*args, Status.CONFIRMED),
                help="Confirm: save and mark final",
            )
            st.button(
                "Hide alternatives"
                if segment.id in st.session_state[state.OPEN_DETAILS]
                else "Alternatives & history",
                icon=":material/history:",
                type="tertiary",
                key=state.row_action_key("more", segment.id),
                on_click=_toggle_details,
                args=(segment.id,),
                help="The MT n-best list (click one to use it) and every saved revision",
            )
        if memory is not None and not (row.revision and row.revision.status == Status.CONFIRMED):
            with box:
                tm_panel.render_matches(
                    memory.suggestions(
                        segment.text, target, row.target_text, MATCHES_PER_ROW, segment.id
                    ),
                    target,
                    state.match_key(segment.id),
                    _use_tm_match,
                    args,
                )
        conflict = st.session_state[state.CONFLICTS].get(segment.id)
        if conflict is not None:
            _conflict(store, conflict, target, key, number)
        if segment.id in st.session_state[state.OPEN_DETAILS]:
            _details(store, segment.id, target, key, number)


def _state_badge(revision: Revision | None) -> None:
    segment_state = revision.state if revision else SegmentState.UNTRANSLATED
    label = segment_state.label
    if segment_state == SegmentState.PRETRANSLATED:
        label = _ORIGIN_LABELS[revision.origin]
    when = (
        f"{markdown_text(revision.author)}, {revision.created:%Y-%m-%d %H:%M} UTC"
        if revision
        else None
    )
    st.badge(label, color=_STATE_COLORS[segment_state], help=when)


# ---- actions (Streamlit callbacks: they run before the rerun draws the page) -------------


def author() -> str:
    """The name saved with the editor's revisions: the sidebar field, or the OS user when
    the field was cleared (a revision always says who made it)."""
    return st.session_state.get(state.AUTHOR, "").strip() or default_author()


def _save(
    store: Store,
    segment_id: int,
    target: str,
    key: str,
    number: int,
    status: Status = Status.DRAFT,
) -> None:
    """Save (or confirm) what the box holds on top of the revision it started from."""
    bases = st.session_state[state.BASES]
    if key not in bases:
        # A box the last run did not draw (another target or page): the browser can still
        # report it while it swaps pages, with whatever it last showed. Never a save.
        return
    text = st.session_state.get(key, "")
    base_id = bases[key][0]
    if base_id is None and not text.strip() and status == Status.DRAFT:
        return  # an empty box over no translation: nothing to save
    try:
        if status == Status.CONFIRMED:
            revision = store.confirm(segment_id, target, author(), base_id, text=text)
        else:
            revision = store.save_revision(segment_id, target, text, author(), base_id)
    except RevisionConflict as conflict:
        st.session_state[state.CONFLICTS][segment_id] = conflict
        return
    st.session_state[state.CONFLICTS].pop(segment_id, None)
    st.session_state[state.BASES][key] = (revision.id, revision.text)
    if revision.id != base_id:
        done = "confirmed" if revision.status == Status.CONFIRMED else "saved"
        st.toast(f"Sentence {number} {done}.")


def _toggle_details(segment_id: int) -> None:
    st.session_state[state.OPEN_DETAILS] ^= {segment_id}


def _use_text(key: str, revision: Revision) -> None:
    st.session_state[key] = revision.text
    st.session_state[state.BASES][key] = (revision.id, revision.text)


def _use_alternative(
    store: Store, segment_id: int, target: str, key: str, number: int, text: str, mt_id: int
) -> None:
    if _save_chosen(store, segment_id, target, key, text, Origin.MT, mt_id):
        st.toast(f"Sentence {number}: alternative saved.")


def _use_tm_match(
    store: Store, segment_id: int, target: str, key: str, number: int, text: str
) -> None:
    if _save_chosen(store, segment_id, target, key, text, Origin.TM):
        st.toast(f"Sentence {number}: translation memory match saved.")


def _save_chosen(
    store: Store,
    segment_id: int,
    target: str,
    key: str,
    text: str,
    origin: Origin,
    mt_id: int | None = None,
) -> bool:
    """Save a text picked from a list (MT alternative, TM match) on top of the box's base;
    a conflict is kept for the row to show. Returns whether it was saved."""
    base_id = st.session_state[state.BASES].get(key, (None, ""))[0]
    try:
        revision = store.save_revision(
            segment_id,
            target,
            text,
            author(),
            base_id,
            origin=origin,
            machine_translation_id=mt_id,
        )
    except RevisionConflict as conflict:
        st.session_state[state.CONFLICTS][segment_id] = conflict
        return False
    st.session_state[state.CONFLICTS].pop(segment_id, None)
    _use_text(key, revision)
    return True


def _keep_mine(store: Store, segment_id: int, target: str, key: str, number: int) -> None:
    conflict = st.session_state[state.CONFLICTS][segment_id]
    theirs = conflict.theirs
    st.session_state[state.BASES][key] = (theirs.id if theirs else None, "")
    _save(store, segment_id, target, key, number)


def _take_theirs(segment_id: int, key: str) -> None:
    conflict = st.session_state[state.CONFLICTS].pop(segment_id)
    if conflict.theirs is not None:
        _use_text(key, conflict.theirs)


# ---- panels under a row ----------------------------------------------------------------


def _conflict(store: Store, conflict: RevisionConflict, target: str, key: str, number: int) -> None:
    theirs = conflict.theirs
    who = f"{markdown_text(theirs.author)} at {theirs.created:%H:%M} UTC" if theirs else "someone"
    with st.container(border=True):
        st.warning(
            f"Not saved: sentence {number} was changed by {who} after you opened it. "
            "Your text is still in the box; theirs is below. Choose which one to keep."
        )
        st.html(text_block(theirs.text if theirs else "", target))
        keep, take = st.columns(2)
        args = (store, conflict.segment_id, target, key, number)
        keep.button(
            "Keep mine (save over theirs)",
            key=state.row_action_key("keep", conflict.segment_id),
            on_click=_keep_mine,
            args=args,
        )
        take.button(
            "Take theirs",
            key=state.row_action_key("take", conflict.segment_id),
            on_click=_take_theirs,
            args=(conflict.segment_id, key),
        )


def _details(store: Store, segment_id: int, target: str, key: str, number: int) -> None:
    with st.container(border=True):
        results = store.machine_translations(segment_id, target)
        if results:
            latest = results[0]
            st.caption(markdown_text(f"MT alternatives · {latest.engine} {latest.model_id}"))
            for alt in latest.alternatives:
                text_col, use_col = st.columns([10, 1.2], vertical_alignment="center")
                text_col.html(text_block(alt.text, target))
                use_col.button(
                    "Use",
                    key=state.row_action_key("use", segment_id, alt.rank),
                    help=f"Score {alt.score:.3f}; puts this text in the box and saves it",
                    on_click=_use_alternative,
                    args=(store, segment_id, target, key, number, alt.text, latest.id),
                )
        else:
            st.caption("No machine translation stored for this sentence yet.")
        history = store.history(segment_id, target)
        st.caption(f"History · {len(history)} revision{'s' if len(history) != 1 else ''}")
        if history:
            st.html(revision_history_table(history, target))
