"""Database failures as one line a person can act on.

SQLAlchemy wraps whatever the driver raised (`sqlite3` or `psycopg` errors: a read-only file,
a full disk, a damaged file, a server that went away) in `DBAPIError`; psycopg's messages run
over several lines. `database_failure` turns any of them into a `DatabaseFailure` subclass
whose message names the database, says what happened and what to do, on one line. The store
maps every error of its sessions through it, so no caller sees a driver exception.
"""

from __future__ import annotations

import sqlite3

from sqlalchemy.exc import DBAPIError

from workbench.errors import WorkbenchError
from workbench.store.errors import (
    DatabaseDamagedError,
    DatabaseFailure,
    DatabaseFullError,
    DatabaseReadOnlyError,
    DatabaseUnreachableError,
    StoreBusyError,
)

NOTHING_SAVED = "nothing was saved"

# SQLite result codes (`sqlite3.Error.sqlite_errorname`, primary code before "_")
_SQLITE = {
    "SQLITE_READONLY": (
        DatabaseReadOnlyError,
        "is read-only: make the file and its folder writable, or point WORKBENCH_DB or --db "
        "at a copy",
    ),
    "SQLITE_FULL": (DatabaseFullError, "cannot grow: the disk is full; free some space and retry"),
    "SQLITE_CORRUPT": (
        DatabaseDamagedError,
        "is damaged: restore it from a backup or point WORKBENCH_DB or --db at another file",
    ),
    "SQLITE_NOTADB": (
        DatabaseDamagedError,
        "is not a SQLite database: point WORKBENCH_DB or --db at another file",
    ),
    "SQLITE_BUSY": (StoreBusyError, "is locked by another program for too long; try again"),
    "SQLITE_LOCKED": (StoreBusyError, "is locked by another program for too long; try again"),
    "SQLITE_CANTOPEN": (
        DatabaseUnreachableError,
        "cannot be opened: check that its folder exists and is writable",
    ),
    "SQLITE_IOERR": (
        DatabaseFailure,
        "could not be read or written (a disk error): check the disk and retry",
    ),
    "SQLITE_PERM": (DatabaseReadOnlyError, "cannot be written: check its permissions"),
}

# PostgreSQL SQLSTATE codes (exact, then by class: the first two characters)
_POSTGRES = {
    "53100": (DatabaseFullError, "cannot grow: the server's disk is full; ask its administrator"),
    "25006": (
        DatabaseReadOnlyError,
        "is read-only (a standby or read-only transaction): use the primary server",
    ),
    "22001": (
        DatabaseFailure,
        "refused a value longer than its column allows: shorten it",
    ),
    "40001": (StoreBusyError, "was changed by another writer at the same time; try again"),
    "40P01": (StoreBusyError, "was changed by another writer at the same time; try again"),
    "55P03": (StoreBusyError, "is locked by another writer for too long; try again"),
    "53": (DatabaseFailure, "ran out of resources on the server; ask its administrator"),
    "08": (
        DatabaseUnreachableError,
        "cannot be reached: check that the server is running and the URL is right",
    ),
    "57": (
        DatabaseUnreachableError,
        "server shut down or cancelled the operation: retry when it is back",
    ),
    "28": (DatabaseUnreachableError, "refused the login: check the user and password in the URL"),
    "3D": (DatabaseUnreachableError, "does not exist on the server: create it or fix the URL"),
    "42": (
        DatabaseFailure,
        "does not have the workbench's tables or permissions: check the URL and the user's rights",
    ),
}


def one_line(message: object) -> str:
    """A driver's message with its newlines and runs of spaces collapsed."""
    return " ".join(str(message).split())


def database_failure(exc: BaseException, where: str) -> WorkbenchError:
    """The `DatabaseFailure` (or `StoreBusyError`) for a driver error raised on `where`."""
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    detail = one_line(orig) or type(orig).__name__
    kind, advice = _classify(orig, exc)
    return kind(f"the database {where} {advice} ({detail}; {NOTHING_SAVED})")


def _classify(orig: BaseException | None, exc: BaseException) -> tuple[type[WorkbenchError], str]:
    if isinstance(orig, sqlite3.Error):
        name = getattr(orig, "sqlite_errorname", "") or ""
        primary = "_".join(name.split("_")[:2])  # SQLITE_IOERR_WRITE -> SQLITE_IOERR
        for key in (name, primary):
            if key in _SQLITE:
                return _SQLITE[key]
        text = str(orig).lower()
        if "readonly" in text or "read-only" in text:
            return _SQLITE["SQLITE_READONLY"]
        if "full" in text:
            return _SQLITE["SQLITE_FULL"]
        if "malformed" in text or "not a database" in text:
            return _SQLITE["SQLITE_CORRUPT"]
    sqlstate = getattr(orig, "sqlstate", None)
    if sqlstate:
        for key in (sqlstate, sqlstate[:2]):
            if key in _POSTGRES:
                return _POSTGRES[key]
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return _POSTGRES["08"]
    if sqlstate is None and type(orig).__module__.startswith("psycopg"):
        return _POSTGRES[
            "08"
        ]  # psycopg raises OperationalError without a code when it cannot connect
    return DatabaseFailure, "failed"
