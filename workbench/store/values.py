"""Store rows as the frozen values handed out, and the checks every writer shares."""

from __future__ import annotations

from workbench.store.limits import check_fits
from workbench.store.models import RevisionRecord, SegmentRecord
from workbench.store.records import Revision, StoredSegment
from workbench.timeutil import as_utc
from workbench.vocabulary import Origin, RevisionStatus


def check_author(author: str) -> None:
    """SQLite would store any length; PostgreSQL refuses a too long name mid-save."""
    check_fits("the author name", author, RevisionRecord.__table__.c.author, "use a shorter name")


def stored_segment(record: SegmentRecord) -> StoredSegment:
    return StoredSegment(
        record.id,
        record.document_id,
        record.position,
        record.paragraph,
        record.source_text,
        record.start,
        record.end,
        record.word_count,
        as_utc(record.retired) if record.retired is not None else None,
    )


def revision_value(record: RevisionRecord) -> Revision:
    return Revision(
        record.id,
        record.segment_id,
        record.target_lang,
        record.number,
        record.text,
        record.author,
        as_utc(record.created),
        Origin(record.origin),
        RevisionStatus(record.status),
        record.machine_translation_id,
    )
