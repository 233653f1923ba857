"""The desk's overview: for every document and target, source words per current status.

One grouped query over the newest revision of every segment, so the desk page costs the
same for ten documents as for one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import and_, func, select

from workbench.store.models import RevisionRecord, SegmentRecord
from workbench.vocabulary import RevisionStatus


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
    with store._read() as session:
        words = dict(session.execute(totals).all())
        found: dict[tuple[int, str], dict[RevisionStatus, int]] = {}
        for document_id, target, status, count in session.execute(per_status):
            found.setdefault((document_id, target), {})[RevisionStatus(status)] = int(count)
    return [
        StatusWords(document_id, target, int(words.get(document_id, 0)), by_status)
        for (document_id, target), by_status in sorted(found.items())
    ]
