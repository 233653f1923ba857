"""Analysis page: a stored document's words per match band against the translation memory.

What a manager plans and pays by (`workbench.workflows.analyze`; the same numbers as
`workbench analyze DOC --to LANG --csv`). Weights come from `WORKBENCH_ANALYSIS_WEIGHTS` or
the defaults (docs/analysis.md).
"""

from __future__ import annotations

import io

import streamlit as st

from workbench.analysis.bands import configured_weights
from workbench.errors import WorkbenchError
from workbench.exchange.filenames import file_stem
from workbench.languages import get_language
from workbench.ui import state
from workbench.ui.rendering import markdown_text
from workbench.ui.resources import app_store, translation_memory
from workbench.workflows.analyze import Analysis, analyze_document, write_csv


def analysis_csv(analysis: Analysis) -> bytes:
    """The CSV `workbench analyze --csv` prints."""
    out = io.StringIO()
    write_csv(analysis, out)
    return out.getvalue().encode("utf-8")


def render() -> None:
    st.title("Analysis")
    store = app_store()
    documents = store.documents()
    if not documents:
        st.info("No stored documents yet: open or upload one in the editor.")
        return
    names = {d.id: d.name for d in documents}
    document_id = st.selectbox(
        "Document", list(names), format_func=names.__getitem__, key=state.ANALYSIS_DOCUMENT
    )
    target = st.session_state[state.TARGET]
    try:
        weights = configured_weights()
        analysis = analyze_document(
            store, document_id, target, translation_memory().memory, weights
        )
    except WorkbenchError as exc:
        st.error(markdown_text(str(exc)))
        return
    st.caption(
        markdown_text(
            f"{names[document_id]} into {get_language(target).label}, against the translation "
            "memory (the document's own translations left out). Words counted as in "
            "docs/analysis.md; weights in percent of a new sentence."
        )
    )
    table = [
        {
            "Band": row.band.value,
            "Weight %": weights[row.band],
            "Sentences": row.segments,
            "Words": row.words,
            "Weighted words": row.weighted_words,
        }
        for row in analysis.rows
    ]
    table.append(
        {
            "Band": "total",
            # The document's own weight (weighted words per word), not an empty "None" cell.
            "Weight %": round(100 * analysis.weighted_words / analysis.words, 1)
            if analysis.words
            else 0,
            "Sentences": analysis.segments,
            "Words": analysis.words,
            "Weighted words": round(analysis.weighted_words, 2),
        }
    )
    st.dataframe(table, hide_index=True, width="stretch")
    st.download_button(
        "Download CSV",
        analysis_csv(analysis),
        file_name=f"{file_stem(names[document_id])}.analysis.{target}.csv",
        mime="text/csv",
        key=state.ANALYSIS_DOWNLOAD,
    )
