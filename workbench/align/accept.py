"""An alignment's beads as the segments of a document to store (the store part of accepting
an alignment is `workbench.workflows.align_accept`).

Each bead with a source side becomes one segment spanning its sentences in the source text.
"""

from __future__ import annotations

from workbench.align.model import Alignment
from workbench.segment import Segment


def bead_segments(alignment: Alignment, source_text: str) -> list[Segment]:
    """One segment per bead with a source side, spanning its sentences in `source_text`."""
    if not alignment.source_segments:
        raise ValueError("the alignment was not made from texts: it has no source spans")
    segments = []
    for bead in alignment.beads:
        if not bead.src:
            continue
        first = alignment.source_segments[bead.src[0]]
        last = alignment.source_segments[bead.src[-1]]
        text = source_text[first.start : last.end]
        segments.append(Segment(len(segments), first.paragraph, text, first.start, last.end))
    return segments
