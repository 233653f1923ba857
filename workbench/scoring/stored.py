"""Reading what scoring needs from the store: each sentence and its revisions for a target."""

from __future__ import annotations

from workbench.scoring.document import SegmentHistory
from workbench.store import Document, Origin, Revision, Store


def load_histories(
    store: Store, document: Document, target: str, *, engines: bool = False
) -> list[SegmentHistory]:
    """Every sentence of `document` in order, with its revisions for `target` (oldest first).

    With `engines`, each sentence also carries the best hypothesis of the newest MT run of
    every engine that translated it (one query per sentence, so only when comparing engines).
    Without, only sentences whose texts came from elsewhere (TM, alignment) and have no MT
    revision carry them: MT run after an alignment is stored but not made a revision.
    """
    segments = store.segments(document.id)
    revisions: dict[int, list[Revision]] = {s.id: [] for s in segments}
    for revision in store.document_history(document.id, target):
        revisions[revision.segment_id].append(revision)
    histories = []
    for segment in segments:
        outputs: dict[str, str] = {}
        history = sorted(revisions[segment.id], key=lambda r: r.number)
        no_mt_revision = history and all(r.origin != Origin.MT for r in history)
        if engines or no_mt_revision:
            for mt in store.machine_translations(segment.id, target):  # newest first
                outputs.setdefault(mt.engine, mt.best)
        histories.append(SegmentHistory(segment.index, segment.text, history, outputs))
    return histories


def engine_names(histories: list[SegmentHistory]) -> list[str]:
    """Engines with MT for at least one sentence, for `compare("engine:NAME", ...)`."""
    return sorted({name for h in histories for name in h.engine_outputs})
