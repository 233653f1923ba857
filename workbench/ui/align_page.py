"""Alignment page: pair an old translation with its source, fix the rows, accept into the store.

Two columns, one row per bead coloured by confidence; each row can be merged with the next,
split, or have its first/last sentence shifted to the row above/below. "Accept" stores the
source as a document and the translation as its revisions (origin `aligned`), whose confirmed
pairs are translation memory from then on; the rows as they stand download as TSV or TMX.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import streamlit as st

from workbench import config
from workbench.align import LOW_CONFIDENCE, Alignment
from workbench.align.edit import EditError, Side, merge_with_next, shift_down, shift_up, split
from workbench.align.export import (
    TMX_MIME,
    TSV_MIME,
    alignment_filename,
    alignment_tmx_bytes,
    alignment_tsv_bytes,
    one_sided_count,
)
from workbench.align.terms import glossary_terms
from workbench.align.texts import align_texts_with_mt
from workbench.documents import decode_document
from workbench.errors import WorkbenchError
from workbench.languages import LANGUAGES, get_language
from workbench.ui import state
from workbench.ui.engine_picker import picked_choice
from workbench.ui.rendering import bead_cell, confidence_color, markdown_text
from workbench.ui.resources import app_store, engine, session_glossary
from workbench.workflows.align_accept import Accepted, accept_alignment

ROWS_PER_PAGE = 50
_COLUMNS = [0.4, 5, 5, 0.9, 1.1]  # number, source, translation, confidence, edit


@dataclass(frozen=True)
class AlignmentWork:
    """What the page keeps between reruns: the alignment being checked and its inputs."""

    alignment: Alignment
    source_name: str
    source_text: str
    src: str
    tgt: str
    notes: str  # what MT and the glossary contributed, one line
    accepted: Accepted | None = None


def _text_of(file_key: str, text_key: str) -> tuple[str, str] | None:
    """(name, text) given for one side: the uploaded file, else the pasted text."""
    upload = st.session_state.get(file_key)
    if upload is not None:
        return upload.name, decode_document(upload.getvalue(), upload.name)
    pasted = st.session_state.get(text_key, "")
    if not pasted.strip():
        return None
    first_line = pasted.strip().splitlines()[0].strip()
    name = first_line if len(first_line) <= 60 else first_line[:59].rstrip() + "…"
    return name, pasted


def _inputs() -> None:
    left, right = st.columns(2)
    codes = list(LANGUAGES)
    with left:
        st.selectbox(
            "Source language",
            codes,
            index=codes.index("en"),
            format_func=lambda c: get_language(c).label,
            key=state.ALIGN_SRC,
        )
        st.file_uploader(
            "Source document",
            type=["txt", "md"],
            max_upload_size=config.upload_limit_mb(),
            key=state.ALIGN_SOURCE_FILE,
        )
        st.text_area("…or paste the source", key=state.ALIGN_SOURCE_TEXT, height=120)
    with right:
        target_label = get_language(st.session_state[state.TARGET]).label
        st.file_uploader(
            f"Its translation ({target_label}: change in the sidebar)",
            type=["txt", "md"],
            max_upload_size=config.upload_limit_mb(),
            key=state.ALIGN_TARGET_FILE,
        )
        st.text_area("…or paste the translation", key=state.ALIGN_TARGET_TEXT, height=120)
    left, right = st.columns(2)
    left.checkbox(
        "Use MT similarity when a model is installed (the sidebar's engine)",
        value=True,
        key=state.ALIGN_USE_MT,
    )
    right.checkbox(
        "Use the house glossary's terms as anchors", value=True, key=state.ALIGN_USE_GLOSSARY
    )
    if st.button("Align", type="primary", key=state.ALIGN_RUN):
        _align()


def _align() -> None:
    src, tgt = st.session_state[state.ALIGN_SRC], st.session_state[state.TARGET]
    try:
        source = _text_of(state.ALIGN_SOURCE_FILE, state.ALIGN_SOURCE_TEXT)
        target = _text_of(state.ALIGN_TARGET_FILE, state.ALIGN_TARGET_TEXT)
        if source is None or target is None:
            missing = "source" if source is None else "translation"
            st.error(f"Give the {missing}: upload a file or paste its text.")
            return
        mt = engine(picked_choice(src, tgt).name) if st.session_state[state.ALIGN_USE_MT] else None
        glossary = session_glossary() if st.session_state[state.ALIGN_USE_GLOSSARY] else None
        terms = glossary_terms(glossary, src, tgt) if glossary is not None else None
        bar = st.progress(0.0, text="Aligning…")

        def update(done: int, total: int) -> None:
            bar.progress(done / max(total, 1), text=f"Machine-translating {done}/{total}…")

        alignment, note = align_texts_with_mt(
            source[1], target[1], src, tgt, mt,
            term_finder=terms, progress=update, names=(source[0], target[0]),
        )  # fmt: skip
        bar.empty()
        note += (
            f" · glossary: {len(glossary)} concepts" if glossary is not None else " · no glossary"
        )
    except WorkbenchError as exc:
        st.error(markdown_text(str(exc)))
        return
    st.session_state[state.ALIGNMENT] = AlignmentWork(
        alignment, source[0], source[1], src, tgt, note
    )
    st.session_state[state.ALIGN_NOTICE] = None
    st.session_state[state.ALIGN_PAGE] = 1


def _edit(operation, row: int) -> None:
    """Button callback: apply one edit to the alignment being checked."""
    work: AlignmentWork = st.session_state[state.ALIGNMENT]
    try:
        beads = operation(work.alignment.beads, row)
    except EditError as exc:
        st.session_state[state.ALIGN_NOTICE] = ("warning", f"Row {row + 1}: {exc}")
        return
    alignment = replace(work.alignment, beads=beads)
    st.session_state[state.ALIGNMENT] = replace(work, alignment=alignment, accepted=None)
    st.session_state[state.ALIGN_NOTICE] = None


EDITS = (
    ("merge", "Merge with next row", merge_with_next),
    ("split", "Split", split),
    ("src_up", "Source sentence ↑", lambda b, r: shift_up(b, r, Side.SOURCE)),
    ("src_down", "Source sentence ↓", lambda b, r: shift_down(b, r, Side.SOURCE)),
    ("tgt_up", "Translation sentence ↑", lambda b, r: shift_up(b, r, Side.TARGET)),
    ("tgt_down", "Translation sentence ↓", lambda b, r: shift_down(b, r, Side.TARGET)),
)


def _rows(work: AlignmentWork) -> None:
    alignment = work.alignment
    flagged_only = st.checkbox(
        f"Only rows to check (confidence below {LOW_CONFIDENCE:.0%})", key=state.ALIGN_ONLY_FLAGGED
    )
    rows = [k for k, b in enumerate(alignment.beads) if b.low_confidence or not flagged_only]
    pages = max(1, -(-len(rows) // ROWS_PER_PAGE))
    if pages > 1:
        st.number_input("Page", min_value=1, max_value=pages, key=state.ALIGN_PAGE)
    page = min(st.session_state[state.ALIGN_PAGE], pages)
    header = st.columns(_COLUMNS)
    header[1].markdown(f"**{get_language(work.src).label}**")
    header[2].markdown(f"**{get_language(work.tgt).label}**")
    header[3].markdown("**Sure**")
    for k in rows[(page - 1) * ROWS_PER_PAGE : page * ROWS_PER_PAGE]:
        bead = alignment.beads[k]
        color = confidence_color(bead.confidence, LOW_CONFIDENCE)
        number, source, target, confidence, actions = st.columns(_COLUMNS)
        number.markdown(f"{k + 1}")
        source.html(bead_cell([alignment.source[i] for i in bead.src], work.src, color))
        target.html(bead_cell([alignment.target[j] for j in bead.tgt], work.tgt, color))
        mark = "⚠ " if bead.low_confidence else ""
        confidence.markdown(f"{mark}{bead.confidence:.0%}  \n`{bead.kind}`")
        with actions.popover("Edit", width="stretch"):
            for key, label, operation in EDITS:
                st.button(
                    label, key=state.align_edit_key(key, k), on_click=_edit, args=(operation, k),
                    width="stretch",
                )  # fmt: skip


def _accept(work: AlignmentWork) -> None:
    st.subheader("Accept")
    left, right = st.columns(2)
    name = left.text_input("Store as document", value=work.source_name, key=state.ALIGN_DOC_NAME)
    author = st.session_state[state.AUTHOR]
    right.caption(f"Stored as yours: {markdown_text(author)} (your name is in the sidebar)")
    unsure = work.alignment.low_confidence_count
    if unsure:
        st.caption(
            f"{unsure} rows below {LOW_CONFIDENCE:.0%} that nobody has edited are stored as "
            "drafts; the others as confirmed."
        )
    if st.button("Accept into the store", type="primary", key=state.ALIGN_ACCEPT):
        if not name.strip() or not author.strip():
            st.error("Give the document a name, and yourself a name in the sidebar.")
            return
        try:
            accepted = accept_alignment(
                app_store(), work.alignment, name=name.strip(),
                source_text=work.source_text, src=work.src, tgt=work.tgt, author=author.strip(),
            )  # fmt: skip
        except WorkbenchError as exc:
            st.error(markdown_text(str(exc)))
            return
        st.session_state[state.ALIGNMENT] = replace(work, accepted=accepted)
        st.rerun()
    if work.accepted is not None:
        st.success(markdown_text(work.accepted.summary()))


def _downloads(work: AlignmentWork) -> None:
    """The alignment as it stands (with the edits made here) as TSV and TMX files."""
    st.subheader("Download")
    alignment = work.alignment
    left_out = one_sided_count(alignment)
    st.caption(
        "TSV: every row with its bead type and confidence. TMX 1.4b: one unit per row with "
        "both sides, for a CAT tool or a memory"
        + (f" ({left_out} rows with one side only are left out)." if left_out else ".")
    )
    author = st.session_state[state.AUTHOR].strip() or None
    left, right, _ = st.columns([1, 1, 5])
    left.download_button(
        "TSV",
        alignment_tsv_bytes(alignment),
        file_name=alignment_filename(work.source_name, work.tgt, ".tsv"),
        mime=TSV_MIME,
        key=state.ALIGN_DOWNLOAD_TSV,
        on_click="ignore",
        icon=":material/download:",
    )
    right.download_button(
        "TMX",
        alignment_tmx_bytes(
            alignment, work.src, work.tgt, document=work.source_name, author=author
        ),
        file_name=alignment_filename(work.source_name, work.tgt, ".tmx"),
        mime=TMX_MIME,
        key=state.ALIGN_DOWNLOAD_TMX,
        on_click="ignore",
        icon=":material/download:",
    )


def render() -> None:
    st.title("Align an old translation")
    st.caption(
        "Pair a document with a translation made without a CAT tool, sentence by sentence, "
        "check the rows, download them as TSV or TMX, and accept them into the store as "
        "revisions and translation memory."
    )
    _inputs()
    work: AlignmentWork | None = st.session_state[state.ALIGNMENT]
    if work is None:
        return
    report = work.alignment.report
    beads = work.alignment.beads
    summary = (
        f"{len(beads)} rows · {work.alignment.low_confidence_count} to check · "
        f"{len(work.alignment.source)} source and {len(work.alignment.target)} translated "
        f"sentences · {work.notes}"
    )
    if report is not None:
        summary += f" · length ratio {report.length_ratio:.2f}"
    st.caption(summary)  # numbers and fixed words only
    notice = st.session_state[state.ALIGN_NOTICE]
    if notice is not None:
        getattr(st, notice[0])(markdown_text(notice[1]))
    _rows(work)
    _downloads(work)
    _accept(work)
