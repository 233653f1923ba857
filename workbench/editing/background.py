"""The grid while a translation job runs: rows filled in as batches land, progress, Cancel,
"translate again" for a selection, and the sentences a job could not translate.

The job itself runs elsewhere (`workbench.jobs`: a thread of the app or a `workbench
worker`); the grid only polls. While a job of its document and target is active the grid
sends a `poll` op every second; the answer holds only the rows whose current revision changed
since the last poll (read from the revisions added since, not from every row), so the rest of
the grid, the open box and the text being typed in it stay as they are.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from workbench import qa
from workbench.errors import WorkbenchError
from workbench.jobs.runner import house_glossary
from workbench.store import Store
from workbench.store.editor_reads import failed_segment_ids, heads_since, newest_revision_id
from workbench.store.jobs import JobState, TranslationJob

if TYPE_CHECKING:
    from workbench.editing.session import OpenGrid

# (segment ids or None for the whole document, the rows on screen first, again) -> the job
StartJob = Callable[[Sequence[int] | None, Sequence[int], bool], TranslationJob]

# Revision ids are handed out when a row is inserted, not when its transaction commits: on
# PostgreSQL a batch can commit after a later id was seen. Each poll therefore reads from the
# newest id seen at least this long ago; rows it sends twice are filtered by their revision.
SETTLE_SECONDS = 10.0
FIRST_ROWS_WITHOUT_VIEW = 40  # translated first when the grid has not said what it shows
RECENT_JOBS = 10  # jobs read per run: the active ones and the newest finished one


@dataclass
class GridBackground:
    """The background-job side of one open grid (kept in `OpenGrid.background`)."""

    start: StartJob | None = None  # set by the page on every run; None: no engine installed
    view: tuple[int, ...] = ()  # segment ids of the rows on the grid's screen, top first
    patch: list[dict] | None = None  # rows changed since the last poll: this batch's answer
    notice: dict | None = None  # a line about what this batch started or why it could not
    _marks: list[tuple[float, int]] = field(default_factory=list)  # (when, newest revision id)
    started: set[int] = field(default_factory=set)  # ids of jobs started from this grid
    _glossary_lines: dict[int, str] = field(default_factory=dict)  # finished job id -> line

    def mark(self, store: Store) -> None:
        """The grid is about to read every row: later polls read only what comes after."""
        self._marks = [(time.monotonic(), newest_revision_id(store))]

    def after_id(self, now: float) -> int:
        settled = [mark for mark in self._marks if now - mark[0] >= SETTLE_SECONDS]
        chosen = settled[-1] if settled else self._marks[0] if self._marks else (now, 0)
        self._marks = [m for m in self._marks if m[0] >= chosen[0]]
        return chosen[1]

    def first_ids(self, grid: OpenGrid) -> list[int]:
        """The rows the grid shows (else the open row and those after it): translated first."""
        shown = [segment_id for segment_id in self.view if grid.row(segment_id) is not None]
        if shown:
            return shown
        start = grid._positions.get(grid.active, 0) if grid.active is not None else 0
        return [row["id"] for row in grid.rows[start : start + FIRST_ROWS_WITHOUT_VIEW]]


def begin_batch(grid: OpenGrid, batch: Mapping[str, Any]) -> None:
    """Forget the last batch's answer; note the rows the grid says are on its screen."""
    grid.background.patch = None
    grid.background.notice = None
    view = batch.get("view")
    if isinstance(view, list):
        grid.background.view = tuple(int(i) for i in view if isinstance(i, int | str))


def poll(grid: OpenGrid) -> None:
    """The rows whose current revision changed since the last poll, updated in `grid.rows`
    (QA included) and kept as the batch's answer. A revision of a segment the grid has no
    row for (a split or merge) makes the grid ask for every row again."""
    background = grid.background
    now = time.monotonic()
    newest = newest_revision_id(grid.store)
    heads = heads_since(grid.store, grid.document_id, grid.target_lang, background.after_id(now))
    changed: list[dict] = []
    for segment_id, revision in heads.items():
        row = grid.row(segment_id)
        if row is None:
            grid.rows_wanted = True
        elif row["rev"] != revision.id:
            grid._update(row, revision)
            changed.append(row)
    background._marks.append((now, newest))
    background.patch = changed


def translate_again(grid: OpenGrid, op: Mapping[str, Any]) -> None:
    """Start a job translating the chosen rows again (even where they have MT)."""
    chosen = [int(s) for s in op.get("segs", []) if grid.row(int(s)) is not None]
    if not chosen:
        grid.background.notice = {"kind": "error", "text": "Select the sentences first."}
        return
    words = f"{len(chosen)} sentence" + ("" if len(chosen) == 1 else "s")
    grid.background.notice = _started(
        grid,
        chosen,
        chosen,
        again=True,
        text=f"Translating {words} again; a sentence someone edited keeps its text "
        "(the new MT joins its alternatives).",
    )


