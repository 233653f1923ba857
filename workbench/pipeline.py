"""The flow of one document: segment, translate in one batch, hand back aligned rows.

The CLI and the app both call `translate_document`; later stages (translation memory,
glossary protection and QA) slot in here, never in page code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workbench.engines.base import Hypothesis, ProgressCallback, TranslationEngine
from workbench.segment import Segment, segment_document
from workbench.tm import TmEntry, TmMatch, TranslationMemory


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


def tm_exact_matches(
    sources: Sequence[str], memory: TranslationMemory, tgt: str
) -> dict[int, TmEntry]:
    """Position in `sources` -> the memory's exact match (same normalized source).

    These fill targets as origin `tm` before MT; the engine still translates every
    sentence so the editor keeps MT alternatives.
    """
    found = {}
    for position, source in enumerate(sources):
        entry = memory.exact(source, tgt)
        if entry is not None:
            found[position] = entry
    return found


def tm_suggestions(
    source: str, memory: TranslationMemory, tgt: str, limit: int = 3
) -> list[TmMatch]:
    """Fuzzy matches (>= 75%) for one sentence, best first, each with its source diff;
    what the editor shows beside the target box."""
    return [m for m in memory.lookup(source, tgt, limit=limit + 1) if not m.exact][:limit]
