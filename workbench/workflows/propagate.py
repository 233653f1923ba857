"""Repetitions: confirming a sentence fills the other occurrences of it in the document.

As in Trados and memoQ (auto-propagation): when a translator confirms a sentence whose
source occurs again in the same document, each other occurrence gets the confirmed text as
its own revision, origin `propagated`, status confirmed, unless someone worked on it (an
editor's text, a confirmed or approved target that is not itself a propagation): those are
left alone and reported. Every fill carries the head it was computed from
(`Store.append_on_bases`), so a save made meanwhile is never overwritten; it comes back as
a conflict. A propagation is undone by a revision restoring each previous text
(`undo_propagation`), so history keeps both.

On by default; `WORKBENCH_PROPAGATE=0` (or `enabled=False`) turns it off.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench import config
from workbench.analysis.repetitions import repetition_groups
from workbench.store import (
    AUTHOR_MAX_CHARS,
    Origin,
    Revision,
    RevisionConflict,
    RevisionStatus,
    Store,
)
from workbench.vocabulary import FINISHED_STATUSES


@dataclass(frozen=True)
class Filled:
    """One repetition filled: its new revision and what it replaced (None: no target)."""

    segment_id: int
    revision_id: int
    previous: Revision | None


@dataclass(frozen=True)
class Propagated:
    """What one propagation did, enough to undo it."""

    target_lang: str
    filled: tuple[Filled, ...] = ()
    kept: tuple[int, ...] = ()  # repetitions someone worked on: left alone
    conflicts: tuple[RevisionConflict, ...] = ()  # heads that moved while it ran

    def summary(self) -> str:
        line = f"Filled {len(self.filled)} repetitions"
        if self.kept:
            line += f"; kept {len(self.kept)} an editor worked on"
        if self.conflicts:
            line += f"; {len(self.conflicts)} changed meanwhile and were left alone"
        return line + "."


def repetitions(store: Store, document_id: int) -> dict[int, tuple[int, ...]]:
    """Segment id -> the ids of every occurrence of its source in the document (itself
    included, first occurrence first), for segments whose source occurs more than once:
    what the editor grid marks, and skips past after the first."""
    segments = store.segments(document_id)
    found: dict[int, tuple[int, ...]] = {}
    for group in repetition_groups([s.text for s in segments]):
        ids = tuple(segments[position].id for position in group)
        found.update(dict.fromkeys(ids, ids))
    return found


def propagate_confirmed(
    store: Store,
    document_id: int,
    segment_id: int,
    target_lang: str,
    author: str,
    *,
    enabled: bool | None = None,
) -> Propagated:
    """Fill the repetitions of `segment_id` with its confirmed text (see the module doc).

    Does nothing when the segment's head is not finished or propagation is off
    (`enabled=None` reads `WORKBENCH_PROPAGATE`).
    """
    if not (config.propagate_repetitions() if enabled is None else enabled):
        return Propagated(target_lang)
    group = repetitions(store, document_id).get(segment_id)
    heads = store.current_revisions(document_id, target_lang)
    confirmed = heads.get(segment_id)
    if not group or confirmed is None or confirmed.status not in FINISHED_STATUSES:
        return Propagated(target_lang)
    texts: dict[int, str] = {}
    bases: dict[int, int | None] = {}
    kept: list[int] = []
    for other in group:
        head = heads.get(other)
        if other == segment_id or (head is not None and head.text == confirmed.text):
            continue
        if head is not None and not _replaceable(head):
            kept.append(other)
            continue
        texts[other] = confirmed.text
        bases[other] = head.id if head is not None else None
    author = author[:AUTHOR_MAX_CHARS]
    appended = store.append_on_bases(
        target_lang, texts, bases, author, Origin.PROPAGATED, RevisionStatus.CONFIRMED
    )
    refused = {conflict.segment_id for conflict in appended.conflicts}
    after = store.current_revisions(document_id, target_lang)
    filled = tuple(
        Filled(other, after[other].id, heads.get(other))
        for other in texts
        if other not in refused
        and after.get(other) is not None
        and after[other].origin == Origin.PROPAGATED
        and after[other].text == confirmed.text
    )
    return Propagated(target_lang, filled, tuple(kept), appended.conflicts)


def undo_propagation(store: Store, propagated: Propagated, author: str) -> Propagated:
    """Restore what each filled repetition held before, as new revisions on top of the
    propagated ones; a repetition changed since is left alone and reported."""
    by_kind: dict[tuple[Origin, RevisionStatus], dict[int, str]] = {}
    bases: dict[int, int | None] = {}
    for filled in propagated.filled:
        previous = filled.previous
        kind = (
            (previous.origin, previous.status)
            if previous is not None
            else (Origin.HUMAN, RevisionStatus.DRAFT)
        )
        by_kind.setdefault(kind, {})[filled.segment_id] = previous.text if previous else ""
        bases[filled.segment_id] = filled.revision_id
    conflicts: list[RevisionConflict] = []
    for (origin, status), texts in by_kind.items():
        appended = store.append_on_bases(
            propagated.target_lang, texts, bases, author[:AUTHOR_MAX_CHARS], origin, status
        )
        conflicts.extend(appended.conflicts)
    return Propagated(propagated.target_lang, conflicts=tuple(conflicts))


def _replaceable(head: Revision) -> bool:
    """A head nobody worked on: machine or memory drafts, or an earlier propagation."""
    if head.origin == Origin.PROPAGATED:
        return True
    return head.status == RevisionStatus.DRAFT and head.origin in (Origin.MT, Origin.TM)
