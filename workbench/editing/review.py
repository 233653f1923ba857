"""Review in the editor grid: approve, send back with a comment, unlock, comment threads, and
what a reviewer and a translator are shown about them.

Every decision is the store's (`workbench.store.review` checks roles and locks inside the
write transaction, `Store.reject` writes the status and its comment together); this module
turns grid events into those calls and their outcomes into answers, and prepares what the
rows and the active row's tools show: revision status, open comments, the reason a row was
sent back, and the change from MT to the translator's text to the reviewer's edits.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from workbench.editing.payload import ORIGIN_LABELS, revision_fields, word_diff
from workbench.errors import WorkbenchError
from workbench.exchange.inline import to_display
from workbench.identity import Actor, Role
from workbench.store import Revision, RevisionConflict, Store
from workbench.store.comments import Comment, Comments, Thread
from workbench.store.review import is_locked_for, is_provenance
from workbench.vocabulary import Origin, RevisionStatus

if TYPE_CHECKING:
    from workbench.editing.session import OpenGrid

# Event kinds this module handles (`OpenGrid.handle` delegates them here).
OPS = ("review", "comment", "resolve")
# The row fields a review or comment answer carries back to the grid.
ROW_FIELDS = ("tgt", "rev", "state", "status", "origin", "by", "at", "qa", "notes", "reason")


class ReviewAction(enum.StrEnum):
    APPROVE = "approve"  # a reviewer's sign-off: approved, locked for translators
    REJECT = "reject"  # sent back to the translator with a comment
    UNLOCK = "unlock"  # an approved segment confirmed again, open to translators


def acting_person(store: Store, author: str) -> Actor:
    """Who the grid's writes are for: the store's signed-in person in team mode, else the
    single-user desk's person (every role) under the name in the sidebar."""
    return store.actor or Actor.local(author.strip())


def review_rights(actor: Actor | None) -> dict[str, bool]:
    """What the grid offers the person: review mode (reviewers and managers in team mode),
    approve and send back (reviewers), unlock (reviewers and managers), and whether an
    approved row is locked for them. The store refuses the rest whatever the grid shows."""
    if actor is None:  # single-user desk: one person, no review
        return {"team": False, "mode": False, "approve": False, "unlock": False, "locked": False}
    return {
        "team": True,
        "mode": actor.has_any(Role.REVIEWER, Role.MANAGER),
        "approve": actor.has(Role.REVIEWER),
        "unlock": actor.has_any(Role.REVIEWER, Role.MANAGER),
        "locked": is_locked_for(actor, RevisionStatus.APPROVED),
    }


# ---- rows ---------------------------------------------------------------------------------


def rejection_reason(threads: Sequence[Comment], rejected_by: str) -> Comment | None:
    """The comment a row was sent back with: the newest open thread its reviewer started
    (the store writes it with the rejection), else the newest open thread."""
    by_reviewer = [c for c in threads if c.author == rejected_by]
    chosen = by_reviewer or list(threads)
    return chosen[-1] if chosen else None


def add_review_fields(store: Store, document_id: int, target_lang: str, rows: list[dict]) -> None:
    """Give each grid row its open comment count (`notes`) and, when it was sent back, the
    reviewer's comment (`reason`: author, time, text), read in one query."""
    threads = Comments(store).open_threads(document_id, target_lang)
    for row in rows:
        set_notes(row, threads.get(row["id"], []))


def first_sent_back(rows: Sequence[Mapping[str, Any]]) -> int | None:
    """The number of the first row a reviewer sent back, where a translator starts."""
    return next((row["n"] for row in rows if row.get("status") == RevisionStatus.REJECTED), None)


def set_notes(row: dict, open_threads: Sequence[Comment]) -> None:
    row["notes"] = len(open_threads)
    row["reason"] = None
    if row.get("status") == RevisionStatus.REJECTED:
        reason = rejection_reason(open_threads, row.get("by", ""))
        if reason is not None:
            row["reason"] = comment_payload(reason)


