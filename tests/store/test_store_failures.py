"""Every database failure is one line that says what to do, and saves nothing half-way
(issue 19, item 6): a full disk, a read-only file, a folder that cannot be made, a damaged
file, a server that cannot be reached, and values longer than a column, which PostgreSQL
refuses mid-transaction and SQLite would keep: the store checks lengths first, so both
backends refuse the same way.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import event

from tests.fixtures.small_disk import read_only_file, read_only_folder, tiny_disk
from tests.store.conftest import FOUR_SENTENCES
from tests.store.test_store_opening import corrupt_file, other_application_file, text_file
from workbench.errors import InputError
from workbench.exchange import tmx
from workbench.exchange.units import TranslationUnit
from workbench.memory.source import tm_entry_counts
from workbench.segment import segment_document
from workbench.store import open_store
from workbench.store.errors import (
    DatabaseDamagedError,
    DatabaseFullError,
    DatabaseReadOnlyError,
    DatabaseUnreachableError,
)
from workbench.store.failures import database_failure
from workbench.workflows.memory_import import import_memory_file

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "workbench", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )


def assert_one_line(result: subprocess.CompletedProcess, *fragments: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("workbench: error: ")
    for fragment in fragments:
        assert fragment in line


def unit(source: str, target: str, author: str | None = None) -> TranslationUnit:
    return TranslationUnit("en", source, {"ur": target}, author=author)


def saves_until_full(store, segment_id: int) -> tuple[list, Exception]:
    saved, head = [], None
    for i in range(10_000):
        try:
            head = store.save_revision(
                segment_id, "ur", f"{i} " + "متن " * 400, "amina", head.id if head else None
            )
        except Exception as exc:
            return saved, exc
        saved.append(head)
    raise AssertionError("the disk never filled")


# ---- full disk -----------------------------------------------------------------------


def test_a_save_when_the_database_cannot_grow_is_refused_in_one_line(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'w.db'}")
    segment_id = store.segments(store.add_document("talks.txt", FOUR_SENTENCES).id)[0].id
    pages = store.engine.connect().exec_driver_sql("PRAGMA page_count").scalar()
    event.listen(
        store.engine,
        "connect",
        lambda conn, _r: conn.execute(f"PRAGMA max_page_count={pages + 8}"),
    )
    store.engine.dispose()
    saved, error = saves_until_full(store, segment_id)
    assert isinstance(error, DatabaseFullError)
    assert "disk is full" in str(error) and "\n" not in str(error)
    assert [r.id for r in store.history(segment_id, "ur")] == [r.id for r in saved]
    store.close()


def test_a_save_on_a_full_disk_keeps_every_earlier_save(tmp_path):
    with tiny_disk(tmp_path / "disk") as disk:
        store = open_store(f"sqlite:///{disk / 'w.db'}")
        segment_id = store.segments(store.add_document("talks.txt", FOUR_SENTENCES).id)[0].id
        saved, error = saves_until_full(store, segment_id)
        assert isinstance(error, DatabaseFullError), error
        assert [r.text for r in store.history(segment_id, "ur")] == [r.text for r in saved]
        store.close()


def test_cli_writing_to_a_full_disk_is_one_line(tmp_path):
    memory_file = tmp_path / "big.tmx"
    units = [unit(f"Sentence {i} " + "word " * 60, f"جملہ {i}") for i in range(600)]
    tmx.write_tmx(units, memory_file)
    with tiny_disk(tmp_path / "disk", "200k") as disk:
        result = run_cli("tm", "import", str(memory_file), "--db", f"sqlite:///{disk / 'w.db'}")
    assert_one_line(result, "disk is full", "nothing was saved")


# ---- read-only -----------------------------------------------------------------------


def test_a_save_on_a_read_only_database_file_is_one_line_and_changes_nothing(tmp_path):
    url = f"sqlite:///{tmp_path / 'w.db'}"
    with open_store(url) as store:
        segment_id = store.segments(store.add_document("t.txt", FOUR_SENTENCES).id)[0].id
    with read_only_file(tmp_path / "w.db"), open_store(url) as store:
        with pytest.raises(DatabaseReadOnlyError, match="read-only: make the file") as raised:
            store.save_revision(segment_id, "ur", "متن", "amina", None)
        assert "\n" not in str(raised.value)
        assert store.history(segment_id, "ur") == []


def test_cli_saving_into_a_read_only_database_file_is_one_line(tmp_path):
    url = f"sqlite:///{tmp_path / 'w.db'}"
    open_store(url).close()
    memory_file = tmp_path / "m.tmx"
    tmx.write_tmx([unit("Talks were held.", "مذاکرات ہوئے۔")], memory_file)
    with read_only_file(tmp_path / "w.db"):
        result = run_cli("tm", "import", str(memory_file), "--db", url)
    assert_one_line(result, "is read-only", "nothing was saved")


def test_cli_on_a_database_in_a_read_only_folder_is_one_line(tmp_path):
    with read_only_folder(tmp_path / "ro") as make_read_only:
        url = f"sqlite:///{tmp_path / 'ro' / 'w.db'}"
        with open_store(url) as store:
            store.add_document("t.txt", FOUR_SENTENCES)
        make_read_only()
        result = run_cli("docs", "--db", url)
    assert_one_line(result, "folder exists and is writable")


# ---- a path or a server that cannot be used -----------------------------------------------


def test_cli_db_in_a_folder_that_cannot_be_created_is_one_line(tmp_path):
    (tmp_path / "a-file").write_text("")
    result = run_cli("docs", "--db", f"sqlite:///{tmp_path / 'a-file' / 'sub' / 'w.db'}")
    assert_one_line(result, "cannot create the folder", "Not a directory")


def test_cli_reading_a_damaged_database_is_one_line(tmp_path):
    url = f"sqlite:///{tmp_path / 'w.db'}"
    with open_store(url) as store:
        store.add_document("a.txt", "Hello there. " * 3000)
    data = bytearray((tmp_path / "w.db").read_bytes())
    pages = len(data) // 4096
    data[(pages - 20) * 4096 :] = b"\x0d" * (20 * 4096)  # the text's pages, not the schema
    (tmp_path / "w.db").write_bytes(bytes(data))
    out = str(tmp_path / "x.tsv")
    result = run_cli("export", "a.txt", "--to", "ur", "--db", url, "--format", "tsv", "--out", out)
    assert_one_line(result, "is damaged: restore it from a backup")


def test_reading_a_damaged_database_raises_a_damaged_error(tmp_path):
    url = f"sqlite:///{tmp_path / 'w.db'}"
    store = open_store(url)
    document = store.add_document("a.txt", "Hello there. " * 3000)
    store.engine.dispose()
    data = bytearray((tmp_path / "w.db").read_bytes())
    data[4096 * 3 :] = b"\x0d" * (len(data) - 4096 * 3)
    (tmp_path / "w.db").write_bytes(bytes(data))
    with pytest.raises(DatabaseDamagedError, match="damaged"):
        store.document_text(document.id)
    store.close()


def test_a_postgresql_server_that_is_not_running_is_one_line(postgres_server):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(DatabaseUnreachableError, match="check that the server is running") as e:
        open_store(f"postgresql+psycopg://nobody@127.0.0.1:{port}/nothing")
    assert "\n" not in str(e.value)


def test_psycopg_messages_over_several_lines_become_one(postgres_server):
    from sqlalchemy import create_engine
    from sqlalchemy.exc import DBAPIError

    engine = create_engine(postgres_server.new_database())
    with pytest.raises(DBAPIError) as raised, engine.connect() as conn:
        conn.exec_driver_sql("SELECT 1 +")
    engine.dispose()
    assert "\n" in str(raised.value.orig)
    message = str(database_failure(raised.value, "db"))
    assert "\n" not in message and "syntax error" in message


# ---- column limits: both backends refuse the same way, before writing --------------------


def test_a_name_pushed_past_255_characters_by_its_suffix_is_refused(store):
    name = "n" * 253
    store.add_document(name, FOUR_SENTENCES)
    with pytest.raises(InputError, match="document name is 257 characters long; at most 255"):
        store.add_document(name, FOUR_SENTENCES + " Again.")
    assert len(store.documents()) == 1


def test_a_tmx_creationid_over_255_characters_is_refused_and_nothing_imported(store, tmp_path):
    path = tmp_path / "long-author.tmx"
    units = [
        unit("Talks were held.", "مذاکرات ہوئے۔"),
        unit("Trade too.", "تجارت بھی۔", author="x" * 300),
    ]
    tmx.write_tmx(units, path)
    with pytest.raises(InputError, match=r"author \(TMX creationid/changeid\) is 300 characters"):
        import_memory_file(store, path)
    assert tm_entry_counts(store) == {}


def test_a_language_tag_over_16_characters_is_refused(store, document):
    segment_id = store.segments(document.id)[0].id
    with pytest.raises(InputError, match="language tag is 17 characters long; at most 16"):
        store.save_revision(segment_id, "u" * 17, "متن", "amina", None)
    with pytest.raises(InputError, match="source language tag is 17 characters long"):
        store.add_document(
            "other.txt", FOUR_SENTENCES, "e" * 17, segments=segment_document(FOUR_SENTENCES, "en")
        )


def test_a_message_is_one_line_even_from_a_multi_line_driver_error():
    import sqlite3

    error = sqlite3.OperationalError("first line\n  second line")
    assert "\n" not in str(database_failure(error, "db"))


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (corrupt_file, "cannot be read as a database"),
        (text_file, "not a SQLite database"),
        (other_application_file, "not a workbench database"),
    ],
    ids=["corrupt", "not-sqlite", "other-application"],
)
def test_cli_on_a_file_that_is_not_a_usable_database_is_one_line(tmp_path, make, message):
    path = tmp_path / "found.db"
    make(path)
    before = path.read_bytes()
    assert_one_line(run_cli("docs", "--db", f"sqlite:///{path}"), message)
    assert path.read_bytes() == before
