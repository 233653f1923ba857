"""The persistent store: documents, sentences, MT results and append-only revisions.

Open it once and call methods; every method is one short transaction and returns frozen
records (`workbench.store.records`), never ORM objects::

    from workbench.store import open_store, Origin, RevisionStatus, RevisionConflict

    with open_store() as store:               # WORKBENCH_DB, or sqlite translations/workbench.db
        ...                                   # (a context manager: closes its connections)
    store = open_store("sqlite:///tmp/x.db")  # or postgresql+psycopg://user@host/db

    doc = store.add_document("report.txt", text)          # segmented with workbench.segment
    doc = store.import_document("report.txt", text)       # same, but reuses an identical one
    store.documents(); store.document("report.txt"); store.document(3)   # name or id
    store.segments(doc.id)                                 # [StoredSegment], document order
    store.document_text(doc.id)                            # the text as added (spans index it)

    # MT: one n-best list per segment, in document order (workbench.engines Hypothesis)
    store.add_machine_translations(doc.id, "ur", "argos", model_id, hypotheses)
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

    # The editor's view and progress, computed in the database
    store.segment_rows(doc.id, "ur", SegmentFilter.EDITED, search="Kabul", offset=0, limit=50)
    store.progress(doc.id, "ur")                           # Progress counts and percent_done

Revision `origin` and `status` are `workbench.vocabulary`'s `Origin` and `RevisionStatus`. A
segment's state (`SegmentState`: untranslated, pretranslated, edited, confirmed) follows from
its current revision. MT revisions are authored `mt:<engine>`.

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
    jobs,  # noqa: F401  (background MT jobs)
    tm_entries,  # noqa: F401  (the translation memory's table)
)
from workbench.store.errors import (
    AmbiguousDocumentError,
    RevisionConflict,
    SchemaVersionError,
    StoreBusyError,
    UnknownDocumentError,
)
from workbench.store.models import AUTHOR_MAX_CHARS, SCHEMA_VERSION
from workbench.store.records import (
    Alternative,
    Appended,
    Document,
    MachineTranslation,
    Progress,
    Revision,
    SegmentPage,
    SegmentRow,
    SegmentState,
    StoredSegment,
)
from workbench.store.service import SegmentFilter, Store, open_store
from workbench.vocabulary import Origin, RevisionStatus

__all__ = [
    "AUTHOR_MAX_CHARS",
    "SCHEMA_VERSION",
    "Alternative",
    "AmbiguousDocumentError",
    "Appended",
    "Document",
    "MachineTranslation",
    "Origin",
    "Progress",
    "Revision",
    "RevisionConflict",
    "RevisionStatus",
    "SchemaVersionError",
    "SegmentFilter",
    "SegmentPage",
    "SegmentRow",
    "SegmentState",
    "Store",
    "StoreBusyError",
    "StoredSegment",
    "UnknownDocumentError",
    "open_store",
]
