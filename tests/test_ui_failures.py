"""No page shows a traceback (issue 19, item 6): a database that cannot be used shows one
line on every page, an editor's save on a full disk shows one line and loses nothing typed,
and an unexpected error is one line plus a log entry."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.fixtures.editor_app import open_app
from tests.fixtures.editor_grid import save
from tests.fixtures.small_disk import tiny_disk
from tests.test_app_shared_sidebar import PAGES, open_page
from workbench import config
from workbench.engines import argos
from workbench.store import open_store

APP = str(config.PROJECT_ROOT / "workbench" / "app.py")


def _fill(disk: Path) -> Path:
    """Write a file until the disk has no byte left; returns it."""
    filler = disk / "filler"
    descriptor = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(descriptor, b"\0" * 4096)
    except OSError as exc:
        assert exc.errno == errno.ENOSPC
    finally:
        os.close(descriptor)
    return filler


@pytest.mark.parametrize("page", PAGES)
def test_a_file_that_is_not_a_database_is_one_line_on_every_page(page, tmp_path, monkeypatch):
    """Pages that read the store at once (Editor, Scores) say so; none shows a traceback."""
    not_a_database = tmp_path / "notes.db"
    not_a_database.write_text("these are my notes, not a database\n" * 20)
    monkeypatch.setenv("WORKBENCH_DB", f"sqlite:///{not_a_database}")
    at = open_page(page)
    assert not at.exception
    errors = [e.value for e in at.error]
    if page in ("Editor", "Scores"):
        assert any("is not a SQLite database" in e for e in errors), errors
    assert all("\n" not in e for e in errors)
    assert not_a_database.read_text() == "these are my notes, not a database\n" * 20


def test_a_save_on_a_full_disk_shows_one_line_and_keeps_the_typed_text(tmp_path, monkeypatch):
    with tiny_disk(tmp_path / "disk", "2m") as disk:
        monkeypatch.setenv("WORKBENCH_DB", f"sqlite:///{disk / 'w.db'}")
        argos.clear_model_cache()
        at = open_app("Amina Khan")
        store = open_store()
        third = store.segments(store.document(config.SAMPLE_DOCUMENT.name).id)[2]
        filler = _fill(disk)
        typed = "پاکستان اور افغانستان کے تعلقات۔ " * 40
        refused = save(at, 3, typed)
        assert refused["outcome"] == "refused" and refused["mine"] == typed  # back in its box
        assert "disk is full" in refused["message"] and "\n" not in refused["message"]
        assert refused["message"].startswith("Not saved")
        assert store.current_revision(third.id, "ur") is None
        os.remove(filler)
        assert save(at, 3, typed)["outcome"] == "saved"
        assert store.current_revision(third.id, "ur").text == typed
        store.close()


def _page_with_a_bug() -> None:
    from workbench.ui.failures import guarded

    @guarded
    def render() -> None:
        {}["missing key"]

    render()


def test_an_unexpected_error_is_one_line_and_a_log_entry(caplog):
    at = AppTest.from_function(_page_with_a_bug, default_timeout=30).run()
    assert not at.exception
    (line,) = [e.value for e in at.error]
    assert line.startswith("Something went wrong") and "KeyError" in line and "missing key" in line
    assert any(r.name == "workbench.ui" and r.exc_info for r in caplog.records)
