"""Who works on a document: a translator and a reviewer per document and target, a due date.

Only managers assign. One assignment per document and target; assigning again replaces it
(the assignment says who works on it now, and who assigned it when). With accounts in the
store (password mode) the assignees must be enabled users holding the role they are given;
without accounts (single user, OIDC) any name is taken as given.

    assignments = Assignments(store)
    assignments.assign(document_id, "ur", manager, translator="amina", reviewer="omar",
                       due=date(2026, 12, 4))
    assignments.for_document(document_id)       # [Assignment], by target
    assignments.all()                           # every assignment, by due date
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column

from workbench.errors import InputError
from workbench.identity import Actor, Role
from workbench.store.accounts import UserRecord
from workbench.store.errors import UnknownDocumentError
from workbench.store.models import AUTHOR_MAX_CHARS, Base, DocumentRecord
from workbench.timeutil import as_utc, utcnow


class AssignmentRecord(Base):
    __tablename__ = "assignments"
    __table_args__ = (UniqueConstraint("document_id", "target_lang"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    target_lang: Mapped[str] = mapped_column(String(16))
    translator: Mapped[str | None] = mapped_column(String(AUTHOR_MAX_CHARS), nullable=True)
    reviewer: Mapped[str | None] = mapped_column(String(AUTHOR_MAX_CHARS), nullable=True)
    due: Mapped[date | None] = mapped_column(Date, nullable=True)
    assigned_by: Mapped[str] = mapped_column(String(AUTHOR_MAX_CHARS))
    assigned_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


@dataclass(frozen=True)
class Assignment:
    document_id: int
    target_lang: str
    translator: str | None
    reviewer: str | None
    due: date | None
    assigned_by: str
    assigned_at: datetime


def _assignment(record: AssignmentRecord) -> Assignment:
    return Assignment(
        record.document_id,
        record.target_lang,
        record.translator,
        record.reviewer,
        record.due,
        record.assigned_by,
        as_utc(record.assigned_at),
    )


def _check_assignee(session, name: str | None, role: Role) -> str | None:
    """The assignee's stored name; with accounts in the store, an enabled holder of `role`."""
    if name is None or not name.strip():
        return None
    name = name.strip()
    if session.scalar(select(UserRecord.id).limit(1)) is None:
        return name  # no accounts: single-user desk or OIDC
    user = session.scalar(select(UserRecord).where(UserRecord.username == name.lower()))
    if user is None or user.disabled:
        raise InputError(f"no enabled user {name!r} to assign as {role.value}")
    if role not in {r.role for r in user.roles}:
        raise InputError(f"{user.username} is not a {role.value}; give them the role first")
    return user.username


class Assignments:
    """The assignments of one store. Each method is one short transaction."""

    def __init__(self, store):
        self._store = store

    def assign(
        self,
        document_id: int,
        target: str,
        actor: Actor,
        *,
        translator: str | None,
        reviewer: str | None,
        due: date | None = None,
    ) -> Assignment:
        """Assign (or reassign) a document's target; managers only."""
        actor.require(Role.MANAGER, action="assign documents")
        with self._store.transaction() as session:
            if session.get(DocumentRecord, document_id) is None:
                raise UnknownDocumentError(f"no stored document {document_id}")
            translator = _check_assignee(session, translator, Role.TRANSLATOR)
            reviewer = _check_assignee(session, reviewer, Role.REVIEWER)
            record = session.scalar(
                select(AssignmentRecord).where(
                    AssignmentRecord.document_id == document_id,
                    AssignmentRecord.target_lang == target,
                )
            )
            if record is None:
                record = AssignmentRecord(document_id=document_id, target_lang=target)
                session.add(record)
            record.translator, record.reviewer, record.due = translator, reviewer, due
            record.assigned_by, record.assigned_at = actor.name, utcnow()
            session.flush()
            return _assignment(record)

    def for_document(self, document_id: int) -> list[Assignment]:
        with self._store.reading() as session:
            records = session.scalars(
                select(AssignmentRecord)
                .where(AssignmentRecord.document_id == document_id)
                .order_by(AssignmentRecord.target_lang)
            )
            return [_assignment(r) for r in records]

    def all(self) -> list[Assignment]:
        """Every assignment, soonest due first (undated last)."""
        with self._store.reading() as session:
            records = session.scalars(
                select(AssignmentRecord).order_by(
                    AssignmentRecord.due.is_(None), AssignmentRecord.due, AssignmentRecord.id
                )
            )
            return [_assignment(r) for r in records]