def comment_payload(comment: Comment) -> dict:
    return {"id": comment.id, "by": comment.author, "at": _when(comment), "text": comment.text}


def _when(comment: Comment) -> str:
    return f"{comment.created:%Y-%m-%d %H:%M}"


# ---- the active row's tools ---------------------------------------------------------------


def thread_payload(thread: Thread) -> dict:
    return {
        "id": thread.id,
        "open": thread.is_open,
        "resolved_by": thread.resolved_by or "",
        "comments": [comment_payload(c) for c in thread.comments],
    }


def reviewer_of(history: Sequence[Revision], viewer: Actor | None) -> str | None:
    """Whose edits count as the reviewer's: the person looking, if a reviewer, else the
    author of the newest approval or rejection."""
    if viewer is not None and viewer.has(Role.REVIEWER):
        return viewer.name
    for revision in reversed(history):
        if revision.status in (RevisionStatus.APPROVED, RevisionStatus.REJECTED):
            return revision.author
    return None


def changes(history: Sequence[Revision], current_text: str, reviewer: str | None) -> list[dict]:
    """The way from MT to the translator's text to the reviewer's edits, word by word.

    MT is the newest machine-translated revision; the translator's text is the newest
    revision by a person other than the reviewer; the reviewer's edits are what stands
    now (the box, whose formatting tags are in their compact display form) against it.
    Steps with no text on either side, or no change, are left out.
    """
    mt = next((r for r in reversed(history) if r.origin == Origin.MT), None)
    translator = next(
        (r for r in reversed(history) if not is_provenance(r.author) and r.author != reviewer),
        None,
    )
    mt_text = to_display(mt.text) if mt is not None else ""
    translator_text = to_display(translator.text) if translator is not None else ""
    steps = []
    if mt is not None and translator is not None and translator_text != mt_text:
        steps.append(_step("MT", f"{translator.author} (translator)", mt_text, translator_text))
    start, start_label = (
        (translator_text, f"{translator.author} (translator)")
        if translator is not None
        else (mt_text, "MT")
        if mt is not None
        else (None, "")
    )
    if start is not None and current_text and current_text != start:
        now = f"{reviewer} (reviewer)" if reviewer else "now"
        steps.append(_step(start_label, now, start, current_text))
    return steps


def _step(before: str, after: str, old: str, new: str) -> dict:
    return {"from": before, "to": after, "diff": phrase_diff(old, new)}


def phrase_diff(old: str, new: str) -> list[list[str]]:
    """`word_diff`, with changes separated only by spaces joined into one: a replaced
    phrase reads as one deletion and one insertion, not word against word."""
    spans = word_diff(old, new)
    merged: list[list[str]] = []
    position = 0
    while position < len(spans):
        op, text = spans[position]
        if op == "=":
            merged.append([op, text])
            position += 1
            continue
        end = position
        while True:
            while end + 1 < len(spans) and spans[end + 1][0] != "=":
                end += 1
            if _only_space_between(spans, end):
                end += 2
                continue
            break
        deleted = inserted = ""
        for run_op, run_text in spans[position : end + 1]:
            if run_op != "+":
                deleted += run_text
            if run_op != "-":
                inserted += run_text
        merged.extend([k, t] for k, t in (("-", deleted), ("+", inserted)) if t.strip())
        position = end + 1
    return merged


def _only_space_between(spans: list[list[str]], end: int) -> bool:
    """Whether the change ending at `end` is followed by spaces and another change."""
    return (
        end + 2 < len(spans)
        and spans[end + 1][0] == "="
        and not spans[end + 1][1].strip()
        and spans[end + 2][0] != "="
    )


