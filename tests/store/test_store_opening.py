"""Opening a store: created in one transaction by any number of processes at once, upgraded
from version 1 in place, and refused files left exactly as they were (issue 19, items 3, 4)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import IntegrityError

from tests.store.test_store_schema import execute, stored_version
from workbench.errors import WorkbenchError
from workbench.store import (
    SCHEMA_VERSION,
    Origin,
    RevisionStatus,
    SchemaVersionError,
    open_store,
)
from workbench.store.models import Base

ROOT = Path(__file__).resolve().parents[2]
OPENERS = 4


def run_python(code: str, *args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


OPEN_WHEN_TOLD = """
    import sys, time
    from pathlib import Path
    from workbench.store import open_store
    url, go = sys.argv[1], Path(sys.argv[2])
    while not go.exists():
        time.sleep(0.005)
    with open_store(url) as store:
        store.documents()
"""


def test_processes_opening_a_fresh_store_at_once_all_succeed(db_url, tmp_path):
    go = tmp_path / "go"
    openers = [run_python(OPEN_WHEN_TOLD, db_url, str(go)) for _ in range(OPENERS)]
    go.touch()  # all start opening together
    results = [(p.wait(timeout=120), p.stderr.read()) for p in openers]
    assert [(code, err.strip().splitlines()[-1:] if code else []) for code, err in results] == [
        (0, [])
    ] * OPENERS
    assert execute(db_url, "SELECT value FROM workbench_schema") == [(str(SCHEMA_VERSION),)]


KILLED_BEFORE_VERSION_ROW = """
    import os, signal, sys
    from sqlalchemy import event
    from workbench.store import database
    engine = database.create_store_engine(sys.argv[1])

    @event.listens_for(engine, "before_cursor_execute")
    def kill(conn, cursor, statement, *args):
        if statement.lstrip().upper().startswith("INSERT INTO WORKBENCH_SCHEMA"):
            os.kill(os.getpid(), signal.SIGKILL)  # the tables exist, the version row not yet

    database.prepare_schema(engine)
"""


def test_a_kill_while_a_store_is_created_leaves_a_store_that_opens(db_url):
    killed = run_python(KILLED_BEFORE_VERSION_ROW, db_url)
    assert killed.wait(timeout=120) == -signal.SIGKILL
    with open_store(db_url) as store:
        document = store.add_document("talks.txt", "Talks were held in Kabul.")
    assert stored_version(db_url) == str(SCHEMA_VERSION)
    assert document.segment_count == 1


def test_a_store_left_with_tables_but_no_version_by_an_older_workbench_is_finished(db_url):
    engine = create_engine(db_url)
    Base.metadata.create_all(engine)  # what a kill between the two old steps left behind
    engine.dispose()
    with open_store(db_url) as store:
        assert store.documents() == []
    assert stored_version(db_url) == str(SCHEMA_VERSION)


def test_a_store_with_work_but_no_version_is_still_refused(db_url):
    engine = create_engine(db_url)
    Base.metadata.create_all(engine)
    engine.dispose()
    execute(
        db_url,
        "INSERT INTO documents (name, source_lang, text, created) "
        "VALUES ('a.txt', 'en', 'A.', CURRENT_TIMESTAMP)",
    )
    with pytest.raises(SchemaVersionError, match="no readable schema version"):
        open_store(db_url)


# ---- refused files are left exactly as they were -------------------------------------------


def rollback_journal_file(path: Path, *statements: str) -> None:
    """A SQLite file as other programs leave it: rollback journal, not WAL."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
        for statement in statements:
            conn.execute(statement)
    conn.close()


def newer_workbench_file(path: Path) -> None:
    url = f"sqlite:///{path}"
    with open_store(url) as store:
        store.add_document("a.txt", "One sentence.")
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute(
            "UPDATE workbench_schema SET value = ? WHERE key = 'schema_version'",
            (str(SCHEMA_VERSION + 1),),
        )
    conn.close()


def other_application_file(path: Path) -> None:
    rollback_journal_file(path, "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")


def corrupt_file(path: Path) -> None:
    other_application_file(path)
    data = bytearray(path.read_bytes())
    data[100:600] = b"\xff" * 500  # the schema page, past the 100-byte header
    path.write_bytes(bytes(data))


