"""Repetitions in the grid: which rows share a source, what the active row's tools say
about them, and the translator's choice to skip filled repetitions (editing.repetitions)."""

from __future__ import annotations

from workbench.editing.repetitions import repetition_tools
from workbench.editing.session import OpenGrid

REPEATED = (
    "No statement was issued.\n\nTrade fell.\n\nNo statement was issued.\n\n"
    "Trade fell.\n\nNo statement was issued."
)


def open_grid(store) -> OpenGrid:
    document = store.add_document("repeated.txt", REPEATED)
    session = OpenGrid(store, document.id, "ur")
    session.reload()
    return session


def test_each_repeated_row_names_its_first_occurrence(store):
    session = open_grid(store)
    first, trade = session.rows[0]["id"], session.rows[1]["id"]
    assert [row["group"] for row in session.rows] == [first, trade, first, trade, first]


def test_a_sentence_that_occurs_once_has_no_group(store, document):
    session = OpenGrid(store, document.id, "ur")
    session.reload()
    assert [row["group"] for row in session.rows] == [None, None, None]
    assert repetition_tools(session.rows, session.rows[0]["id"]) is None


def test_the_tools_give_the_count_the_place_and_the_first_occurrence(store):
    session = open_grid(store)
    rows = session.rows
    assert repetition_tools(rows, rows[2]["id"]) == {
        "count": 3,
        "place": 2,
        "first": 1,
        "first_id": rows[0]["id"],
        "others": [[1, rows[0]["id"]], [5, rows[4]["id"]]],
    }
    assert repetition_tools(rows, rows[1]["id"])["place"] == 1  # the first occurrence


def test_skipping_is_on_until_the_grid_turns_it_off(store):
    session = open_grid(store)
    assert session.skip_repetitions
    session.handle({"batch": "b1", "ops": [{"op": "skip", "on": False}]}, "amina")
    assert not session.skip_repetitions
    session.handle({"batch": "b2", "ops": [{"op": "skip", "on": True}]}, "amina")
    assert session.skip_repetitions


def test_a_confirm_says_which_rows_it_filled(store):
    session = open_grid(store)
    first = session.rows[0]
    op = {"op": "save", "id": "s1", "seg": first["id"], "action": "confirm",
          "text": "کوئی بیان جاری نہیں ہوا۔", "base": first["rev"]}  # fmt: skip
    session.handle({"batch": "b1", "ops": [op]}, "amina")
    mine, *filled = session.answers
    assert "filled" not in mine and mine["notice"]["undo"]
    assert [(a["seg"], a["filled"], a["row"]["origin"]) for a in filled] == [
        (session.rows[2]["id"], True, "Rep"),
        (session.rows[4]["id"], True, "Rep"),
    ]
