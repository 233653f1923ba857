"""Comments per segment and target: threads (a comment and its replies), open or resolved.

A reviewer who sends a segment back writes the reason as a comment; translators and
reviewers discuss a segment in its thread. Comments are never edited or deleted; resolving
(or reopening) a thread records who did it and when.

    comments = Comments(store)
    first = comments.add(segment_id, "ur", actor, "Use the glossary's term for TTP.")
    comments.add(segment_id, "ur", other, "Done.", reply_to=first.id)
    comments.resolve(first.id, actor)
    comments.threads(segment_id, "ur")          # [Thread]: root, replies, open?
    comments.open_counts(document_id, "ur")     # {segment id: open threads}
    comments.open_threads(document_id, "ur")    # {segment id: [first comments], oldest first}
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    func,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column

from workbench.errors import InputError, WorkbenchError
from workbench.identity import Actor, Role
from workbench.store.models import AUTHOR_MAX_CHARS, Base, SegmentRecord
from workbench.timeutil import as_utc, utcnow

COMMENT_MAX_CHARS = 4000


class CommentRecord(Base):
    __tablename__ = "segment_comments"
    __table_args__ = (Index("ix_segment_comments_segment_target", "segment_id", "target_lang"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    segment_id: Mapped[int] = mapped_column(ForeignKey("segments.id"))
    target_lang: Mapped[str] = mapped_column(String(16))
    # The thread's first comment; None for that first comment itself.
    thread_id: Mapped[int | None] = mapped_column(ForeignKey("segment_comments.id"), nullable=True)
    author: Mapped[str] = mapped_column(String(AUTHOR_MAX_CHARS))
    text: Mapped[str] = mapped_column(Text)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Only on a thread's first comment: the thread's state.
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)
    resolved_by: Mapped[str | None] = mapped_column(String(AUTHOR_MAX_CHARS), nullable=True)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class UnknownCommentError(WorkbenchError):
    """No comment has that id."""


@dataclass(frozen=True)
class Comment:
    id: int
    segment_id: int
    target_lang: str
    thread_id: int  # its own id for a thread's first comment
    author: str
    text: str
    created: datetime


@dataclass(frozen=True)
class Thread:
    """A comment and its replies, oldest first, with the thread's state."""

    comments: tuple[Comment, ...]
    resolved: bool
    resolved_by: str | None
    resolved_at: datetime | None

    @property
    def id(self) -> int:
        return self.comments[0].id

    @property
    def is_open(self) -> bool:
        return not self.resolved


def _comment(record: CommentRecord) -> Comment:
    return Comment(
        record.id,
        record.segment_id,
        record.target_lang,
        record.thread_id or record.id,
        record.author,
        record.text,
        as_utc(record.created),
    )


def check_comment_text(text: str) -> str:
    cleaned = text.strip()
    if not cleaned:
        raise InputError("the comment is empty; nothing was saved")
    if len(cleaned) > COMMENT_MAX_CHARS:
        raise InputError(
            f"the comment has {len(cleaned)} characters; at most {COMMENT_MAX_CHARS} fit "
            "(nothing was saved)"
        )
    return cleaned


def add_comment_record(
    session, segment_id: int, target: str, actor: Actor, text: str, reply_to: int | None = None
) -> CommentRecord:
    """Insert a comment in an open write transaction (the reject path writes one too)."""
    cleaned = check_comment_text(text)
    if session.get(SegmentRecord, segment_id) is None:
        raise KeyError(f"no segment {segment_id}")
    thread_id = None
    if reply_to is not None:
        parent = session.get(CommentRecord, reply_to)
        if parent is None:
            raise UnknownCommentError(f"no comment {reply_to} to reply to")
        if (parent.segment_id, parent.target_lang) != (segment_id, target):
            raise InputError(f"comment {reply_to} belongs to another segment or target")
        thread_id = parent.thread_id or parent.id
    record = CommentRecord(
        segment_id=segment_id,
        target_lang=target,
        thread_id=thread_id,
        author=actor.name,
        text=cleaned,
        created=utcnow(),
        resolved=False,
    )
    session.add(record)
    session.flush()
    return record


class Comments:
    """The comment threads of one store. Each method is one short transaction."""

    def __init__(self, store):
        self._store = store

    def add(
        self,
        segment_id: int,
        target: str,
        actor: Actor,
        text: str,
        reply_to: int | None = None,
    ) -> Comment:
        """A new thread, or a reply in the thread of `reply_to` (which reopens nothing: a
        resolved thread stays resolved until someone reopens it)."""
        with self._store.transaction() as session:
            return _comment(add_comment_record(session, segment_id, target, actor, text, reply_to))

    def threads(self, segment_id: int, target: str) -> list[Thread]:
        """Every thread of the segment and target, oldest first."""
        with self._store.reading() as session:
            records = list(
                session.scalars(
                    select(CommentRecord)
                    .where(
                        CommentRecord.segment_id == segment_id,
                        CommentRecord.target_lang == target,
                    )
                    .order_by(CommentRecord.id)
                )
            )
        roots = {r.id: r for r in records if r.thread_id is None}
        members: dict[int, list[Comment]] = {rid: [] for rid in roots}
        for record in records:
            members[record.thread_id or record.id].append(_comment(record))
        return [
            Thread(
                tuple(members[rid]),
                root.resolved,
                root.resolved_by,
                as_utc(root.resolved_at) if root.resolved_at else None,
            )
            for rid, root in roots.items()
        ]

    def resolve(self, thread_id: int, actor: Actor, resolved: bool = True) -> Thread:
        """Resolve (or reopen) a thread: its author, a reviewer or a manager may."""
        with self._store.transaction() as session:
            record = session.get(CommentRecord, thread_id)
            if record is None:
                raise UnknownCommentError(f"no comment {thread_id}")
            root = (
                record if record.thread_id is None else session.get(CommentRecord, record.thread_id)
            )
            if root.author != actor.name:
                actor.require(
                    Role.REVIEWER, Role.MANAGER, action="resolve or reopen another's comments"
                )
            root.resolved = resolved
            root.resolved_by = actor.name if resolved else None
            root.resolved_at = utcnow() if resolved else None
            segment_id, target, root_id = root.segment_id, root.target_lang, root.id
        return next(t for t in self.threads(segment_id, target) if t.id == root_id)

    def open_counts(self, document_id: int, target: str) -> dict[int, int]:
        """Segment id -> open threads, for the segments of a document that have any."""
        with self._store.reading() as session:
            rows = session.execute(
                _open_roots(
                    select(CommentRecord.segment_id, func.count()), document_id, target
                ).group_by(CommentRecord.segment_id)
            )
            return {segment_id: count for segment_id, count in rows}

    def open_threads(self, document_id: int, target: str) -> dict[int, list[Comment]]:
        """Segment id -> the first comment of each open thread, oldest first, for the
        segments of a document that have any (the grid shows a rejection's reason in its row)."""
        with self._store.reading() as session:
            records = session.scalars(
                _open_roots(select(CommentRecord), document_id, target).order_by(CommentRecord.id)
            )
            threads: dict[int, list[Comment]] = {}
            for record in records:
                threads.setdefault(record.segment_id, []).append(_comment(record))
            return threads


def _open_roots(query, document_id: int, target: str):
    """`query` limited to the first comments of open threads on a document's target."""
    return query.join(SegmentRecord, SegmentRecord.id == CommentRecord.segment_id).where(
        SegmentRecord.document_id == document_id,
        CommentRecord.target_lang == target,
        CommentRecord.thread_id.is_(None),
        CommentRecord.resolved.is_(False),
    )
