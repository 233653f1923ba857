"""Machine-translate a stored document and keep the result: the pipeline feeding the store.

The translation-memory lookup (exact matches filled as origin `tm`) slots in here, before
the engine is asked for what is left.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.engines.base import ProgressCallback, TranslationEngine
from workbench.glossary import Glossary
from workbench.memory.index import TranslationMemory
from workbench.pipeline import TranslatedSegment, translate_segments
from workbench.segment import Segment
from workbench.store import Document, Store, StoredSegment
from workbench.workflows.fill import fill_exact_matches

DEFAULT_N_BEST = 3  # alternatives kept per sentence for the editor


def as_segment(stored: StoredSegment) -> Segment:
    """The `workbench.segment` value of a stored sentence (for the pipeline and exports)."""
    return Segment(stored.index, stored.paragraph, stored.text, stored.start, stored.end)


@dataclass(frozen=True)
class StoredTranslation:
    rows: list[TranslatedSegment]  # the engine's output, in document order
    new_mt: int  # segments whose current target became the new MT (unedited ones)
    from_tm: int = 0  # segments filled with an exact translation-memory match first


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
    """Translate every sentence in one engine call and store the n-best lists.

    With a translation `memory`, exact matches first fill untouched segments as origin `tm`,
    which MT then leaves in place. Segments an editor has worked on keep the editor's text;
    their MT alternatives are still stored. With a glossary its terms are carried through MT
    (see `workbench.pipeline`); the rows returned carry the QA flags of the new MT.
    """
    from_tm = (
        fill_exact_matches(store, document.id, target_lang, memory) if memory is not None else 0
    )
    segments = [as_segment(s) for s in store.segments(document.id)]
    translated = translate_segments(
        segments,
        engine,
        document.source_lang,
        target_lang,
        n_best=n_best,
        progress=progress,
        glossary=glossary,
    )
    new_mt = store.add_machine_translations(
        document.id,
        target_lang,
        engine.name,
        engine.model_id(document.source_lang, target_lang),
        [t.hypotheses for t in translated],
    )
    return StoredTranslation(translated, new_mt, from_tm)
