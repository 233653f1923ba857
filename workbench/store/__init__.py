"""The persistent store: documents, sentences, MT results and append-only revisions.

Open it once and call methods; every method is one short transaction and returns frozen
records (`workbench.store.records`), never ORM objects::

    from workbench.store import open_store, Origin, RevisionStatus, RevisionConflict

    with open_store() as store:               # WORKBENCH_DB, or sqlite translations/workbench.db
        ...                                   # (a context manager: closes its connections)
    store = open_store("sqlite:///tmp/x.db")  # or postgresql+psycopg://user@host/db

    doc = store.add_document("report.txt", text)          # segmented with workbench.segment
    doc = store.import_document("report.txt", text)       # same, but reuses an identical one
    store.add_document("a.docx", text, original=DocumentOriginal("docx", data))  # with its file
    store.document_original(doc.id)                        # DocumentOriginal | None
    store.original_format(doc.id)                          # "docx" | None, without the bytes
    store.documents(); store.document("report.txt"); store.document(3)   # name or id
    store.segments(doc.id)                                 # [StoredSegment], document order
    store.document_text(doc.id)                            # the text as added (spans index it)

    # MT: one n-best list per segment, in document order (workbench.engines Hypothesis)
    store.add_machine_translations(doc.id, "ur", "argos", model_id, hypotheses)
    # A document with its targets (MT, TM fills, aligned texts), or targets for a stored
    # one, each in one transaction: all of it or nothing is stored.
    doc, stored = store.add_document_with_targets("report.txt", text, "en", None,
                                                  DocumentTargets("ur", texts, Origin.TM, mt))
    stored = store.add_targets(doc.id, DocumentTargets("ur", mt=MachineTranslationBatch(...)))
    store.machine_translations(segment_id, "ur")           # [MachineTranslation], newest first
    store.document_machine_translations(doc.id, "ur")      # {segment id: [MachineTranslation]}

    # Revisions are append-only; the current target is the newest one.
    head = store.current_revision(segment_id, "ur")        # Revision | None
    try:
        rev = store.save_revision(segment_id, "ur", text, author, base_revision_id=head.id)
    except RevisionConflict as conflict:                   # someone saved in between
        conflict.yours, conflict.theirs.text               # nothing was written
    store.confirm(segment_id, "ur", author, base_revision_id=rev.id)   # status confirmed
    appended = store.append_on_bases("ur", {segment_id: text}, {segment_id: head.id},
                                     author, origin="tm")  # TM fill, XLIFF import
    appended.added, appended.conflicts                     # heads that moved are left alone
    store.append_revisions("ur", {segment_id: text}, author, origin="aligned")  # on top
    store.history(segment_id, "ur")                        # oldest first
    store.document_history(doc.id, "ur")                   # every revision, in save order
    store.current_revisions(doc.id, "ur")                  # {segment id: Revision}

    # Repairing the segmentation (old segments retired with their history, see resegment.py)
    done = store.split_segment(segment_id, at_char, author, target_lang="ur",
                               base_revision_id=head.id)    # Resegmented: .retired, .segments
    store.merge_segments(segment_id, author)               # with the next one of its paragraph
    store.segment_edits(doc.id)                            # {segment id: SegmentEdit}
    store.earlier_history(segment_id, "ur")                # [EarlierSegment], nearest first

    # The editor's view and progress, computed in the database
    store.segment_rows(doc.id, "ur", SegmentFilter.EDITED, search="Kabul", offset=0, limit=50)
    store.progress(doc.id, "ur")                           # Progress counts and percent_done

Revision `origin` and `status` are `workbench.vocabulary`'s `Origin` and `RevisionStatus`. A
segment's state (`SegmentState`: untranslated, pretranslated, edited, confirmed) follows from
its current revision. MT revisions are authored `mt:<engine>`.

A database failure (full disk, read-only file, damaged file, server down) raises a one-line
`DatabaseFailure` subclass that says what to do; values longer than a column raise
`InputError` before anything is written, on SQLite as on PostgreSQL.

Every write goes through `Store.transaction`; every revision through one private append path
that checks the base and maps a unique-key clash to a re-run (see `workbench.store.service`).
Only the store opens sessions and sets SQLite pragmas; the translation memory's rows are read
and written through `workbench.store.tm_entries`.

Schema: the database records `SCHEMA_VERSION`; a new database is created in one transaction
(tables and version row together, safe for concurrent first opens); an older version this
workbench knows how to upgrade is upgraded in place in one transaction; a newer or unknown
one, another application's file or a corrupt one raises `SchemaVersionError` and changes
nothing (it is inspected read-only before anything is written).
"""

# Modules with their own tables, imported so `open_store` creates them.
from workbench.store import (
    accounts,  # noqa: F401  (team mode: users, sessions, failed sign-ins)
    assignments,  # noqa: F401  (who translates and reviews a document, by when)
    comments,  # noqa: F401  (comment threads per segment)
    jobs,  # noqa: F401  (background MT jobs)
    tm_entries,  # noqa: F401  (the translation memory's table)
)
from workbench.store.errors import (
    AmbiguousDocumentError,
    DatabaseDamagedError,
    DatabaseFailure,
    DatabaseFullError,
    DatabaseReadOnlyError,
    DatabaseUnreachableError,
    RevisionConflict,
    SchemaVersionError,
    SegmentRetired,
    SegmentsChanged,
    StoreBusyError,
    UnknownDocumentError,
)
from workbench.store.models import AUTHOR_MAX_CHARS, SCHEMA_VERSION
from workbench.store.records import (
    Alternative,
    Appended,
    Document,
    DocumentOriginal,
    DocumentTargets,
    EarlierSegment,
    MachineTranslation,
    MachineTranslationBatch,
    PlannedText,
    Progress,
    Resegmented,
    Revision,
    SegmentEdit,
    SegmentEditKind,
    SegmentPage,
    SegmentRow,
    SegmentState,
    StoredSegment,
    TargetsStored,
)
from workbench.store.service import SegmentFilter, Store, open_store
from workbench.vocabulary import Origin, RevisionStatus

__all__ = [
    "AUTHOR_MAX_CHARS",
    "SCHEMA_VERSION",
    "Alternative",
    "AmbiguousDocumentError",
    "Appended",
    "DatabaseDamagedError",
    "DatabaseFailure",
    "DatabaseFullError",
    "DatabaseReadOnlyError",
    "DatabaseUnreachableError",
    "Document",
    "DocumentOriginal",
    "DocumentTargets",
    "EarlierSegment",
    "MachineTranslation",
    "MachineTranslationBatch",
    "Origin",
    "PlannedText",
    "Progress",
    "Resegmented",
    "Revision",
    "RevisionConflict",
    "RevisionStatus",
    "SchemaVersionError",
    "SegmentEdit",
    "SegmentEditKind",
    "SegmentFilter",
    "SegmentPage",
    "SegmentRetired",
    "SegmentRow",
    "SegmentState",
    "SegmentsChanged",
    "Store",
    "StoreBusyError",
    "StoredSegment",
    "TargetsStored",
    "UnknownDocumentError",
    "open_store",
]