def text_file(path: Path) -> None:
    path.write_text("name,total\nacme,12\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (newer_workbench_file, "newer than this workbench"),
        (other_application_file, "not a workbench database"),
        (corrupt_file, "cannot be read as a database"),
        (text_file, "not a SQLite database"),
    ],
    ids=["newer-version", "other-application", "corrupt", "not-sqlite"],
)
def test_a_refused_sqlite_file_is_left_byte_for_byte_and_gets_no_wal(tmp_path, make, message):
    path = tmp_path / "found.db"
    make(path)
    before = path.read_bytes()
    with pytest.raises(WorkbenchError, match=message) as refused:
        open_store(f"sqlite:///{path}")
    assert "\n" not in str(refused.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["found.db"]


def test_an_empty_file_becomes_a_new_store(tmp_path):
    path = tmp_path / "empty.db"
    path.touch()
    with open_store(f"sqlite:///{path}") as store:
        assert store.documents() == []


# ---- version 1 is upgraded in place ---------------------------------------------------------

V1_REVISIONS = """
CREATE TABLE revisions (
    id {primary_key},
    segment_id INTEGER NOT NULL REFERENCES segments (id),
    target_lang VARCHAR(16) NOT NULL,
    number INTEGER NOT NULL,
    text TEXT NOT NULL,
    author VARCHAR(255) NOT NULL,
    created {timestamp} NOT NULL,
    origin VARCHAR(16) NOT NULL,
    status VARCHAR(16) NOT NULL,
    machine_translation_id INTEGER REFERENCES machine_translations (id),
    UNIQUE (segment_id, target_lang, number),
    CONSTRAINT revision_origin CHECK (origin IN ('mt', 'human', 'tm', 'aligned')),
    CONSTRAINT revision_status CHECK (status IN ('draft', 'confirmed'))
)
"""


def strip_version_3(db_url: str) -> None:
    """Take what version 3 added out of a store: `segments.retired` and the lineage table."""
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE segment_lineage"))
        conn.execute(text("ALTER TABLE segments DROP COLUMN retired"))
    engine.dispose()


def make_version_1(db_url: str) -> int:
    """A store as workbench schema version 1 made it, with one document and one revision;
    returns the segment id."""
    with open_store(db_url) as store:
        segment = store.segments(store.add_document("talks.txt", "Talks in Kabul.").id)[0]
    postgres = db_url.startswith("postgresql")
    ddl = V1_REVISIONS.format(
        primary_key="SERIAL PRIMARY KEY" if postgres else "INTEGER NOT NULL PRIMARY KEY",
        timestamp="TIMESTAMP WITH TIME ZONE" if postgres else "DATETIME",
    )
    strip_version_3(db_url)
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE revisions"))
        conn.execute(text(ddl))
        conn.execute(
            text(
                "INSERT INTO revisions (segment_id, target_lang, number, text, author, "
                "created, origin, status) VALUES (:s, 'ur', 1, 'پرانا', 'amina', "
                "CURRENT_TIMESTAMP, 'human', 'confirmed')"
            ),
            {"s": segment.id},
        )
        conn.execute(text("UPDATE workbench_schema SET value = '1'"))
    engine.dispose()
    return segment.id


def test_a_version_1_store_is_upgraded_in_place_keeping_its_revisions(db_url):
    segment_id = make_version_1(db_url)
    with open_store(db_url) as store:
        (old,) = store.history(segment_id, "ur")
        approved = store.save_revision(
            segment_id, "ur", "نیا", "bilal", old.id, origin=Origin.PROPAGATED,
            status=RevisionStatus.APPROVED,
        )  # fmt: skip
    assert (old.text, old.author, old.status) == ("پرانا", "amina", RevisionStatus.CONFIRMED)
    assert (approved.number, approved.origin, approved.status) == (
        2,
        Origin.PROPAGATED,
        RevisionStatus.APPROVED,
    )
    assert stored_version(db_url) == str(SCHEMA_VERSION) == "4"


def test_the_version_1_checks_really_refused_the_new_statuses(db_url):
    segment_id = make_version_1(db_url)
    with pytest.raises(IntegrityError, match=r"(?i)check"):
        execute(
            db_url,
            "INSERT INTO revisions (segment_id, target_lang, number, text, author, created, "
            "origin, status) VALUES (:s, 'ur', 2, 'x', 'a', CURRENT_TIMESTAMP, 'human', "
            "'approved')",
            s=segment_id,
        )


# ---- version 2 is upgraded in place ---------------------------------------------------------


def make_version_2(db_url: str) -> int:
    """A store as workbench schema version 2 made it (segments without `retired`, no lineage
    table), with one document of two sentences and a revision; returns the first segment id."""
    with open_store(db_url) as store:
        document = store.add_document("talks.txt", "Talks in Kabul. Trade was discussed.")
        first = store.segments(document.id)[0]
        store.save_revision(first.id, "ur", "کابل میں بات چیت۔", "amina", None)
    strip_version_3(db_url)
    execute(db_url, "UPDATE workbench_schema SET value = '2'")
    return first.id


def test_a_version_2_store_is_upgraded_in_place_and_can_split_its_segments(db_url):
    segment_id = make_version_2(db_url)
    with open_store(db_url) as store:
        (old,) = store.history(segment_id, "ur")
        done = store.split_segment(segment_id, len("Talks"), "bilal")
        document = store.document("talks.txt")
        live = [s.text for s in store.segments(document.id)]
        earlier = store.earlier_history(done.segments[0].id, "ur")
    assert stored_version(db_url) == str(SCHEMA_VERSION) == "4"
    assert live == ["Talks", "in Kabul.", "Trade was discussed."]
    assert [r.text for e in earlier for r in e.revisions] == [old.text]


# ---- version 3 is upgraded in place ---------------------------------------------------------


def make_version_3_with_a_queued_job(db_url: str) -> tuple[int, list[int]]:
    """A store as version 3 made it: a queued job naming positions (first 2, again 1 and 2).
    Returns the job id and the live segment ids."""
    with open_store(db_url) as store:
        document = store.add_document("talks.txt", "Talks in Kabul. Trade was discussed. Good.")
        ids = [s.id for s in store.segments(document.id)]
        job = store.create_job(document.id, "ur", "argos", "m1", "amina", segment_ids=ids)
    for statement in (
        "ALTER TABLE translation_jobs ADD COLUMN first_positions TEXT NOT NULL DEFAULT '[2]'",
        "ALTER TABLE translation_jobs ADD COLUMN again_positions TEXT DEFAULT '[1, 2]'",
        "ALTER TABLE translation_jobs DROP COLUMN first_segment_ids",
        "ALTER TABLE translation_jobs DROP COLUMN segment_ids",
        "ALTER TABLE translation_jobs DROP COLUMN again",
        "UPDATE workbench_schema SET value = '3'",
    ):
        execute(db_url, statement)
    return job.id, ids


def test_a_version_3_job_naming_positions_names_the_same_segments_by_id(db_url):
    job_id, ids = make_version_3_with_a_queued_job(db_url)
    with open_store(db_url) as store:
        job = store.job(job_id)
    assert stored_version(db_url) == str(SCHEMA_VERSION)
    assert (job.first_segment_ids, job.segment_ids, job.again) == (
        (ids[2],),
        (ids[1], ids[2]),
        True,
    )


# ---- closing -------------------------------------------------------------------------------


def test_a_store_used_as_a_context_manager_closes_its_connections(tmp_path):
    path = tmp_path / "closed.db"
    with open_store(f"sqlite:///{path}") as store:
        store.add_document("a.txt", "One sentence.")
        assert (tmp_path / "closed.db-wal").exists()
    # SQLite removes the write-ahead log when the last connection closes.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["closed.db"]


@pytest.mark.parametrize(
    "command",
    [
        ["docs"],
        ["history", "talks.txt", "--to", "ur"],
        ["tm", "lookup", "Talks were held in Kabul.", "--to", "ur"],
        ["export", "talks.txt", "--to", "ur", "--format", "tsv", "--out", "{out}"],
    ],
    ids=["docs", "history", "tm-lookup", "export"],
)
def test_cli_commands_close_the_store_they_open(tmp_path, command, capsys):
    from workbench.cli import main

    path = tmp_path / "cli.db"
    with open_store(f"sqlite:///{path}") as store:
        store.add_document("talks.txt", "Talks were held in Kabul.")
    out = tmp_path / "out" / "talks.tsv"
    argv = [part.format(out=out) for part in command] + ["--db", f"sqlite:///{path}"]
    assert main(argv) == 0
    # SQLite removes the write-ahead log only when the last connection is closed.
    assert not (tmp_path / "cli.db-wal").exists()
