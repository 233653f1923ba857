"""Split and merge events from the grid (`workbench.editing.resegment`): what each does to the
store and to the rows the grid is sent back, and the refusals that change nothing.

The document (tests/editing/conftest.py): 1 "The TTP was discussed." 2 "Trade was on the
agenda." | 3 "No joint statement was issued." (a paragraph of its own).
"""

from __future__ import annotations

import io

import pytest

from tests.fixtures.failing_engine import FailingAfter
from workbench.editing.payload import segment_tools
from workbench.editing.resegment import Lookups, stored_offset
from workbench.editing.session import OpenGrid
from workbench.engines import argos
from workbench.engines.argos import ArgosEngine
from workbench.exchange.inline import close_char, open_char
from workbench.exchange.tmx import read_tmx
from workbench.identity import Actor, Role
from workbench.memory.source import MemorySource
from workbench.store import RevisionStatus
from workbench.workflows.document_files import translated_file
from workbench.workflows.export import export_bytes

AMINA = Actor("amina", frozenset({Role.TRANSLATOR}))
OMAR = Actor("omar", frozenset({Role.REVIEWER}))


def open_grid(store, document, lookups: Lookups | None = None) -> OpenGrid:
    grid = OpenGrid(store, document.id, "ur", lookups=lookups)
    grid.reload()
    return grid


def split_op(grid: OpenGrid, number: int, before: str, **extra) -> dict:
    """A split of sentence `number` with the mark placed just before the text `before`."""
    row = grid.rows[number - 1]
    return {
        "op": "split",
        "id": "x",
        "seg": row["id"],
        "at": row["src"].index(before),
        "base": row["rev"],
        **extra,
    }


def merge_op(grid: OpenGrid, number: int) -> dict:
    row, following = grid.rows[number - 1], grid.rows[number]
    bases = {str(row["id"]): row["rev"], str(following["id"]): following["rev"]}
    return {"op": "merge", "id": "m", "seg": row["id"], "bases": bases}


def send(grid: OpenGrid, *ops: dict, author: str = "amina") -> list[dict]:
    grid.handle({"batch": f"b{id(ops)}-{len(grid.answers)}", "ops": list(ops)}, author)
    return grid.answers


def sources(grid: OpenGrid) -> list[tuple[int, str]]:
    return [(row["n"], row["src"]) for row in grid.rows]


@pytest.fixture
def copy_engine(argos_en_ur_copy):
    """The tiny en→ur copy model (its MT is the source), loaded afresh."""
    argos.clear_model_cache()
    yield ArgosEngine()
    argos.clear_model_cache()


# ---- split ---------------------------------------------------------------------------------


def test_a_split_puts_two_rows_in_place_of_one_and_renumbers_the_rest(store, document):
    grid = open_grid(store, document)
    [answer] = send(grid, split_op(grid, 1, "was discussed"))
    assert answer["outcome"] == "done"
    assert answer["message"] == "Sentence 1 is now 1 and 2."
    assert sources(grid) == [
        (1, "The TTP"),
        (2, "was discussed."),
        (3, "Trade was on the agenda."),
        (4, "No joint statement was issued."),
    ]
    assert answer["segs"] == [grid.rows[0]["id"], grid.rows[1]["id"]]
    assert grid.rows_wanted and grid.active == answer["focus"] == grid.rows[0]["id"]
    assert [row["para"] for row in grid.rows] == [False, False, False, True]


def test_the_new_rows_come_back_machine_translated_and_no_other_row_is(
    store, document, copy_engine
):
    grid = open_grid(store, document, Lookups(engine=lambda: copy_engine))
    [answer] = send(grid, split_op(grid, 2, "on the agenda"))
    assert answer["message"] == "Sentence 2 is now 2 and 3 (machine-translated)."
    assert [(row["tgt"], row["state"]) for row in grid.rows] == [
        ("", "untranslated"),
        ("Trade was", "pretranslated"),
        ("on the agenda.", "pretranslated"),
        ("", "untranslated"),
    ]


def test_a_new_row_with_an_exact_match_is_filled_from_the_memory(store, document):
    earlier = store.add_document("earlier.txt", "The TTP")
    store.confirm(store.segments(earlier.id)[0].id, "ur", "bilal", None, text="ٹی ٹی پی")
    grid = open_grid(store, document, Lookups(memory=MemorySource(store).refresh))
    [answer] = send(grid, split_op(grid, 1, "was discussed"))
    assert answer["message"] == (
        "Sentence 1 is now 1 and 2 (1 filled from the translation memory)."
    )
    assert [(row["tgt"], row["origin"]) for row in grid.rows[:3]] == [
        ("ٹی ٹی پی", "TM"),
        ("", ""),
        ("", ""),
    ]


@pytest.mark.parametrize(
    ("at", "where"), [(0, "start"), (len("The TTP was discussed."), "end"), (99, "end")]
)
def test_a_split_mark_at_the_very_start_or_end_is_refused_and_changes_nothing(
    store, document, at, where
):
    grid = open_grid(store, document)
    row = grid.rows[0]
    [answer] = send(grid, {"op": "split", "id": "x", "seg": row["id"], "at": at, "base": None})
    assert answer["outcome"] == "refused"
    assert answer["message"] == (
        f"Not split: the mark is at the very {where} of sentence 1; put it between two words."
    )
    assert len(store.segments(document.id)) == 3


