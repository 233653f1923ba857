"""What each event from the grid does to the store and to the rows the grid was sent."""

from __future__ import annotations

from workbench.editing.session import OpenGrid, next_unconfirmed
from workbench.vocabulary import Origin, RevisionStatus


def open_session(store, document) -> OpenGrid:
    session = OpenGrid(store, document.id, "ur")
    session.reload()
    return session


def save_op(segment_id, text, base, action="draft", op_id="op"):
    return {
        "op": "save",
        "id": op_id,
        "seg": segment_id,
        "action": action,
        "text": text,
        "base": base,
    }


def test_the_grid_is_sent_every_row_with_paragraph_starts(store, document, segment_ids):
    session = open_session(store, document)
    assert [row["n"] for row in session.rows] == [1, 2, 3]
    assert [row["para"] for row in session.rows] == [False, False, True]
    assert session.rows[0]["state"] == "untranslated" and session.rows[0]["rev"] is None


def test_a_save_event_is_answered_with_the_rows_new_base_and_state(store, document, segment_ids):
    session = open_session(store, document)
    session.handle({"batch": "b1", "ops": [save_op(segment_ids[0], "متن", None)]}, "amina")
    [answer] = session.answers
    head = store.current_revision(segment_ids[0], "ur")
    assert answer["outcome"] == "saved"
    assert (answer["row"]["rev"], answer["row"]["state"]) == (head.id, "edited")
    assert session.row(segment_ids[0])["tgt"] == "متن"


def test_a_batch_sent_twice_is_handled_once(store, document, segment_ids):
    session = open_session(store, document)
    batch = {"batch": "b1", "ops": [save_op(segment_ids[0], "متن", None)]}
    assert session.handle(batch, "amina")
    assert not session.handle(batch, "amina")
    assert len(store.history(segment_ids[0], "ur")) == 1
    assert session.answers[0]["outcome"] == "saved"  # kept to be sent again


def test_two_saves_of_one_sentence_in_a_batch_build_on_each_other(store, document, segment_ids):
    session = open_session(store, document)
    ops = [
        save_op(segment_ids[0], "پہلا", None, op_id="1"),
        save_op(segment_ids[0], "دوسرا", None, "confirm", op_id="2"),
    ]
    session.handle({"batch": "b1", "ops": ops}, "amina")
    assert [a["outcome"] for a in session.answers] == ["saved", "saved"]
    head = store.current_revision(segment_ids[0], "ur")
    assert (head.text, head.status) == ("دوسرا", RevisionStatus.CONFIRMED)


def test_a_conflict_is_answered_with_both_texts(store, document, segment_ids):
    session = open_session(store, document)
    theirs = store.confirm(segment_ids[1], "ur", "bilal", None, text="ان کا")
    session.handle({"batch": "b1", "ops": [save_op(segment_ids[1], "میرا", None)]}, "amina")
    [answer] = session.answers
    assert answer["outcome"] == "conflict"
    assert (answer["mine"], answer["theirs"]["tgt"], answer["theirs"]["rev"]) == (
        "میرا",
        "ان کا",
        theirs.id,
    )
    assert store.current_revision(segment_ids[1], "ur").id == theirs.id


def test_opening_a_sentence_makes_it_active_without_saving(store, document, segment_ids):
    session = open_session(store, document)
    session.handle({"batch": "b1", "ops": [{"op": "open", "seg": segment_ids[2], "text": ""}]}, "a")
    assert session.active == segment_ids[2]
    assert store.history(segment_ids[2], "ur") == []


def test_the_grid_can_ask_for_every_row_again(store, document):
    session = open_session(store, document)
    session.handle({"batch": "b1", "ops": [{"op": "rows"}]}, "amina")
    assert session.rows_wanted


def test_a_name_the_browser_remembered_is_offered_to_the_page(store, document):
    session = open_session(store, document)
    session.handle({"batch": "b1", "ops": [{"op": "author", "name": " amina "}]}, "")
    assert session.author_restored == "amina"


def test_replace_previews_then_saves_each_ticked_replacement_as_a_revision(
    store, document, segment_ids
):
    for segment_id, text in zip(
        segment_ids, ["ٹی ٹی پی پر بات", "تجارت", "ٹی ٹی پی نہیں"], strict=True
    ):
        store.save_revision(segment_id, "ur", text, "mt", None, origin=Origin.MT)
    session = open_session(store, document)
    preview = {"op": "preview", "find": "ٹی ٹی پی", "replace": "تحریک طالبان پاکستان"}
    session.handle({"batch": "b1", "ops": [preview]}, "amina")
    assert [item["n"] for item in session.preview["items"]] == [1, 3]
    replace = {**preview, "op": "replace", "segs": [segment_ids[2]]}
    session.handle({"batch": "b2", "ops": [replace]}, "amina")
    assert [a["outcome"] for a in session.answers] == ["saved"]
    assert store.current_revision(segment_ids[2], "ur").text == "تحریک طالبان پاکستان نہیں"
    assert store.current_revision(segment_ids[0], "ur").text == "ٹی ٹی پی پر بات"  # not ticked
    assert session.preview is None


def test_next_unconfirmed_goes_on_past_confirmed_rows_and_wraps_round():
    states = ["confirmed", "edited", "confirmed", "confirmed"]
    assert next_unconfirmed(states, 2) == 1
    assert next_unconfirmed(["edited", "confirmed", "pretranslated"], 0) == 2
    assert next_unconfirmed(["confirmed", "confirmed"], 0) is None


def test_saves_after_a_remembered_name_in_the_same_batch_carry_it(store, document, segment_ids):
    session = open_session(store, document)
    ops = [{"op": "author", "name": "amina"}, save_op(segment_ids[0], "متن", None)]
    session.handle({"batch": "b1", "ops": ops}, "")
    assert store.current_revision(segment_ids[0], "ur").author == "amina"
