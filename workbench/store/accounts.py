"""Accounts for team mode: users with roles, their sign-in sessions, failed sign-ins.

Only what the database must hold lives here; the `workbench.auth` layer above decides what a
password, a token or a failure means (argon2id hashing, token generation, expiry, throttling).
Passwords are stored as argon2 hashes and session tokens as SHA-256 digests, so a copy of the
database gives nobody a way in. Usernames are lower case.

    accounts = Accounts(store)
    accounts.add_user("amina", {Role.TRANSLATOR}, password_hash=...)
    accounts.user("amina")                  # User | None (roles, disabled)
    accounts.open_session("amina", digest)  # after the password was checked
    accounts.session("digest")              # SessionInfo | None
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    delete,
    func,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from workbench.errors import WorkbenchError
from workbench.identity import Actor, Role
from workbench.store.errors import WriteClash
from workbench.store.models import Base, _enum
from workbench.timeutil import as_utc, utcnow

USERNAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9._@-]{0,63}")


class UserRecord(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(255), default="")
    # argon2id hash; None for accounts that sign in through OIDC only.
    password_hash: Mapped[str | None] = mapped_column(String(255), nullable=True)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    roles: Mapped[list[UserRoleRecord]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="UserRoleRecord.role"
    )


class UserRoleRecord(Base):
    __tablename__ = "user_roles"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    role: Mapped[Role] = mapped_column(_enum(Role, "user_role"), primary_key=True)


class AuthSessionRecord(Base):
    """A signed-in browser: the SHA-256 of its token (never the token) and when it was last
    used; it ends on sign-out, after the idle time, or when its user is disabled."""

    __tablename__ = "auth_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SignInFailureRecord(Base):
    """One refused sign-in, counted per username and per client to throttle guessing."""

    __tablename__ = "sign_in_failures"
    __table_args__ = (
        Index("ix_sign_in_failures_username_at", "username", "at"),
        Index("ix_sign_in_failures_client_at", "client", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(255))
    client: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class UnknownUserError(WorkbenchError):
    """No account has that username."""


class DuplicateUserError(WorkbenchError):
    """An account with that username exists already."""


@dataclass(frozen=True)
class User:
    id: int
    username: str
    display_name: str
    roles: frozenset[Role]
    disabled: bool
    has_password: bool
    created: datetime

    def actor(self) -> Actor:
        return Actor(self.username, self.roles)


@dataclass(frozen=True)
class SessionInfo:
    user: User
    created: datetime
    last_seen: datetime


def normalize_username(username: str) -> str:
    """Lower case, checked: letters, digits and `._@-`, at most 64 characters."""
    name = username.strip().lower()
    if not USERNAME_PATTERN.fullmatch(name):
        raise WorkbenchError(
            f"not a usable username: {username!r} (letters, digits and . _ @ -, "
            "starting with a letter or digit, at most 64 characters)"
        )
    return name


def _user(record: UserRecord) -> User:
    return User(
        record.id,
        record.username,
        record.display_name,
        frozenset(Role(r.role) for r in record.roles),
        record.disabled,
        record.password_hash is not None,
        as_utc(record.created),
    )


class Accounts:
    """The account tables of one store. Each method is one short transaction."""

    def __init__(self, store):
        self._store = store

    @staticmethod
    def _record(session: Session, username: str) -> UserRecord:
        name = username.strip().lower()
        record = session.scalar(select(UserRecord).where(UserRecord.username == name))
        if record is None:
            raise UnknownUserError(f"no user {username!r}; `workbench users list` lists them")
        return record

    # ---- users -------------------------------------------------------------------

    def add_user(
        self,
        username: str,
        roles: Iterable[Role],
        password_hash: str | None = None,
        display_name: str = "",
    ) -> User:
        name = normalize_username(username)
        roles = frozenset(roles)
        if not roles:
            raise WorkbenchError(f"give {name} at least one role")
        try:
            with self._store.transaction() as session:
                record = UserRecord(
                    username=name,
                    display_name=display_name.strip(),
                    password_hash=password_hash,
                    disabled=False,
                    roles=[UserRoleRecord(role=role) for role in sorted(roles)],
                )
                session.add(record)
                session.flush()
                return _user(record)
        except (IntegrityError, WriteClash):  # the unique username, whatever the backend says
            raise DuplicateUserError(f"a user {name!r} exists already") from None

    def user(self, username: str) -> User | None:
        with self._store.reading() as session:
            record = session.scalar(
                select(UserRecord).where(UserRecord.username == username.strip().lower())
            )
            return _user(record) if record else None

    def users(self) -> list[User]:
        with self._store.reading() as session:
            return [_user(r) for r in session.scalars(select(UserRecord).order_by("username"))]

    def password_hash(self, username: str) -> str | None:
        """The stored hash (None: unknown user, disabled, or no password)."""
        with self._store.reading() as session:
            return session.scalar(
                select(UserRecord.password_hash).where(
                    UserRecord.username == username.strip().lower(),
                    UserRecord.disabled.is_(False),
                )
            )

    def set_password_hash(self, username: str, password_hash: str) -> None:
        """A new password; every session of the user ends (signed in with the old one)."""
        with self._store.transaction() as session:
            record = self._record(session, username)
            record.password_hash = password_hash
            session.execute(delete(AuthSessionRecord).where(AuthSessionRecord.user_id == record.id))

    def set_disabled(self, username: str, disabled: bool) -> User:
        """Disable (ending every session) or enable an account; nothing is deleted."""
        with self._store.transaction() as session:
            record = self._record(session, username)
            record.disabled = disabled
            if disabled:
                session.execute(
                    delete(AuthSessionRecord).where(AuthSessionRecord.user_id == record.id)
                )
            session.flush()
            return _user(record)

    def set_roles(self, username: str, roles: Iterable[Role]) -> User:
        roles = frozenset(roles)
        if not roles:
            raise WorkbenchError(f"give {username} at least one role")
        with self._store.transaction() as session:
            record = self._record(session, username)
            record.roles = [UserRoleRecord(role=role) for role in sorted(roles)]
            session.flush()
            return _user(record)

    # ---- sessions ----------------------------------------------------------------

    def open_session(self, username: str, token_hash: str) -> None:
        with self._store.transaction() as session:
            record = self._record(session, username)
            now = utcnow()
            session.add(
                AuthSessionRecord(
                    token_hash=token_hash, user_id=record.id, created=now, last_seen=now
                )
            )

    def session(self, token_hash: str) -> SessionInfo | None:
        """The session with this token digest and its (enabled) user, or None."""
        with self._store.reading() as session:
            row = session.execute(
                select(AuthSessionRecord, UserRecord)
                .join(UserRecord, UserRecord.id == AuthSessionRecord.user_id)
                .where(AuthSessionRecord.token_hash == token_hash, UserRecord.disabled.is_(False))
            ).first()
            if row is None:
                return None
            auth_session, user = row
            return SessionInfo(
                _user(user), as_utc(auth_session.created), as_utc(auth_session.last_seen)
            )

    def touch_session(self, token_hash: str, when: datetime) -> None:
        with self._store.transaction() as session:
            session.execute(
                update(AuthSessionRecord)
                .where(AuthSessionRecord.token_hash == token_hash)
                .values(last_seen=when)
            )

    def close_session(self, token_hash: str) -> bool:
        """End a session (sign-out or expiry); False if there was none."""
        with self._store.transaction() as session:
            result = session.execute(
                delete(AuthSessionRecord).where(AuthSessionRecord.token_hash == token_hash)
            )
            return bool(result.rowcount)

    def close_idle_sessions(self, seen_before: datetime) -> int:
        with self._store.transaction() as session:
            result = session.execute(
                delete(AuthSessionRecord).where(AuthSessionRecord.last_seen < seen_before)
            )
            return result.rowcount or 0

    # ---- failed sign-ins ------------------------------------------------------------

    def record_failure(self, username: str, client: str) -> None:
        with self._store.transaction() as session:
            session.add(
                SignInFailureRecord(
                    username=username.strip().lower()[:255], client=client[:64], at=utcnow()
                )
            )

    def failures_since(
        self, since: datetime, *, username: str | None = None, client: str | None = None
    ) -> int:
        """Failed sign-ins at or after `since`, for a username or a client."""
        query = (
            select(func.count())
            .select_from(SignInFailureRecord)
            .where(SignInFailureRecord.at >= since)
        )
        if username is not None:
            query = query.where(SignInFailureRecord.username == username.strip().lower())
        if client is not None:
            query = query.where(SignInFailureRecord.client == client[:64])
        with self._store.reading() as session:
            return session.scalar(query) or 0

    def clear_failures(self, username: str) -> None:
        """Forget a user's failures (after a successful sign-in or a password reset)."""
        with self._store.transaction() as session:
            session.execute(
                delete(SignInFailureRecord).where(
                    SignInFailureRecord.username == username.strip().lower()
                )
            )
