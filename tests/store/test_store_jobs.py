"""Background MT jobs in the store: what a job still needs, batches stored once, cancel."""

from __future__ import annotations

from datetime import timedelta

import pytest

from workbench.engines.base import Hypothesis
from workbench.errors import InputError
from workbench.store.jobs import JobState

STALE = timedelta(seconds=30)


def _results(segments, tag: str = "MT") -> dict[int, list[Hypothesis]]:
    return {s.id: [Hypothesis(f"{tag}{s.index}", -0.1)] for s in segments}


def test_a_new_job_sets_out_to_translate_every_segment_without_mt_from_its_model(store, document):
    job = store.create_job(document.id, "ur", "argos", "m1", "amina")
    assert job.state is JobState.QUEUED
    assert job.total == len(store.segments(document.id))
    assert job.done == 0


def test_the_editors_rows_come_first_then_document_order(store, document):
    shown = [s.id for s in store.segments(document.id)[2:4]]
    job = store.create_job(document.id, "ur", "argos", "m1", "amina", first_segment_ids=shown)
    assert [s.index for s in store.pending_segments(job.id)] == [2, 3, 0, 1]


def test_translate_twice_starts_nothing_new_while_a_job_is_active(store, document):
    first = store.create_job(document.id, "ur", "argos", "m1", "amina")
    again = store.create_job(document.id, "ur", "argos", "m1", "bilal")
    assert again.id == first.id


def test_segments_with_mt_from_the_same_model_are_not_translated_again(store, translated):
    job = store.create_job(translated.id, "ur", "argos", "test-model-1", "amina")
    assert job.total == 0
    assert store.pending_segments(job.id) == []


def test_a_different_model_needs_every_segment(store, translated):
    job = store.create_job(translated.id, "ur", "argos", "test-model-2", "amina")
    assert job.total == len(store.segments(translated.id))


def test_translate_again_takes_only_the_selected_segments(store, translated):
    chosen = [store.segments(translated.id)[1].id]
    job = store.create_job(
        translated.id, "ur", "argos", "test-model-1", "amina", segment_ids=chosen, again=True
    )
    assert [s.index for s in store.pending_segments(job.id)] == [1]


def test_a_stored_batch_is_mt_and_the_target_of_untouched_segments(store, document):
    job = store.create_job(document.id, "ur", "argos", "m1", "amina")
    store.claim_job(job.id, "w1", STALE)
    batch = store.pending_segments(job.id, limit=2)
    assert store.store_job_batch(job.id, "w1", _results(batch)) == 2
    assert [s.index for s in store.pending_segments(job.id)] == [2, 3]
    assert store.job(job.id).done == 2
    head = store.current_revision(batch[0].id, "ur")
    assert (head.text, head.origin) == ("MT0", "mt")


def test_a_batch_stored_twice_gives_no_segment_a_second_result(store, document):
    job = store.create_job(document.id, "ur", "argos", "m1", "amina")
    batch = store.pending_segments(job.id, limit=2)
    store.store_job_batch(job.id, "w1", _results(batch))
    assert store.store_job_batch(job.id, "w2", _results(batch, "again")) == 0
    assert all(len(store.machine_translations(s.id, "ur")) == 1 for s in batch)
    assert store.job(job.id).done == 2


def test_mt_never_displaces_an_editors_text(store, document):
    segment = store.segments(document.id)[0]
    store.save_revision(segment.id, "ur", "ترجمہ", "amina", None)
    job = store.create_job(document.id, "ur", "argos", "m1", "amina")
    store.store_job_batch(job.id, "w1", _results([segment]))
    assert store.current_revision(segment.id, "ur").text == "ترجمہ"
    assert store.machine_translations(segment.id, "ur")[0].best == "MT0"


def test_a_live_job_is_not_taken_by_a_second_runner(store, document):
    job = store.create_job(document.id, "ur", "argos", "m1", "amina")
    assert store.claim_job(job.id, "w1", STALE) is not None
    assert store.claim_job(job.id, "w2", STALE) is None


def test_a_job_whose_runner_went_silent_is_taken_over(store, document):
    job = store.create_job(document.id, "ur", "argos", "m1", "amina")
    store.claim_job(job.id, "w1", STALE)
    assert job.id in store.stale_jobs(timedelta(seconds=-1))
    taken = store.claim_job(job.id, "w2", timedelta(seconds=-1))
    assert taken is not None and taken.runner == "w2"


def test_cancelling_a_queued_job_ends_it_at_once(store, document):
    job = store.create_job(document.id, "ur", "argos", "m1", "amina")
    assert store.cancel_job(job.id).state is JobState.CANCELLED
    assert store.claim_job(job.id, "w1", STALE) is None


