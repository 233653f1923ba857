"""Split a document into paragraphs and sentences (English, Urdu, Persian/Dari, Pashto).

Every span indexes the *original* string, so a document rebuilds exactly from its segments
(`rebuild`), or with each sentence replaced by its translation. Paragraphs and hard line
breaks (headlines, datelines, list items) are described in `workbench.segment.paragraphs`;
sentences follow per-language break rules kept in TOML files (`workbench.segment.rules`,
docs/segmentation.md), which a desk can extend without changing the package.
"""

from workbench.segment.document import (
    iter_segments,
    require_text,
    segment_document,
    segment_text,
)
from workbench.segment.edit import merge_with_next, split_segment
from workbench.segment.paragraphs import iter_paragraphs, split_paragraphs
from workbench.segment.sentences import sentence_spans
from workbench.segment.spans import Segment, group_by_paragraph, rebuild

__all__ = [
    "Segment",
    "group_by_paragraph",
    "iter_paragraphs",
    "iter_segments",
    "merge_with_next",
    "rebuild",
    "require_text",
    "segment_document",
    "segment_text",
    "sentence_spans",
    "split_paragraphs",
    "split_segment",
]
