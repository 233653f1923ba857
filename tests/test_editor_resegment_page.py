"""Split and merge through the editor page (AppTest): the page hands the grid's events the
memory and the engine picked in the sidebar, and sends back every row, renumbered, with the
new rows filled and the first of them open."""

from __future__ import annotations

from tests.fixtures.editor_app import open_app
from tests.fixtures.editor_grid import grid_rows, row_of, send
from workbench import config
from workbench.store import open_store


def test_a_split_from_the_grid_comes_back_renumbered_with_the_engines_mt(argos_en_ur_copy):
    store = open_store()
    at = open_app("Amina Khan")
    second = row_of(at, 2)
    at_char = second["src"].index(" as frustration") + 1
    data = send(at, {"op": "split", "id": "x", "seg": second["id"], "at": at_char, "base": None})
    [answer] = data["answers"]
    assert answer["message"] == "Sentence 2 is now 2 and 3 (machine-translated)."
    document = store.document(config.SAMPLE_DOCUMENT.name)
    live = store.segments(document.id)
    assert [row["n"] for row in data["rows"]] == list(range(1, len(live) + 1))
    assert [row["src"] for row in data["rows"][1:3]] == [
        "RELATIONS between Pakistan and Afghanistan have hit another low",
        "as frustration mounts in Islamabad with the Taliban’s lack of response to its "
        "security concerns.",
    ]
    assert [row["tgt"] for row in grid_rows(at)[1:3]] == [s.text for s in live[1:3]]  # copy MT
    assert data["tools"]["id"] == live[1].id  # the first new row is open, its tools sent


def test_a_refused_merge_is_one_line_and_the_rows_stay(argos_en_ur_copy):
    at = open_app("Amina Khan")
    first = row_of(at, 1)  # the headline: its own paragraph
    rows_before = [row["src"] for row in grid_rows(at)]
    data = send(at, {"op": "merge", "id": "m", "seg": first["id"], "bases": {}})
    assert data["answers"][0]["message"] == (
        "Not merged: sentences 1 and 2 are in different paragraphs; "
        "only sentences of one paragraph merge."
    )
    assert [row["src"] for row in grid_rows(at)] == rows_before
