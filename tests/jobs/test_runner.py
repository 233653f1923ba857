"""Running a translation job with a real (tiny, copy) Argos model."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from workbench.engines.argos import ArgosEngine
from workbench.engines.base import TranslatedBatch, TranslationEngine
from workbench.errors import WorkbenchError
from workbench.jobs.local import LocalJobRunner
from workbench.jobs.runner import RunSettings, run_job
from workbench.store import open_store
from workbench.store.jobs import JobState

SAMPLE = Path("seeds/pak-afghan-ties.en.txt")
SMALL = RunSettings(first_batch=4, batch=8)


class RecordingEngine:
    """The real engine, remembering which sentences each call asked for (a spy, not a fake)."""

    def __init__(self, real: TranslationEngine, after_call=None):
        self.real, self.name, self.calls, self.after_call = real, real.name, [], after_call

    def translate_batch(self, sentences, src, tgt, n_best=1, progress=None):
        self.calls.append(list(sentences))
        result = self.real.translate_batch(sentences, src, tgt, n_best, progress)
        if self.after_call is not None:
            self.after_call(len(self.calls))
        return result

    def model_id(self, src, tgt):
        return self.real.model_id(src, tgt)

    def covers(self, src, tgt):
        return self.real.covers(src, tgt)


@pytest.fixture
def store(tmp_path):
    opened = open_store(f"sqlite:///{tmp_path / 'jobs.db'}")
    yield opened
    opened.close()


@pytest.fixture
def sample(store):
    return store.add_document(SAMPLE.name, SAMPLE.read_text(encoding="utf-8"))


def _job(store, document, **kwargs):
    engine = ArgosEngine()
    return store.create_job(
        document.id, "ur", engine.name, engine.model_id("en", "ur"), "amina", **kwargs
    )


def test_a_job_translates_every_segment_once_and_ends_done(store, sample, argos_en_ur_copy):
    job = _job(store, sample)
    state = run_job(store, job.id, lambda *_: ArgosEngine(), settings=SMALL)
    assert state is JobState.DONE
    segments = store.segments(sample.id)
    assert store.job(job.id).done == len(segments)
    mts = store.document_machine_translations(sample.id, "ur")
    assert all(len(mts[s.id]) == 1 for s in segments)
    assert mts[segments[5].id][0].best == segments[5].text  # the copy model


def test_the_rows_the_editor_shows_are_translated_in_the_first_batch(
    store, sample, argos_en_ur_copy
):
    spy = RecordingEngine(ArgosEngine())
    shown = [s.id for s in store.segments(sample.id)[30:34]]
    job = _job(store, sample, first_segment_ids=shown)
    run_job(store, job.id, lambda *_: spy, settings=SMALL)
    texts = {s.index: s.text for s in store.segments(sample.id)}
    assert spy.calls[0] == [texts[i] for i in (30, 31, 32, 33)]
    assert spy.calls[1] == [texts[i] for i in range(8)]


def test_a_cancelled_job_stops_after_the_batch_in_flight_and_keeps_it(
    store, sample, argos_en_ur_copy
):
    job = _job(store, sample)
    spy = RecordingEngine(ArgosEngine(), after_call=lambda n: store.cancel_job(job.id))
    assert run_job(store, job.id, lambda *_: spy, settings=SMALL) is JobState.CANCELLED
    assert len(spy.calls) == 1
    assert store.job(job.id).done == SMALL.first_batch


def test_a_job_for_a_model_the_runner_lacks_fails_with_one_line(store, sample, argos_en_ur_copy):
    engine = ArgosEngine()
    job = store.create_job(sample.id, "ur", engine.name, "another-model", "amina")
    assert run_job(store, job.id, lambda *_: engine) is JobState.FAILED
    error = store.job(job.id).error
    assert "another-model" in error and "\n" not in error
    assert store.document_machine_translations(sample.id, "ur") == {}


def test_a_job_started_again_goes_on_where_the_last_stored_batch_ended(
    store, sample, argos_en_ur_copy
):
    job = _job(store, sample)
    first = RecordingEngine(ArgosEngine(), after_call=lambda n: store.cancel_job(job.id))
    run_job(store, job.id, lambda *_: first, settings=SMALL)
    again = _job(store, sample)
    spy = RecordingEngine(ArgosEngine())
    assert run_job(store, again.id, lambda *_: spy, settings=SMALL) is JobState.DONE
    asked = [s for call in spy.calls for s in call]
    assert len(asked) == len(store.segments(sample.id)) - SMALL.first_batch


def test_the_local_runner_runs_submitted_jobs_in_the_background(store, sample, argos_en_ur_copy):
    runner = LocalJobRunner(store, lambda *_: ArgosEngine(), settings=SMALL)
    job = _job(store, sample)
    runner.submit(job.id)
    assert runner.join(timeout=120)
    assert store.job(job.id).state is JobState.DONE
    runner.stop()


def test_a_new_local_runner_picks_up_a_job_whose_runner_died(store, sample, argos_en_ur_copy):
    job = _job(store, sample)
    store.claim_job(job.id, "dead-process", timedelta(seconds=30))
    settings = RunSettings(first_batch=4, batch=8, stale_after=timedelta(seconds=0))
    runner = LocalJobRunner(store, lambda *_: ArgosEngine(), settings=settings)
    assert runner.join(timeout=120)
    assert store.job(job.id).state is JobState.DONE
    runner.stop()


class OneSegmentFails(RecordingEngine):
    """The real engine, except that the model fails on sentences containing `word` (as
    CTranslate2 can on one input): reported per sentence, as the engines do."""

    def __init__(self, real, word: str):
        super().__init__(real)
        self.word = word

    def translate_batch(self, sentences, src, tgt, n_best=1, progress=None):
        result = super().translate_batch(sentences, src, tgt, n_best, progress)
        failures = {
            i: WorkbenchError(f"the model failed on sentence {i + 1}")
            for i, s in enumerate(sentences)
            if self.word in s
        }
        return TranslatedBatch(
            [[] if i in failures else hyps for i, hyps in enumerate(result)], failures
        )


def test_a_segment_the_engine_fails_on_ends_the_job_with_the_others_translated(
    store, sample, argos_en_ur_copy
):
    job = _job(store, sample)
    failing = OneSegmentFails(ArgosEngine(), "Muttaqi")
    assert run_job(store, job.id, lambda *_: failing, settings=SMALL) is JobState.DONE
    ended = store.job(job.id)
    segments = store.segments(sample.id)
    bad = [s for s in segments if "Muttaqi" in s.text]
    assert bad and ended.failed == len(bad) and "failed" in ended.error
    mts = store.document_machine_translations(sample.id, "ur")
    assert set(mts) == {s.id for s in segments} - {s.id for s in bad}
    assert all(store.current_revision(s.id, "ur") is None for s in bad)
