"""Analysis of a stored document against the translation memory: words per match band.

What a manager plans and pays by (memoQ's Statistics, Trados's Analyze Files). Each
sentence, in document order, falls in one band (`workbench.analysis.bands`):

- repetition: its source occurred earlier in the document (the first occurrence gets its
  own band, the later ones are repetitions; "repetitions take precedence over 100%");
- 101% (context): an exact match whose previous and next sentences are also the previous
  and next sentences of a finished (confirmed or approved) translation in another stored
  document, with the same text as the match;
- 100%: the memory holds the source exactly (confirmed text only: drafts score at most 99);
- 95–99, 85–94, 75–84, 50–74: the best fuzzy match's score;
- no match: nothing at 50% or more.

The document's own sentences are left out of the memory it is analysed against (an
analysis asks what the memory held for it, not what was translated in it since). Words
are counted by `workbench.analysis.words` (docs/analysis.md).
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TextIO

from workbench.analysis.bands import BANDS, LOWEST_FUZZY, Band, band_of, configured_weights
from workbench.analysis.words import count_words
from workbench.memory.index import TmEntry, TranslationMemory, normalize_source
from workbench.store import Store
from workbench.vocabulary import FINISHED_STATUSES

CSV_HEADER = ("band", "segments", "words", "weighted_words")
_OWN_LOOKUPS = 6  # matches asked for, so the document's own entries can be passed over


@dataclass(frozen=True)
class BandCount:
    band: Band
    segments: int
    words: int
    weighted_words: float


@dataclass(frozen=True)
class Analysis:
    document_name: str
    target_lang: str
    rows: tuple[BandCount, ...]  # one per band, in `BANDS` order
    bands: tuple[Band, ...]  # each sentence's band, in document order

    @property
    def segments(self) -> int:
        return sum(row.segments for row in self.rows)

    @property
    def words(self) -> int:
        return sum(row.words for row in self.rows)

    @property
    def weighted_words(self) -> float:
        return sum(row.weighted_words for row in self.rows)


def write_csv(analysis: Analysis, out: TextIO) -> None:
    """One row per band with `CSV_HEADER`'s columns and no total row: what
    `workbench analyze --csv` prints and the Analysis page downloads."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for row in analysis.rows:
        writer.writerow((row.band.value, row.segments, row.words, f"{row.weighted_words:g}"))


def analyze_document(
    store: Store,
    document_id: int,
    target_lang: str,
    memory: TranslationMemory,
    weights: Mapping[Band, float] | None = None,
) -> Analysis:
    """Count the document's sentences and words per band (see the module doc)."""
    weights = configured_weights() if weights is None else weights
    document = store.document(document_id)
    sources = [segment.text for segment in store.segments(document_id)]
    own = f"{document.name} #"
    contexts = _finished_contexts(store, document_id, target_lang)
    seen: set[str] = set()
    bands: list[Band] = []
    for position, source in enumerate(sources):
        key = normalize_source(source)
        if key in seen:
            bands.append(Band.REPETITION)
            continue
        seen.add(key)
        best = _best_match(memory, source, target_lang, own)
        context = False
        if best is not None and best[0] >= 100.0:
            triple = (_neighbour(sources, position - 1), key, _neighbour(sources, position + 1))
            context = best[1].target.strip() in contexts.get(triple, ())
        bands.append(band_of(best[0] if best else None, context))
    words = [count_words(source) for source in sources]
    rows = []
    for band in BANDS:
        counted = [w for w, b in zip(words, bands, strict=True) if b == band]
        total = sum(counted)
        rows.append(BandCount(band, len(counted), total, round(total * weights[band] / 100, 2)))
    return Analysis(document.name, target_lang, tuple(rows), tuple(bands))


def _best_match(
    memory: TranslationMemory, source: str, target_lang: str, own: str
) -> tuple[float, TmEntry] | None:
    for match in memory.lookup(source, target_lang, threshold=LOWEST_FUZZY, limit=_OWN_LOOKUPS):
        if not (match.entry.document or "").startswith(own):
            return match.score, match.entry
    return None


def _neighbour(sources: Sequence[str], position: int) -> str:
    """A neighbouring sentence's key; "" before the first and after the last."""
    return normalize_source(sources[position]) if 0 <= position < len(sources) else ""


def _finished_contexts(
    store: Store, document_id: int, target_lang: str
) -> dict[tuple[str, str, str], set[str]]:
    """(previous, source, next) of every finished sentence in the other documents -> its
    translations."""
    found: dict[tuple[str, str, str], set[str]] = {}
    for other in store.documents():
        if other.id == document_id:
            continue
        heads = store.current_revisions(other.id, target_lang)
        if not any(h.status in FINISHED_STATUSES for h in heads.values()):
            continue
        segments = store.segments(other.id)
        sources = [s.text for s in segments]
        for position, segment in enumerate(segments):
            head = heads.get(segment.id)
            if head is None or head.status not in FINISHED_STATUSES:
                continue
            triple = (
                _neighbour(sources, position - 1),
                normalize_source(segment.text),
                _neighbour(sources, position + 1),
            )
            found.setdefault(triple, set()).add(head.text.strip())
    return found
