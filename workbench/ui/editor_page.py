"""The editor: the whole document in one grid component, saved segment by segment.

Layout: the sidebar picks the document (the bundled sample is always listed; text, Markdown,
Word and HTML uploads are stored with their original file; a text that is not UTF-8 waits
for the person to confirm the guessed encoding); the main area has the target, the engine, Translate
and the export/import panel on one line, then the grid (`workbench.ui.grid`) in a fragment, so
that an event from the grid reruns only the fragment and sends back only answers (the rows
travel once per full page run). What every event means is decided in
`workbench.editing.session`; this module only translates between Streamlit and it.

Place: the document, target and sentence are in the URL (`?doc=…&target=…&seg=…`) and in the
session, so a reload or another page and back returns to the same sentence.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import streamlit as st

from workbench import config, qa
from workbench.editing.payload import concordance_payload, language_fields, segment_tools
from workbench.editing.review import first_sent_back, review_rights, review_tools
from workbench.editing.session import OpenGrid, next_unconfirmed
from workbench.errors import WorkbenchError
from workbench.exchange.document_formats import DOCUMENT_FORMATS
from workbench.exchange.inline import from_display
from workbench.glossary import Glossary
from workbench.languages import get_language
from workbench.memory.source import MemorySource
from workbench.pipeline import glossary_totals
from workbench.store import Document, Store
from workbench.ui import concordance_panel, exchange_panel, sidebar, state
from workbench.ui.engine_picker import picked_choice
from workbench.ui.failures import guarded
from workbench.ui.grid import editor_grid
from workbench.ui.rendering import markdown_text
from workbench.ui.resources import (
    app_store,
    concordance,
    engine,
    house_glossary,
    length_model,
    qa_checker,
    session_glossary,
    stored_file_document,
    translation_memory,
)
from workbench.ui.signin import signed_in_actor
from workbench.workflows.document_files import EncodingNotConfirmed, import_file, load_file
from workbench.workflows.translate import translate_stored_document

UPLOAD_TYPES = [e.lstrip(".") for f in DOCUMENT_FORMATS for e in f.extensions]


def _quiet_glossary() -> Glossary | None:
    """The house glossary for QA and the tools, without a second warning in the fragment
    (the page above it reports a broken file once)."""
    try:
        return house_glossary(Path(st.session_state[state.GLOSSARY_PATH]))
    except WorkbenchError:
        return None


def author() -> str:
    """The name saved with the editor's revisions: in team mode the signed-in person's (the
    store refuses any other), else the sidebar field; never the OS user."""
    actor = signed_in_actor()
    if actor is not None:
        return actor.name
    return st.session_state.get(state.AUTHOR, "").strip()


def render() -> None:
    store = app_store()
    _place_from_url(store)
    document = _sidebar(store, _startup_document_id())
    if document is None:
        st.info("No document yet: add one in the sidebar.")
        return
    with st.container():  # one element above the grid, whatever it holds: the grid keeps
        target, lengths = _editor(store, document)  # its place and is not remounted
    if st.session_state[state.EDITOR_RERUN_APP]:  # only to show a remembered name: the
        st.session_state[state.EDITOR_RERUN_APP] = False  # grid's rows are as they were
    else:
        st.session_state[state.GRID_RELOAD] = True  # a full run: every row afresh
    _grid(document.id, document.source_lang, target, lengths)


def _startup_document_id() -> int | None:
    """The document the app was started with (`--doc`, else the sample), stored on first use;
    if it cannot be read, say why and fall back to the bundled sample."""
    for path in dict.fromkeys([Path(st.session_state[state.DOC_PATH]), config.SAMPLE_DOCUMENT]):
        try:
            return stored_file_document(path)
        except WorkbenchError as exc:
            st.error(markdown_text(str(exc)))
    return None


def _place_from_url(store: Store) -> None:
    """On a session's first run, open the document, target and sentence the URL names."""
    if st.session_state[state.EDITOR_PLACE_READ]:
        return
    st.session_state[state.EDITOR_PLACE_READ] = True
    params = st.query_params
    try:
        document_id = int(params.get(state.Query.DOCUMENT, ""))
        store.document(document_id)
    except (ValueError, WorkbenchError):
        return
    st.session_state[state.DOCUMENT_ID] = document_id  # (the target: `state.init`)
    with contextlib.suppress(ValueError):
        st.session_state[state.EDITOR_SENTENCE] = int(params.get(state.Query.SENTENCE, ""))


