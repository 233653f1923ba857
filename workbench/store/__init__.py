"""The persistent store: documents, sentences, MT results and append-only revisions.

Open it once and call methods; every method is one short transaction and returns frozen
records (`workbench.store.records`), never ORM objects::

    from workbench.store import open_store, Origin, Status, RevisionConflict

    store = open_store()                      # WORKBENCH_DB, or sqlite translations/workbench.db
    store = open_store("sqlite:///tmp/x.db")  # or postgresql+psycopg://user@host/db

    doc = store.add_document("report.txt", text)          # segmented with workbench.segment
    doc = store.import_document("report.txt", text)       # same, but reuses an identical one
    store.documents(); store.document("report.txt"); store.document(3)   # name or id
    store.segments(doc.id)                                 # [StoredSegment], document order
    store.document_text(doc.id)                            # the text as added (spans index it)

    # MT: one n-best list per segment, in document order (workbench.engines Hypothesis)
    store.add_machine_translations(doc.id, "ur", "argos", model_id, hypotheses)
    translate_stored_document(store, doc, engine, "ur")    # pipeline + the call above (n-best 3)
    store.machine_translations(segment_id, "ur")           # [MachineTranslation], newest first
    store.document_machine_translations(doc.id, "ur")      # {segment id: [MachineTranslation]}

    # Revisions are append-only; the current target is the newest one.
    head = store.current_revision(segment_id, "ur")        # Revision | None
    try:
        rev = store.save_revision(segment_id, "ur", text, author, base_revision_id=head.id)
    except RevisionConflict as conflict:                   # someone saved in between
        conflict.yours, conflict.theirs.text               # nothing was written
    store.confirm(segment_id, "ur", author, base_revision_id=rev.id)   # status confirmed
    store.append_revisions("ur", {segment_id: text}, author, origin="tm")  # bulk imports
    store.history(segment_id, "ur")                        # oldest first
    store.document_history(doc.id, "ur")                   # every revision, in save order
    store.current_revisions(doc.id, "ur")                  # {segment id: Revision}

    # The editor's view and progress, computed in the database
    store.segment_rows(doc.id, "ur", SegmentFilter.EDITED, search="Kabul", offset=0, limit=50)
    store.progress(doc.id, "ur")                           # Progress counts and percent_done

Revision `origin`: `mt`, `human`, `tm`, `aligned`; `status`: `draft`, `confirmed`. A segment's
state (`SegmentState`: untranslated, pretranslated, edited, confirmed) follows from its current
revision. MT revisions are authored `mt:<engine>`.

Schema: the database records `SCHEMA_VERSION`; opening one from another version raises
`SchemaVersionError` and changes nothing. Modules with their own tables subclass
`workbench.store.models.Base` and are imported before `open_store`; new tables are created on
open, changes to existing tables bump `SCHEMA_VERSION`.
"""

# Modules with their own tables, imported so `open_store` creates them.
from workbench.store import (
    accounts,  # noqa: F401  (team mode: users, sessions, failed sign-ins)
    assignments,  # noqa: F401  (who translates and reviews a document, by when)
    comments,  # noqa: F401  (comment threads per segment)
    memory,  # noqa: F401  (the translation memory's table)
)
from workbench.store.errors import (
    AmbiguousDocumentError,
    RevisionConflict,
    SchemaVersionError,
    UnknownDocumentError,
)
from workbench.store.models import SCHEMA_VERSION, Origin, Status
from workbench.store.records import (
    Alternative,
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
from workbench.store.translate import StoredTranslation, as_segment, translate_stored_document

__all__ = [
    "SCHEMA_VERSION",
    "Alternative",
    "AmbiguousDocumentError",
    "Document",
    "MachineTranslation",
    "Origin",
    "Progress",
    "Revision",
    "RevisionConflict",
    "SchemaVersionError",
    "SegmentFilter",
    "SegmentPage",
    "SegmentRow",
    "SegmentState",
    "Status",
    "Store",
    "StoredSegment",
    "StoredTranslation",
    "UnknownDocumentError",
    "as_segment",
    "open_store",
    "translate_stored_document",
]