def test_cancelling_a_running_job_stops_its_heartbeat(store, document):
    job = store.create_job(document.id, "ur", "argos", "m1", "amina")
    store.claim_job(job.id, "w1", STALE)
    store.cancel_job(job.id)
    assert store.beat(job.id, "w1") is False


def test_jobs_are_listed_newest_first_with_the_document_name(store, document):
    first = store.create_job(document.id, "ur", "argos", "m1", "amina")
    store.cancel_job(first.id)
    second = store.create_job(document.id, "ur", "argos", "m1", "amina")
    listed = store.jobs()
    assert [j.id for j in listed] == [second.id, first.id]
    assert listed[0].document_name == document.name
    assert store.active_job(document.id, "ur").id == second.id


# ---- a split or merge while a job waits or runs ------------------------------------------


def _mt_counts(store, document) -> dict[int, int]:
    """Live segment id -> how many MT results it has."""
    stored = store.document_machine_translations(document.id, "ur")
    return {s.id: len(stored.get(s.id, [])) for s in store.segments(document.id)}


def test_a_whole_document_job_translates_the_parts_of_a_segment_split_while_it_waits(
    store, document
):
    job = store.create_job(document.id, "ur", "argos", "m1", "amina")
    old = store.segments(document.id)[1]
    parts = store.split_segment(old.id, len("The TTP"), "bilal").segments
    pending = store.pending_segments(job.id)
    assert old.id not in {s.id for s in pending}
    assert {p.id for p in parts} <= {s.id for s in pending}
    store.store_job_batch(job.id, "w1", _results(pending))
    assert set(_mt_counts(store, document).values()) == {1}
    assert store.machine_translations(old.id, "ur") == []


def test_a_segment_retired_after_its_batch_was_read_is_not_written(store, document):
    job = store.create_job(document.id, "ur", "argos", "m1", "amina")
    batch = store.pending_segments(job.id, limit=3)  # read, then translated…
    retired = batch[1]
    store.split_segment(retired.id, len("The TTP"), "bilal")  # …while the split lands
    assert store.store_job_batch(job.id, "w1", _results(batch)) == 2
    assert store.machine_translations(retired.id, "ur") == []
    assert store.job(job.id).done == 2
    assert store.job(job.id).total == 2 + len(store.pending_segments(job.id)) == 5


def test_a_job_for_chosen_segments_skips_one_retired_and_leaves_its_parts_alone(store, translated):
    chosen = [s.id for s in store.segments(translated.id)[1:3]]
    job = store.create_job(
        translated.id, "ur", "argos", "test-model-1", "amina", segment_ids=chosen, again=True
    )
    parts = store.split_segment(chosen[0], len("The TTP"), "bilal").segments
    assert [s.id for s in store.pending_segments(job.id)] == [chosen[1]]
    assert not {p.id for p in parts} & {s.id for s in store.pending_segments(job.id)}


def test_positions_do_not_shift_a_job_when_a_split_renumbers_the_document(store, translated):
    """The selection was segment 3 ("No joint statement…"); a split before it moves it to 4."""
    chosen = store.segments(translated.id)[3]
    job = store.create_job(
        translated.id, "ur", "argos", "test-model-1", "amina", segment_ids=[chosen.id], again=True
    )
    store.split_segment(store.segments(translated.id)[0].id, len("Pakistan"), "bilal")
    (pending,) = store.pending_segments(job.id)
    assert (pending.id, pending.index, pending.text) == (chosen.id, 4, chosen.text)


def test_two_jobs_reaching_the_new_segments_give_each_one_mt_result(store, document):
    whole = store.create_job(document.id, "ur", "argos", "m1", "amina")
    parts = store.split_segment(store.segments(document.id)[1].id, len("The TTP"), "bilal")
    new_ids = [s.id for s in parts.segments]
    for_parts = store.create_job(document.id, "ur", "argos", "m1", "bilal", segment_ids=new_ids)
    both_read = store.pending_segments(for_parts.id)  # read by one runner…
    store.store_job_batch(whole.id, "w1", _results(store.pending_segments(whole.id)))  # …first
    assert store.store_job_batch(for_parts.id, "w2", _results(both_read, "late")) == 0
    assert set(_mt_counts(store, document).values()) == {1}


def test_a_job_naming_a_segment_of_another_document_is_refused(store, document):
    other = store.add_document("other.txt", "Another text.")
    stranger = store.segments(other.id)[0].id
    with pytest.raises(InputError, match=f"segment {stranger} is not a segment"):
        store.create_job(document.id, "ur", "argos", "m1", "amina", segment_ids=[stranger])
    assert store.jobs(document.id) == []
