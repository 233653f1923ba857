"""The flow of one document: segment, translate in one batch, hand back aligned rows.

The CLI and the app both call `translate_document`; later stages (translation memory,
glossary protection and QA) slot in here, never in page code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workbench import qa
from workbench.engines.base import Hypothesis, ProgressCallback, TranslationEngine
from workbench.glossary import Glossary, ProtectedSource, TermHit, TermMatcher, protect, restore
from workbench.memory.index import TmEntry, TranslationMemory
from workbench.segment import Segment, segment_document


@dataclass(frozen=True)
class TranslatedSegment:
    segment: Segment
    hypotheses: tuple[Hypothesis, ...]  # best first
    terms: tuple[TermHit, ...] = ()  # glossary occurrences in the source
    lost_terms: tuple[TermHit, ...] = ()  # occurrences whose placeholder MT dropped (flagged)
    flags: tuple[qa.QAFlag, ...] = ()  # QA of the best hypothesis

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
    glossary: Glossary | None = None,
) -> list[TranslatedSegment]:
    """Translate all segments with one engine call, keeping their order.

    With a glossary, its terms are masked before MT and their approved `tgt` renderings
    restored after; every segment is then QA-checked, so a term MT lost is flagged.
    """
    if glossary is not None and glossary.source_lang != src:
        glossary = None  # the glossary's terms are in another language
    matcher = TermMatcher(glossary, tgt) if glossary is not None else None
    protected = [protect(s.text, matcher.find_terms(s.text) if matcher else []) for s in segments]
    hyps = engine.translate_batch([p.text for p in protected], src, tgt, n_best, progress)
    return [
        _finish(s, p, h, src, tgt, glossary)
        for s, p, h in zip(segments, protected, hyps, strict=True)
    ]


def _finish(
    segment: Segment,
    protected: ProtectedSource,
    hypotheses: Sequence[Hypothesis],
    src: str,
    tgt: str,
    glossary: Glossary | None,
) -> TranslatedSegment:
    restored = [restore(h.text, protected, tgt) for h in hypotheses]
    best = restored[0].text if restored else ""
    return TranslatedSegment(
        segment,
        tuple(Hypothesis(r.text, h.score) for r, h in zip(restored, hypotheses, strict=True)),
        terms=tuple(hit for _, hit in protected.slots),
        lost_terms=restored[0].lost if restored else tuple(hit for _, hit in protected.slots),
        flags=tuple(qa.check(segment.text, best, tgt, glossary, src)),
    )


def translate_document(
    text: str,
    engine: TranslationEngine,
    src: str,
    tgt: str,
    n_best: int = 1,
    progress: ProgressCallback | None = None,
    name: str = "document",
    glossary: Glossary | None = None,
) -> list[TranslatedSegment]:
    return translate_segments(
        segment_document(text, src, path=name), engine, src, tgt, n_best, progress, glossary
    )


@dataclass(frozen=True)
class GlossaryTotals:
    found: int  # term occurrences in the sources
    enforced: int  # ... whose approved rendering is in the MT
    flagged: int  # ... that are not, each covered by a glossary QA flag


def glossary_totals(
    rows: Sequence[TranslatedSegment], tgt: str, glossary: Glossary
) -> GlossaryTotals:
    """Count a document's term occurrences by outcome (found = enforced + flagged)."""
    coverage = [
        c for row in rows for c in qa.glossary_coverage(row.segment.text, row.target, tgt, glossary)
    ]
    return GlossaryTotals(
        sum(c.expected for c in coverage),
        sum(c.enforced for c in coverage),
        sum(c.missing for c in coverage),
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
