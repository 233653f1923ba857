"""Team mode: split and merge follow the review rules (the editor grid's refusals come from
here). Translators and reviewers may repair a segmentation under their own name; a segment
approved in any target is locked for everyone but a reviewer; a refusal changes nothing."""

from __future__ import annotations

import pytest

from workbench.identity import Actor, NotPermitted, Role

AMINA = Actor("amina", frozenset({Role.TRANSLATOR}))
OMAR = Actor("omar", frozenset({Role.REVIEWER}))
ZARA = Actor("zara", frozenset({Role.MANAGER}))


@pytest.fixture
def approved_second(store, document):
    """Sentence 2 ("The TTP was discussed.") confirmed by amina and approved by omar."""
    second = store.segments(document.id)[1]
    confirmed = store.confirm(second.id, "ur", "amina", None, text="ٹی ٹی پی", actor=AMINA)
    store.approve(second.id, "ur", OMAR, confirmed.id)
    return second


def live_texts(store, document) -> list[str]:
    return [s.text for s in store.segments(document.id)]


def test_a_translator_splits_under_their_own_name(store, document):
    first = store.segments(document.id)[0]
    edit = store.acting_as(AMINA).split_segment(first.id, len("Pakistan and"), "amina")
    assert [s.text for s in edit.segments] == ["Pakistan and", "Afghanistan held talks in Kabul."]


def test_a_split_under_another_name_is_refused(store, document):
    first = store.segments(document.id)[0]
    with pytest.raises(NotPermitted, match="amina may not save a revision as 'bilal'"):
        store.acting_as(AMINA).split_segment(first.id, 5, "bilal")
    assert len(store.segments(document.id)) == 4


def test_a_manager_without_the_translator_role_may_not_split(store, document):
    first = store.segments(document.id)[0]
    with pytest.raises(NotPermitted, match="zara \\(manager\\) may not split segments"):
        store.acting_as(ZARA).split_segment(first.id, 5, "zara")


def test_an_approved_segment_is_locked_against_a_translators_split(
    store, document, approved_second
):
    before = live_texts(store, document)
    with pytest.raises(NotPermitted, match="segment 2 is approved in ur and locked"):
        store.acting_as(AMINA).split_segment(approved_second.id, len("The TTP"), "amina")
    assert live_texts(store, document) == before


def test_a_merge_into_an_approved_segment_is_refused_for_a_translator(
    store, document, approved_second
):
    before = live_texts(store, document)
    with pytest.raises(NotPermitted, match="segment 2 is approved in ur and locked"):
        store.acting_as(AMINA).merge_segments(approved_second.id, "amina")
    assert live_texts(store, document) == before


def test_a_reviewer_may_split_an_approved_segment(store, document, approved_second):
    edit = store.acting_as(OMAR).split_segment(approved_second.id, len("The TTP"), "omar")
    assert [s.text for s in edit.segments] == ["The TTP", "was discussed."]


def test_a_team_store_refuses_a_split_that_names_nobody(store, document):
    first = store.segments(document.id)[0]
    with pytest.raises(NotPermitted, match="team mode"):
        store.requiring_actor().split_segment(first.id, 5, "amina")