def _place_to_url(document_id: int, target: str, number: int | None) -> None:
    wanted = {state.Query.DOCUMENT: str(document_id), state.Query.TARGET: target}
    if number is not None:
        wanted[state.Query.SENTENCE] = str(number)
    if {k: st.query_params.get(k) for k in wanted} != wanted:
        st.query_params.update(wanted)


# ---- sidebar ---------------------------------------------------------------------------


def _sidebar(store: Store, default_id: int | None) -> Document | None:
    with st.sidebar:
        documents = {d.id: d for d in store.documents()}
        if st.session_state.get(state.DOCUMENT_ID) not in documents:
            st.session_state[state.DOCUMENT_ID] = (
                default_id if default_id in documents else next(iter(documents), None)
            )
        st.selectbox(
            "Document",
            options=list(documents),
            format_func=lambda i: f"{documents[i].name} · {documents[i].segment_count} sentences",
            key=state.DOCUMENT_ID,
            on_change=_new_place,
        )
        st.file_uploader(
            "Add a document (.txt, .md, Word .docx, web page .html)",
            type=UPLOAD_TYPES,
            key=state.UPLOAD,
            on_change=_store_upload,
            args=(store,),
        )
        if st.session_state[state.UPLOAD_ERROR]:
            st.error(markdown_text(st.session_state[state.UPLOAD_ERROR]))
        pending = st.session_state[state.UPLOAD_PENDING]
        if pending is not None:
            name, _, guess = pending
            st.button(
                f"Read {name} as {guess.encoding}",
                key=state.UPLOAD_CONFIRM,
                on_click=_store_pending_upload,
                args=(store,),
                help="Check the lines shown above: if they read right, the guess is right.",
            )
        st.caption(f"Store: {markdown_text(store.url)}")
    return documents.get(st.session_state[state.DOCUMENT_ID])


def _new_place() -> None:
    """Another document or target opens at its first unconfirmed sentence."""
    st.session_state[state.EDITOR_SENTENCE] = None


def _store_upload(store: Store) -> None:
    uploaded = st.session_state[state.UPLOAD]
    st.session_state[state.UPLOAD_ERROR] = None
    st.session_state[state.UPLOAD_PENDING] = None
    if uploaded is None:
        return
    _store_file(store, uploaded.name, uploaded.getvalue(), None)


def _store_pending_upload(store: Store) -> None:
    name, data, guess = st.session_state[state.UPLOAD_PENDING]
    st.session_state[state.UPLOAD_PENDING] = None
    st.session_state[state.UPLOAD_ERROR] = None
    _store_file(store, name, data, guess.encoding)


def _store_file(store: Store, name: str, data: bytes, encoding: str | None) -> None:
    """Store an uploaded document (with its original file) and open it; a text that is not
    UTF-8 waits for the user to confirm the guessed encoding, nothing is stored before."""
    try:
        document = import_file(store, load_file(data, name, encoding))
    except EncodingNotConfirmed as exc:
        st.session_state[state.UPLOAD_ERROR] = exc.advice("confirm it: read it as")
        if exc.guess is not None:
            st.session_state[state.UPLOAD_PENDING] = (name, data, exc.guess)
        return
    except WorkbenchError as exc:
        st.session_state[state.UPLOAD_ERROR] = str(exc)
        return
    st.session_state[state.DOCUMENT_ID] = document.id
    _new_place()


# ---- main area -------------------------------------------------------------------------


# The grid needs the width: less padding around the page than Streamlit's default.
_PAGE_STYLE = (
    "<style>[data-testid='stMainBlockContainer']"
    "{padding-left:1.5rem;padding-right:1.5rem;padding-top:3.5rem;padding-bottom:1rem}</style>"
)


