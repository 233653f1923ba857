"""Repairing a document's segmentation by hand: split a segment at a point, merge it with the
next. Both work on spans, so the document still rebuilds exactly from its segments; the
store and the editor build their split and merge on these.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from workbench.errors import WorkbenchError
from workbench.segment.spans import Segment, strip_span

__all__ = ["merge_with_next", "split_segment"]


def split_segment(
    original: str, segments: Sequence[Segment], index: int, offset: int
) -> list[Segment]:
    """`segments` with segment `index` cut in two at `offset` (a position in its text, as an
    editor's cursor gives it); both parts are stripped and stay in the paragraph. A segment's
    text has no surrounding whitespace, so any offset inside it leaves text on both sides;
    one outside it is refused with a `WorkbenchError`."""
    seg = _segment(segments, index)
    if not 0 < offset < len(seg.text):
        raise WorkbenchError(
            f"segment {index + 1}: cannot split at {offset}; a split point lies inside its text "
            f"(1 to {len(seg.text) - 1})"
        )
    cut = seg.start + offset
    first, second = strip_span(original, seg.start, cut), strip_span(original, cut, seg.end)
    parts = [
        Segment(index, seg.paragraph, original[first[0] : first[1]], *first),
        Segment(index + 1, seg.paragraph, original[second[0] : second[1]], *second),
    ]
    return _renumber([*segments[:index], *parts, *segments[index + 1 :]])


def merge_with_next(original: str, segments: Sequence[Segment], index: int) -> list[Segment]:
    """`segments` with segment `index` and the one after it made one segment (their span and
    everything between). Refused when there is no next segment or it starts a new paragraph:
    a merged segment must not swallow a paragraph break."""
    seg = _segment(segments, index)
    if index + 1 >= len(segments):
        raise WorkbenchError(f"segment {index + 1} is the last one; there is nothing to merge")
    after = segments[index + 1]
    if after.paragraph != seg.paragraph:
        raise WorkbenchError(
            f"segments {index + 1} and {index + 2} are in different paragraphs; "
            "only segments of one paragraph merge"
        )
    merged = Segment(index, seg.paragraph, original[seg.start : after.end], seg.start, after.end)
    return _renumber([*segments[:index], merged, *segments[index + 2 :]])


def _segment(segments: Sequence[Segment], index: int) -> Segment:
    if not 0 <= index < len(segments):
        raise WorkbenchError(f"no segment {index + 1}; the document has {len(segments)}")
    return segments[index]


def _renumber(segments: list[Segment]) -> list[Segment]:
    return [seg if seg.index == i else replace(seg, index=i) for i, seg in enumerate(segments)]
