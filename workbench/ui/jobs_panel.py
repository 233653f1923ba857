"""The editor's Translate as a background job: start it from the page, and hand the grid a
way to start one for a selection ("translate again").

Page code only: the job is recorded by `workbench.jobs.start_translation` and run by the
server's thread (`resources.job_runner`) or, for a team, by `workbench worker`s. Its progress,
Cancel and outcome are drawn by the grid itself (`workbench.editing.background`), which
polls while a job is active and receives only the rows that changed, so nothing on the page
is redrawn while the job runs and the text being typed stays as it is.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from workbench import config
from workbench.editing.background import StartJob
from workbench.errors import WorkbenchError
from workbench.jobs import LocalJobRunner, dispatch, start_translation
from workbench.memory.source import MemorySource
from workbench.store import Document, Store
from workbench.store.jobs import JobState, TranslationJob
from workbench.ui.rendering import markdown_text
from workbench.ui.resources import engine, job_runner
from workbench.workflows.fill import fill_exact_matches


def starter(
    store: Store, document_id: int, target_lang: str, engine_name: str, author: str
) -> StartJob:
    """How the grid starts a job: `(segment ids or None, rows on screen, again) -> job`,
    handed to the runner of this server (or the queue) at once."""

    def start(
        segment_ids: Sequence[int] | None, first_ids: Sequence[int], again: bool
    ) -> TranslationJob:
        job = start_translation(
            store,
            document_id,
            target_lang,
            engine(engine_name),
            author,
            first_segment_ids=first_ids,
            segment_ids=segment_ids,
            again=again,
        )
        dispatch(store, job, _local_runner())
        return job

    return start


def start(
    store: Store,
    document: Document,
    target_lang: str,
    engine_name: str,
    author: str,
    memory: MemorySource,
    first_segment_ids: Sequence[int],
) -> TranslationJob | None:
    """Translate: fill exact memory matches now (fast), then start (or join) the MT job; the
    rows the editor shows (`first_segment_ids`) are translated first. Errors are one line."""
    try:
        filled = fill_exact_matches(store, document.id, target_lang, memory.memory)
        job = starter(store, document.id, target_lang, engine_name, author)(
            None, first_segment_ids, False
        )
    except WorkbenchError as exc:
        st.error(markdown_text(str(exc)))
        return None
    if filled:
        st.toast(
            f"{filled} sentence{'' if filled == 1 else 's'} filled from the translation memory."
        )
    if job.state is JobState.QUEUED and job.total == 0:
        st.toast("Every sentence has MT from this engine already.")
    return job


def resume(store: Store, document_id: int, target_lang: str) -> None:
    """A job left active by a server that stopped is picked up by this server's runner when
    it starts: make sure it has started when the editor finds such a job."""
    if config.job_mode() == "local" and store.active_job(document_id, target_lang) is not None:
        job_runner()


def _local_runner() -> LocalJobRunner | None:
    return job_runner() if config.job_mode() == "local" else None
