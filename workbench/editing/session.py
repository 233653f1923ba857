"""One editor's open grid: the rows it was sent, and what each event from the grid does.

The page keeps a `OpenGrid` per browser session; events arrive in numbered batches (the
component sends the next batch only after the previous one was answered, and may resend one
that got no answer), so a batch is handled once and its answers are kept to be sent again.

Confirming a sentence whose source occurs again in the document fills the other occurrences
(`workflows.propagate`); the confirm's answer carries a notice saying so with an undo, and
each filled row comes back as an answer of its own (outcome `updated`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from workbench.editing import QaCheck, concordance, find_replace, no_qa_checks, resegment, review
from workbench.editing import background as grid_jobs
from workbench.editing.payload import qa_marks, revision_fields, rows_payload
from workbench.editing.repetitions import mark_rows, skip_choice
from workbench.editing.saving import Outcome, SaveAction, SaveRequest, SaveResult, save
from workbench.exchange.inline import from_display, to_display
from workbench.store import Revision, Store
from workbench.vocabulary import FINISHED_STATUSES, Origin
from workbench.workflows.propagate import (
    Propagated,
    propagate_confirmed,
    repetitions,
    undo_propagation,
)

PROPAGATIONS_KEPT = 20  # the last propagations that can still be undone from the grid


def next_unconfirmed(states: Sequence[str], after: int) -> int | None:
    """The position of the first row after `after` that is not confirmed, wrapping round to
    the start of the document; None when every other row is confirmed."""
    count = len(states)
    for step in range(1, count + 1):
        position = (after + step) % count
        if position != after and states[position] != "confirmed":
            return position
    return None


@dataclass
class OpenGrid:
    store: Store
    document_id: int
    target_lang: str
    qa_check: QaCheck = no_qa_checks
    rows: list[dict] = field(default_factory=list)
    epoch: int = 0  # bumped whenever `rows` are rebuilt: the grid then needs all of them
    last_batch: str | None = None  # id of the last batch handled
    answers: list[dict] = field(default_factory=list)  # for `last_batch`
    rows_wanted: bool = False  # the grid asked for every row (it lost them)
    saved: bool = False  # the last batch saved something: answer it first, tools later
    active: int | None = None  # segment id of the active row (its tools are sent)
    active_text: str = ""
    preview: dict | None = None
    author_restored: str | None = None  # a name the browser remembered, to put in the field
    skip_repetitions: bool = True  # moving passes over repetitions propagation filled
    lookups: resegment.Lookups | None = None  # what refills segments a split or merge makes
    background: grid_jobs.GridBackground = field(default_factory=grid_jobs.GridBackground)
    propagate: bool | None = None  # fill repetitions on confirm (None: WORKBENCH_PROPAGATE)
    # the last concordance lookup asked from the active segment's tools:
    # {"query": text, "target": search the translations, "whole": whole words only,
    #  "seg": segment id} (`concordance.request_of`), or None
    concordance: dict | None = None
    review_version: int = 0  # bumped by every review or comment event: the tools are stale
    _positions: dict[int, int] = field(default_factory=dict)
    _sources: dict[int, str] = field(default_factory=dict)  # stored source texts by id
    _propagations: dict[str, Propagated] = field(default_factory=dict)
    _batch_heads: dict[int, int | None] = field(default_factory=dict)

    def reload(self) -> None:
        """Read every row again (a full page run: other editors' work shows)."""
        self.background.mark(self.store)
        stored = self.store.segment_rows(self.document_id, self.target_lang).rows
        repeats = repetitions(self.store, self.document_id)
        self.rows = rows_payload(stored, self.target_lang, self.qa_check, repeats)
        mark_rows(self.rows, repeats)
        review.add_review_fields(self.store, self.document_id, self.target_lang, self.rows)
        self._positions = {row["id"]: i for i, row in enumerate(self.rows)}
        self._sources = {row.segment.id: row.segment.text for row in stored}
        self.epoch += 1

    def row(self, segment_id: int) -> dict | None:
        position = self._positions.get(segment_id)
        return self.rows[position] if position is not None else None

    def source_text(self, segment_id: int) -> str:
        """The stored source of a row (with its formatting placeholders, as lookups and QA
        want it; the row's `src` shows them as compact tags)."""
        return self._sources.get(segment_id, "")

    def handle(self, batch: Mapping[str, Any], author: str) -> bool:
        """Handle a batch `{"batch": n, "ops": [...]}`; False if it was handled before."""
        number = str(batch.get("batch", ""))
        if number == self.last_batch:
            return False
        self.last_batch = number
        self.answers = []
        self.rows_wanted = False
        self.saved = any(
            op.get("op") in ("save", "replace", "undo", *review.OPS) for op in batch.get("ops", [])
        )
        self._batch_heads = {}
        grid_jobs.begin_batch(self, batch)
        for op in batch.get("ops", []):
            kind = op.get("op")
            if kind == "save":
                self.answers.extend(self._save(op, author))
            elif kind == "open":
                self.active = int(op["seg"])
                self.active_text = str(op.get("text", ""))
            elif kind == "preview":
                self._preview(op)
            elif kind == "replace":
                self.answers.extend(self._replace(op, author))
            elif kind in review.OPS:
                self.answers.append(review.handle(self, op, author))
            elif kind == "rows":
                self.rows_wanted = True
            elif kind == "skip":
                self.skip_repetitions = skip_choice(op)
            elif kind == "split":
                self.answers.append(resegment.split(self, op, author))
            elif kind == "merge":
                self.answers.append(resegment.merge(self, op, author))
            elif kind == "concordance":
                self.concordance = concordance.request_of(op, self.active)
            elif kind == "undo":
                self.answers.extend(self._undo(str(op.get("token", "")), author))
            elif kind == "author":
                self.author_restored = str(op.get("name", "")).strip()
                author = author.strip() or self.author_restored  # for the saves that follow
            elif kind == "poll":
                grid_jobs.poll(self)
            elif kind == "again":
                grid_jobs.translate_again(self, op)
            elif kind == "cancel":
                grid_jobs.cancel(self)
        return True

    def batch_base(self, segment_id: int, base: int | None) -> int | None:
        """The revision an event builds on: a save earlier in the same batch, else `base`
        (what the grid showed)."""
        return self._batch_heads.get(segment_id, base)

    def _save(self, op: Mapping[str, Any], author: str) -> list[dict]:
        """The save's answer, then one per repetition a confirm filled."""
        segment_id = int(op["seg"])
        origin = Origin(op["origin"]) if op.get("origin") else Origin.HUMAN
        # A second save of a segment in one batch builds on the first one's revision.
        base = self.batch_base(segment_id, op.get("base"))
        request = SaveRequest(
            segment_id,
            self.target_lang,
            SaveAction(op["action"]),
            from_display(str(op["text"])),
            base,
            origin,
            op.get("mt"),
        )
        result = save(self.store, request, author)
        if result.outcome in (Outcome.SAVED, Outcome.UNCHANGED) and result.revision is not None:
            self._batch_heads[segment_id] = result.revision.id
        answer = self._answer(op.get("id"), result)
        if result.outcome != Outcome.SAVED or result.revision is None:
            return [answer]
        if result.revision.status not in FINISHED_STATUSES:
            return [answer]
        propagated = propagate_confirmed(
            self.store,
            self.document_id,
            segment_id,
            self.target_lang,
            author,
            enabled=self.propagate,
        )
        if not (propagated.filled or propagated.kept or propagated.conflicts):
            return [answer]
        token = str(op.get("id") or segment_id)
        if propagated.filled:
            self._propagations[token] = propagated
            for old in list(self._propagations)[:-PROPAGATIONS_KEPT]:
                del self._propagations[old]
        answer["notice"] = {
            "text": propagated.summary(),
            "undo": token if propagated.filled else None,
        }
        # each filled row says so, for the grid to show which rows this confirm filled
        return [
            answer,
            *({**self._updated(f.segment_id), "filled": True} for f in propagated.filled),
        ]

    def _undo(self, token: str, author: str) -> list[dict]:
        """Undo a propagation the grid was told of: each repetition gets its earlier text
        back as a new revision; one changed since is left alone and counted."""
        propagated = self._propagations.pop(token, None)
        if propagated is None:
            return [{"seg": None, "notice": {"text": "That propagation was undone already."}}]
        undone = undo_propagation(self.store, propagated, author)
        changed = {conflict.segment_id for conflict in undone.conflicts}
        restored = [f.segment_id for f in propagated.filled if f.segment_id not in changed]
        line = f"Undone: {len(restored)} repetitions have their earlier text back"
        if changed:
            line += f"; {len(changed)} changed since and were left alone"
        answers = [self._updated(segment_id) for segment_id in restored]
        return [*answers, {"seg": None, "notice": {"text": line + "."}}]

    def _updated(self, segment_id: int) -> dict:
        """An answer for a row the store moved on for this editor (a propagation, its undo)."""
        row = self.row(segment_id)
        head = self.store.current_revision(segment_id, self.target_lang)
        if row is not None and head is not None:
            self._update(row, head)
        return {
            "id": None,
            "seg": segment_id,
            "outcome": "updated",
            "message": "",
            "row": {k: row.get(k) for k in review.ROW_FIELDS} if row else None,
        }

    def _answer(self, op_id: Any, result: SaveResult) -> dict:
        segment_id = result.request.segment_id
        row = self.row(segment_id)
        if row is not None and result.revision is not None and result.outcome != Outcome.CONFLICT:
            self._update(row, result.revision)
        if segment_id == self.active and result.outcome != Outcome.CONFLICT:
            self.active_text = to_display(result.request.target_text)
        answer: dict[str, Any] = {
            "id": op_id,
            "seg": segment_id,
            "outcome": result.outcome.value,
            "message": result.message,
            "row": {k: row.get(k) for k in review.ROW_FIELDS} if row else None,
        }
        if result.theirs is not None or result.outcome == Outcome.CONFLICT:
            answer["theirs"] = revision_fields(result.theirs)
        if result.outcome in (Outcome.CONFLICT, Outcome.REFUSED):
            answer["mine"] = to_display(result.request.target_text)
        return answer

    def batch_head(self, segment_id: int, base: int | None) -> int | None:
        """The base for a write: the revision an earlier write in this batch made, if any."""
        return self._batch_heads.get(segment_id, base)

    def head_in_batch(self, segment_id: int, revision_id: int) -> None:
        self._batch_heads[segment_id] = revision_id

    def apply_revision(self, row: dict, revision: Revision) -> None:
        """Put a new head revision into its row (text, status, QA marks)."""
        self._update(row, revision)

    def _update(self, row: dict, revision: Revision) -> None:
        row.update(revision_fields(revision))
        source = self.source_text(row["id"])
        flags = self.qa_check(source, revision.text, self.target_lang) if revision.text else ()
        row["qa"] = qa_marks(flags)

    def _preview(self, op: Mapping[str, Any]) -> None:
        find, replace = str(op.get("find", "")), str(op.get("replace", ""))
        found = find_replace.preview(self.rows, find, replace, bool(op.get("case")))
        self.preview = find_replace.preview_payload(found, find, replace)

    def _replace(self, op: Mapping[str, Any], author: str) -> list[dict]:
        """Replace in the rows the person ticked, as previewed from the rows' current bases."""
        chosen = {int(s) for s in op.get("segs", [])}
        find, replace = str(op.get("find", "")), str(op.get("replace", ""))
        found = find_replace.preview(self.rows, find, replace, bool(op.get("case")))
        results = find_replace.apply(
            self.store, self.target_lang, [r for r in found if r.segment_id in chosen], author
        )
        self.preview = None
        return [self._answer(None, result) for result in results]
