"""Scores of one document and target from its revision history.

- **MT against the final post-edit**: the machine translation the editor started from (the
  segment's newest `mt` revision) as hypothesis, the current revision as reference. TER
  here is HTER. By default only post-edited segments count (the current revision is an
  editor's draft or confirmed): an untouched MT draft compared with itself would flatter
  the engine. A segment whose editor started from a translation-memory match or an aligned
  human translation (a `tm` or `aligned` revision after the MT) is no post-edit of the MT
  and is left out of HTER; the table says where each final text started from.
- **Editor passes** are human edits and confirmations of the text as it stood; MT, TM fills
  and accepted alignments are where an editor starts from, never an editor's pass.
- **Every revision against the previous one** (how much that pass changed; hypothesis =
  previous text, reference = this revision) **and against the final one** (how far it
  still was from the end result), aggregated per editor and per day.
- **Against an external reference**: MT and final, on the sentences the reference covers.

Works on `SegmentHistory` values (any revision objects with the store's fields), so the
store only has to list segments and their revisions; see `workbench.scoring.stored`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from rapidfuzz.distance import Levenshtein

from workbench.errors import WorkbenchError
from workbench.scoring.metrics import (
    DEFAULT_BOOTSTRAP,
    METRICS,
    CorpusScore,
    ScoredPairs,
    Scorer,
    SegmentScore,
)
from workbench.scoring.references import Reference
from workbench.scoring.significance import PairedResult, paired_test

MT_ORIGIN = "mt"
HUMAN_ORIGIN = "human"
CONFIRMED = "confirmed"
DRAFT = "draft"
APPROVED = "approved"  # a reviewer's sign-off: final, like confirmed
REJECTED = "rejected"
FINISHED = (CONFIRMED, APPROVED)


class RevisionLike(Protocol):
    """What scoring reads from a revision (the store's `Revision` has all of it)."""

    @property
    def number(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def author(self) -> str: ...
    @property
    def created(self) -> datetime: ...
    @property
    def origin(self) -> str: ...
    @property
    def status(self) -> str: ...


@dataclass(frozen=True)
class SegmentHistory:
    """One sentence of a document with its revisions for one target, oldest first."""

    index: int  # 0-based position in the document
    source: str
    revisions: Sequence[RevisionLike]
    engine_outputs: Mapping[str, str] = field(default_factory=dict)  # engine label -> best MT

    @property
    def final(self) -> RevisionLike | None:
        return self.revisions[-1] if self.revisions else None

    @property
    def mt(self) -> RevisionLike | None:
        """The machine translation the editor worked from: the newest `mt` revision."""
        for revision in reversed(self.revisions):
            if revision.origin == MT_ORIGIN:
                return revision
        return None

    @property
    def mt_text(self) -> str | None:
        """The newest machine translation: the MT revision, else the newest engine output
        loaded (MT run after an alignment was accepted is stored but not made a revision)."""
        if self.mt is not None:
            return self.mt.text
        return next(iter(self.engine_outputs.values()), None)

    def is_pass(self, k: int) -> bool:
        """Whether revision `k` is an editor's pass (see `is_editor_pass`)."""
        return is_editor_pass(self.revisions[k], self.revisions[k - 1] if k else None)

    def is_review(self, k: int) -> bool:
        """Whether revision `k` only changed the status (see `is_review_action`)."""
        return is_review_action(self.revisions[k], self.revisions[k - 1] if k else None)

    @property
    def written_by(self) -> RevisionLike | None:
        """The revision that wrote the final text: the final one, or before the review
        actions (approve, send back, unlock) that only restated it."""
        for k in reversed(range(len(self.revisions))):
            if not self.is_review(k):
                return self.revisions[k]
        return None

    @property
    def first_edit(self) -> RevisionLike | None:
        """The first revision an editor made (a first post-editing pass)."""
        for k, revision in enumerate(self.revisions):
            if self.is_pass(k):
                return revision
        return None

    @property
    def start(self) -> RevisionLike | None:
        """The text the editor's passes started from: the newest MT, TM fill or aligned
        translation (None when the editor typed the first text)."""
        for k in reversed(range(len(self.revisions))):
            if not self.is_pass(k) and not self.is_review(k):
                return self.revisions[k]
        return None

    @property
    def post_edited_mt(self) -> RevisionLike | None:
        """The MT whose post-edit the final text is, or None when it started elsewhere."""
        start = self.start
        return start if start is not None and start.origin == MT_ORIGIN else None


def is_review_action(revision: RevisionLike, previous: RevisionLike | None) -> bool:
    """A reviewer's sign-off, send-back or unlock: the previous text again with another
    status (approved, rejected, or confirmed again after approval). No pass: it wrote no text."""
    if previous is None or previous.text != revision.text:
        return False
    return revision.status in (APPROVED, REJECTED) or (
        revision.status == CONFIRMED and previous.status == APPROVED
    )


def is_editor_pass(revision: RevisionLike, previous: RevisionLike | None) -> bool:
    """A human edit, or an editor confirming the text as it stood (MT confirmed as is is a
    pass). MT, TM fills and imported alignments, even imported as confirmed, are not; nor is
    a review action (approve, send back, unlock), which changes only the status."""
    if is_review_action(revision, previous):
        return False
    if revision.origin == HUMAN_ORIGIN:
        return True
    return (
        revision.status == CONFIRMED
        and previous is not None
        and previous.status == DRAFT
        and previous.text == revision.text
    )


# Which segments "MT against final" scores, by their current revision.
SCOPES: dict[str, Callable[[RevisionLike], bool]] = {
    "post-edited": lambda final: final.origin == HUMAN_ORIGIN or final.status in FINISHED,
    "confirmed": lambda final: final.status in FINISHED,  # approved ones too
    "all": lambda final: True,
}

# Texts a paired comparison can pit against each other, per segment.
TEXT_SOURCES: dict[str, Callable[[SegmentHistory], str | None]] = {
    "mt": lambda h: h.mt_text,
    "first-edit": lambda h: h.first_edit.text if h.first_edit else None,
    "final": lambda h: h.final.text if h.final else None,
}


@dataclass(frozen=True)
class SegmentResult:
    """A row of the per-segment table: MT against the final text."""

    number: int  # 1-based sentence number
    source: str
    mt: str | None
    final: str | None
    final_author: str | None
    final_status: str | None
    passes: int  # revisions made by editors
    started_from: str | None  # origin of the text the editor started from: mt, tm, aligned
    scores: SegmentScore | None  # None when the segment is not in scope
    edit_distance: int | None  # characters (Levenshtein, normalized text)


@dataclass(frozen=True)
class RevisionResult:
    """A row of the per-revision table."""

    segment: int  # 1-based sentence number
    revision: int  # the revision's number for this segment
    author: str
    created: datetime
    origin: str
    status: str
    text: str
    editor_pass: bool  # an editor's edit or confirmation (not MT, a TM fill or an import)
    vs_previous: SegmentScore | None  # previous text as hypothesis, this one as reference
    vs_final: SegmentScore | None  # this text as hypothesis, the final one as reference


@dataclass(frozen=True)
class GroupScores:
    """Corpus scores of a group of revisions (one editor, one day) against their previous."""

    key: str
    revisions: int
    segments: int
    scores: list[CorpusScore]


@dataclass(frozen=True)
class DocumentReport:
    target: str
    scope: str
    prep: str
    prep_description: str
    total: int  # sentences in the document
    mt_vs_final: list[CorpusScore]  # empty when no segment is in scope
    sentence_signatures: list[str]  # of the per-sentence scores (BLEU: effective order)
    # MT against final texts made without it (started from a TM match or an alignment):
    # reference-based scores, not HTER; empty when there are none.
    mt_vs_independent: list[CorpusScore]
    independent: int  # sentences in mt_vs_independent
    segments: list[SegmentResult]
    revisions: list[RevisionResult]
    per_editor: list[GroupScores]
    per_day: list[GroupScores]

    @property
    def scored(self) -> int:
        return sum(1 for s in self.segments if s.scores is not None)

    def most_edited(self) -> list[SegmentResult]:
        """Scored segments, the most edited first (HTER, then characters changed)."""
        scored = [s for s in self.segments if s.scores is not None]
        return sorted(
            scored,
            key=lambda s: (-(s.scores.ter or 0.0), -(s.edit_distance or 0), s.number),
        )


@dataclass(frozen=True)
class ReferenceReport:
    """MT and final text against an external reference, on the sentences it covers."""

    reference: str
    target: str
    prep: str
    prep_description: str
    covered: int  # sentences with a reference, an MT and a final text
    total: int
    mt: list[CorpusScore]
    final: list[CorpusScore]


def score_document(
    histories: Sequence[SegmentHistory],
    target: str,
    *,
    metrics: Sequence[str] = METRICS,
    scope: str = "post-edited",
    n_bootstrap: int = DEFAULT_BOOTSTRAP,
    normalize: bool = True,
) -> DocumentReport:
    """Every number of the scores page and of `workbench score DOC` for one target."""
    if scope not in SCOPES:
        raise WorkbenchError(f"unknown scope {scope!r}; known: {', '.join(SCOPES)}")
    scorer = Scorer(target, metrics, normalize=normalize)
    in_scope = [
        h for h in histories if h.post_edited_mt is not None and h.final and SCOPES[scope](h.final)
    ]
    pairs = scorer.score(
        [h.post_edited_mt.text for h in in_scope], [h.final.text for h in in_scope]
    )
    per_segment = dict(zip((h.index for h in in_scope), pairs.segments(), strict=True))
    mt_vs_final = pairs.corpus(n_bootstrap=n_bootstrap) if len(pairs) else []
    independent = [
        h
        for h in histories
        if h.start is not None
        and h.start.origin != MT_ORIGIN
        and h.mt_text is not None
        and SCOPES[scope](h.final)
    ]
    against_human = scorer.score(
        [h.mt_text for h in independent], [h.final.text for h in independent]
    )
    mt_vs_independent = against_human.corpus(n_bootstrap=n_bootstrap) if independent else []

    segments = [_segment_result(h, per_segment.get(h.index), scorer) for h in histories]
    revisions, per_editor, per_day = _revision_results(histories, scorer)
    return DocumentReport(
        target=scorer.profile.language,
        scope=scope,
        prep=scorer.prep,
        prep_description=scorer.prep_description,
        total=len(histories),
        mt_vs_final=mt_vs_final,
        sentence_signatures=scorer.sentence_signatures(),
        mt_vs_independent=mt_vs_independent,
        independent=len(independent),
        segments=segments,
        revisions=revisions,
        per_editor=per_editor,
        per_day=per_day,
    )


def _segment_result(
    history: SegmentHistory, scores: SegmentScore | None, scorer: Scorer
) -> SegmentResult:
    mt, final, start = history.mt, history.final, history.start
    if scores is not None:
        mt = history.post_edited_mt
    distance = None
    if scores is not None and mt is not None and final is not None:
        distance = Levenshtein.distance(scorer.normalize(mt.text), scorer.normalize(final.text))
    return SegmentResult(
        number=history.index + 1,
        source=history.source,
        mt=mt.text if mt else None,
        final=final.text if final else None,
        final_author=history.written_by.author if history.written_by else None,
        final_status=str(final.status) if final else None,
        passes=sum(1 for k in range(len(history.revisions)) if history.is_pass(k)),
        started_from=str(start.origin) if start else None,
        scores=scores,
        edit_distance=distance,
    )


def _revision_results(
    histories: Sequence[SegmentHistory], scorer: Scorer
) -> tuple[list[RevisionResult], list[GroupScores], list[GroupScores]]:
    """Each revision against its previous and the final one, then grouped by editor and day."""
    rows: list[tuple[SegmentHistory, int]] = [
        (h, k) for h in histories for k in range(len(h.revisions))
    ]
    with_previous = [(h, k) for h, k in rows if k > 0]
    before_final = [(h, k) for h, k in rows if k < len(h.revisions) - 1]
    previous = scorer.score(
        [h.revisions[k - 1].text for h, k in with_previous],
        [h.revisions[k].text for h, k in with_previous],
    )
    to_final = scorer.score(
        [h.revisions[k].text for h, k in before_final],
        [h.revisions[-1].text for h, k in before_final],
    )
    previous_of = {(h.index, k): previous.segment(i) for i, (h, k) in enumerate(with_previous)}
    final_of = {(h.index, k): to_final.segment(i) for i, (h, k) in enumerate(before_final)}
    results = []
    for h, k in rows:
        revision = h.revisions[k]
        results.append(
            RevisionResult(
                segment=h.index + 1,
                revision=revision.number,
                author=revision.author,
                created=revision.created,
                origin=str(revision.origin),
                status=str(revision.status),
                text=revision.text,
                editor_pass=h.is_pass(k),
                vs_previous=previous_of.get((h.index, k)),
                vs_final=final_of.get((h.index, k)),
            )
        )
    edits = [(i, h, k) for i, (h, k) in enumerate(with_previous) if h.is_pass(k)]
    per_editor = _grouped(previous, edits, lambda h, k: h.revisions[k].author)
    per_day = _grouped(previous, edits, lambda h, k: h.revisions[k].created.date().isoformat())
    return results, per_editor, per_day


def _grouped(
    pairs: ScoredPairs,
    edits: Sequence[tuple[int, SegmentHistory, int]],
    key: Callable[[SegmentHistory, int], str],
) -> list[GroupScores]:
    groups: dict[str, list[tuple[int, SegmentHistory]]] = {}
    for i, h, k in edits:
        groups.setdefault(key(h, k), []).append((i, h))
    return [
        GroupScores(
            key=name,
            revisions=len(members),
            segments=len({h.index for _, h in members}),
            scores=pairs.corpus([i for i, _ in members]),
        )
        for name, members in sorted(groups.items())
    ]


def score_against_reference(
    histories: Sequence[SegmentHistory],
    reference: Reference,
    target: str,
    *,
    metrics: Sequence[str] = METRICS,
    n_bootstrap: int = DEFAULT_BOOTSTRAP,
    normalize: bool = True,
) -> ReferenceReport:
    """MT and final text against `reference`, on sentences that have all three."""
    scorer = Scorer(target, metrics, normalize=normalize)
    covered = [
        h for h in histories if h.index in reference.texts and h.mt_text is not None and h.final
    ]
    if not covered:
        raise WorkbenchError(
            f"{reference.name}: no sentence has a reference, a machine translation and a "
            "current text to score"
        )
    refs = [reference.texts[h.index] for h in covered]
    mt = scorer.score([h.mt_text for h in covered], refs).corpus(n_bootstrap=n_bootstrap)
    final = scorer.score([h.final.text for h in covered], refs).corpus(n_bootstrap=n_bootstrap)
    return ReferenceReport(
        reference=reference.name,
        target=scorer.profile.language,
        prep=scorer.prep,
        prep_description=scorer.prep_description,
        covered=len(covered),
        total=len(histories),
        mt=mt,
        final=final,
    )


def text_source(name: str) -> Callable[[SegmentHistory], str | None]:
    """`mt`, `first-edit`, `final`, or `engine:LABEL` (that engine's newest best MT)."""
    if name in TEXT_SOURCES:
        return TEXT_SOURCES[name]
    if name.startswith("engine:"):
        label = name.removeprefix("engine:")
        return lambda h: h.engine_outputs.get(label)
    known = ", ".join([*TEXT_SOURCES, "engine:LABEL"])
    raise WorkbenchError(f"unknown text to compare {name!r}; known: {known}")


def compare(
    histories: Sequence[SegmentHistory],
    target: str,
    baseline: str,
    system: str,
    reference: Reference | None = None,
    *,
    method: str = "bs",
    n_samples: int = 0,
    metrics: Sequence[str] = METRICS,
    normalize: bool = True,
) -> tuple[int, list[PairedResult]]:
    """Paired test of two texts of each sentence (e.g. `engine:a` and `engine:b`, or `mt`
    and `final`) against `reference`, or against the final text when none is given.

    Returns how many sentences had all three texts, and one result per metric.
    """
    get_base, get_system = text_source(baseline), text_source(system)

    def get_ref(h: SegmentHistory) -> str | None:
        if reference is None:
            return h.final.text if h.final and SCOPES["post-edited"](h.final) else None
        return reference.texts.get(h.index)

    rows = [(get_base(h), get_system(h), get_ref(h)) for h in histories]
    rows = [r for r in rows if None not in r]
    if not rows:
        against = reference.name if reference else "post-edited final texts"
        raise WorkbenchError(f"no sentence has {baseline}, {system} and {against} to compare")
    scorer = Scorer(target, metrics, normalize=normalize)
    base, other, refs = (list(column) for column in zip(*rows, strict=True))
    return len(rows), paired_test(scorer, base, other, refs, method, n_samples)
