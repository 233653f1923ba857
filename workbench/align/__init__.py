"""Sentence alignment of existing translations with their sources (for the TM and scoring)."""

from workbench.align.aligner import align_sentences
from workbench.align.anchors import TermFinder
from workbench.align.model import BEAD_SHAPES, LOW_CONFIDENCE, Alignment, AlignmentReport, Bead
from workbench.align.texts import align_texts

__all__ = [
    "BEAD_SHAPES",
    "LOW_CONFIDENCE",
    "Alignment",
    "AlignmentReport",
    "Bead",
    "TermFinder",
    "align_sentences",
    "align_texts",
]