def test_a_split_without_a_mark_is_refused(store, document):
    grid = open_grid(store, document)
    row = grid.rows[0]
    [answer] = send(grid, {"op": "split", "id": "x", "seg": row["id"], "base": None})
    assert answer["message"] == "Not split: put the split mark in the source first."
    assert len(store.segments(document.id)) == 3


def test_typing_saved_in_the_same_batch_goes_to_the_first_part_to_review(store, document):
    grid = open_grid(store, document)
    row = grid.rows[0]
    save = {"op": "save", "id": "s", "seg": row["id"], "action": "draft", "text": "میرا ترجمہ",
            "base": row["rev"]}  # fmt: skip
    answers = send(grid, save, split_op(grid, 1, "was discussed"))
    assert [a["outcome"] for a in answers] == ["saved", "done"]
    assert "your translation is kept as a draft to review" in answers[1]["message"]
    first, second = store.segments(document.id)[:2]
    assert store.current_revision(first.id, "ur").text == "میرا ترجمہ"
    assert store.segment_edit(first.id).needs_review
    assert store.current_revision(second.id, "ur") is None


def test_a_split_can_cut_the_translation_at_the_target_caret(store, document):
    first = store.segments(document.id)[0]
    store.save_revision(first.id, "ur", "ٹی ٹی پی پر بات ہوئی۔", "amina", None)
    grid = open_grid(store, document)
    [answer] = send(grid, split_op(grid, 1, "was discussed", target_at=len("ٹی ٹی پی")))
    assert answer["outcome"] == "done"
    assert [row["tgt"] for row in grid.rows[:2]] == ["ٹی ٹی پی", "پر بات ہوئی۔"]


def test_saves_of_other_rows_in_the_batch_are_kept(store, document):
    grid = open_grid(store, document)
    third = grid.rows[2]
    text = "کوئی بیان نہیں"
    save = {"op": "save", "id": "s", "seg": third["id"], "action": "draft", "text": text,
            "base": None}  # fmt: skip
    answers = send(grid, save, split_op(grid, 1, "was discussed"))
    assert [a["outcome"] for a in answers] == ["saved", "done"]
    assert (grid.rows[3]["n"], grid.rows[3]["tgt"]) == (4, text)


def test_a_split_of_a_sentence_someone_changed_meanwhile_is_refused(store, document):
    grid = open_grid(store, document)
    store.save_revision(grid.rows[0]["id"], "ur", "ان کا", "bilal", None)
    [answer] = send(grid, split_op(grid, 1, "was discussed"))
    assert answer["outcome"] == "refused"
    assert answer["message"].startswith("Not split: bilal at ")
    assert answer["message"].endswith(
        "changed sentence 1 after you opened it; the rows are reloaded."
    )
    assert len(store.segments(document.id)) == 3
    assert grid.rows_wanted and grid.rows[0]["tgt"] == "ان کا"


def test_a_split_of_a_sentence_someone_else_merged_meanwhile_is_one_line(store, document):
    grid = open_grid(store, document)
    op = split_op(grid, 1, "was discussed")
    store.merge_segments(grid.rows[0]["id"], "bilal")
    [answer] = send(grid, op)
    assert answer["message"] == (
        f"Not split: segment {op['seg']} was already split or merged; reload the document."
    )
    assert sources(grid) == [
        (1, "The TTP was discussed. Trade was on the agenda."),
        (2, "No joint statement was issued."),
    ]


def test_an_approved_sentence_is_locked_against_a_translators_split(store, document):
    first = store.segments(document.id)[0]
    confirmed = store.confirm(first.id, "ur", "amina", None, text="ٹی ٹی پی", actor=AMINA)
    store.approve(first.id, "ur", OMAR, confirmed.id)
    grid = open_grid(store.requiring_actor().acting_as(AMINA), document)
    [answer] = send(grid, split_op(grid, 1, "was discussed"))
    assert answer["message"] == (
        "Not split: segment 1 is approved in ur and locked: only a reviewer may split it "
        "(nothing was changed)."
    )
    assert len(store.segments(document.id)) == 3


# ---- merge ---------------------------------------------------------------------------------


def test_a_merge_joins_the_sentence_with_the_next_and_renumbers(store, document, copy_engine):
    grid = open_grid(store, document, Lookups(engine=lambda: copy_engine))
    [answer] = send(grid, merge_op(grid, 1))
    assert answer["message"] == "Sentences 1 and 2 are now sentence 1 (machine-translated)."
    assert sources(grid) == [
        (1, "The TTP was discussed. Trade was on the agenda."),
        (2, "No joint statement was issued."),
    ]
    assert grid.rows[0]["tgt"] == "The TTP was discussed. Trade was on the agenda."
    assert grid.active == answer["focus"] == grid.rows[0]["id"]


