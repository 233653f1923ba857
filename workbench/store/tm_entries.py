"""The translation memory's rows in the store: imported pairs, and the revisions a person
stands behind, read incrementally.

The memory (`workbench.memory`) builds its index from these rows and never opens a session;
the table lives here because only the store talks SQL.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import (
    DateTime,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
    insert,
    or_,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column

from workbench.store.models import Base, DocumentRecord, RevisionRecord, SegmentRecord
from workbench.store.service import Store
from workbench.timeutil import as_utc, utcnow
from workbench.vocabulary import Origin, RevisionStatus

IN_CHUNK = 500  # keys per IN (...) query: stay under SQL parameter limits


class TmEntryRecord(Base):
    """One imported source/target pair. Rows are only ever inserted."""

    __tablename__ = "tm_entries"
    __table_args__ = (UniqueConstraint("target_lang", "pair_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_lang: Mapped[str] = mapped_column(String(16))
    target_lang: Mapped[str] = mapped_column(String(16))
    source_text: Mapped[str] = mapped_column(Text)
    target_text: Mapped[str] = mapped_column(Text)
    # sha256 of normalized source + target: the duplicate check, portable to any database
    # (PostgreSQL cannot index long TEXT values directly).
    pair_key: Mapped[str] = mapped_column(String(64))
    origin: Mapped[str] = mapped_column(String(255))  # the file it was imported from
    author: Mapped[str | None] = mapped_column(String(255), nullable=True)
    changed: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


@dataclass(frozen=True)
class TmRow:
    """One imported pair as the store keeps it; `pair_key` is the caller's duplicate key."""

    source_lang: str
    target_lang: str
    source_text: str
    target_text: str
    pair_key: str
    origin: str
    author: str | None = None
    changed: datetime | None = None
    id: int = 0  # set on rows read back


@dataclass(frozen=True)
class MemoryRevision:
    """A revision a person stands behind, with the source sentence and where it lives."""

    id: int
    segment_id: int
    target_lang: str
    source_text: str
    source_lang: str
    target_text: str
    origin: Origin
    author: str
    created: datetime
    document_name: str
    position: int


def add_tm_rows(store: Store, rows: Sequence[TmRow]) -> Counter[str]:
    """Insert the rows whose (target language, pair key) the table lacks, in one
    transaction; returns how many were inserted per target language."""
    if not rows:
        return Counter()
    now = utcnow()
    with store.transaction() as session:
        existing: set[tuple[str, str]] = set()
        keys = [row.pair_key for row in rows]
        for start in range(0, len(keys), IN_CHUNK):
            found = session.execute(
                select(TmEntryRecord.target_lang, TmEntryRecord.pair_key).where(
                    TmEntryRecord.pair_key.in_(keys[start : start + IN_CHUNK])
                )
            )
            existing.update((lang, key) for lang, key in found)
        new = [
            {
                "source_lang": row.source_lang,
                "target_lang": row.target_lang,
                "source_text": row.source_text,
                "target_text": row.target_text,
                "pair_key": row.pair_key,
                "origin": row.origin,
                "author": row.author,
                "changed": row.changed,
                "created": now,
            }
            for row in rows
            if (row.target_lang, row.pair_key) not in existing
        ]
        if new:  # one executemany: the ORM's unit of work costs ~10x more per row
            session.execute(insert(TmEntryRecord), new)
    return Counter(row["target_lang"] for row in new)


def tm_entry_counts(store: Store) -> dict[str, int]:
    """Imported entries per target language."""
    with store.reading() as session:
        rows = session.execute(
            select(TmEntryRecord.target_lang, func.count()).group_by(TmEntryRecord.target_lang)
        )
        return {lang: count for lang, count in rows}


def tm_rows_since(store: Store, last_id: int) -> Iterator[TmRow]:
    """Imported rows with an id above `last_id`, oldest first."""
    with store.reading() as session:
        for record in session.scalars(
            select(TmEntryRecord).where(TmEntryRecord.id > last_id).order_by(TmEntryRecord.id)
        ):
            yield TmRow(
                record.source_lang,
                record.target_lang,
                record.source_text,
                record.target_text,
                record.pair_key,
                record.origin,
                record.author,
                as_utc(record.changed) if record.changed else None,
                record.id,
            )


def memory_revisions_since(store: Store, last_id: int) -> Iterator[MemoryRevision]:
    """Revisions a person stands behind (human post-edits, finished targets) with an id
    above `last_id`, oldest first."""
    with store.reading() as session:
        rows = session.execute(
            select(
                RevisionRecord,
                SegmentRecord.source_text,
                SegmentRecord.position,
                DocumentRecord.source_lang,
                DocumentRecord.name,
            )
            .join(SegmentRecord, SegmentRecord.id == RevisionRecord.segment_id)
            .join(DocumentRecord, DocumentRecord.id == SegmentRecord.document_id)
            .where(
                RevisionRecord.id > last_id,
                or_(
                    RevisionRecord.origin == Origin.HUMAN,
                    RevisionRecord.status.in_([RevisionStatus.CONFIRMED, RevisionStatus.APPROVED]),
                ),
            )
            .order_by(RevisionRecord.id)
        )
        for revision, source, position, source_lang, document_name in rows:
            yield MemoryRevision(
                revision.id,
                revision.segment_id,
                revision.target_lang,
                source,
                source_lang,
                revision.text,
                Origin(revision.origin),
                revision.author,
                as_utc(revision.created),
                document_name,
                position,
            )
