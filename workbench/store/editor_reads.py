"""What the editor reads every second while a translation job fills its rows: cheap reads.

Reading every head of a 2,000-sentence document costs about half a second here; the editor
asks instead for the revisions added since the newest it has seen (revision ids only grow),
which is a few rows per poll. And when a job ends, which sentences it could not translate.
"""

from __future__ import annotations

from sqlalchemy import func, select

from workbench.store.jobs import JobSegmentRecord
from workbench.store.models import RevisionRecord, SegmentRecord
from workbench.store.records import Revision
from workbench.store.service import Store
from workbench.store.values import revision_value


def newest_revision_id(store: Store) -> int:
    """The id of the newest revision in the store (0 when there is none)."""
    with store.reading() as session:
        return session.scalar(select(func.max(RevisionRecord.id))) or 0


def heads_since(
    store: Store, document_id: int, target_lang: str, after_id: int
) -> dict[int, Revision]:
    """Segment id -> its newest revision, for the live segments of the document that got a
    revision with an id above `after_id` (revisions are append-only: the newest is the head)."""
    query = (
        select(RevisionRecord)
        .join(SegmentRecord, SegmentRecord.id == RevisionRecord.segment_id)
        .where(
            RevisionRecord.id > after_id,
            RevisionRecord.target_lang == target_lang,
            SegmentRecord.document_id == document_id,
            SegmentRecord.retired.is_(None),
        )
        .order_by(RevisionRecord.segment_id, RevisionRecord.number)
    )
    with store.reading() as session:
        return {record.segment_id: revision_value(record) for record in session.scalars(query)}


def failed_segment_ids(store: Store, job_id: int) -> list[int]:
    """The segments the job handled without MT: the engine failed on them."""
    with store.reading() as session:
        return list(
            session.scalars(
                select(JobSegmentRecord.segment_id)
                .where(
                    JobSegmentRecord.job_id == job_id,
                    JobSegmentRecord.machine_translation_id.is_(None),
                )
                .order_by(JobSegmentRecord.segment_id)
            )
        )
