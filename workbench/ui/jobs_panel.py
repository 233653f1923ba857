"""The editor's Translate as a background job: start it, show its progress, cancel it.

Page code only: the job is recorded by `workbench.jobs.start_translation` and run by the
server's thread (`resources.job_runner`) or, for a team, by `workbench worker`s. The progress
line is a fragment that reruns on its own every second while a job is active, so the rest of
the page (and the text being typed in it) is not redrawn; when the job ends it reruns the
page once, so every row shows its MT.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

import streamlit as st

from workbench.errors import WorkbenchError
from workbench.jobs import dispatch, start_translation
from workbench.memory.source import MemorySource
from workbench.store import Document, Store
from workbench.store.jobs import JobState, TranslationJob
from workbench.ui import state
from workbench.ui.rendering import markdown_text
from workbench.ui.resources import engine, job_runner
from workbench.workflows.fill import fill_exact_matches

POLL = timedelta(seconds=1)


def start(
    store: Store,
    document: Document,
    target_lang: str,
    engine_name: str,
    author: str,
    memory: MemorySource,
    first_segment_ids: Sequence[int],
) -> TranslationJob | None:
    """Fill exact memory matches now (fast), then start (or join) the MT job; the rows the
    editor shows (`first_segment_ids`) are translated first. Errors are shown as one line."""
    try:
        filled = fill_exact_matches(store, document.id, target_lang, memory.memory)
        job = start_translation(
            store,
            document.id,
            target_lang,
            engine(engine_name),
            author,
            first_segment_ids=first_segment_ids,
        )
        dispatch(store, job, job_runner())
    except WorkbenchError as exc:
        st.error(markdown_text(str(exc)))
        return None
    if filled:
        st.toast(f"{filled} sentences filled from the translation memory.")
    return job


def render_progress(store: Store, document_id: int, target_lang: str) -> None:
    """The active job's progress and Cancel, refreshed every second while it runs."""
    if store.active_job(document_id, target_lang) is None:
        return

    @st.fragment(run_every=POLL)
    def progress() -> None:
        job = store.active_job(document_id, target_lang)
        if job is None:
            st.rerun()  # the job ended: redraw the page once with every row's MT
        text = (
            f"Translating in the background: {job.done:,} of {job.total:,} sentences"
            if job.state is JobState.RUNNING
            else "Waiting for a translation worker…"
        )
        bar, cancel = st.columns([6, 1], vertical_alignment="center")
        bar.progress(job.percent / 100, text=text)
        if cancel.button("Cancel", key=state.JOB_CANCEL, help="Stop after the batch in flight"):
            store.cancel_job(job.id)
            st.rerun()

    progress()


def last_outcome(store: Store, document_id: int, target_lang: str) -> str | None:
    """A line about the newest job if it failed or was cancelled (the editor shows it)."""
    jobs = store.jobs(document_id, target_lang, limit=1)
    if not jobs or jobs[0].active:
        return None
    job = jobs[0]
    if job.state is JobState.FAILED:
        return f"Translation failed after {job.done} of {job.total} sentences: {job.error}"
    if job.state is JobState.CANCELLED:
        return f"Translation cancelled after {job.done} of {job.total} sentences."
    return None
