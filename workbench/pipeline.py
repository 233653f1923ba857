"""The flow of one document: segment, translate in one batch, hand back aligned rows.

The CLI and the app both call `translate_document`; later stages (translation memory,
glossary protection and QA) slot in here, never in page code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workbench.engines.base import Hypothesis, ProgressCallback, TranslationEngine
from workbench.segment import Segment, segment_document


@dataclass(frozen=True)
class TranslatedSegment:
    segment: Segment
    hypotheses: tuple[Hypothesis, ...]  # best first

    @property
    def target(self) -> str:
        return self.hypotheses[0].text if self.hypotheses else ""


def translate_segments(
    segments: Sequence[Segment],
    engine: TranslationEngine,
    src: str,
    tgt: str,
    n_best: int = 1,
    progress: ProgressCallback | None = None,
) -> list[TranslatedSegment]:
    """Translate all segments with one engine call, keeping their order."""
    hyps = engine.translate_batch([s.text for s in segments], src, tgt, n_best, progress)
    return [TranslatedSegment(s, tuple(h)) for s, h in zip(segments, hyps, strict=True)]


def translate_document(
    text: str,
    engine: TranslationEngine,
    src: str,
    tgt: str,
    n_best: int = 1,
    progress: ProgressCallback | None = None,
    name: str = "document",
) -> list[TranslatedSegment]:
    return translate_segments(
        segment_document(text, src, path=name), engine, src, tgt, n_best, progress
    )
