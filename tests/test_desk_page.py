"""The Desk page in AppTest: documents with assignees, due dates and words per status."""

from __future__ import annotations

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from workbench.identity import Actor, Role
from workbench.store import open_store
from workbench.store.assignments import Assignments

TEXT = "The talks were held in Kabul. Trade was discussed.\n\nNo statement was issued."


def _page() -> None:
    from workbench.ui import desk_page, state

    state.init()
    desk_page.render()


@pytest.fixture
def desk_store(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'desk.db'}"
    monkeypatch.setenv("WORKBENCH_DB", url)
    store = open_store(url)
    yield store
    store.close()


def test_the_desk_lists_assignees_due_dates_and_words_per_status(desk_store):
    document = desk_store.add_document("talks.txt", TEXT)
    first, *_ = desk_store.segments(document.id)
    desk_store.confirm(first.id, "ur", "amina", None, text="بات چیت")
    manager = Actor("zara", frozenset({Role.MANAGER}))
    Assignments(desk_store).assign(
        document.id, "ur", manager, translator="amina", reviewer="omar", due=date(2026, 12, 4)
    )
    at = AppTest.from_function(_page, default_timeout=60).run()
    assert not at.exception
    (row,) = at.dataframe[0].value.to_dict("records")
    assert (row["document"], row["target"], row["translator"], row["reviewer"]) == (
        "talks.txt",
        "Urdu",
        "amina",
        "omar",
    )
    assert (row["words"], row["confirmed"], row["untranslated"]) == (
        document.word_count,
        first.word_count,
        document.word_count - first.word_count,
    )


def test_the_single_user_desk_assigns_through_the_form(desk_store):
    document = desk_store.add_document("talks.txt", TEXT)
    at = AppTest.from_function(_page, default_timeout=60).run()
    at.text_input(key="desk_assign_translator").input("amina")
    at.text_input(key="desk_assign_reviewer").input("omar")
    at.button[0].click().run()
    assert [s.value for s in at.success] == ["Assigned."]
    (assignment,) = Assignments(desk_store).for_document(document.id)
    assert (assignment.translator, assignment.reviewer) == ("amina", "omar")
