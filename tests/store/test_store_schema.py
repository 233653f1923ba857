"""Opening databases: schema version, SQLite settings, the WORKBENCH_DB setting."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from workbench.errors import WorkbenchError
from workbench.store import SCHEMA_VERSION, SchemaVersionError, open_store


def execute(db_url: str, sql: str, **params) -> list[tuple]:
    """Run one statement on the database directly, as another program would."""
    engine = create_engine(db_url)
    try:
        with engine.begin() as conn:
            result = conn.execute(text(sql), params)
            return [tuple(row) for row in result] if result.returns_rows else []
    finally:
        engine.dispose()


def stored_version(db_url: str) -> str:
    (row,) = execute(db_url, "SELECT value FROM workbench_schema WHERE key = 'schema_version'")
    return row[0]


def set_version(db_url: str, version: str) -> None:
    execute(
        db_url,
        "UPDATE workbench_schema SET value = :v WHERE key = 'schema_version'",
        v=version,
    )


def test_a_new_database_records_the_schema_version(db_url):
    open_store(db_url).close()
    assert stored_version(db_url) == str(SCHEMA_VERSION)


def test_a_database_from_a_newer_workbench_is_refused_and_left_untouched(db_url, document):
    set_version(db_url, str(SCHEMA_VERSION + 1))
    with pytest.raises(SchemaVersionError, match="newer than this workbench"):
        open_store(db_url)
    assert stored_version(db_url) == str(SCHEMA_VERSION + 1)
    assert execute(db_url, "SELECT name FROM documents") == [(document.name,)]


def test_a_sqlite_file_from_a_newer_workbench_is_left_byte_for_byte_as_it_was(tmp_path):
    url = f"sqlite:///{tmp_path / 'newer.db'}"
    open_store(url).add_document("a.txt", "One sentence.")
    set_version(url, str(SCHEMA_VERSION + 1))
    before = (tmp_path / "newer.db").read_bytes()
    with pytest.raises(SchemaVersionError):
        open_store(url)
    assert (tmp_path / "newer.db").read_bytes() == before


def test_a_database_from_an_older_workbench_is_refused(db_url, document):
    set_version(db_url, "0")
    with pytest.raises(SchemaVersionError, match="older than this workbench"):
        open_store(db_url)
    assert stored_version(db_url) == "0"


def test_a_database_that_is_not_the_workbenchs_is_refused(db_url):
    execute(db_url, "CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    with pytest.raises(SchemaVersionError, match="not a workbench database"):
        open_store(db_url)
    assert execute(db_url, "SELECT id FROM invoices") == []


def test_sqlite_runs_in_wal_mode_with_foreign_keys_enforced(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'wal.db'}")
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    store.close()


def test_a_revision_for_a_missing_segment_is_refused(store):
    with pytest.raises(KeyError):
        store.save_revision(999, "ur", "text", "amina", None)


def test_workbench_db_chooses_the_database(tmp_path, monkeypatch):
    path = tmp_path / "nested" / "chosen.db"
    monkeypatch.setenv("WORKBENCH_DB", f"sqlite:///{path}")
    store = open_store()
    store.add_document("a.txt", "One sentence.")
    assert path.exists()
    assert open_store(f"sqlite:///{path}").document("a.txt").segment_count == 1


def test_a_malformed_database_url_is_a_clear_error():
    with pytest.raises(WorkbenchError, match="not a database URL"):
        open_store("not a url")


def test_a_database_without_its_driver_is_a_clear_error():
    with pytest.raises(WorkbenchError, match="no database driver"):
        open_store("nosuchdb://user@localhost/workbench")