def review_tools(
    store: Store,
    segment_id: int,
    target_lang: str,
    current_text: str,
    viewer: Actor | None,
) -> dict:
    """What the active row's tools add for review: its comment threads, the changes from MT
    to the translator to the reviewer, and its head's status and who set it."""
    history = store.history(segment_id, target_lang)
    head = history[-1] if history else None
    return {
        "threads": [thread_payload(t) for t in Comments(store).threads(segment_id, target_lang)],
        "changes": changes(history, current_text, reviewer_of(history, viewer)),
        "status": {
            "status": str(head.status),
            "by": head.author,
            "at": f"{head.created:%Y-%m-%d %H:%M}",
            "origin": ORIGIN_LABELS.get(str(head.origin), str(head.origin)),
        }
        if head
        else None,
    }


# ---- events -------------------------------------------------------------------------------


def handle(grid: OpenGrid, op: Mapping[str, Any], author: str) -> dict:
    """One review event from the grid, answered like a save: `saved`, `unchanged`,
    `conflict` (someone changed the sentence since the grid's base) or `refused` (the
    store's one-line reason: a role that may not, an empty reason, a locked segment)."""
    segment_id = int(op["seg"])
    kind = op.get("op")
    store = grid.store
    actor = acting_person(store, author)
    answer: dict[str, Any] = {"id": op.get("id"), "seg": segment_id, "kind": kind}
    try:
        if not actor.name:
            raise WorkbenchError("Type your name first: every revision records it.")
        if kind == "review":
            base = grid.batch_head(segment_id, op.get("base"))
            revision = _review(store, grid.target_lang, actor, segment_id, base, op)
            answer["outcome"] = "saved" if revision.id != base else "unchanged"
            answer["action"] = str(op.get("action"))
            row = grid.row(segment_id)
            if row is not None:
                grid.apply_revision(row, revision)
            grid.head_in_batch(segment_id, revision.id)
        elif kind == "comment":
            reply_to = op.get("reply_to")
            Comments(store).add(
                segment_id,
                grid.target_lang,
                actor,
                str(op.get("text", "")),
                int(reply_to) if reply_to is not None else None,
            )
            answer["outcome"] = "commented"
        else:
            Comments(store).resolve(int(op["thread"]), actor, bool(op.get("resolved", True)))
            answer["outcome"] = "resolved" if op.get("resolved", True) else "reopened"
    except RevisionConflict as conflict:
        answer["outcome"] = "conflict"
        answer["message"] = _conflict_line(conflict.theirs)
        answer["theirs"] = revision_fields(conflict.theirs)
        row = grid.row(segment_id)
        if row is not None and conflict.theirs is not None:  # the reviewer sees what is there
            grid.apply_revision(row, conflict.theirs)
    except WorkbenchError as exc:
        answer["outcome"] = "refused"
        answer["message"] = f"Not done: {exc}"
    grid.review_version += 1
    row = grid.row(segment_id)
    if row is not None:
        threads = Comments(store).threads(segment_id, grid.target_lang)
        set_notes(row, [t.comments[0] for t in threads if t.is_open])
        answer["row"] = {k: row.get(k) for k in ROW_FIELDS}
    answer.setdefault("message", "")
    return answer


def _review(
    store: Store,
    target_lang: str,
    actor: Actor,
    segment_id: int,
    base: int | None,
    op: Mapping[str, Any],
) -> Revision:
    try:
        action = ReviewAction(str(op.get("action")))
    except ValueError:
        raise WorkbenchError(f"unknown review action {op.get('action')!r}") from None
    if base is None:
        raise WorkbenchError("this sentence has no translation to review yet")
    if action == ReviewAction.APPROVE:
        return store.approve(segment_id, target_lang, actor, base)
    if action == ReviewAction.REJECT:
        return store.reject(segment_id, target_lang, actor, base, str(op.get("comment", "")))
    return store.unlock(segment_id, target_lang, actor, base)


def _conflict_line(theirs: Revision | None) -> str:
    who = f"{theirs.author} at {theirs.created:%H:%M} UTC" if theirs else "someone"
    return f"Not done: {who} changed this sentence after you opened it; look again first."
