"""Store errors a user can act on (all `WorkbenchError`, so the CLI prints one line)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.errors import WorkbenchError

if TYPE_CHECKING:
    from workbench.store.records import Revision


class SchemaVersionError(WorkbenchError):
    """The database was made by a different workbench schema; nothing was changed in it."""


class UnknownDocumentError(WorkbenchError):
    """No stored document has that name or id."""


class AmbiguousDocumentError(WorkbenchError):
    """A string of digits is one document's id and another's name."""


class RevisionConflict(WorkbenchError):
    """Someone saved the segment after the editor opened it; the new text was not saved.

    Carries both sides so the editor can show them: `yours` is the refused text, `theirs`
    the revision now current (None if the segment's revisions vanished, which cannot happen
    in an append-only store but is typed honestly). Saving again with
    `base_revision_id=conflict.theirs.id` deliberately puts `yours` on top.
    """

    def __init__(self, segment_id: int, target_lang: str, yours: str, theirs: Revision | None):
        who = f"{theirs.author} (revision {theirs.number})" if theirs else "someone"
        super().__init__(
            f"segment {segment_id} ({target_lang}) was changed by {who} since you opened it; "
            "your text was not saved"
        )
        self.segment_id = segment_id
        self.target_lang = target_lang
        self.yours = yours
        self.theirs = theirs


class StoreBusyError(WorkbenchError):
    """Concurrent writers kept taking the same revision numbers; nothing was written."""
