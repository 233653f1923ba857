"""The editor: one row per sentence, source left, right-to-left target right, saved per segment.

Layout: under the shared name, target and engine (`workbench.ui.sidebar`) the sidebar picks
the document (the bundled sample is always listed; `.txt`/`.md` uploads are stored); the main
area, a fragment so that saving a segment reruns only it, holds translation (translation
memory first, then MT with the sidebar's engine),
the progress header, export and import (`workbench.ui.exchange_panel`), filters and the
page of rows with their TM matches (`workbench.ui.editor_rows`).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from workbench import config, qa
from workbench.editing import PAGE_SIZES, ROW_FILTERS, load_editor_page
from workbench.errors import WorkbenchError
from workbench.exchange.document_formats import DOCUMENT_FORMATS
from workbench.glossary import Glossary
from workbench.languages import get_language
from workbench.memory.source import MemorySource
from workbench.pipeline import glossary_totals
from workbench.store import Document, Progress, Store
from workbench.ui import concordance_panel, editor_rows, exchange_panel, state
from workbench.ui.engine_picker import picked_choice
from workbench.ui.failures import guarded
from workbench.ui.rendering import markdown_text
from workbench.ui.resources import (
    app_store,
    engine,
    length_model,
    session_glossary,
    stored_file_document,
    translation_memory,
)
from workbench.workflows.document_files import EncodingNotConfirmed, import_file, load_file
from workbench.workflows.translate import translate_stored_document

UPLOAD_TYPES = [e.lstrip(".") for f in DOCUMENT_FORMATS for e in f.extensions]


def render() -> None:
    store = app_store()
    document = _sidebar(store, _startup_document_id())
    if document is None:
        st.info("No document yet: add one in the sidebar.")
        return
    _editor(document.id)


def _startup_document_id() -> int | None:
    """The document the app was started with (`--doc`, else the sample), stored on first use;
    if it cannot be read, say why and fall back to the bundled sample."""
    for path in dict.fromkeys([Path(st.session_state[state.DOC_PATH]), config.SAMPLE_DOCUMENT]):
        try:
            return stored_file_document(path)
        except WorkbenchError as exc:
            st.error(markdown_text(str(exc)))
    return None


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
            on_change=_back_to_first_page,
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
    st.session_state[state.PAGE] = 1


# ---- main area -------------------------------------------------------------------------


@st.fragment
@guarded
def _editor(document_id: int) -> None:
    store = app_store()
    document = store.document(document_id)
    st.subheader(markdown_text(document.name), anchor=False)
    target = st.session_state[state.TARGET]
    choice = picked_choice(document.source_lang, target)
    action, about = st.columns([1.2, 6], vertical_alignment="center")
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
    progress = store.progress(document.id, target)
    _progress_header(progress)
    lengths = length_model(document, target, progress)
    exchange_panel.render(
        store,
        document,
        target,
        editor_rows.author(),
        len(memory.memory),
        qa.qa_notes(glossary, document.source_lang, target, length_model=lengths),
    )
    concordance_panel.render(target)
    _toolbar()
    page = load_editor_page(
        store,
        document.id,
        target,
        st.session_state[state.ROW_FILTER],
        st.session_state[state.SEARCH],
        st.session_state[state.PAGE],
        st.session_state[state.PAGE_SIZE],
        glossary,
        document.source_lang,
        lengths,
    )
    if page.page != st.session_state[state.PAGE]:
        st.session_state[state.PAGE] = page.page
    size = st.session_state[state.PAGE_SIZE]
    first = (page.page - 1) * size + 1
    st.caption(
        f"Sentences {first}–{first + len(page.rows) - 1} of {page.total} shown"
        if page.rows
        else "No sentence matches this filter and search."
    )
    editor_rows.render_rows(store, page.rows, document.source_lang, target, glossary, memory)
    _pager(page.pages)


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


def _progress_header(progress: Progress) -> None:
    st.progress(
        progress.percent_done / 100,
        text=(
            f"**{progress.percent_done:.0f}% done** (words confirmed) · "
            f"✓ {progress.confirmed} confirmed · ✎ {progress.edited} edited · "
            f"{progress.pretranslated} pre-translated (MT/TM) · "
            f"{progress.untranslated} untranslated · "
            f"{progress.segments} sentences, {progress.words:,} words"
        ),
    )


def _toolbar() -> None:
    filters, search, size = st.columns([3, 3, 1], vertical_alignment="bottom")
    with filters:
        st.segmented_control(
            "Show",
            options=list(ROW_FILTERS),
            format_func=ROW_FILTERS.__getitem__,
            key=state.ROW_FILTER,
            required=True,
            on_change=_back_to_first_page,
        )
    with search:
        st.text_input(
            "Search source and target",
            key=state.SEARCH,
            placeholder="word or phrase",
            on_change=_back_to_first_page,
        )
    with size:
        st.selectbox(
            "Rows per page", PAGE_SIZES, key=state.PAGE_SIZE, on_change=_back_to_first_page
        )


def _back_to_first_page() -> None:
    st.session_state[state.PAGE] = 1


def _pager(pages: int) -> None:
    """The page buttons; `state.PAGE` is the truth, the widget is recreated when it differs."""
    if (
        st.session_state.get(state.PAGER, st.session_state[state.PAGE])
        != st.session_state[state.PAGE]
    ):
        del st.session_state[state.PAGER]
    st.pagination(
        pages,
        default=st.session_state[state.PAGE],
        key=state.PAGER,
        on_change=_page_chosen,
    )


def _page_chosen() -> None:
    st.session_state[state.PAGE] = st.session_state[state.PAGER]
