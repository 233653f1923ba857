"""Filling a stored document from the translation memory: exact matches become `tm` drafts.

The heads are read first and every fill carries the head it was computed from, so an
editor's text saved while the fill runs is never displaced (the store refuses that segment).
"""

from __future__ import annotations

from workbench.memory.index import TranslationMemory
from workbench.pipeline import tm_exact_matches
from workbench.store import AUTHOR_MAX_CHARS, Origin, Revision, RevisionStatus, Store

# Author of revisions filled from the memory: "tm:<file>" or "tm:<document> #<sentence>".
TM_AUTHOR_PREFIX = "tm:"


def fill_exact_matches(
    store: Store, document_id: int, target_lang: str, memory: TranslationMemory
) -> int:
    """Fill segments whose source the memory holds exactly, as origin `tm` revisions.

    Only segments nobody has worked on (no target, or an MT or TM draft) are filled, so an
    editor's text is never displaced. Returns how many revisions were added.
    """
    segments = store.segments(document_id)
    matches = tm_exact_matches([s.text for s in segments], memory, target_lang)
    heads = store.current_revisions(document_id, target_lang)
    by_author: dict[str, dict[int, str]] = {}
    bases: dict[int, int | None] = {}
    for position, segment in enumerate(segments):
        entry = matches.get(position)
        head = heads.get(segment.id)
        if entry is None or (head is not None and not _replaceable(head)):
            continue
        author = f"{TM_AUTHOR_PREFIX}{entry.document or entry.origin}"[:AUTHOR_MAX_CHARS]
        by_author.setdefault(author, {})[segment.id] = entry.target
        bases[segment.id] = head.id if head is not None else None
    return sum(
        store.append_on_bases(target_lang, texts, bases, author, origin=Origin.TM).added
        for author, texts in by_author.items()
    )


def _replaceable(head: Revision) -> bool:
    return head.status == RevisionStatus.DRAFT and head.origin in (Origin.MT, Origin.TM)
