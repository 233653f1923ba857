"""Opening the store: the engine for a SQLAlchemy URL, SQLite settings, the schema check.

SQLite gets WAL (readers never block the writer), foreign keys, a busy timeout, and
`BEGIN IMMEDIATE` for write transactions so two saves queue for the lock instead of failing
mid-transaction. Other databases (PostgreSQL) get nothing special: the revision-number unique
constraint is what turns a race into a conflict there.

Opening inspects before it touches: an existing SQLite file is read through a read-only
connection (and its header) before the connect hook switches it to WAL, so a file that is
refused (another workbench version, another application's database, a corrupt file) is left
byte for byte as it was. Creating a store is one transaction (tables and schema-version row
together) under a lock (SQLite's write lock, a PostgreSQL advisory lock), so processes that
open a fresh store at once all succeed and a kill midway leaves nothing behind.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Connection, Engine, create_engine, event, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.pool import StaticPool

from workbench import config
from workbench.errors import WorkbenchError
from workbench.store.errors import DatabaseUnreachableError, SchemaVersionError
from workbench.store.failures import database_failure
from workbench.store.models import SCHEMA_VERSION, Base, RevisionRecord, SchemaInfo, SegmentRecord
from workbench.vocabulary import Origin, RevisionStatus

SQLITE_BUSY_TIMEOUT_MS = 10_000
SQLITE_HEADER = b"SQLite format 3\x00"
# Execution option that asks for a write transaction (`BEGIN IMMEDIATE` on SQLite).
WRITE_OPTION = "workbench_write"
# PostgreSQL advisory lock held while a store is created or upgraded ("wbch").
CREATION_LOCK_KEY = 0x77626368
VERSION_KEY = "schema_version"
# Tables that hold a user's work: a store without a version row whose tables are all empty
# is an unfinished creation (made by an older workbench) and is finished, not refused.
WORK_TABLES = ("documents", "tm_entries")
UPGRADABLE_FROM = (1, 2, 3)


def create_store_engine(url: str | None = None) -> Engine:
    """An engine for `url` (default: `WORKBENCH_DB` or the SQLite file under translations/)."""
    url = url or config.database_url()
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise WorkbenchError(f"not a database URL: {url!r} (e.g. sqlite:///path.db)") from exc
    kwargs: dict[str, Any] = {}
    is_sqlite = parsed.get_backend_name() == "sqlite"
    if is_sqlite:
        if _sqlite_file(parsed.database) is None:
            kwargs.update(poolclass=StaticPool, connect_args={"check_same_thread": False})
        else:
            _make_folder(Path(parsed.database).expanduser().parent, url)
            kwargs["connect_args"] = {"check_same_thread": False}
    try:
        engine = create_engine(parsed, **kwargs)
    except (NoSuchModuleError, ImportError) as exc:
        raise WorkbenchError(f"no database driver for {parsed.drivername!r} ({exc})") from exc
    if is_sqlite:
        _configure_sqlite(engine)
    return engine


def _make_folder(folder: Path, url: str) -> None:
    """The database file's folder, created if missing; one line when it cannot be."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseUnreachableError(
            f"cannot create the folder {str(folder)!r} for the database {url} "
            f"({exc.strerror}): create it, or point WORKBENCH_DB or --db at a writable place"
        ) from exc


def _sqlite_file(database: str | None) -> Path | None:
    """The file of a SQLite URL's database, None for an in-memory one."""
    if not database or database == ":memory:" or database.startswith("file::memory:"):
        return None
    return Path(database).expanduser()


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record) -> None:
        # Let SQLAlchemy's "begin" event emit BEGIN itself (the SQLAlchemy docs' recipe for
        # pysqlite), so write transactions can ask for IMMEDIATE.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection) -> None:
        write = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


class _Action(Enum):
    CREATE = "create"  # empty, or an unfinished creation: make the tables and version row
    READY = "ready"  # this version: only tables added since are created
    UPGRADE = "upgrade"  # an older version this workbench upgrades in place


@dataclass(frozen=True)
class _Found:
    """What a database holds, as far as opening it is concerned."""

    tables: frozenset[str]
    version: str | None  # the version row's value; None when there is none
    holds_work: bool  # any of WORK_TABLES has a row