def _started(
    grid: OpenGrid, segment_ids: list[int] | None, first: list[int], *, again: bool, text: str
) -> dict:
    start = grid.background.start
    if start is None:
        return {"kind": "error", "text": "No engine is installed for this target."}
    try:
        job = start(segment_ids, first, again)
    except WorkbenchError as exc:
        return {"kind": "error", "text": str(exc)}
    if job.total == 0 and job.state is JobState.QUEUED:
        return {"kind": "idle", "text": "Every sentence has MT from this engine already."}
    grid.background.started.add(job.id)
    return {"kind": "busy", "text": text, "job": job.id}


def cancel(grid: OpenGrid) -> None:
    """Stop every active job of the grid's document and target after its batch in flight."""
    stopped = 0
    for job in grid.store.jobs(grid.document_id, grid.target_lang, limit=RECENT_JOBS):
        if job.active:
            grid.store.cancel_job(job.id)
            stopped += 1
    grid.background.notice = {
        "kind": "idle",
        "text": "Stopping after the batch in flight; what was translated stays."
        if stopped
        else "No translation is running.",
    }


def job_payload(grid: OpenGrid) -> dict | None:
    """What the grid's job line shows: the active jobs' progress together (the grid polls
    while `active`), else the newest job's outcome, with the sentences it could not do."""
    jobs = grid.store.jobs(grid.document_id, grid.target_lang, limit=RECENT_JOBS)
    active = [job for job in jobs if job.active]
    if active:
        payload = {
            "active": True,
            "ids": [job.id for job in active],
            "done": sum(job.done for job in active),
            "total": sum(job.total for job in active),
            "failed": sum(job.failed for job in active),
            "waiting": all(job.state is JobState.QUEUED for job in active),
            "stopping": any(job.cancel_requested for job in active),
        }
        return {**payload, "text": job_line(payload)}
    if not jobs:
        return None
    job = jobs[0]
    payload = {
        "active": False,
        "ids": [job.id],
        "state": job.state.value,
        "done": job.done,
        "total": job.total,
        "failed": job.failed,
        "error": job.error,
        "failedRows": _failed_numbers(grid, job),
        # worth a line: started here, or it did not end well (a finished job is not news)
        "news": job.id in grid.background.started
        or job.state is not JobState.DONE
        or bool(job.failed),
    }
    text = job_line(payload)
    if job.state is JobState.DONE:
        text = f"{text} {_glossary_line(grid, job)}".strip()
    return {**payload, "text": text}


def _failed_numbers(grid: OpenGrid, job: TranslationJob) -> list[int]:
    """Sentence numbers of the segments the job could not translate, in document order."""
    if not job.failed:
        return []
    rows = (grid.row(segment_id) for segment_id in failed_segment_ids(grid.store, job.id))
    return sorted(row["n"] for row in rows if row is not None)


def _glossary_line(grid: OpenGrid, job: TranslationJob) -> str:
    """How the job's MT carried the house glossary's terms (the glossary the job enforced),
    worked out once per finished job from its stored MT."""
    cache = grid.background._glossary_lines
    if job.id not in cache:
        cache[job.id] = _glossary_totals(grid, job)
    return cache[job.id]


def _glossary_totals(grid: OpenGrid, job: TranslationJob) -> str:
    glossary = house_glossary()
    if glossary is None:
        return ""
    wanted = set(job.segment_ids) if job.segment_ids is not None else None
    found = enforced = flagged = 0
    results = grid.store.document_machine_translations(grid.document_id, grid.target_lang)
    for segment_id, machine_translations in results.items():
        row = grid.row(segment_id)
        mt = next(
            (
                m
                for m in machine_translations
                if (m.engine, m.model_id) == (job.engine, job.model_id)
            ),
            None,
        )
        if row is None or mt is None or (wanted is not None and segment_id not in wanted):
            continue
        source = grid.source_text(segment_id)
        for coverage in qa.glossary_coverage(source, mt.best, grid.target_lang, glossary):
            found += coverage.expected
            enforced += coverage.enforced
            flagged += coverage.missing
    if not found:
        return ""
    return f"Glossary: {found} term occurrences, {enforced} enforced, {flagged} flagged for review"


def job_line(job: Mapping[str, Any]) -> str:
    """The words of the grid's job line (the sentences not translated follow as links)."""
    done, total = f"{job['done']:,}", f"{job['total']:,}"
    if job["active"]:
        if job.get("stopping"):
            return "Stopping the translation after the batch in flight…"
        if job.get("waiting"):
            return "Waiting for a translation worker…"
        return f"Translating in the background: {done} of {total} sentences"
    reason = f" ({job['error']})" if job.get("error") else ""
    if job["state"] == JobState.FAILED.value:
        return f"Translation failed after {done} of {total} sentences{reason}."
    if job["state"] == JobState.CANCELLED.value:
        return f"Translation cancelled after {done} of {total} sentences; what was done stays."
    if job.get("failed"):
        return (
            f"Translated {job['done'] - job['failed']:,} sentences; {job['failed']} failed{reason}."
        )
    return f"Translated {done} sentences."
