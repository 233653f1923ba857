"""QA of a stored document: the length model its rows are judged by.

The length ratio is learned from the document itself (`qa.learn_length_model`), so the
editor and TMX exports read the document's translated rows once to learn it.
"""

from __future__ import annotations

from workbench import qa
from workbench.store import SegmentFilter, Store


def document_length_model(
    store: Store, document_id: int, target: str, source_lang: str = "en"
) -> qa.LengthModel:
    """The length ratio QA judges this document's rows by, learned from its translated rows
    (the pair's calibration prior while too few are translated)."""
    rows = store.segment_rows(document_id, target, SegmentFilter.ALL, "").rows
    pairs = [(row.segment.text, row.target_text) for row in rows if row.revision is not None]
    return qa.learn_length_model(pairs, source_lang, target)