def _editor(store: Store, document: Document) -> tuple[str, qa.LengthModel]:
    """The line above the grid: document, target, engine, Translate; export and import;
    the concordance. Returns the target language and the document's length model for QA."""
    st.html(_PAGE_STYLE)
    target = st.session_state[state.TARGET]
    choice = picked_choice(document.source_lang, target)
    name, about, action = st.columns([3, 5, 1.2], vertical_alignment="center")
    name.markdown(f"**{markdown_text(document.name)}**")
    about.caption(
        f"Into {get_language(target).label} with {choice.label} "
        "(change the target and the engine in the sidebar)"
    )
    with action:
        translate = st.button(
            "Translate",
            key=state.TRANSLATE,
            type="primary",
            disabled=not choice.installed,
            width="stretch",
            help="Fill sentences from the translation memory (exact matches), machine-"
            "translate the rest; sentences you edited keep your text.",
        )
    if not choice.installed:
        st.warning(
            f"{choice.label} has no model for {get_language(target).label}: {choice.setup_hint}."
        )
    glossary = session_glossary()
    memory = translation_memory()
    if translate:
        _translate(store, document, target, choice.name, glossary, memory)
    lengths = length_model(document, target, store.progress(document.id, target))
    exchange_panel.render(
        store,
        document,
        target,
        author(),
        len(memory.memory),
        qa.qa_notes(glossary, document.source_lang, target, length_model=lengths),
    )
    concordance_panel.render(target)
    return target, lengths


def _translate(
    store: Store,
    document: Document,
    target: str,
    engine_name: str,
    glossary: Glossary | None,
    memory: MemorySource,
) -> None:
    bar = st.progress(0.0, text="Translating…")

    def update(done: int, total: int) -> None:
        bar.progress(done / max(total, 1), text=f"Translating… {done}/{total} sentences")

    try:
        result = translate_stored_document(
            store,
            document,
            engine(engine_name),
            target,
            progress=update,
            glossary=glossary,
            memory=memory.memory,
        )
    except WorkbenchError as exc:
        st.error(markdown_text(str(exc)))
        return
    finally:
        bar.empty()
    from_tm = _sentences(result.from_tm)
    st.toast(f"Translated: {from_tm} from the translation memory, {result.new_mt} got new MT.")
    st.caption(
        f"Translation memory: {from_tm} filled with exact matches "
        f"({len(memory.memory):,} entries searched)"
    )
    if glossary is not None:
        totals = glossary_totals(result.rows, target, glossary)
        st.caption(
            f"Glossary: {totals.found} term occurrences, {totals.enforced} enforced, "
            f"{totals.flagged} flagged for review"
        )


def _sentences(count: int) -> str:
    return f"{count} sentence" + ("" if count == 1 else "s")


# ---- the grid ----------------------------------------------------------------------------


def _grid_session(
    store: Store, document_id: int, source_lang: str, target: str, lengths: qa.LengthModel
) -> OpenGrid:
    """This browser session's open grid; its store is the one this run acts through (in
    team mode, as the signed-in person) and its QA the glossary and length model of now."""
    checker = qa_checker(_quiet_glossary(), source_lang, lengths)
    session = st.session_state[state.GRID_SESSION]
    if session is None or (session.document_id, session.target_lang) != (document_id, target):
        session = OpenGrid(store, document_id, target, checker)
        st.session_state[state.GRID_SESSION] = session
        st.session_state[state.GRID_RELOAD] = True
    session.store, session.qa_check = store, checker
    return session


def _on_ops() -> None:
    """The grid sent a batch of events: apply it before the fragment draws again."""
    session: OpenGrid | None = st.session_state[state.GRID_SESSION]
    batch = (st.session_state.get(state.GRID) or {}).get("ops")
    if session is None or not isinstance(batch, dict):
        return
    if not session.handle(batch, author()):
        return
    if session.rows_wanted:
        st.session_state[state.GRID_RELOAD] = True
    if session.author_restored and not author():
        sidebar.remember_author(session.author_restored)
        st.session_state[state.EDITOR_RERUN_APP] = True


