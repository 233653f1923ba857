"""Run one translation job: batch after batch, each stored before the next starts.

The runner is the same whoever calls it (a thread of the app, a `workbench worker` taking
jobs from the PostgreSQL queue, a test): it claims the job in the store, translates what the
job still needs in batches (the editor's rows first, then document order), stores each batch
in one transaction, refreshes the heartbeat, and stops after the batch in flight when the job
is cancelled. Because "what is still needed" is read from the store each time, a job picked up
again after its runner died goes on where the last stored batch ended.
"""

from __future__ import annotations

import functools
import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from workbench import config, qa
from workbench.engines.base import TranslationEngine
from workbench.errors import WorkbenchError
from workbench.glossary import Glossary, load_glossary
from workbench.pipeline import TranslatedSegment, translate_segments
from workbench.segment import Segment
from workbench.store import Store
from workbench.store.jobs import JobState, TranslationJob

log = logging.getLogger(__name__)

# (engine name, source language, target language) -> the engine; kept loaded by the caller.
EngineProvider = Callable[[str, str, str], TranslationEngine]
# The glossary a job enforces, asked for per job (the house glossary may have been edited).
GlossaryProvider = Callable[[], Glossary | None]


def no_glossary() -> Glossary | None:
    return None


def house_glossary() -> Glossary | None:
    """The house glossary (`WORKBENCH_GLOSSARY`), re-read when the file changes; a missing
    or broken file is logged and the job goes on without it, as the editor does."""
    path = config.glossary_path()
    try:
        return _load_glossary(str(path), path.stat().st_mtime_ns)
    except (OSError, WorkbenchError) as exc:
        log.warning("translation jobs run without the glossary: %s", exc)
        return None


@functools.lru_cache(maxsize=4)
def _load_glossary(path: str, modified_ns: int) -> Glossary:
    return load_glossary(Path(path))


@dataclass(frozen=True)
class RunSettings:
    """Batch sizes trade the first rows' latency against throughput (`bench/jobs.py`)."""

    first_batch: int = 32  # at least the editor's visible rows, which come first
    batch: int = 128  # later batches: large enough to keep CTranslate2's workers busy
    stale_after: timedelta = timedelta(seconds=30)  # a silent runner's job may be taken

    @classmethod
    def from_config(cls) -> RunSettings:
        first, later = config.job_batch_sizes()
        return cls(first_batch=first, batch=later)


DEFAULT_SETTINGS = RunSettings()


def runner_name() -> str:
    """Who runs a job, for `workbench jobs`: host and process."""
    return f"{socket.gethostname()}:{os.getpid()}"


def run_job(
    store: Store,
    job_id: int,
    engines: EngineProvider,
    glossary: Glossary | None = None,
    settings: RunSettings = DEFAULT_SETTINGS,
    runner: str | None = None,
) -> JobState:
    """Run the job to its end (or until cancelled); returns the state it ended in.

    A job another live runner holds is left alone (its state is returned unchanged).
    Errors end the job as `failed` with a one-line message; what was stored stays.
    """
    runner = runner or runner_name()
    job = store.claim_job(job_id, runner, settings.stale_after)
    if job is None:
        return store.job(job_id).state
    try:
        return _translate(store, job, engines, glossary, settings, runner)
    except WorkbenchError as exc:
        store.finish_job(job_id, JobState.FAILED, str(exc))
        return JobState.FAILED
    except Exception as exc:  # an engine or database failure: recorded, never lost silently
        log.exception("translation job %s failed", job_id)
        message = " ".join(f"{type(exc).__name__}: {exc}".split())
        store.finish_job(job_id, JobState.FAILED, message)
        return JobState.FAILED


def _translate(
    store: Store,
    job: TranslationJob,
    engines: EngineProvider,
    glossary: Glossary | None,
    settings: RunSettings,
    runner: str,
) -> JobState:
    source_lang = store.document(job.document_id).source_lang
    engine = engines(job.engine, source_lang, job.target_lang)
    model_id = engine.model_id(source_lang, job.target_lang)
    if model_id != job.model_id:
        raise WorkbenchError(
            f"job {job.id} asked for model {job.model_id!r} but this runner has {model_id!r}; "
            "install the same model on every worker"
        )
    size = max(settings.first_batch, len(job.first_segment_ids))  # the editor's rows at once
    while True:
        if not store.beat(job.id, runner):
            if store.job(job.id).cancel_requested:
                store.finish_job(job.id, JobState.CANCELLED)
                return JobState.CANCELLED
            return store.job(job.id).state  # taken over by another runner
        pending = store.pending_segments(job.id, limit=size)
        if not pending:
            store.finish_job(job.id, JobState.DONE)
            return JobState.DONE
        translated = translate_segments(
            [Segment(s.index, s.paragraph, s.text, s.start, s.end) for s in pending],
            engine,
            source_lang,
            job.target_lang,
            n_best=job.n_best,
            glossary=glossary,
        )
        pairs = list(zip(pending, translated, strict=True))
        failures = {s.id: _failure(t) for s, t in pairs if _failure(t)}
        store.store_job_batch(
            job.id,
            runner,
            {s.id: t.hypotheses for s, t in pairs if s.id not in failures},
            failures,
        )
        size = settings.batch


def _failure(row: TranslatedSegment) -> str | None:
    """The engine's message for a segment it could not translate (the others go on)."""
    return next((f.message for f in row.flags if f.code == qa.MT_FAILED), None)
