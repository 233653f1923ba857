"""Plain, frozen values the store hands out (never live ORM objects).

Pages cache them and the CLI prints them without a database session, so they carry
everything a caller needs and nothing that can lazily hit the database.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from workbench.store.errors import RevisionConflict
from workbench.vocabulary import FINISHED_STATUSES, Origin, RevisionStatus


class SegmentState(enum.StrEnum):
    """Where a segment stands for one target, derived from its newest revision."""

    UNTRANSLATED = "untranslated"  # no revision yet
    PRETRANSLATED = "pretranslated"  # MT, TM or aligned text no editor has touched
    EDITED = "edited"  # an editor saved a draft
    CONFIRMED = "confirmed"  # marked final

    @property
    def label(self) -> str:
        return _STATE_LABELS[self]


_STATE_LABELS = {
    SegmentState.UNTRANSLATED: "Untranslated",
    SegmentState.PRETRANSLATED: "MT",
    SegmentState.EDITED: "Edited",
    SegmentState.CONFIRMED: "Confirmed",
}


@dataclass(frozen=True)
class Document:
    id: int
    name: str
    source_lang: str
    created: datetime
    segment_count: int
    word_count: int  # source words (whitespace-separated), summed over the segments


@dataclass(frozen=True)
class StoredSegment:
    """A sentence as stored; `index` and `paragraph` are 0-based like `workbench.segment`."""

    id: int
    document_id: int
    index: int
    paragraph: int
    text: str
    start: int
    end: int
    word_count: int
    retired: datetime | None = None  # when a split or merge replaced it (None: live)


@dataclass(frozen=True)
class Revision:
    id: int
    segment_id: int
    target: str
    number: int  # 1, 2, 3 … per segment and target
    text: str
    author: str
    created: datetime  # UTC
    origin: Origin
    status: RevisionStatus
    machine_translation_id: int | None

    @property
    def state(self) -> SegmentState:
        return state_of(self)


def state_of(revision: Revision | None) -> SegmentState:
    if revision is None:
        return SegmentState.UNTRANSLATED
    if revision.status in FINISHED_STATUSES:
        return SegmentState.CONFIRMED
    if revision.origin == Origin.HUMAN:
        return SegmentState.EDITED
    return SegmentState.PRETRANSLATED


@dataclass(frozen=True)
class Alternative:
    """One n-best hypothesis; rank 0 is the engine's best."""

    rank: int
    text: str
    score: float


@dataclass(frozen=True)
class MachineTranslation:
    id: int
    segment_id: int
    target: str
    engine: str
    model_id: str
    created: datetime
    alternatives: tuple[Alternative, ...]

    @property
    def best(self) -> str:
        return self.alternatives[0].text if self.alternatives else ""


@dataclass(frozen=True)
class SegmentRow:
    """What the editor shows for one sentence: the source and its current target."""

    segment: StoredSegment
    revision: Revision | None

    @property
    def state(self) -> SegmentState:
        return state_of(self.revision)

    @property
    def target_text(self) -> str:
        return self.revision.text if self.revision else ""


@dataclass(frozen=True)
class SegmentPage:
    """One page of a filtered segment list, and how many segments matched in all."""

    rows: tuple[SegmentRow, ...]
    total: int


@dataclass(frozen=True)
class Progress:
    """Counts per state for one document and target (segments and source words)."""

    segments: int
    words: int
    confirmed: int
    edited: int
    pretranslated: int
    untranslated: int
    confirmed_words: int

    @property
    def percent_done(self) -> float:
        """Share of source words in confirmed segments, as CAT tools count progress."""
        return 100.0 * self.confirmed_words / self.words if self.words else 0.0


@dataclass(frozen=True)
class Appended:
    """What a bulk append did: revisions added, and the segments left alone because their
    head moved since the base the text was computed from (each with both texts)."""

    added: int
    conflicts: tuple[RevisionConflict, ...] = ()
    locked: tuple[int, ...] = ()  # segment ids left alone: approved, locked for the actor


class SegmentEditKind(enum.StrEnum):
    """How a person repaired the segmentation."""

    SPLIT = "split"
    MERGE = "merge"


@dataclass(frozen=True)
class SegmentEdit:
    """Where a segment made by a split or merge came from.

    `needs_review`: the split carried the old segment's whole target onto this part (no
    target split point was given), or the merge joined a translated part with an untranslated
    or machine-only one; the editor marks it until the translator confirms a new revision.
    """

    segment_id: int
    kind: SegmentEditKind
    predecessor_ids: tuple[int, ...]  # the retired segments, in document order
    part: int  # split: 0 the first part, 1 the second; merge: 0
    needs_review: bool
    author: str
    created: datetime


@dataclass(frozen=True)
class Resegmented:
    """What a split or merge did: the segments it retired and the live ones that replaced
    them (in document order, with their new positions), and the targets carried over."""

    kind: SegmentEditKind
    retired: tuple[StoredSegment, ...]
    segments: tuple[StoredSegment, ...]
    carried: tuple[Revision, ...]


@dataclass(frozen=True)
class EarlierSegment:
    """A retired segment a live one descends from, with its revisions for one target
    (oldest first): what `workbench history` and the editor show as the old history."""

    segment: StoredSegment
    became: SegmentEditKind  # how it was replaced
    revisions: tuple[Revision, ...]


@dataclass(frozen=True)
class DocumentOriginal:
    """A document's original file as imported: its format (`workbench.exchange.document_formats`
    name), bytes, and the encoding the user confirmed for a text in a legacy encoding."""

    format: str
    data: bytes
    encoding: str | None = None


@dataclass(frozen=True)
class PlannedText:
    """A target text for one sentence, addressed by its position in the document (so it can
    be planned before the document is stored), put on top of `base_revision_id` (the head
    the caller read; None: the sentence had no target)."""

    position: int
    text: str
    author: str
    base_revision_id: int | None = None
    status: RevisionStatus = RevisionStatus.DRAFT


@dataclass(frozen=True)
class MachineTranslationBatch:
    """One engine run over a whole document: an n-best list per sentence, document order.
    Each hypothesis is anything with `text` and `score` (`workbench.engines.Hypothesis`)."""

    engine: str
    model_id: str
    hypotheses: tuple[tuple, ...]


@dataclass(frozen=True)
class DocumentTargets:
    """What lands on a document's sentences for one target language in one transaction:
    `texts` first (TM fills, aligned translations; each with its base and `origin`), then
    the MT, which becomes the target of sentences no one has worked on."""

    target_lang: str
    texts: tuple[PlannedText, ...] = ()
    origin: Origin = Origin.TM
    mt: MachineTranslationBatch | None = None
    # The live segments, in document order, that the positions address, as the caller read
    # them (None: a new document, or a caller that only knows the count). When the
    # document's live segments are no longer these (a split or merge ran meanwhile), the
    # store refuses with `SegmentsChanged` rather than put a text on the wrong sentence.
    segment_ids: tuple[int, ...] | None = None


@dataclass(frozen=True)
class TargetsStored:
    """What `DocumentTargets` did: texts added, sentences whose target became the new MT,
    and texts left alone because their sentence's head moved since their base."""

    added: int
    new_mt: int
    conflicts: tuple[RevisionConflict, ...] = ()
