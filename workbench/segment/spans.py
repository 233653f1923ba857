"""The segment record and what works on spans alone: whitespace, rebuilding, grouping.

Every span indexes the *original* string: nothing is normalised, so ``original[s.start:s.end]
== s.text`` for every segment, and `rebuild` can put the document back together exactly, or
with each sentence replaced by its translation while all whitespace and paragraph structure
between sentences stays as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

BOM = "\ufeff"


@dataclass(frozen=True)
class Segment:
    index: int  # 0-based position in the document
    paragraph: int  # 0-based paragraph number
    text: str  # the sentence, stripped, exactly original[start:end]
    start: int  # character span in the original text
    end: int


def is_space(ch: str) -> bool:
    """Whitespace for segmentation: what `str.isspace` says, plus a byte-order mark."""
    return ch.isspace() or ch == BOM


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow [start, end) to exclude surrounding whitespace (empty span -> start == end)."""
    while start < end and is_space(text[start]):
        start += 1
    while end > start and is_space(text[end - 1]):
        end -= 1
    return start, end


def group_by_paragraph(segments: Sequence[Segment]) -> list[list[Segment]]:
    """Segments grouped by paragraph number, in document order."""
    groups: list[list[Segment]] = []
    for seg in segments:
        if groups and groups[-1][0].paragraph == seg.paragraph:
            groups[-1].append(seg)
        else:
            groups.append([seg])
    return groups


def rebuild(
    original: str, segments: Sequence[Segment], replacements: Sequence[str] | None = None
) -> str:
    """Rebuild the document.

    With `replacements=None` this returns `original` exactly. With one replacement per
    segment it substitutes each segment's span (for example with its translation) and keeps
    all the whitespace and paragraph structure between segments as it was.

    Raises `ValueError` if the counts differ, or if the segments do not belong to `original`
    (out of order, overlapping, or their text differs from the span).
    """
    if replacements is not None and len(replacements) != len(segments):
        raise ValueError(
            f"{len(replacements)} replacements for {len(segments)} segments; need one each"
        )
    pos = 0
    for seg in segments:
        if seg.start < pos or seg.end < seg.start or seg.end > len(original):
            raise ValueError(f"segment {seg.index} is out of order or outside the document")
        if original[seg.start : seg.end] != seg.text:
            raise ValueError(f"segment {seg.index} does not match the document at its span")
        pos = seg.end
    if replacements is None:
        return original
    parts: list[str] = []
    pos = 0
    for seg, new in zip(segments, replacements, strict=True):
        parts.append(original[pos : seg.start])
        parts.append(new)
        pos = seg.end
    parts.append(original[pos:])
    return "".join(parts)
