"""Revisions: append-only history, optimistic concurrency, confirmation."""

from __future__ import annotations

import threading

import pytest

from workbench.errors import InputError
from workbench.store import Origin, RevisionConflict, RevisionStatus, open_store


def first_segment_id(store, document) -> int:
    return store.segments(document.id)[0].id


def test_saving_three_times_leaves_three_revisions_and_the_newest_is_current(store, document):
    seg = first_segment_id(store, document)
    base_id = None
    for text in ("one", "two", "three"):
        base_id = store.save_revision(seg, "ur", text, "amina", base_id).id
    history = store.history(seg, "ur")
    assert [r.text for r in history] == ["one", "two", "three"]
    assert [r.number for r in history] == [1, 2, 3]
    assert store.current_revision(seg, "ur").text == "three"


def test_saving_never_changes_an_earlier_revision(store, document):
    seg = first_segment_id(store, document)
    first = store.save_revision(seg, "ur", "first", "amina", None)
    second = store.save_revision(seg, "ur", "second", "bilal", first.id)
    store.confirm(seg, "ur", "bilal", second.id)
    assert store.history(seg, "ur")[0] == first
    assert store.history(seg, "ur")[1] == second


def test_a_save_from_a_stale_base_is_refused_with_both_texts(store, document):
    seg = first_segment_id(store, document)
    start = store.save_revision(seg, "ur", "start", "amina", None)
    theirs = store.save_revision(seg, "ur", "their edit", "bilal", start.id)
    with pytest.raises(RevisionConflict) as caught:
        store.save_revision(seg, "ur", "my edit", "amina", start.id)
    assert caught.value.yours == "my edit"
    assert caught.value.theirs == theirs
    assert "bilal" in str(caught.value)
    assert [r.text for r in store.history(seg, "ur")] == ["start", "their edit"]


def test_a_first_save_conflicts_when_someone_saved_before_it(store, document):
    seg = first_segment_id(store, document)
    store.save_revision(seg, "ur", "theirs", "bilal", None)
    with pytest.raises(RevisionConflict):
        store.save_revision(seg, "ur", "mine", "amina", None)


def test_after_a_conflict_saving_on_top_of_theirs_keeps_both_in_history(store, document):
    seg = first_segment_id(store, document)
    start = store.save_revision(seg, "ur", "start", "amina", None)
    store.save_revision(seg, "ur", "theirs", "bilal", start.id)
    with pytest.raises(RevisionConflict) as caught:
        store.save_revision(seg, "ur", "mine", "amina", start.id)
    store.save_revision(seg, "ur", caught.value.yours, "amina", caught.value.theirs.id)
    assert [r.text for r in store.history(seg, "ur")] == ["start", "theirs", "mine"]


def test_two_editors_saving_at_the_same_moment_one_wins_and_one_gets_a_conflict(db_url, document):
    seg = open_store(db_url).segments(document.id)[0].id
    base = open_store(db_url).save_revision(seg, "ur", "start", "amina", None).id
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def edit(author: str) -> None:
        store = open_store(db_url)  # a separate engine, like a second app server
        barrier.wait()
        try:
            store.save_revision(seg, "ur", f"{author}'s text", author, base)
            outcomes[author] = "saved"
        except RevisionConflict:
            outcomes[author] = "conflict"

    threads = [threading.Thread(target=edit, args=(a,)) for a in ("amina", "bilal")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes.values()) == ["conflict", "saved"]
    assert len(open_store(db_url).history(seg, "ur")) == 2


def test_saving_the_current_text_again_adds_no_revision(store, document):
    seg = first_segment_id(store, document)
    first = store.save_revision(seg, "ur", "same", "amina", None)
    again = store.save_revision(seg, "ur", "same", "amina", first.id)
    assert again == first
    assert len(store.history(seg, "ur")) == 1


def test_confirming_unchanged_mt_keeps_its_origin_and_marks_it_final(store, translated):
    seg = first_segment_id(store, translated)
    mt = store.current_revision(seg, "ur")
    confirmed = store.confirm(seg, "ur", "amina", mt.id)
    assert (confirmed.text, confirmed.origin, confirmed.status) == (
        "MT0",
        Origin.MT,
        RevisionStatus.CONFIRMED,
    )
    assert confirmed.author == "amina"
    assert confirmed.machine_translation_id == mt.machine_translation_id


