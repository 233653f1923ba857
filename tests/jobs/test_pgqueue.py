"""A team's setup on this machine: a throwaway PostgreSQL, the queue, `workbench worker`s."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from workbench.engines.argos import ArgosEngine
from workbench.jobs import start_translation
from workbench.jobs.pgqueue import enqueue
from workbench.store import open_store
from workbench.store.jobs import JobState

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "seeds/pak-afghan-ties.en.txt"


def _workbench(*args: str, env: dict | None = None, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "workbench", *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


def _wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def pg_url(postgres_server) -> str:
    return postgres_server.new_database()


def test_translate_queue_then_worker_once_drains_the_queue(pg_url, argos_en_ur_copy, tmp_path):
    queued = _workbench("translate", str(SAMPLE), "--to", "ur", "--queue", "--db", pg_url)
    out, err = queued.communicate(timeout=120)
    assert queued.returncode == 0, err
    assert "queued" in out
    worker = _workbench("worker", "--once", "--db", pg_url)
    _, err = worker.communicate(timeout=180)
    assert worker.returncode == 0, err
    with open_store(pg_url) as store:
        (job,) = store.jobs()
        assert job.state is JobState.DONE
        assert job.done == job.total == len(store.segments(job.document_id))
    listing = _workbench("jobs", "--db", pg_url)
    out, _ = listing.communicate(timeout=60)
    assert f"{job.id}  done" in out


def test_translate_queue_on_sqlite_is_refused_and_stores_nothing(argos_en_ur_copy, tmp_path):
    url = f"sqlite:///{tmp_path / 'one.db'}"
    queued = _workbench("translate", str(SAMPLE), "--to", "ur", "--queue", "--db", url)
    _, err = queued.communicate(timeout=120)
    assert queued.returncode == 2
    assert err.count("\n") == 1 and "PostgreSQL" in err
    with open_store(url) as store:
        assert store.documents() == []


def test_a_worker_killed_mid_job_loses_nothing_and_no_segment_gets_two_results(
    pg_url, argos_en_ur_copy
):
    text = "\n\n".join([SAMPLE.read_text(encoding="utf-8")] * 4)
    with open_store(pg_url) as store:
        document = store.add_document("long.txt", text)
        job = start_translation(store, document.id, "ur", ArgosEngine(), "amina")
        enqueue(store, job.id)
        slow = {"WORKBENCH_JOB_BATCH": "4"}
        first = _workbench("worker", "--db", pg_url, "--name", "first", env=slow)
        _wait_for(lambda: store.job(job.id).done >= 8, 120, "the first worker's batches")
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
        assert store.job(job.id).state is JobState.RUNNING
        second = _workbench("worker", "--db", pg_url, "--name", "second", env=slow)
        try:
            _wait_for(lambda: store.job(job.id).state is JobState.DONE, 180, "the job to end")
        finally:
            second.send_signal(signal.SIGTERM)
            second.communicate(timeout=60)
        segments = store.segments(document.id)
        results = store.document_machine_translations(document.id, "ur")
        assert sorted(len(results[s.id]) for s in segments) == [1] * len(segments)
        assert store.job(job.id).done == len(segments)
