"""First page: open a document, choose a target, machine-translate, read side by side."""

from __future__ import annotations

import hashlib
from pathlib import Path

import streamlit as st

from workbench.documents import decode_document, read_document
from workbench.engines import packages
from workbench.engines.registry import get_engine
from workbench.errors import WorkbenchError
from workbench.glossary import Glossary, load_glossary
from workbench.languages import TARGETS, get_language
from workbench.pipeline import glossary_totals, translate_segments
from workbench.segment import segment_document
from workbench.ui import state
from workbench.ui.engine_picker import engine_picker
from workbench.ui.rendering import side_by_side_table


@st.cache_resource(show_spinner=False)
def _engine(name: str):
    """One engine per server process: models load once, not on every rerun."""
    return get_engine(name)


def _current_document() -> tuple[str, str]:
    """(name, text) of the open document; errors surface as WorkbenchError."""
    upload = st.session_state[state.DOC_UPLOAD]
    if upload is not None:
        return upload
    path = Path(st.session_state[state.DOC_PATH])
    return path.name, read_document(path)


def _sidebar() -> None:
    with st.sidebar:
        st.header("Document")
        uploaded = st.file_uploader("Open a text file", type=["txt", "md"], key="uploader")
        if uploaded is not None:
            try:
                text = decode_document(uploaded.getvalue(), uploaded.name)
                st.session_state[state.DOC_UPLOAD] = (uploaded.name, text)
            except WorkbenchError as exc:
                st.error(str(exc))
        elif st.session_state[state.DOC_UPLOAD] is not None:
            st.session_state[state.DOC_UPLOAD] = None
        st.header("Models")
        for status in packages.target_statuses():
            label = status.language.label
            if status.installed:
                st.caption(f"✓ {label}: {' · '.join(status.model_ids)}")
            else:
                st.caption(f"✗ {label}: no model installed")


def _house_glossary() -> Glossary | None:
    """The glossary MT enforces; a broken file is reported and MT runs without it."""
    try:
        return load_glossary(Path(st.session_state[state.GLOSSARY_PATH]))
    except WorkbenchError as exc:
        st.warning(f"Glossary not applied: {exc}")
        return None


def render() -> None:
    _sidebar()
    try:
        name, text = _current_document()
        segments = segment_document(text, "en", path=name)
    except WorkbenchError as exc:
        st.error(str(exc))
        return

    st.title(name)
    labels = {t.code: f"{t.label} ({t.code})" for t in TARGETS}
    tgt = st.selectbox(
        "Target language",
        options=list(labels),
        format_func=labels.__getitem__,
        key=state.TARGET,
    )
    engine = engine_picker("en", tgt)
    doc_key = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    results = st.session_state[state.MT_RESULTS]
    words = sum(len(s.text.split()) for s in segments)
    st.caption(f"{len(segments)} sentences · {words} words · English → {get_language(tgt).label}")

    if not engine.installed:
        st.warning(
            f"{engine.label} has no model for {get_language(tgt).label}: {engine.setup_hint}."
        )
    glossary = _house_glossary()
    if st.button("Translate", type="primary", key="translate", disabled=not engine.installed):
        bar = st.progress(0.0, text="Translating…")

        def update(done: int, total: int) -> None:
            bar.progress(done / max(total, 1), text=f"Translating… {done}/{total} sentences")

        try:
            results[(doc_key, tgt, engine.name)] = translate_segments(
                segments, _engine(engine.name), "en", tgt, progress=update, glossary=glossary
            )
            bar.empty()
        except WorkbenchError as exc:
            bar.empty()
            st.error(str(exc))

    translated = results.get((doc_key, tgt, engine.name))
    if translated and glossary is not None:
        totals = glossary_totals(translated, tgt, glossary)
        st.caption(
            f"Glossary: {totals.found} term occurrences, {totals.enforced} enforced, "
            f"{totals.flagged} flagged for review"
        )
    targets = [r.target for r in translated] if translated else [""] * len(segments)
    rows = [(s.index + 1, s.text, t) for s, t in zip(segments, targets, strict=True)]
    st.html(side_by_side_table(rows, "en", tgt))
