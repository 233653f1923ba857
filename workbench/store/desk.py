"""The desk's overview: for every document and target, source words per current status,
with its assignees and due date.

One grouped query over the newest revision of every segment, so the desk page costs the
same for ten documents as for one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, func, select

from workbench.store.assignments import Assignments
from workbench.store.models import RevisionRecord, SegmentRecord
from workbench.vocabulary import RevisionStatus

# The order the desk shows statuses in: the life of a segment.
DESK_STATUSES = (
    RevisionStatus.DRAFT,
    RevisionStatus.CONFIRMED,
    RevisionStatus.REJECTED,
    RevisionStatus.APPROVED,
)


@dataclass(frozen=True)
class StatusWords:
    """Source words of one document and target, by the status of each segment's current
    revision; `untranslated` counts segments with no revision at all."""

    document_id: int
    target_lang: str
    words: int
    by_status: dict[RevisionStatus, int] = field(default_factory=dict)

    @property
    def untranslated(self) -> int:
        return self.words - sum(self.by_status.values())

    @property
    def percent_approved(self) -> float:
        approved = self.by_status.get(RevisionStatus.APPROVED, 0)
        return 100.0 * approved / self.words if self.words else 0.0


def status_words(store) -> list[StatusWords]:
    """Every (document, target) that has revisions, with its words per status."""
    newest = (
        select(
            RevisionRecord.segment_id,
            RevisionRecord.target_lang,
            func.max(RevisionRecord.number).label("number"),
        )
        .group_by(RevisionRecord.segment_id, RevisionRecord.target_lang)
        .subquery()
    )
    per_status = (
        select(
            SegmentRecord.document_id,
            RevisionRecord.target_lang,
            RevisionRecord.status,
            func.sum(SegmentRecord.word_count),
        )
        .join(newest, newest.c.segment_id == SegmentRecord.id)
        .join(
            RevisionRecord,
            and_(
                RevisionRecord.segment_id == newest.c.segment_id,
                RevisionRecord.target_lang == newest.c.target_lang,
                RevisionRecord.number == newest.c.number,
            ),
        )
        .group_by(SegmentRecord.document_id, RevisionRecord.target_lang, RevisionRecord.status)
    )
    totals = select(SegmentRecord.document_id, func.sum(SegmentRecord.word_count)).group_by(
        SegmentRecord.document_id
    )
    with store.reading() as session:
        words = dict(session.execute(totals).all())
        found: dict[tuple[int, str], dict[RevisionStatus, int]] = {}
        for document_id, target, status, count in session.execute(per_status):
            found.setdefault((document_id, target), {})[RevisionStatus(status)] = int(count)
    return [
        StatusWords(document_id, target, int(words.get(document_id, 0)), by_status)
        for (document_id, target), by_status in sorted(found.items())
    ]


@dataclass(frozen=True)
class DeskRow:
    """One document and target on the desk: who works on it, by when, how far it is."""

    document_id: int
    document_name: str
    target_lang: str
    translator: str | None
    reviewer: str | None
    due: date | None
    progress: StatusWords


def desk_rows(store) -> list[DeskRow]:
    """Every document and target that has revisions or an assignment, by document."""
    documents = {d.id: d for d in store.documents()}
    assignments = {(a.document_id, a.target_lang): a for a in Assignments(store).all()}
    progress = {(p.document_id, p.target_lang): p for p in status_words(store)}
    rows = []
    for key in sorted(set(assignments) | set(progress)):
        document = documents.get(key[0])
        if document is None:
            continue
        assignment = assignments.get(key)
        words = progress.get(key) or StatusWords(key[0], key[1], document.word_count)
        rows.append(
            DeskRow(
                document.id,
                document.name,
                key[1],
                assignment.translator if assignment else None,
                assignment.reviewer if assignment else None,
                assignment.due if assignment else None,
                words,
            )
        )
    return rows