def test_merging_the_last_sentence_is_refused(store, document):
    grid = open_grid(store, document)
    row = grid.rows[2]
    [answer] = send(grid, {"op": "merge", "id": "m", "seg": row["id"], "bases": {}})
    assert answer["message"] == (
        "Not merged: sentence 3 is the last one; there is nothing to merge it with."
    )


def test_a_merge_across_a_paragraph_break_is_refused_and_changes_nothing(store, document):
    grid = open_grid(store, document)
    [answer] = send(grid, merge_op(grid, 2))
    assert answer["message"] == (
        "Not merged: sentences 2 and 3 are in different paragraphs; "
        "only sentences of one paragraph merge."
    )
    assert len(store.segments(document.id)) == 3


def test_a_merge_when_the_next_sentence_changed_meanwhile_is_refused(store, document):
    grid = open_grid(store, document)
    op = merge_op(grid, 1)
    store.confirm(grid.rows[1]["id"], "ur", "bilal", None, text="تجارت")
    [answer] = send(grid, op)
    assert answer["outcome"] == "refused" and "bilal" in answer["message"]
    assert len(store.segments(document.id)) == 3


# ---- history and what follows the new segments ------------------------------------------


def test_the_new_sentences_history_shows_the_retired_one_and_its_revisions(store, document):
    first = store.segments(document.id)[0]
    store.confirm(first.id, "ur", "bilal", None, text="ٹی ٹی پی پر بات ہوئی۔")
    grid = open_grid(store, document)
    send(grid, split_op(grid, 1, "was discussed"), author="amina")
    tools = segment_tools(store, grid.active, grid.rows[0]["src"], "ur", grid.rows[0]["tgt"])
    [earlier] = tools["earlier"]
    assert (earlier["became"], earlier["src"]) == ("split", "The TTP was discussed.")
    assert [(r["tgt"], r["by"], r["status"]) for r in earlier["history"]] == [
        ("ٹی ٹی پی پر بات ہوئی۔", "bilal", RevisionStatus.CONFIRMED.value)
    ]


def test_exports_and_the_translated_document_follow_a_split_from_the_grid(store, document):
    grid = open_grid(store, document)
    send(grid, split_op(grid, 2, "on the agenda"))
    texts = ["ٹی ٹی پی پر بات ہوئی۔", "تجارت", "ایجنڈے پر تھی۔", "کوئی بیان نہیں۔"]
    for row, text in zip(grid.rows, texts, strict=True):
        store.confirm(row["id"], "ur", "amina", row["rev"], text=text)
    units = read_tmx(io.BytesIO(export_bytes(store, document, "ur", "tmx")))
    assert [(u.source, u.targets["ur"]) for u in units] == [
        ("The TTP was discussed.", texts[0]),
        ("Trade was", texts[1]),
        ("on the agenda.", texts[2]),
        ("No joint statement was issued.", texts[3]),
    ]
    rebuilt = translated_file(store, store.document(document.id), "ur").data.decode("utf-8")
    assert rebuilt == f"{texts[0]} {texts[1]} {texts[2]}\n\n{texts[3]}"


def test_mt_that_fails_is_reported_with_the_split_which_stays(store, document, copy_engine):
    engine = FailingAfter(copy_engine, 0, RuntimeError("CUDA out of memory"))
    grid = open_grid(store, document, Lookups(engine=lambda: engine))
    [answer] = send(grid, split_op(grid, 1, "was discussed"))
    assert answer["outcome"] == "done"
    assert answer["message"].startswith("Sentence 1 is now 1 and 2 (MT failed: ")
    assert "CUDA out of memory" in answer["message"]
    assert len(store.segments(document.id)) == 4


def test_without_a_model_for_the_language_the_split_says_so(store, document):
    grid = open_grid(store, document, Lookups(engine=lambda: None))
    [answer] = send(grid, split_op(grid, 1, "was discussed"))
    assert answer["message"] == (
        "Sentence 1 is now 1 and 2 (no MT: the engine has no model for this language)."
    )


# ---- formatting tags: the grid's offsets are in the shown text ---------------------------


def test_a_split_point_after_a_formatting_tag_lands_in_the_stored_text(store):
    bold = f"Traders {open_char(0)}said{close_char(0)} prices fell on Monday."
    document = store.add_document("bold.txt", bold)
    grid = open_grid(store, document)
    assert grid.rows[0]["src"] == "Traders ⟨1⟩said⟨/1⟩ prices fell on Monday."
    [answer] = send(grid, split_op(grid, 1, "prices"))
    assert answer["outcome"] == "done"
    first, second = store.segments(document.id)
    assert first.text == f"Traders {open_char(0)}said{close_char(0)}"
    assert second.text == "prices fell on Monday."
    assert [row["src"] for row in grid.rows] == ["Traders ⟨1⟩said⟨/1⟩", "prices fell on Monday."]


def test_a_caret_inside_a_shown_tag_counts_as_before_it():
    shown = "Traders ⟨1⟩said⟨/1⟩ so."
    assert stored_offset(shown, shown.index("1⟩said")) == len("Traders ")
    assert stored_offset(shown, shown.index("so")) == len(
        f"Traders {open_char(0)}said{close_char(0)} "
    )