def prepare_schema(engine: Engine) -> None:
    """Create the tables in an empty database, upgrade an older known version, or refuse
    (changing nothing) a database this workbench cannot open."""
    where = _describe(engine)
    path = _sqlite_file(engine.url.database) if engine.url.get_backend_name() == "sqlite" else None
    if path is not None:
        found = _inspect_sqlite_file(path, where)
        if found is not None:
            _decide(found, where)  # refuses before the connect hook can touch the file
    try:
        with engine.connect() as conn:
            found = _inspect(conn)
            conn.rollback()
        if _decide(found, where) is _Action.READY and _complete(found):
            return
        with _creation_lock(engine) as conn:
            found = _inspect(conn)  # again: another process may have created it meanwhile
            action = _decide(found, where)
            if action is _Action.UPGRADE:
                _upgrade(conn, int(found.version or 0))
            Base.metadata.create_all(conn)
            if action is _Action.CREATE and found.version is None:
                conn.execute(
                    SchemaInfo.__table__.insert().values(key=VERSION_KEY, value=str(SCHEMA_VERSION))
                )
    except DBAPIError as exc:
        raise database_failure(exc, where) from exc


def _complete(found: _Found) -> bool:
    return set(Base.metadata.tables) <= found.tables


@contextmanager
def _creation_lock(engine: Engine) -> Iterator[Connection]:
    """One transaction that no other opener of the same store runs at the same time."""
    with engine.connect() as conn:
        conn = conn.execution_options(**{WRITE_OPTION: True})
        with conn.begin():
            if engine.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CREATION_LOCK_KEY})
            yield conn


def _inspect(conn: Connection) -> _Found:
    tables = frozenset(inspect(conn).get_table_names())
    version = None
    if SchemaInfo.__tablename__ in tables:
        version = conn.scalar(select(SchemaInfo.value).where(SchemaInfo.key == VERSION_KEY))
    holds_work = any(
        conn.scalar(text(f"SELECT 1 FROM {table} LIMIT 1")) is not None
        for table in WORK_TABLES
        if table in tables
    )
    return _Found(tables, version, holds_work)


def _inspect_sqlite_file(path: Path, where: str) -> _Found | None:
    """What an existing SQLite file holds, read without writing a byte (None: no file yet).

    The header says whether it is SQLite at all; a file with no `-wal` beside it is read
    `immutable` (no lock files appear), one in use through a plain read-only connection.
    """
    try:
        with path.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise WorkbenchError(f"cannot read the database {where}: {exc.strerror}") from exc
    if not header:
        return None  # an empty file: SQLite makes it a new database
    if header != SQLITE_HEADER:
        raise SchemaVersionError(
            f"{where} is not a SQLite database; point WORKBENCH_DB or --db at another file "
            "(nothing was changed)"
        )
    in_use = path.with_name(path.name + "-wal").exists()
    uri = f"file:{quote(str(path.resolve()))}?mode=ro" + ("" if in_use else "&immutable=1")
    try:
        with closing(sqlite3.connect(uri, uri=True)) as conn:
            tables = frozenset(
                name
                for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            )
            version = None
            if SchemaInfo.__tablename__ in tables:
                row = conn.execute(
                    f"SELECT value FROM {SchemaInfo.__tablename__} WHERE key = ?",
                    (VERSION_KEY,),
                ).fetchone()
                version = row[0] if row else None
            holds_work = any(
                conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is not None
                for table in WORK_TABLES
                if table in tables
            )
    except sqlite3.DatabaseError as exc:
        raise SchemaVersionError(
            f"{where} cannot be read as a database ({exc}); it may be damaged: restore it from "
            "a backup or point WORKBENCH_DB or --db at another file (nothing was changed)"
        ) from exc
    return _Found(tables, version, holds_work)


def _decide(found: _Found, where: str) -> _Action:
    """What opening does with the database, or `SchemaVersionError` if it must not."""
    if not found.tables:
        return _Action.CREATE
    if SchemaInfo.__tablename__ not in found.tables:
        raise SchemaVersionError(
            f"{where} is not a workbench database (it has tables but no schema version); "
            "point WORKBENCH_DB or --db at another file (nothing was changed)"
        )
    if found.version is None and not found.holds_work:
        return _Action.CREATE  # an interrupted creation: nothing in it to lose
    if found.version is None or not found.version.isdigit():
        raise SchemaVersionError(f"{where} has no readable schema version ({found.version!r})")
    version = int(found.version)
    if version == SCHEMA_VERSION:
        return _Action.READY
    if version > SCHEMA_VERSION:
        raise SchemaVersionError(
            f"{where} uses schema version {version}, newer than this workbench's "
            f"{SCHEMA_VERSION}: update the workbench to open it (nothing was changed)"
        )
    if version in UPGRADABLE_FROM:
        return _Action.UPGRADE
    raise SchemaVersionError(
        f"{where} uses schema version {version}, older than this workbench's "
        f"{SCHEMA_VERSION}: open it with the workbench that made it, or migrate it "
        "(nothing was changed)"
    )


