"""A split while a translation job waits or runs (SQLite and PostgreSQL, real tiny model):
every live segment ends with exactly one MT result and no retired segment is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.jobs.test_runner import SMALL, RecordingEngine
from workbench.engines.argos import ArgosEngine
from workbench.jobs.runner import run_job
from workbench.store import SegmentsChanged
from workbench.store.jobs import JobState
from workbench.workflows.resegment import split_and_refresh
from workbench.workflows.translate import translate_stored_document

SAMPLE = Path("seeds/pak-afghan-ties.en.txt")


@pytest.fixture
def sample(store):
    return store.add_document(SAMPLE.name, SAMPLE.read_text(encoding="utf-8"))


def _whole_document_job(store, document, engine):
    return store.create_job(document.id, "ur", engine.name, engine.model_id("en", "ur"), "amina")


def _split(store, segment, engine):
    """Split through the workflow the editor and CLI use (it starts a job for the parts)."""
    return split_and_refresh(
        store, segment.id, segment.text.index(" "), "bilal", "ur", engine=engine
    )


def _assert_one_mt_per_live_segment_and_none_on_retired(store, document, retired_id):
    stored = store.document_machine_translations(document.id, "ur")
    counts = {s.index: len(stored.get(s.id, [])) for s in store.segments(document.id)}
    assert set(counts.values()) == {1}, {i: n for i, n in counts.items() if n != 1}
    assert store.machine_translations(retired_id, "ur") == []


def test_a_split_while_a_job_is_queued(store, sample, argos_en_ur_copy):
    engine = ArgosEngine()
    queued = _whole_document_job(store, sample, engine)
    retired = store.segments(sample.id)[10]
    refresh = _split(store, retired, engine).job
    for job in (queued, refresh):  # the order the app's runner takes them
        assert run_job(store, job.id, lambda *_: engine, settings=SMALL) is JobState.DONE
    _assert_one_mt_per_live_segment_and_none_on_retired(store, sample, retired.id)
    assert store.job(queued.id).done == store.job(queued.id).total


def test_a_split_of_a_segment_in_the_batch_in_flight(store, sample, argos_en_ur_copy):
    engine = ArgosEngine()
    job = _whole_document_job(store, sample, engine)
    retired = store.segments(sample.id)[2]  # in the first batch of 4
    splits = []

    def split_once(calls: int) -> None:  # after the engine translated, before the batch is stored
        if calls == 1:
            splits.append(_split(store, retired, engine))

    spy = RecordingEngine(engine, after_call=split_once)
    assert run_job(store, job.id, lambda *_: spy, settings=SMALL) is JobState.DONE
    assert retired.text in spy.calls[0]
    assert run_job(store, splits[0].job.id, lambda *_: engine) is JobState.DONE
    _assert_one_mt_per_live_segment_and_none_on_retired(store, sample, retired.id)


def test_translate_racing_a_split_stores_nothing_and_says_so_in_one_line(
    store, sample, argos_en_ur_copy
):
    engine = ArgosEngine()
    retired = store.segments(sample.id)[2]
    spy = RecordingEngine(engine, after_call=lambda calls: _split(store, retired, None))
    with pytest.raises(SegmentsChanged, match="split or merged") as refused:
        translate_stored_document(store, sample, spy, "ur")
    assert "\n" not in str(refused.value)
    assert store.document_machine_translations(sample.id, "ur") == {}
