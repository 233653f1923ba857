"""Opening databases: schema version, SQLite settings, the WORKBENCH_DB setting."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text

from workbench.errors import WorkbenchError
from workbench.store import SCHEMA_VERSION, SchemaVersionError, open_store


def set_version(path, version: str) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute(
            "UPDATE workbench_schema SET value = ? WHERE key = 'schema_version'", (version,)
        )


def test_a_new_database_records_the_schema_version(tmp_path):
    open_store(f"sqlite:///{tmp_path / 'new.db'}").close()
    with sqlite3.connect(tmp_path / "new.db") as conn:
        (found,) = conn.execute(
            "SELECT value FROM workbench_schema WHERE key = 'schema_version'"
        ).fetchone()
    assert found == str(SCHEMA_VERSION)


def test_a_database_from_a_newer_workbench_is_refused_and_left_untouched(tmp_path, document):
    path = tmp_path / "workbench.db"
    set_version(path, str(SCHEMA_VERSION + 1))
    before = path.read_bytes()
    with pytest.raises(SchemaVersionError, match="newer than this workbench"):
        open_store(f"sqlite:///{path}")
    assert path.read_bytes() == before


def test_a_database_from_an_older_workbench_is_refused(tmp_path, document):
    path = tmp_path / "workbench.db"
    set_version(path, "0")
    with pytest.raises(SchemaVersionError, match="older than this workbench"):
        open_store(f"sqlite:///{path}")


def test_a_database_that_is_not_the_workbenchs_is_refused(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    with pytest.raises(SchemaVersionError, match="not a workbench database"):
        open_store(f"sqlite:///{path}")


def test_sqlite_runs_in_wal_mode_with_foreign_keys_enforced(store):
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


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
