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
