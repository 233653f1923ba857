"""What one save from the editor means, given the revision the editor started from.

The grid sends a request naming its *base*: the revision its text was loaded from. The rules:

- A status changes only by an explicit action: a draft save of the text the segment already
  has adds nothing (a confirmed segment stays confirmed), and so does confirming a segment
  that is already confirmed with that text.
- A save over a newer revision than the base (someone else saved meanwhile) is refused and
  reported with both texts, unless the newer revision already holds exactly this text (and,
  for a confirm, is confirmed): then there is nothing to do and nothing is lost.
- A newer revision that a machine wrote (a background job's MT landing while the editor
  typed) is no one's work: the editor's text goes on top of it (the MT stays among the
  segment's alternatives and in its history).
- An empty box over no translation is not a save; an empty target is never confirmed.
- Every request needs a name to record; there is no fallback to the OS user.
- A write the store refuses (full disk, read-only file, a role that may not do it) is
  refused with its one-line reason; nothing was stored and the grid keeps the typed text.
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass

from workbench.errors import WorkbenchError
from workbench.store import Revision, RevisionConflict, Store
from workbench.store.service import MT_AUTHOR_PREFIX
from workbench.vocabulary import Origin, RevisionStatus


class SaveAction(enum.StrEnum):
    DRAFT = "draft"  # save the text, status draft (typing, leaving a changed row)
    CONFIRM = "confirm"  # save the text as final
    USE = "use"  # a TM match or MT alternative chosen from the tools: a draft with its origin


class Outcome(enum.StrEnum):
    SAVED = "saved"  # a new revision was added
    UNCHANGED = "unchanged"  # nothing to add; `revision` is the current one
    CONFLICT = "conflict"  # refused: `theirs` is newer than the base
    REFUSED = "refused"  # refused for a reason in `message` (no name, empty confirm)


@dataclass(frozen=True)
class SaveRequest:
    segment_id: int
    target_lang: str
    action: SaveAction
    target_text: str
    base_revision_id: int | None
    origin: Origin = Origin.HUMAN  # for USE: Origin.TM or Origin.MT
    machine_translation_id: int | None = None


@dataclass(frozen=True)
class SaveResult:
    request: SaveRequest
    outcome: Outcome
    revision: Revision | None = None  # the segment's current revision after the request
    theirs: Revision | None = None  # for a conflict: the revision that is newer than the base
    message: str = ""


def save(store: Store, request: SaveRequest, author: str) -> SaveResult:
    """Apply one request to the store by the rules above."""
    if not author.strip():
        return SaveResult(
            request, Outcome.REFUSED, message="Type your name first: every revision records it."
        )
    if request.action == SaveAction.CONFIRM and not request.target_text.strip():
        return SaveResult(request, Outcome.REFUSED, message="An empty target cannot be confirmed.")
    head = store.current_revision(request.segment_id, request.target_lang)
    if _nothing_to_do(head, request):
        return SaveResult(request, Outcome.UNCHANGED, revision=head)
    for _attempt in range(3):  # a job's batch may land between our read and our write
        if (head.id if head else None) != request.base_revision_id:
            if not _machine_draft(head):
                return _conflict(request, head)
            request = dataclasses.replace(request, base_revision_id=head.id)
        try:
            return SaveResult(request, Outcome.SAVED, revision=_write(store, request, author))
        except RevisionConflict as conflict:  # someone saved between our read and our write
            head = conflict.theirs
        except WorkbenchError as exc:
            return SaveResult(request, Outcome.REFUSED, message=f"Not saved: {exc}")
    return _conflict(request, head)


def _write(store: Store, request: SaveRequest, author: str) -> Revision:
    if request.action == SaveAction.CONFIRM:
        return store.confirm(
            request.segment_id,
            request.target_lang,
            author.strip(),
            request.base_revision_id,
            text=request.target_text,
        )
    return store.save_revision(
        request.segment_id,
        request.target_lang,
        request.target_text,
        author.strip(),
        request.base_revision_id,
        origin=request.origin if request.action == SaveAction.USE else Origin.HUMAN,
        machine_translation_id=request.machine_translation_id,
    )


def _machine_draft(head: Revision | None) -> bool:
    """An MT draft written by an engine, not chosen by a person."""
    return (
        head is not None
        and head.origin == Origin.MT
        and head.status == RevisionStatus.DRAFT
        and head.author.startswith(MT_AUTHOR_PREFIX)
    )


def _nothing_to_do(head: Revision | None, request: SaveRequest) -> bool:
    if head is None:
        return request.action != SaveAction.CONFIRM and not request.target_text.strip()
    if head.text != request.target_text:
        return False
    if request.action == SaveAction.CONFIRM:
        return head.status == RevisionStatus.CONFIRMED
    return True  # the same text: a draft save never demotes, a chosen text is already there


def _conflict(request: SaveRequest, theirs: Revision | None) -> SaveResult:
    who = f"{theirs.author} at {theirs.created:%H:%M} UTC" if theirs else "someone"
    return SaveResult(
        request,
        Outcome.CONFLICT,
        revision=theirs,
        theirs=theirs,
        message=f"Not saved: {who} changed this sentence after you opened it.",
    )
