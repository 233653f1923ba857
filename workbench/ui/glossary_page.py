"""Glossary page: list and edit the house glossary's renderings per target, import, export.

The file is the source of truth: the page loads it once per session (or on Reload), edits
happen in a table, and Save writes the file back (and its CSV/TBX twin), refusing if someone
else saved the file meanwhile. All glossary logic lives in `workbench.glossary`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from workbench.errors import WorkbenchError
from workbench.glossary import (
    Glossary,
    file_digest,
    find_terms,
    parse_glossary,
    save_glossary,
    serialize_glossary,
)
from workbench.glossary.table import COLUMNS, apply_rows, glossary_rows
from workbench.languages import get_language
from workbench.ui import state
from workbench.ui.rendering import markdown_text, term_highlighted_block, term_renderings
from workbench.ui.resources import house_glossary

EDITOR_ROW_HEIGHT = 35  # pixels per data editor row (Streamlit's default)
TRY_EXAMPLE = "Ishaq Dar met the TTP's envoys in Khost about the APTTA."


def _loaded() -> tuple[Path, str | None, Glossary]:
    """The glossary being edited: loaded from disk once, until saved or reloaded."""
    path = Path(st.session_state[state.GLOSSARY_PATH])
    loaded = st.session_state[state.GLOSSARY_LOADED]
    if loaded is None or loaded[0] != path:
        loaded = (path, file_digest(path), house_glossary(path))
        st.session_state[state.GLOSSARY_LOADED] = loaded
    return loaded


def _reload() -> None:
    st.session_state[state.GLOSSARY_LOADED] = None


def _save(glossary: Glossary, path: Path, digest: str | None) -> None:
    written = save_glossary(glossary, path, expected_digest=digest)
    _reload()
    st.session_state[state.GLOSSARY_LOADED] = (path, file_digest(path), glossary)
    st.success(markdown_text("Saved " + " and ".join(p.name for p in written) + "."))


def _column_config(tgt: str) -> dict[str, st.column_config.Column]:
    label = get_language(tgt).label
    text = st.column_config.TextColumn
    many = "several: separate with |"
    return {
        "concept": text("Concept", required=True, help="id used in QA flags (letters, - _ .)"),
        "english": text("English", help="preferred full form"),
        "english_short": text("English short", help="abbreviation or short form (TTP, Dar)"),
        "english_variants": text("English variants", help=f"other spellings, matched too; {many}"),
        "english_short_variants": text("English short variants", help=many),
        "full": text(f"{label}", help="approved full form: MT output carries exactly this"),
        "short": text(f"{label} short", help="approved abbreviation or short form"),
        "variants": text(f"{label} variants", help=f"also accepted by QA; {many}"),
        "short_variants": text(f"{label} short variants", help=many),
        "deprecated": text(f"{label} deprecated", help=f"flagged by QA if used; {many}"),
        "note": text("Note"),
    }


def _editor(glossary: Glossary, path: Path, digest: str | None, tgt: str) -> None:
    frame = pd.DataFrame(glossary_rows(glossary, tgt), columns=list(COLUMNS))
    edited = st.data_editor(
        frame,
        key=state.glossary_editor_key(tgt, digest),
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        height=EDITOR_ROW_HEIGHT * (len(frame) + 2) + 3,  # every concept without scrolling
        column_config=_column_config(tgt),
    )
    left, right = st.columns([1, 5])
    if left.button("Save", type="primary", key=state.GLOSSARY_SAVE):
        try:
            _save(apply_rows(glossary, tgt, edited.to_dict("records")), path, digest)
        except WorkbenchError as exc:
            st.error(markdown_text(str(exc)))
    if right.button("Reload from disk", key=state.GLOSSARY_RELOAD):
        _reload()
        st.rerun()


def _try_sentence(glossary: Glossary, tgt: str) -> None:
    st.subheader("Try a sentence")
    sentence = st.text_input("English sentence", value=TRY_EXAMPLE, key=state.GLOSSARY_TRY)
    hits = find_terms(sentence, glossary, tgt)
    st.html(term_highlighted_block(sentence, hits, "en", tgt))
    if hits:
        st.html(term_renderings(hits, tgt))
    else:
        st.caption("No glossary term in this sentence.")


def _import_export(glossary: Glossary, path: Path, digest: str | None) -> None:
    st.subheader("Import")
    upload = st.file_uploader("CSV or TBX file", type=["csv", "tbx"], key=state.GLOSSARY_UPLOAD)
    if upload is not None:
        try:
            imported = parse_glossary(upload.getvalue(), upload.name)
        except WorkbenchError as exc:
            st.error(markdown_text(f"Nothing imported: {exc}"))
        else:
            new = sum(1 for c in imported if glossary.get(c.id) is None)
            st.info(
                markdown_text(
                    f"{upload.name}: {len(imported)} concepts, {new} new, "
                    f"{len(imported) - new} already in the glossary (merging replaces them)."
                )
            )
            merge, replace = st.columns(2)
            try:
                if merge.button("Merge into the glossary", key=state.GLOSSARY_MERGE):
                    _save(glossary.merge(imported), path, digest)
                if replace.button("Replace the glossary", key=state.GLOSSARY_REPLACE):
                    _save(imported, path, digest)
            except WorkbenchError as exc:
                st.error(markdown_text(str(exc)))
    st.subheader("Export")
    stem = path.stem
    columns = st.columns(3)
    for column, (label, name, version) in zip(
        columns,
        [
            ("CSV", f"{stem}.csv", 2),
            ("TBX (v2, martif)", f"{stem}.tbx", 2),
            ("TBX v3", f"{stem}.v3.tbx", 3),
        ],
        strict=True,
    ):
        column.download_button(
            label,
            data=serialize_glossary(glossary, name, version),
            file_name=name,
            key=state.glossary_export_key(version, name),
        )


def render() -> None:
    st.title("Glossary")
    try:
        path, digest, glossary = _loaded()
    except WorkbenchError as exc:
        st.error(markdown_text(str(exc)))
        return
    tgt = st.session_state[state.TARGET]
    st.caption(
        markdown_text(
            f"{path} · {len(glossary)} concepts · source: English · "
            f"renderings for {get_language(tgt).label} (change the target in the sidebar)"
        )
    )
    if glossary.unsupported:
        st.warning(
            markdown_text(
                f"{len(glossary.unsupported)} element(s) of this file are not kept when saving: "
                + "; ".join(glossary.unsupported[:5])
            )
        )
    _editor(glossary, path, digest, tgt)
    _try_sentence(glossary, tgt)
    _import_export(glossary, path, digest)