def _upgrade(conn: Connection, version: int) -> None:
    """Upgrade in place, inside the caller's transaction (all or nothing)."""
    if version <= 1:
        _upgrade_revision_checks(conn)
    if version <= 2:
        _add_segment_retired(conn)
    if version <= 3:
        _jobs_by_segment_id(conn)
    conn.execute(
        SchemaInfo.__table__.update()
        .where(SchemaInfo.key == VERSION_KEY)
        .values(value=str(SCHEMA_VERSION))
    )


def _upgrade_revision_checks(conn: Connection) -> None:
    """Version 1 -> 2: the revisions' CHECK constraints admit origin `propagated` and the
    statuses `approved` and `rejected`."""
    table = RevisionRecord.__tablename__
    if conn.dialect.name == "sqlite":
        # SQLite cannot alter a constraint: rebuild the table (nothing references it).
        columns = ", ".join(c.name for c in RevisionRecord.__table__.columns)
        conn.exec_driver_sql(f"ALTER TABLE {table} RENAME TO {table}_v1")
        RevisionRecord.__table__.create(conn)
        conn.exec_driver_sql(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {table}_v1")
        conn.exec_driver_sql(f"DROP TABLE {table}_v1")
        return
    checks = {
        "revision_origin": ("origin", Origin),
        "revision_status": ("status", RevisionStatus),
    }
    for name, (column, values) in checks.items():
        allowed = ", ".join(f"'{member.value}'" for member in values)
        conn.exec_driver_sql(
            f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {name}, "
            f"ADD CONSTRAINT {name} CHECK ({column} IN ({allowed}))"
        )


def _add_segment_retired(conn: Connection) -> None:
    """Version 2 -> 3: `segments.retired`, set on the segments a split or merge replaced (the
    lineage table itself is new and created with the other tables)."""
    column = SegmentRecord.__table__.c.retired
    kind = column.type.compile(dialect=conn.dialect)
    conn.exec_driver_sql(f"ALTER TABLE {SegmentRecord.__tablename__} ADD COLUMN retired {kind}")


def _jobs_by_segment_id(conn: Connection) -> None:
    """Version 3 -> 4: a translation job's positions become the ids of the live segments at
    those positions now (what the job would have translated had it run at the upgrade)."""
    table = "translation_jobs"
    if not inspect(conn).has_table(table):
        return  # made before jobs existed: the table is created in the new shape
    if "first_positions" not in {c["name"] for c in inspect(conn).get_columns(table)}:
        return
    conn.exec_driver_sql(
        f"ALTER TABLE {table} ADD COLUMN first_segment_ids TEXT NOT NULL DEFAULT '[]'"
    )
    conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN segment_ids TEXT")
    conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN again BOOLEAN NOT NULL DEFAULT false")
    jobs = conn.execute(
        text(f"SELECT id, document_id, first_positions, again_positions FROM {table}")
    )
    for job_id, document_id, first, again in jobs.all():
        at = dict(
            conn.execute(
                select(SegmentRecord.position, SegmentRecord.id).where(
                    SegmentRecord.document_id == document_id, SegmentRecord.retired.is_(None)
                )
            ).all()
        )

        def ids(positions: str, at: dict[int, int] = at) -> str:
            return json.dumps([at[p] for p in json.loads(positions) if p in at])

        conn.execute(
            text(
                f"UPDATE {table} SET first_segment_ids = :first, segment_ids = :scope, "
                "again = :again WHERE id = :id"
            ),
            {
                "first": ids(first),
                "scope": ids(again) if again is not None else None,
                "again": again is not None,
                "id": job_id,
            },
        )
    conn.exec_driver_sql(f"ALTER TABLE {table} DROP COLUMN first_positions")
    conn.exec_driver_sql(f"ALTER TABLE {table} DROP COLUMN again_positions")


def _describe(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)
