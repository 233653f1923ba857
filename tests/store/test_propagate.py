"""Repetitions: confirming a sentence fills its other occurrences (workflows.propagate)."""

from __future__ import annotations

import pytest

from workbench.store import Origin, RevisionStatus
from workbench.workflows.propagate import propagate_confirmed, repetitions, undo_propagation

TEXT = (
    "No joint statement was issued.\n\n"
    "Trade was on the agenda.\n\n"
    "No joint statement was issued.\n\n"
    "No  joint statement was issued.\n\n"
    "no joint statement was issued."
)
DONE = "کوئی مشترکہ بیان جاری نہیں کیا گیا۔"


@pytest.fixture
def repeated(store):
    return store.add_document("repeated.txt", TEXT)


def confirm(store, segment, text=DONE, author="amina"):
    head = store.current_revision(segment.id, "ur")
    return store.confirm(segment.id, "ur", author, head.id if head else None, text=text)


def test_repetitions_map_each_occurrence_to_all_occurrences(store, repeated):
    first, _, third, fourth, _ = store.segments(repeated.id)
    group = (first.id, third.id, fourth.id)  # whitespace is normalized; case is not
    assert repetitions(store, repeated.id) == dict.fromkeys(group, group)


def test_confirming_one_occurrence_fills_the_others_as_propagated(store, repeated):
    first, trade, third, fourth, lower = store.segments(repeated.id)
    confirm(store, first)
    result = propagate_confirmed(store, repeated.id, first.id, "ur", "amina", enabled=True)
    assert {f.segment_id for f in result.filled} == {third.id, fourth.id}
    for segment in (third, fourth):
        head = store.current_revision(segment.id, "ur")
        assert (head.text, head.origin, head.status) == (
            DONE,
            Origin.PROPAGATED,
            RevisionStatus.CONFIRMED,
        )
    assert store.current_revision(trade.id, "ur") is None
    assert store.current_revision(lower.id, "ur") is None


def test_a_repetition_an_editor_worked_on_is_kept_and_reported(store, repeated):
    first, _, third, fourth, _ = store.segments(repeated.id)
    store.save_revision(third.id, "ur", "مترجم کا اپنا متن", "bilal", None)
    confirm(store, first)
    result = propagate_confirmed(store, repeated.id, first.id, "ur", "amina", enabled=True)
    assert result.kept == (third.id,)
    assert store.current_revision(third.id, "ur").text == "مترجم کا اپنا متن"
    assert store.current_revision(fourth.id, "ur").origin == Origin.PROPAGATED


def test_an_undo_restores_the_previous_texts_as_new_revisions(store, repeated):
    first, _, third, fourth, _ = store.segments(repeated.id)
    mt = store.save_revision(third.id, "ur", "MT draft", "argos", None, origin=Origin.MT)
    confirm(store, first)
    result = propagate_confirmed(store, repeated.id, first.id, "ur", "amina", enabled=True)
    undone = undo_propagation(store, result, "amina")
    assert undone.conflicts == ()
    history = store.history(third.id, "ur")
    assert [r.text for r in history][-3:] == ["MT draft", DONE, "MT draft"]
    assert (history[-1].origin, history[-1].id != mt.id) == (Origin.MT, True)
    assert store.current_revision(fourth.id, "ur").text == ""


def test_an_undo_leaves_a_repetition_changed_since_alone(store, repeated):
    first, _, third, _, _ = store.segments(repeated.id)
    confirm(store, first)
    result = propagate_confirmed(store, repeated.id, first.id, "ur", "amina", enabled=True)
    store.save_revision(
        third.id, "ur", "بعد میں بدلا", "bilal", store.current_revision(third.id, "ur").id
    )
    undone = undo_propagation(store, result, "amina")
    assert [c.segment_id for c in undone.conflicts] == [third.id]
    assert store.current_revision(third.id, "ur").text == "بعد میں بدلا"


def test_propagation_can_be_turned_off(store, repeated, monkeypatch):
    first, _, third, _, _ = store.segments(repeated.id)
    confirm(store, first)
    monkeypatch.setenv("WORKBENCH_PROPAGATE", "off")
    assert propagate_confirmed(store, repeated.id, first.id, "ur", "amina").filled == ()
    assert store.current_revision(third.id, "ur") is None
    monkeypatch.delenv("WORKBENCH_PROPAGATE")
    assert len(propagate_confirmed(store, repeated.id, first.id, "ur", "amina").filled) == 2


def test_a_draft_is_not_propagated(store, repeated):
    first, _, third, _, _ = store.segments(repeated.id)
    store.save_revision(first.id, "ur", DONE, "amina", None)
    assert propagate_confirmed(store, repeated.id, first.id, "ur", "amina").filled == ()
    assert store.current_revision(third.id, "ur") is None
