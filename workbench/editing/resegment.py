"""Split and merge from the editor grid: the `split` and `merge` events, without Streamlit.

The grid sends `{"op": "split", "seg", "at", "base", "target_at"}` (the split point as a
character offset in the source, the revision its target box was loaded from, optionally a
cut in the target) and `{"op": "merge", "seg", "bases": {segment id: revision}}` (the active
sentence and the next one). Each is one store transaction (`Store.split_segment`,
`Store.merge_segments`); then, as `workflows.resegment` does for the CLI, the memory fills
the new segments' exact matches and MT runs for them and no others, so the rows come back
filled. Every refusal is one line and changes nothing: a split point at the
very start or end, a merge across a paragraph break or past the last sentence, a target
someone changed since the grid showed it, a segment someone else already split or merged,
in team mode a role that may not or an approved (locked) segment.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from workbench import config
from workbench.errors import WorkbenchError
from workbench.exchange.inline import from_display, to_display
from workbench.jobs import dispatch
from workbench.jobs.runner import run_job
from workbench.store import Resegmented, RevisionConflict, Store
from workbench.store.jobs import JobState
from workbench.workflows.resegment import ResegmentResult, refresh_new_segments

if TYPE_CHECKING:
    from workbench.editing.session import OpenGrid
    from workbench.engines.base import TranslationEngine
    from workbench.glossary import Glossary
    from workbench.memory.index import TranslationMemory


@dataclass(frozen=True)
class Lookups:
    """What refills the new segments: the memory and the engine, each asked for only when a
    split or merge happens (opening the editor loads no model; `engine` None: no engine
    for this language), and the glossary MT enforces."""

    memory: Callable[[], TranslationMemory] | None = None
    engine: Callable[[], TranslationEngine | None] | None = None
    glossary: Glossary | None = None

    def current_memory(self) -> TranslationMemory | None:
        return self.memory() if self.memory is not None else None


def split(grid: OpenGrid, op: Mapping[str, Any], author: str) -> dict:
    """Split the sentence `op["seg"]` at `op["at"]` (code points into its source)."""
    segment_id = int(op["seg"])
    row = grid.row(segment_id)
    refusal = _split_refusal(row, op.get("at"))
    if refusal:
        return _answer(op, "refused", refusal)
    base = grid.batch_base(segment_id, op.get("base"))
    try:
        edit = grid.store.split_segment(
            segment_id,
            stored_offset(row["src"], int(op["at"])),
            author,
            target_lang=grid.target_lang,
            base_revision_id=base,
            target_at=_target_offset(grid, segment_id, op.get("target_at")),
        )
    except WorkbenchError as exc:
        return _refused(grid, op, f"Not split: {_reason(exc, row['n'])}")
    result, notes = _refresh(grid, edit, author)
    first, second = result.edit.segments
    done = f"Sentence {row['n']} is now {first.index + 1} and {second.index + 1}"
    return _done(grid, op, result, notes, done)


def merge(grid: OpenGrid, op: Mapping[str, Any], author: str) -> dict:
    """Merge the sentence `op["seg"]` with the next one of its paragraph."""
    segment_id = int(op["seg"])
    row = grid.row(segment_id)
    refusal = _merge_refusal(grid, row)
    if refusal:
        return _answer(op, "refused", refusal)
    bases = {
        int(seg): grid.batch_base(int(seg), base) for seg, base in (op.get("bases") or {}).items()
    }
    try:
        edit = grid.store.merge_segments(
            segment_id, author, target_lang=grid.target_lang, base_revision_ids=bases
        )
    except WorkbenchError as exc:
        return _refused(grid, op, f"Not merged: {_reason(exc, row['n'])}")
    result, notes = _refresh(grid, edit, author)
    (merged,) = result.edit.segments
    done = f"Sentences {row['n']} and {row['n'] + 1} are now sentence {merged.index + 1}"
    return _done(grid, op, result, notes, done)


def _refresh(grid: OpenGrid, edit: Resegmented, author: str) -> tuple[ResegmentResult, list[str]]:
    """The memory and MT for the new segments (`workflows.resegment`). The edit is stored
    already: a lookup that fails is reported with it, never as a refusal."""
    lookups = grid.lookups or Lookups()
    notes = ["your translation is kept as a draft to review"] if edit.carried else []
    try:
        engine = _engine(lookups)
        result = refresh_new_segments(
            grid.store,
            edit,
            grid.target_lang,
            author,
            memory=lookups.current_memory(),
            engine=engine,
        )
        notes += _lookup_notes(grid.store, result, lookups, engine)
    except WorkbenchError as exc:
        notes.append(f"lookups failed: {exc}")
        result = ResegmentResult(edit, 0, None)
    return result, notes


_DISPLAY_TAG = re.compile(r"⟨/?\d+/?⟩")


def stored_offset(display_text: str, at: int) -> int:
    """A caret at `at` in a text as the grid shows it (formatting tags as ⟨1⟩, ⟨/1⟩, ⟨1/⟩)
    as an offset in the stored text (one placeholder character per tag); a caret inside a
    tag counts as before it."""
    for tag in _DISPLAY_TAG.finditer(display_text):
        if tag.start() < at < tag.end():
            at = tag.start()
            break
    return len(from_display(display_text[:at]))


def _target_offset(grid: OpenGrid, segment_id: int, target_at: Any) -> int | None:
    """The split point in the translation (the grid's caret in its shown text), stored."""
    if target_at is None:
        return None
    head = grid.store.current_revision(segment_id, grid.target_lang)
    return stored_offset(to_display(head.text), int(target_at)) if head else int(target_at)


_GONE = "this sentence was split or merged meanwhile; the rows are reloaded."


def _split_refusal(row: dict | None, at: Any) -> str | None:
    """Why a split point cannot be used, checked before anything is written."""
    if row is None:
        return f"Not split: {_GONE}"
    if not isinstance(at, int) or isinstance(at, bool):
        return "Not split: put the split mark in the source first."
    source = row["src"]
    where = "start" if at <= 0 or not source[:at].strip() else None
    if at >= len(source) or not source[at:].strip():
        where = where or "end"
    if where:
        return (
            f"Not split: the mark is at the very {where} of sentence {row['n']}; "
            "put it between two words."
        )
    return None


def _merge_refusal(grid: OpenGrid, row: dict | None) -> str | None:
    """Why the sentence cannot merge with the next, as the grid's rows show it (the store
    checks again in its transaction)."""
    if row is None:
        return f"Not merged: {_GONE}"
    position = row["n"] - 1
    if position + 1 >= len(grid.rows):
        return (
            f"Not merged: sentence {row['n']} is the last one; there is nothing to merge it with."
        )
    if grid.rows[position + 1]["para"]:
        return (
            f"Not merged: sentences {row['n']} and {row['n'] + 1} are in different paragraphs; "
            "only sentences of one paragraph merge."
        )
    return None


def _engine(lookups: Lookups) -> TranslationEngine | None:
    if lookups.engine is None:
        return None
    try:
        return lookups.engine()
    except WorkbenchError:
        return None  # the model cannot be loaded: the edit still happens, the memory fills


def _reason(exc: WorkbenchError, number: int) -> str:
    if isinstance(exc, RevisionConflict):
        theirs = exc.theirs
        who = f"{theirs.author} at {theirs.created:%H:%M} UTC" if theirs else "someone"
        return f"{who} changed sentence {number} after you opened it; the rows are reloaded."
    message = str(exc).rstrip(".")
    return message[:1].lower() + message[1:] + "."


def _refused(grid: OpenGrid, op: Mapping[str, Any], message: str) -> dict:
    """Nothing changed here, but the grid may be behind the store: it gets every row again."""
    grid.reload()
    grid.rows_wanted = True
    return _answer(op, "refused", message)


def _done(
    grid: OpenGrid, op: Mapping[str, Any], result: ResegmentResult, notes: list[str], done: str
) -> dict:
    """Send every row again (renumbered) and open the first new one."""
    grid.reload()
    grid.rows_wanted = True
    new_ids = [s.id for s in result.edit.segments]
    grid.active = new_ids[0]
    grid.active_text = (grid.row(new_ids[0]) or {}).get("tgt", "")
    message = done + (f" ({'; '.join(notes)})" if notes else "") + "."
    return {**_answer(op, "done", message), "segs": new_ids, "focus": new_ids[0]}


def _lookup_notes(
    store: Store, result: ResegmentResult, lookups: Lookups, engine: TranslationEngine | None
) -> list[str]:
    """Run the new segments' MT job now (one or two sentences: the rows come back filled),
    or hand it to the workers of a team's queue; say what the lookups did."""
    notes = []
    if result.tm_filled:
        notes.append(f"{result.tm_filled} filled from the translation memory")
    job = result.job
    if job is None or engine is None:
        if lookups.engine is not None:
            notes.append("no MT: the engine has no model for this language")
        return notes
    if config.job_mode() == "queue":
        dispatch(store, job, None)
        notes.append("MT queued for the workers")
        return notes
    state = run_job(store, job.id, lambda *_: engine, lookups.glossary)
    if state is JobState.DONE:
        notes.append("machine-translated")
    else:
        notes.append(f"MT failed: {store.job(job.id).error or state.value}")
    return notes


def _answer(op: Mapping[str, Any], outcome: str, message: str) -> dict:
    return {
        "id": op.get("id"),
        "op": op.get("op"),
        "seg": op.get("seg"),
        "outcome": outcome,
        "message": message,
    }
