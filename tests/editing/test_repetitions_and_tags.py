"""The grid and the rest of main's editor features: repetitions filled on confirm (with an
undo), and a Word or HTML source's formatting placeholders shown and saved as compact tags."""

from __future__ import annotations

from workbench.editing import qa_checks
from workbench.editing.session import OpenGrid
from workbench.engines.base import Hypothesis
from workbench.exchange.inline import TAG_MISSING, close_char, open_char
from workbench.vocabulary import Origin, RevisionStatus

REPEATED = "No statement was issued.\n\nTrade fell.\n\nNo statement was issued."
BOLD = f"Traders {open_char(0)}said{close_char(0)} so."


def open_grid(store, name: str, text: str, propagate: bool = True) -> OpenGrid:
    document = store.add_document(name, text)
    session = OpenGrid(store, document.id, "ur", qa_checks(None), propagate=propagate)
    session.reload()
    return session


def confirm(session: OpenGrid, number: int, text: str, batch: str = "b1") -> list[dict]:
    row = session.rows[number - 1]
    op = {"op": "save", "id": f"s{number}", "seg": row["id"], "action": "confirm",
          "text": text, "base": row["rev"]}  # fmt: skip
    session.handle({"batch": batch, "ops": [op]}, "amina")
    return session.answers


def test_each_occurrence_of_a_repeated_source_is_marked_with_its_place(store):
    session = open_grid(store, "repeated.txt", REPEATED)
    assert [row["rep"] for row in session.rows] == ["1/2", "", "2/2"]


def test_confirming_a_repetition_fills_the_others_and_says_so_with_an_undo(store):
    session = open_grid(store, "repeated.txt", REPEATED)
    mine, filled = confirm(session, 1, "کوئی بیان جاری نہیں ہوا۔")
    third = session.rows[2]
    head = store.current_revision(third["id"], "ur")
    assert (head.origin, head.status, head.author) == (
        Origin.PROPAGATED,
        RevisionStatus.CONFIRMED,
        "amina",
    )
    assert mine["notice"]["text"] == "Filled 1 repetitions."
    assert mine["notice"]["undo"]
    assert (filled["seg"], filled["outcome"], filled["row"]["state"]) == (
        third["id"],
        "updated",
        "confirmed",
    )
    assert third["tgt"] == "کوئی بیان جاری نہیں ہوا۔"  # the grid's rows follow


def test_undoing_a_propagation_gives_each_repetition_its_earlier_text_back(store):
    session = open_grid(store, "repeated.txt", REPEATED)
    machine = [[Hypothesis(text, -0.1)] for text in ("ایم ٹی ایک", "ایم ٹی دو", "ایم ٹی تین")]
    store.add_machine_translations(session.document_id, "ur", "argos", "test", machine)
    session.reload()
    [mine, _] = confirm(session, 1, "کوئی بیان جاری نہیں ہوا۔")
    undo = {"op": "undo", "token": mine["notice"]["undo"]}
    session.handle({"batch": "b2", "ops": [undo]}, "amina")
    restored, notice = session.answers
    third = session.rows[2]
    head = store.current_revision(third["id"], "ur")
    assert (head.text, head.origin) == ("ایم ٹی تین", Origin.MT)
    assert (restored["seg"], third["tgt"], third["state"]) == (
        third["id"],
        "ایم ٹی تین",
        "pretranslated",
    )
    assert notice["notice"]["text"] == "Undone: 1 repetitions have their earlier text back."
    assert store.current_revision(session.rows[0]["id"], "ur").status == RevisionStatus.CONFIRMED


def test_with_propagation_off_a_confirm_fills_nothing(store):
    session = open_grid(store, "repeated.txt", REPEATED, propagate=False)
    [mine] = confirm(session, 1, "کوئی بیان جاری نہیں ہوا۔")
    assert "notice" not in mine
    assert store.current_revision(session.rows[2]["id"], "ur") is None


def test_placeholders_travel_as_compact_tags_and_are_saved_back(store):
    session = open_grid(store, "bold.txt", BOLD)
    assert session.rows[0]["src"] == "Traders ⟨1⟩said⟨/1⟩ so."
    [answer] = confirm(session, 1, "تاجروں نے ⟨1⟩کہا⟨/1⟩۔")
    saved = store.current_revision(session.rows[0]["id"], "ur").text
    assert saved == f"تاجروں نے {open_char(0)}کہا{close_char(0)}۔"
    assert answer["row"]["tgt"] == "تاجروں نے ⟨1⟩کہا⟨/1⟩۔" and answer["row"]["qa"] == []


def test_a_target_that_lost_a_tag_is_saved_and_marked(store):
    session = open_grid(store, "bold.txt", BOLD)
    [answer] = confirm(session, 1, "تاجروں نے کہا۔")
    assert answer["outcome"] == "saved"
    assert TAG_MISSING in [code for code, _ in answer["row"]["qa"]]


def test_a_replacement_in_a_tagged_target_keeps_its_placeholders(store):
    session = open_grid(store, "bold.txt", BOLD)
    confirm(session, 1, "تاجروں نے ⟨1⟩کہا⟨/1⟩۔")
    replace = {"op": "replace", "find": "کہا", "replace": "بتایا", "segs": [session.rows[0]["id"]]}
    session.handle({"batch": "b2", "ops": [replace]}, "amina")
    saved = store.current_revision(session.rows[0]["id"], "ur").text
    assert saved == f"تاجروں نے {open_char(0)}بتایا{close_char(0)}۔"
