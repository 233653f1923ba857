"""Opening the store: the engine for a SQLAlchemy URL, SQLite settings, the schema check.

SQLite gets WAL (readers never block the writer), foreign keys, a busy timeout, and
`BEGIN IMMEDIATE` for write transactions so two saves queue for the lock instead of failing
mid-transaction. Other databases (PostgreSQL) get nothing special: the revision-number unique
constraint is what turns a race into a conflict there.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError
from sqlalchemy.pool import StaticPool

from workbench import config
from workbench.errors import WorkbenchError
from workbench.store.errors import SchemaVersionError
from workbench.store.models import SCHEMA_VERSION, Base, SchemaInfo

SQLITE_BUSY_TIMEOUT_MS = 10_000
# Execution option that asks for a write transaction (`BEGIN IMMEDIATE` on SQLite).
WRITE_OPTION = "workbench_write"


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
        database = parsed.database or ""
        in_memory = database in ("", ":memory:") or database.startswith("file::memory:")
        if in_memory:
            kwargs.update(poolclass=StaticPool, connect_args={"check_same_thread": False})
        else:
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
            kwargs["connect_args"] = {"check_same_thread": False}
    try:
        engine = create_engine(parsed, **kwargs)
    except (NoSuchModuleError, ImportError) as exc:
        raise WorkbenchError(f"no database driver for {parsed.drivername!r} ({exc})") from exc
    if is_sqlite:
        _configure_sqlite(engine)
    return engine


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


def prepare_schema(engine: Engine) -> None:
    """Create the tables in an empty database, or check the version of an existing one."""
    where = _describe(engine)
    try:
        tables = set(inspect(engine).get_table_names())
    except OperationalError as exc:
        raise WorkbenchError(f"cannot open the database {where}: {exc.orig}") from exc
    if not tables:
        Base.metadata.create_all(engine)
        with engine.begin() as conn:
            conn.execute(
                SchemaInfo.__table__.insert().values(
                    key="schema_version", value=str(SCHEMA_VERSION)
                )
            )
        return
    if SchemaInfo.__tablename__ not in tables:
        raise SchemaVersionError(
            f"{where} is not a workbench database (it has tables but no schema version); "
            "point WORKBENCH_DB or --db at another file"
        )
    with engine.connect() as conn:
        found = conn.scalar(select(SchemaInfo.value).where(SchemaInfo.key == "schema_version"))
    if found is None or not found.isdigit():
        raise SchemaVersionError(f"{where} has no readable schema version ({found!r})")
    version = int(found)
    if version > SCHEMA_VERSION:
        raise SchemaVersionError(
            f"{where} uses schema version {version}, newer than this workbench's "
            f"{SCHEMA_VERSION}: update the workbench to open it (nothing was changed)"
        )
    if version < SCHEMA_VERSION:
        raise SchemaVersionError(
            f"{where} uses schema version {version}, older than this workbench's "
            f"{SCHEMA_VERSION}: open it with the workbench that made it, or migrate it "
            "(nothing was changed)"
        )
    # Same version: tables added since (by other modules) are created, nothing is altered.
    Base.metadata.create_all(engine)


def _describe(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)
