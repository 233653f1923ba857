"""The store's tables, as SQLAlchemy 2.x declarative models.

Portable SQL only (SQLite by default, PostgreSQL through `WORKBENCH_DB`): string enums are
VARCHAR with CHECK constraints, timestamps are timezone-aware UTC, and the "current target"
of a segment is the revision with the highest `number`, so nothing is ever updated in place.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import (
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from workbench.timeutil import utcnow
from workbench.vocabulary import Origin, RevisionStatus

# Bump on any change to an existing table; a new table alone needs no bump (created on open).
# 2: origin `propagated`, statuses `approved`/`rejected` (CHECK constraints of `revisions`).
# 3: `segments.retired` (a split or merge retires segments instead of deleting them).
# 4: translation jobs name their segments by id (`first_segment_ids`, `segment_ids`, `again`
#    instead of `first_positions`, `again_positions`), so a split or merge cannot shift them.
SCHEMA_VERSION = 4
AUTHOR_MAX_CHARS = 255  # VARCHAR limit of revision authors (PostgreSQL enforces it)


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    return Enum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        validate_strings=True,
        length=16,
        values_callable=lambda members: [m.value for m in members],
    )


class Base(DeclarativeBase):
    """Every workbench table; other modules add theirs by subclassing it."""


class SchemaInfo(Base):
    """One row per setting; `schema_version` guards against opening a foreign schema."""

    __tablename__ = "workbench_schema"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(255))


class DocumentRecord(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    source_lang: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    segments: Mapped[list[SegmentRecord]] = relationship(
        back_populates="document", order_by="SegmentRecord.position"
    )


class SegmentRecord(Base):
    """One sentence of a document, with its place and character span in the original text.

    A split or merge retires segments rather than deleting them, so their revisions and MT
    stay readable: a retired segment has `retired` set and `position` = -id (out of the live
    numbering, which stays 0, 1, 2 … in document order); `SegmentLineageRecord` links the
    segments that replaced it back to it.
    """

    __tablename__ = "segments"
    __table_args__ = (UniqueConstraint("document_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # 0-based sentence index in the document
    paragraph: Mapped[int] = mapped_column(Integer)  # 0-based
    source_text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)  # character span in the document text
    end: Mapped[int] = mapped_column(Integer)
    word_count: Mapped[int] = mapped_column(Integer)
    retired: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    document: Mapped[DocumentRecord] = relationship(back_populates="segments")


class SegmentLineageRecord(Base):
    """One link from a segment made by a split or merge to a segment it replaced."""

    __tablename__ = "segment_lineage"
    __table_args__ = (Index("ix_lineage_segment", "segment_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    segment_id: Mapped[int] = mapped_column(ForeignKey("segments.id"))  # the new segment
    predecessor_id: Mapped[int] = mapped_column(ForeignKey("segments.id"), index=True)
    edit: Mapped[str] = mapped_column(String(8))  # "split" or "merge"
    part: Mapped[int] = mapped_column(Integer)  # split: 0 first part, 1 second; merge: 0
    # A split carried the old target onto this part whole: the translator should check it.
    needs_review: Mapped[bool] = mapped_column(default=False)
    author: Mapped[str] = mapped_column(String(AUTHOR_MAX_CHARS))
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class MachineTranslationRecord(Base):
    """One MT run's output for one segment and target; its n-best hypotheses hang below."""

    __tablename__ = "machine_translations"
    __table_args__ = (Index("ix_mt_segment_target", "segment_id", "target_lang"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    segment_id: Mapped[int] = mapped_column(ForeignKey("segments.id"))
    target_lang: Mapped[str] = mapped_column(String(16))
    engine: Mapped[str] = mapped_column(String(64))
    model_id: Mapped[str] = mapped_column(String(255))
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    hypotheses: Mapped[list[HypothesisRecord]] = relationship(
        order_by="HypothesisRecord.rank", cascade="all"
    )


class HypothesisRecord(Base):
    __tablename__ = "mt_hypotheses"
    __table_args__ = (UniqueConstraint("machine_translation_id", "rank"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    machine_translation_id: Mapped[int] = mapped_column(ForeignKey("machine_translations.id"))
    rank: Mapped[int] = mapped_column(Integer)  # 0 = best
    text: Mapped[str] = mapped_column(Text)
    score: Mapped[float] = mapped_column(Float)


class RevisionRecord(Base):
    """An append-only version of a segment's target: rows are inserted, never changed.

    `number` counts 1, 2, 3 … per (segment, target); the unique constraint on it is what
    makes two simultaneous saves from the same base revision collide instead of both winning.
    """

    __tablename__ = "revisions"
    __table_args__ = (UniqueConstraint("segment_id", "target_lang", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    segment_id: Mapped[int] = mapped_column(ForeignKey("segments.id"))
    target_lang: Mapped[str] = mapped_column(String(16))
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(AUTHOR_MAX_CHARS))
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    origin: Mapped[Origin] = mapped_column(_enum(Origin, "revision_origin"))
    status: Mapped[RevisionStatus] = mapped_column(_enum(RevisionStatus, "revision_status"))
    machine_translation_id: Mapped[int | None] = mapped_column(
        ForeignKey("machine_translations.id"), nullable=True
    )


class DocumentOriginalRecord(Base):
    """The file a document was imported from (a Word file, a web page, a text in a
    confirmed encoding): the translation is written over it. A new table, created when an
    older store is opened (no schema version change); a document stored before it has no
    row, and its text is its original."""

    __tablename__ = "document_originals"

    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), primary_key=True)
    format: Mapped[str] = mapped_column(String(16))  # a document format name: docx, html, text
    encoding: Mapped[str | None] = mapped_column(String(64), nullable=True)  # user-confirmed
    data: Mapped[bytes] = mapped_column(LargeBinary)