@st.fragment
@guarded
def _grid(document_id: int, source_lang: str, target: str, lengths: qa.LengthModel) -> None:
    store = app_store()
    session = _grid_session(store, document_id, source_lang, target, lengths)
    send_rows = st.session_state[state.GRID_RELOAD]
    if send_rows:
        session.reload()
        st.session_state[state.GRID_RELOAD] = False
    focus = _initial_focus(session) if send_rows else None
    if session.active is not None:
        row = session.row(session.active)
        if row is not None:
            st.session_state[state.EDITOR_SENTENCE] = row["n"]
    _place_to_url(document_id, target, st.session_state[state.EDITOR_SENTENCE])
    editor_grid(
        key=state.GRID,
        data={
            "doc": {
                "id": document_id,
                "source": language_fields(source_lang),
                "target": {**language_fields(target), "code": target},
            },
            "author": author(),
            # the browser remembers a typed name, never a signed-in one (team mode)
            "remember": signed_in_actor() is None,
            "review": review_rights(signed_in_actor()),
            "epoch": session.epoch,
            "rows": session.rows if send_rows else None,
            "batch": session.last_batch,
            # changes on every run, so that an answer sent again (a batch resent after a
            # lost trigger) reaches the grid even when nothing else changed
            "run": _next_run(),
            "answers": session.answers,
            "tools": _tools(store, session, source_lang),
            "concordance": _concordance(session),
            "preview": session.preview,
            "focus": focus,
        },
        on_ops=_on_ops,
    )
    if st.session_state[state.EDITOR_RERUN_APP]:
        st.rerun(scope="app")  # the sidebar's name field shows the remembered name


def _next_run() -> int:
    st.session_state[state.GRID_RUN] += 1
    return st.session_state[state.GRID_RUN]


def _initial_focus(session: OpenGrid) -> dict | None:
    """Where the grid opens: the sentence in the URL or session, else the first sentence
    not confirmed yet."""
    if not session.rows:
        return None
    wanted = st.session_state[state.EDITOR_SENTENCE]
    numbers = {row["n"]: row["id"] for row in session.rows}
    if wanted not in numbers:
        wanted = first_sent_back(session.rows)  # a translator sees sent-back rows first
    if wanted not in numbers:
        states = [row["state"] for row in session.rows]
        first = 0 if states[0] != "confirmed" else next_unconfirmed(states, 0)
        wanted = session.rows[first or 0]["n"]
    return {"seg": numbers[wanted], "token": session.epoch}


def _tools(store: Store, session: OpenGrid, source_lang: str) -> dict | None:
    """The active sentence's tools, recomputed only when it or its text changed; not at all
    in the run that answers a save (the answer goes back first; the grid asks again)."""
    if session.active is None or session.saved:
        return None
    row = session.row(session.active)
    if row is None:
        return None
    key = (session.active, session.active_text, row["rev"], session.epoch, session.review_version)
    cached = st.session_state[state.GRID_TOOLS]
    if cached is not None and cached[0] == key:
        return cached[1]
    source = session.source_text(session.active)
    matches = []
    if row["state"] != "confirmed":  # a final text needs no suggestions
        matches = translation_memory().suggestions(
            source, session.target_lang, from_display(session.active_text), 3, session.active
        )
    tools = segment_tools(
        store,
        session.active,
        source,
        session.target_lang,
        session.active_text,
        matches,
        _quiet_glossary(),
        session.qa_check,
    )
    tools.update(
        review_tools(
            store, session.active, session.target_lang, session.active_text, signed_in_actor()
        )
    )
    st.session_state[state.GRID_TOOLS] = (key, tools)
    return tools


CONCORDANCE_HITS = 20  # sentences a lookup from the grid shows, the most recent first


def _concordance(session: OpenGrid) -> dict | None:
    """The answer to the grid's last concordance lookup, searched once per request."""
    request = session.concordance
    if request is None:
        return None
    key = (request["query"], request["target"], request["seg"], session.target_lang)
    cached = st.session_state[state.GRID_CONCORDANCE]
    if cached is not None and cached[0] == key:
        return cached[1]
    hits = []
    if request["query"]:
        hits = concordance().search(
            request["query"],
            session.target_lang,
            target_side=request["target"],
            limit=CONCORDANCE_HITS,
        )
    payload = concordance_payload(request["query"], request["target"], hits, request["seg"])
    st.session_state[state.GRID_CONCORDANCE] = (key, payload)
    return payload
