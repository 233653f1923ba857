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


class SegmentRetired(RevisionConflict):
    """A save on a segment that a split or merge replaced: nothing was saved; `yours` is
    the refused text, `theirs` the retired segment's last revision."""

    def __init__(self, segment_id: int, target_lang: str, yours: str, theirs: Revision | None):
        super().__init__(segment_id, target_lang, yours, theirs)
        self.args = (
            f"segment {segment_id} was split or merged while you edited it; your text was not "
            "saved: reload the document and enter it on the new segments",
        )


class SegmentsChanged(WorkbenchError):
    """A document's segments were split or merged while texts or MT were computed for the
    segments as they were: nothing was stored (store them again for the new segments)."""


class StoreBusyError(WorkbenchError):
    """Concurrent writers kept taking the same revision numbers; nothing was written."""


class WriteClash(StoreBusyError):
    """Another writer inserted the same unique row at the same moment (the append path
    re-runs its transaction on this; elsewhere it reaches the user as one line)."""


class DatabaseFailure(WorkbenchError):
    """The database refused or failed an operation; the message says what to do. Nothing of
    the refused operation was saved (its transaction was rolled back)."""


class DatabaseReadOnlyError(DatabaseFailure):
    """The database file, its folder or the server is read-only."""


class DatabaseFullError(DatabaseFailure):
    """The disk (or the server's disk) holding the database is full."""


class DatabaseDamagedError(DatabaseFailure):
    """The database file cannot be read: it is not a database or is corrupt."""


class DatabaseUnreachableError(DatabaseFailure):
    """The database cannot be opened or its server cannot be reached."""
