"""Who may put which revision on top of which: the review rules the store enforces.

The life of a segment's target: draft → confirmed (a translator) → approved (a reviewer);
a reviewer may send it back (rejected, with a comment). An approved segment is locked:
only a reviewer or a manager may change it, and unlocking it (back to confirmed, same text)
is a revision like any other. A person's revision carries their own name: the store refuses
one authored by anybody but the actor (provenance authors such as `mt:argos` or `tm:file`
name the source of bulk text, not a person, and are exempt).

Checked inside the write transaction against the head read there, so two writers cannot
both pass a check that only one of them should.
"""

from __future__ import annotations

from workbench.identity import Actor, NotPermitted, Role
from workbench.vocabulary import RevisionStatus

# Authors that name where bulk text came from rather than a person.
PROVENANCE_PREFIXES = ("mt:", "tm:")


def is_provenance(author: str) -> bool:
    return author.startswith(PROVENANCE_PREFIXES)


def check_author(actor: Actor, author: str) -> None:
    """A person's revision must carry the actor's own name."""
    if author != actor.name and not is_provenance(author):
        raise NotPermitted(
            f"{actor.name} may not save a revision as {author!r}: revisions carry the name "
            "of the person signed in (nothing was saved)"
        )


def is_unlock(head: RevisionStatus | None, status: RevisionStatus, text_changed: bool) -> bool:
    return (
        head == RevisionStatus.APPROVED and status == RevisionStatus.CONFIRMED and not text_changed
    )


def is_locked_for(actor: Actor, head: RevisionStatus | None) -> bool:
    """An approved segment is locked for anyone who is not a reviewer."""
    return head == RevisionStatus.APPROVED and not actor.has(Role.REVIEWER)


def check_transition(
    actor: Actor,
    head: RevisionStatus | None,
    status: RevisionStatus,
    text_changed: bool,
) -> None:
    """Raise `NotPermitted` unless the actor's roles allow going from `head` to `status`."""
    if status == RevisionStatus.APPROVED:
        actor.require(Role.REVIEWER, action="approve segments")
        return
    if status == RevisionStatus.REJECTED:
        actor.require(Role.REVIEWER, action="send segments back")
        return
    if head == RevisionStatus.APPROVED:
        if is_unlock(head, status, text_changed):
            actor.require(Role.REVIEWER, Role.MANAGER, action="unlock approved segments")
            return
        actor.require(Role.REVIEWER, action="change an approved (locked) segment")
        return
    actor.require(Role.TRANSLATOR, Role.REVIEWER, action="edit or confirm segments")
