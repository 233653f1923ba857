"""Writers racing an editor's save, interleaved at the exact point (issue 19, items 1 and 2).

Every write that appends a revision carries the head it was computed from; when the head
moved in between, the write is refused for that segment (reported, nothing overwritten) and
never surfaces as a raw `IntegrityError`. Two interleavings are reproduced deterministically:

- between a workflow's snapshot and its write transaction (`before_next_write`): possible on
  both backends;
- inside the write transaction, between its read of the heads and its INSERT
  (`before_revision_insert`): only possible on PostgreSQL, since SQLite's `BEGIN IMMEDIATE`
  holds the write lock for the whole transaction.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from tests.store.conftest import made_up_mt
from workbench.memory.index import TmEntry, TranslationMemory
from workbench.store import Origin, RevisionConflict, Store
from workbench.store.database import WRITE_OPTION
from workbench.workflows.export import export_document
from workbench.workflows.fill import fill_exact_matches
from workbench.workflows.xliff_import import import_xliff_targets

EDITOR_TEXT = "مدیر کا متن۔"
FILE_TEXT = "فائل کا متن۔"


@contextmanager
def before_next_write(store: Store, competitor: Callable[[], object]) -> Iterator[None]:
    """Run `competitor` once, just before the store's next write transaction begins: after
    the caller read its snapshot, before it writes. On SQLite that is just before the
    store's `BEGIN IMMEDIATE` (which the store's own "begin" listener emits)."""
    fired = False

    def run_once() -> None:
        nonlocal fired
        fired = True
        competitor()

    def on_begin(connection) -> None:
        if not fired and connection.get_execution_options().get(WRITE_OPTION):
            run_once()

    def before_execute(conn, cursor, statement, *_args) -> None:
        if not fired and statement == "BEGIN IMMEDIATE":
            run_once()

    sqlite = store.engine.dialect.name == "sqlite"
    name, listener = ("before_cursor_execute", before_execute) if sqlite else ("begin", on_begin)
    event.listen(store.engine, name, listener)
    try:
        yield
    finally:
        event.remove(store.engine, name, listener)
    assert fired, "the race was never run"


@contextmanager
def before_revision_insert(store: Store, competitor: Callable[[], object]) -> Iterator[None]:
    """Run `competitor` once, inside the write transaction, just before it inserts a
    revision: after it read the heads (PostgreSQL only; SQLite holds the write lock)."""
    fired = False

    def before_execute(conn, cursor, statement, *_args) -> None:
        nonlocal fired
        if fired or not statement.lstrip().upper().startswith("INSERT INTO REVISIONS"):
            return
        fired = True
        competitor()

    event.listen(store.engine, "before_cursor_execute", before_execute)
    try:
        yield
    finally:
        event.remove(store.engine, "before_cursor_execute", before_execute)
    assert fired, "the race was never run"


def editor_saves(store: Store, segment_id: int, text: str = EDITOR_TEXT) -> Callable[[], None]:
    def save() -> None:
        head = store.current_revision(segment_id, "ur")
        store.save_revision(segment_id, "ur", text, "amina", head.id if head else None)

    return save


def xliff_with(store, document, text: str, *, strip_revisions: bool = False) -> bytes:
    """The document's XLIFF export with the first unit's target changed by another tool."""
    out = io.BytesIO()
    export_document(store, document, "ur", "xliff", out)
    data = out.getvalue().decode("utf-8")
    data = data.replace("<target>MT0</target>", f"<target>{text}</target>", 1)
    assert text in data
    if strip_revisions:
        data = re.sub(r'<mda:meta type="x-revision">\d+</mda:meta>', "", data)
        assert "x-revision" not in data
    return data.encode("utf-8")


def texts(store, segment_id: int) -> list[tuple[str, Origin]]:
    return [(r.text, r.origin) for r in store.history(segment_id, "ur")]


# ---- XLIFF import ----------------------------------------------------------------------


@pytest.mark.parametrize("strip_revisions", [False, True], ids=["with-ids", "ids-stripped"])
def test_an_xliff_import_racing_an_editors_save_reports_a_conflict_and_keeps_the_save(
    store, translated, strip_revisions
):
    first = store.segments(translated.id)[0]
    data = xliff_with(store, translated, FILE_TEXT, strip_revisions=strip_revisions)
    with before_next_write(store, editor_saves(store, first.id)):
        report = import_xliff_targets(store, io.BytesIO(data), "reviewer", name="edited.xlf")
    assert store.current_revision(first.id, "ur").text == EDITOR_TEXT
    assert texts(store, first.id) == [("MT0", Origin.MT), (EDITOR_TEXT, Origin.HUMAN)]
    assert [(c.segment, c.workbench_text, c.file_text) for c in report.conflicts] == [
        (1, EDITOR_TEXT, FILE_TEXT)
    ]
    assert sum(report.added.values()) == 0


def test_an_xliff_import_whose_insert_clashes_with_a_save_reports_a_conflict(
    store, translated, db_url
):
    if not db_url.startswith("postgresql"):
        pytest.skip("SQLite's write lock makes this interleaving impossible")
    first = store.segments(translated.id)[0]
    data = xliff_with(store, translated, FILE_TEXT)
    with before_revision_insert(store, editor_saves(store, first.id)):
        report = import_xliff_targets(store, io.BytesIO(data), "reviewer", name="edited.xlf")
    assert texts(store, first.id) == [("MT0", Origin.MT), (EDITOR_TEXT, Origin.HUMAN)]
    assert [c.file_text for c in report.conflicts] == [FILE_TEXT]


# ---- translation memory fill -------------------------------------------------------------


def test_a_tm_fill_racing_an_editors_save_never_displaces_the_editors_text(store, translated):
    first = store.segments(translated.id)[0]
    memory = TranslationMemory([TmEntry(first.text, "حافظے کا متن۔", "ur", origin="old.tmx")])
    with before_next_write(store, editor_saves(store, first.id)):
        filled = fill_exact_matches(store, translated.id, "ur", memory)
    assert filled == 0
    assert texts(store, first.id) == [("MT0", Origin.MT), (EDITOR_TEXT, Origin.HUMAN)]


def test_a_tm_fill_whose_insert_clashes_with_a_save_keeps_the_editors_text(
    store, translated, db_url
):
    if not db_url.startswith("postgresql"):
        pytest.skip("SQLite's write lock makes this interleaving impossible")
    first = store.segments(translated.id)[0]
    memory = TranslationMemory([TmEntry(first.text, "حافظے کا متن۔", "ur", origin="old.tmx")])
    with before_revision_insert(store, editor_saves(store, first.id)):
        filled = fill_exact_matches(store, translated.id, "ur", memory)
    assert filled == 0
    assert texts(store, first.id) == [("MT0", Origin.MT), (EDITOR_TEXT, Origin.HUMAN)]


# ---- machine translation and saves ---------------------------------------------------------


def test_mt_racing_an_editors_save_keeps_the_save_and_raises_nothing(store, document):
    first = store.segments(document.id)[0]
    # Inside the MT transaction where the backend allows it, else just before it.
    race = before_revision_insert if _postgres(store) else before_next_write
    with race(store, editor_saves(store, first.id)):
        replaced = store.add_machine_translations(
            document.id, "ur", "argos", "m1", made_up_mt(store, document)
        )
    assert replaced == 3  # every segment but the one the editor saved
    assert texts(store, first.id) == [(EDITOR_TEXT, Origin.HUMAN)]
    assert [mt.best for mt in store.machine_translations(first.id, "ur")] == ["MT0"]


def test_a_save_whose_insert_clashes_with_another_save_is_a_conflict(store, document, db_url):
    if not db_url.startswith("postgresql"):
        pytest.skip("SQLite's write lock makes this interleaving impossible")
    first = store.segments(document.id)[0]
    with (
        before_revision_insert(store, editor_saves(store, first.id, "bilal's text")),
        pytest.raises(RevisionConflict) as conflict,
    ):
        store.save_revision(first.id, "ur", "amina's text", "amina", None)
    assert conflict.value.theirs.text == "bilal's text"
    assert texts(store, first.id) == [("bilal's text", Origin.HUMAN)]


def test_a_bulk_append_on_stale_bases_reports_each_moved_segment(store, translated):
    first, second = store.segments(translated.id)[:2]
    heads = store.current_revisions(translated.id, "ur")
    editor_saves(store, first.id)()
    appended = store.append_on_bases(
        "ur",
        {first.id: "a", second.id: "b"},
        {first.id: heads[first.id].id, second.id: heads[second.id].id},
        "importer",
        Origin.TM,
    )
    assert appended.added == 1
    assert [(c.segment_id, c.yours, c.theirs.text) for c in appended.conflicts] == [
        (first.id, "a", EDITOR_TEXT)
    ]
    assert store.current_revision(second.id, "ur").text == "b"


def _postgres(store: Store) -> bool:
    return store.engine.dialect.name == "postgresql"
