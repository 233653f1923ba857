"""Reading what scoring needs from the store: each sentence and its revisions for a target."""

from __future__ import annotations

from workbench.scoring.document import SegmentHistory
from workbench.store import Document, Origin, Revision, Store


def load_histories(
    store: Store, document: Document, target: str, *, engines: bool = False
) -> list[SegmentHistory]:
    """Every sentence of `document` in order, with its revisions for `target` (oldest first).

    Each sentence also carries the best hypothesis of the newest MT run of every engine
    that translated it: with `engines` all sentences (to compare engines), without only
    those with no MT revision (texts from the TM or an alignment: MT run after an alignment
    is stored but never displaces the aligned text). Stored MT is read in one query.
    """
    segments = store.segments(document.id)
    revisions: dict[int, list[Revision]] = {s.id: [] for s in segments}
    for revision in store.document_history(document.id, target):
        revisions[revision.segment_id].append(revision)
    histories = []
    stored_mt = None
    for segment in segments:
        outputs: dict[str, str] = {}
        history = sorted(revisions[segment.id], key=lambda r: r.number)
        no_mt_revision = history and all(r.origin != Origin.MT for r in history)
        if engines or no_mt_revision:
            if stored_mt is None:
                stored_mt = store.document_machine_translations(document.id, target)
            for mt in stored_mt.get(segment.id, []):  # newest first
                outputs.setdefault(mt.engine, mt.best)
        histories.append(SegmentHistory(segment.index, segment.text, history, outputs))
    return histories


def engine_names(histories: list[SegmentHistory]) -> list[str]:
    """Engines with MT for at least one sentence, for `compare("engine:NAME", ...)`."""
    return sorted({name for h in histories for name in h.engine_outputs})
