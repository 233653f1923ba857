"""Filling a stored document from the translation memory: exact matches become `tm` drafts.

The fills are planned from the heads read first, and every fill carries the head it was
computed from, so an editor's text saved while the fill runs is never displaced (the store
refuses that segment). Planning touches nothing, so `workflows.translate` can store the fills
together with the MT in one transaction.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from workbench.memory.index import TranslationMemory
from workbench.pipeline import tm_exact_matches
from workbench.store import (
    AUTHOR_MAX_CHARS,
    DocumentTargets,
    Origin,
    PlannedText,
    Revision,
    RevisionStatus,
    Store,
)

# Author of revisions filled from the memory: "tm:<file>" or "tm:<document> #<sentence>".
TM_AUTHOR_PREFIX = "tm:"


def plan_memory_fills(
    sources: Sequence[str],
    heads: Mapping[int, Revision],
    memory: TranslationMemory,
    target_lang: str,
) -> tuple[PlannedText, ...]:
    """The exact matches for `sources` (sentences in document order; `heads`: position ->
    current revision) that may fill their sentence: those nobody has worked on (no target,
    or an MT or TM draft), each on the head it was planned from."""
    matches = tm_exact_matches(list(sources), memory, target_lang)
    planned = []
    for position, entry in sorted(matches.items()):
        head = heads.get(position)
        if head is not None and not _replaceable(head):
            continue
        author = f"{TM_AUTHOR_PREFIX}{entry.document or entry.origin}"[:AUTHOR_MAX_CHARS]
        planned.append(
            PlannedText(position, entry.target, author, head.id if head is not None else None)
        )
    return tuple(planned)


def fill_exact_matches(
    store: Store,
    document_id: int,
    target_lang: str,
    memory: TranslationMemory,
    only: Collection[int] | None = None,
) -> int:
    """Fill segments whose source the memory holds exactly, as origin `tm` revisions, in
    one transaction. Only segments nobody has worked on (no target, or an MT or TM draft)
    are filled, so an editor's text is never displaced. `only` (segment ids) limits the
    lookups to those segments (the new ones of a split or merge). Returns how many
    revisions were added."""
    segments = store.segments(document_id)
    heads = store.current_revisions(document_id, target_lang)
    by_position = {s.index: heads[s.id] for s in segments if s.id in heads}
    # Positions address the whole document; a segment left out by `only` matches nothing.
    sources = [s.text if only is None or s.id in only else "" for s in segments]
    fills = plan_memory_fills(sources, by_position, memory, target_lang)
    if not fills:
        return 0
    read = tuple(s.id for s in segments)  # a split or merge meanwhile is refused
    return store.add_targets(
        document_id, DocumentTargets(target_lang, fills, Origin.TM, segment_ids=read)
    ).added


def _replaceable(head: Revision) -> bool:
    return head.status == RevisionStatus.DRAFT and head.origin in (Origin.MT, Origin.TM)