def test_confirming_with_new_text_is_a_human_revision(store, translated):
    seg = first_segment_id(store, translated)
    mt = store.current_revision(seg, "ur")
    confirmed = store.confirm(seg, "ur", "amina", mt.id, text="درست")
    assert (confirmed.text, confirmed.origin, confirmed.status) == (
        "درست",
        Origin.HUMAN,
        RevisionStatus.CONFIRMED,
    )


def test_saving_a_confirmed_segment_again_makes_it_a_draft(store, document):
    seg = first_segment_id(store, document)
    confirmed = store.confirm(seg, "ur", "amina", None, text="final")
    reopened = store.save_revision(seg, "ur", "final, changed", "amina", confirmed.id)
    assert reopened.status == RevisionStatus.DRAFT


def test_revisions_are_kept_per_target_language(store, document):
    seg = first_segment_id(store, document)
    store.save_revision(seg, "ur", "اردو", "amina", None)
    store.save_revision(seg, "fa-AF", "دری", "amina", None)
    assert store.current_revision(seg, "ur").text == "اردو"
    assert store.current_revision(seg, "fa-AF").text == "دری"
    assert store.current_revision(seg, "ps") is None


def test_document_history_replays_every_save_in_order(store, document):
    first, second = (s.id for s in store.segments(document.id)[:2])
    a = store.save_revision(first, "ur", "a1", "amina", None)
    store.save_revision(second, "ur", "b1", "bilal", None)
    store.save_revision(first, "ur", "a2", "amina", a.id)
    replayed = [(r.segment_id, r.text) for r in store.document_history(document.id, "ur")]
    assert replayed == [(first, "a1"), (second, "b1"), (first, "a2")]


def test_append_revisions_puts_imports_on_top_and_skips_unchanged_texts(store, document):
    first, second = (s.id for s in store.segments(document.id)[:2])
    store.save_revision(first, "ur", "kept", "amina", None)
    added = store.append_revisions(
        "ur", {first: "kept", second: "from memory"}, "tm-import", origin="tm"
    )
    assert added == 1
    head = store.current_revision(second, "ur")
    assert (head.text, head.origin, head.author) == ("from memory", Origin.TM, "tm-import")


@pytest.mark.parametrize(
    ("target", "text"),
    [
        ("ur", "پاکستان اور افغانستان کے تعلقات ایک نئی نچلی سطح پر۔"),
        ("ps", "د پاکستان او افغانستان اړیکې نوې ټیټې کچې ته ورسیدې."),
        ("fa-AF", "می\u200cخواهد روابط پاکستان و افغانستان بهتر شود."),
    ],
)
def test_arabic_script_text_round_trips_byte_for_byte_through_a_reopened_database(
    db_url, document, target, text
):
    store = open_store(db_url)
    seg = store.segments(document.id)[0].id
    store.save_revision(seg, target, text, "amina", None)
    store.close()
    stored = open_store(db_url).current_revision(seg, target).text
    assert stored.encode("utf-8") == text.encode("utf-8")


def everything_about(store, document_id: int, segment_id: int) -> tuple:
    return (
        store.documents(),
        store.segments(document_id),
        store.document_history(document_id, "ur"),
        store.machine_translations(segment_id, "ur"),
        store.document_text(document_id),
    )


def test_a_reopened_database_returns_exactly_what_was_saved(db_url, translated):
    store = open_store(db_url)
    seg = store.segments(translated.id)[1].id
    head = store.current_revision(seg, "ur")
    store.save_revision(seg, "ur", "edited", "amina", head.id)
    before = everything_about(store, translated.id, seg)
    store.close()
    assert everything_about(open_store(db_url), translated.id, seg) == before


def test_an_author_name_too_long_for_the_column_is_refused_on_every_database(store, document):
    seg = store.segments(document.id)[0].id
    with pytest.raises(InputError, match="author name is 256 characters long; at most 255"):
        store.save_revision(seg, "ur", "متن", "a" * 256, None)
    assert store.history(seg, "ur") == []
    assert store.save_revision(seg, "ur", "متن", "a" * 255, None).author == "a" * 255
