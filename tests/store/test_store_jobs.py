"""Background MT jobs in the store: what a job still needs, batches stored once, cancel."""

from __future__ import annotations

from datetime import timedelta

from workbench.engines.base import Hypothesis
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
    job = store.create_job(document.id, "ur", "argos", "m1", "amina", first_positions=[2, 3])
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
    job = store.create_job(
        translated.id, "ur", "argos", "test-model-1", "amina", again_positions=[1]
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
