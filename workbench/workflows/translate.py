"""Machine-translate a document and keep the result: the pipeline feeding the store.

Everything is computed before anything is written: the translation-memory fills (exact
matches, origin `tm`) are planned from the heads read first, the engine translates every
sentence, and only then are the fills and the MT stored, in one transaction, together with
the document itself when it is new. An engine error or an interrupt (Ctrl-C) part-way
through stores nothing: no document without its MT, no TM fill without the MT that went
with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from workbench.engines.base import ProgressCallback, TranslationEngine
from workbench.glossary import Glossary
from workbench.memory.index import TranslationMemory
from workbench.pipeline import TranslatedSegment, translate_segments
from workbench.segment import Segment, segment_document
from workbench.store import (
    Document,
    DocumentOriginal,
    DocumentTargets,
    MachineTranslationBatch,
    Origin,
    Revision,
    Store,
    StoredSegment,
)
from workbench.workflows.fill import plan_memory_fills

DEFAULT_N_BEST = 3  # alternatives kept per sentence for the editor


def as_segment(stored: StoredSegment) -> Segment:
    """The `workbench.segment` value of a stored sentence (for the pipeline and exports)."""
    return Segment(stored.index, stored.paragraph, stored.text, stored.start, stored.end)


@dataclass(frozen=True)
class StoredTranslation:
    rows: list[TranslatedSegment]  # the engine's output, in document order
    new_mt: int  # segments whose current target became the new MT (unedited ones)
    from_tm: int = 0  # segments filled with an exact translation-memory match first


@dataclass(frozen=True)
class _Settings:
    engine: TranslationEngine
    target_lang: str
    n_best: int
    progress: ProgressCallback | None
    glossary: Glossary | None
    memory: TranslationMemory | None


def translate_stored_document(
    store: Store,
    document: Document,
    engine: TranslationEngine,
    target_lang: str,
    n_best: int = DEFAULT_N_BEST,
    progress: ProgressCallback | None = None,
    glossary: Glossary | None = None,
    memory: TranslationMemory | None = None,
) -> StoredTranslation:
    """Translate every sentence of a stored document in one engine call and store the
    n-best lists (`SegmentsChanged`, nothing stored, when a split or merge ran meanwhile).

    With a translation `memory`, exact matches first fill untouched segments as origin `tm`,
    which MT then leaves in place. Segments an editor has worked on keep the editor's text;
    their MT alternatives are still stored. With a glossary its terms are carried through MT
    (see `workbench.pipeline`); the rows returned carry the QA flags of the new MT.
    """
    settings = _Settings(engine, target_lang, n_best, progress, glossary, memory)
    stored_segments = store.segments(document.id)
    heads = store.current_revisions(document.id, target_lang)
    by_position = {s.index: heads[s.id] for s in stored_segments if s.id in heads}
    segments = [as_segment(s) for s in stored_segments]
    rows, targets = _translate(segments, document.source_lang, by_position, settings)
    # Stored only on the segments translated: a split or merge meanwhile is refused.
    read = tuple(s.id for s in stored_segments)
    stored = store.add_targets(document.id, replace(targets, segment_ids=read))
    return StoredTranslation(rows, stored.new_mt, stored.added)


def translate_new_document(
    store: Store,
    name: str,
    text: str,
    source_lang: str,
    engine: TranslationEngine,
    target_lang: str,
    n_best: int = DEFAULT_N_BEST,
    progress: ProgressCallback | None = None,
    glossary: Glossary | None = None,
    memory: TranslationMemory | None = None,
    original: DocumentOriginal | None = None,
) -> tuple[Document, StoredTranslation]:
    """Segment and translate `text`, then store the document (with the file it came from,
    `original`), its TM fills and its MT in one transaction (`translate_stored_document`
    for a new document)."""
    settings = _Settings(engine, target_lang, n_best, progress, glossary, memory)
    segments = segment_document(text, source_lang, path=name)
    rows, targets = _translate(segments, source_lang, {}, settings)
    document, stored = store.add_document_with_targets(
        name, text, source_lang, segments, targets, original=original
    )
    return document, StoredTranslation(rows, stored.new_mt, stored.added)


def _translate(
    segments: Sequence[Segment],
    source_lang: str,
    heads: dict[int, Revision],
    settings: _Settings,
) -> tuple[list[TranslatedSegment], DocumentTargets]:
    """The engine's rows and what to store for them; writes nothing."""
    fills = (
        plan_memory_fills([s.text for s in segments], heads, settings.memory, settings.target_lang)
        if settings.memory is not None
        else ()
    )
    rows = translate_segments(
        segments,
        settings.engine,
        source_lang,
        settings.target_lang,
        n_best=settings.n_best,
        progress=settings.progress,
        glossary=settings.glossary,
    )
    batch = MachineTranslationBatch(
        settings.engine.name,
        settings.engine.model_id(source_lang, settings.target_lang),
        tuple(tuple(row.hypotheses) for row in rows),
    )
    return rows, DocumentTargets(settings.target_lang, fills, Origin.TM, batch)
