"""Splitting and merging stored segments: the store's side of repairing a segmentation.

A split or merge never deletes: the old segments are *retired* (`retired` set, position -id,
out of every listing) with their revisions and MT intact, the new segments take their place
in the live numbering (positions stay 0, 1, 2 … in document order) and link back to them in
`segment_lineage`. Each edit is one transaction that first locks the document row (so two
edits of one document renumber in turn) and the segment rows (so a save on a segment being
split waits, then finds it retired and gets a conflict carrying its text).

Targets, per target language, follow one rule:

* split: a target a person worked on (an edited draft or a confirmed text) goes to the first
  part, as a draft marked `needs_review`; with a target split point for that language
  (`target_at`) it is cut there instead and each part gets its half as a draft. Text no
  person touched (MT, TM or propagated drafts) is not carried: the new parts get fresh
  lookups (`workflows.resegment`).
* merge: if a person worked on either part, the merged segment gets both targets joined
  with the language's sentence joiner (a space after ۔ . ؟), as a draft; marked
  `needs_review` when one part was untranslated or machine-only. Otherwise nothing is
  carried and the lookups rerun.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from workbench.errors import InputError, WorkbenchError
from workbench.identity import Actor, NotPermitted, Role
from workbench.languages import get_language
from workbench.segment import Segment
from workbench.segment.edit import merge_with_next, split_segment
from workbench.store import review
from workbench.store.errors import RevisionConflict, UnknownDocumentError
from workbench.store.models import (
    DocumentRecord,
    RevisionRecord,
    SegmentLineageRecord,
    SegmentRecord,
)
from workbench.store.records import (
    EarlierSegment,
    Resegmented,
    Revision,
    SegmentEdit,
    SegmentEditKind,
    SegmentState,
    state_of,
)
from workbench.store.values import check_author as _check_author
from workbench.store.values import revision_value, stored_segment
from workbench.timeutil import as_utc, utcnow
from workbench.vocabulary import Origin, RevisionStatus

# Live positions are moved out of the way by this much while they are renumbered, so the
# unique (document, position) key holds after every row (retired positions are negative).
_RENUMBER_OFFSET = 1 << 30
_WORKED = (SegmentState.EDITED, SegmentState.CONFIRMED)


class SegmentEdits:
    """Split, merge and lineage queries; mixed into `Store` (uses its transaction helpers)."""

    def split_segment(
        self,
        segment_id: int,
        at_char: int,
        author: str,
        *,
        target_lang: str | None = None,
        base_revision_id: int | None = None,
        target_at: int | None = None,
    ) -> Resegmented:
        """Cut a live segment in two at `at_char` (an offset in its text, 0 < at < length).

        `target_lang` and `base_revision_id` are what the editor showed: when that target's
        head moved since, `RevisionConflict` and nothing changes. `target_at` (an offset in
        that target's text) cuts the target there; otherwise the module's rule applies.
        In team mode the store's actor needs to be a translator or reviewer, and a segment
        approved in any target is locked for anyone but a reviewer (`NotPermitted`).
        """
        _check_author(author)
        actor = self._acting(None)

        def work(session: Session) -> Resegmented:
            record = self._lock_live(session, segment_id)
            heads = _heads_by_target(session, record.id)
            _check_may_resegment(actor, author, record.position + 1, [heads], "split")
            _check_base(heads, record.id, target_lang, base_revision_id)
            first, second = split_segment(
                self._document_text(session, record.document_id), [_span(record)], 0, at_char
            )
            position = record.position
            _retire(session, record)
            _renumber(session, record.document_id, position, +1)
            parts = [
                _new_segment(record, seg, position + i) for i, seg in enumerate((first, second))
            ]
            session.add_all(parts)
            session.flush()
            carried, review = [], set()
            for lang, head in heads.items():
                if state_of(_as_revision(head)) not in _WORKED:
                    continue
                if lang == target_lang and target_at is not None:
                    texts = _cut_target(head.text, target_at)
                else:
                    texts, review = (head.text, ""), review | {0}
                for part, text in zip(parts, texts, strict=True):
                    if text:
                        carried.append(self._carry(session, part.id, lang, text, author))
            for i, part in enumerate(parts):
                session.add(
                    SegmentLineageRecord(
                        segment_id=part.id, predecessor_id=record.id, edit=SegmentEditKind.SPLIT,
                        part=i, needs_review=i in review, author=author,
                    )
                )  # fmt: skip
            session.flush()
            return _resegmented(SegmentEditKind.SPLIT, [record], parts, carried)

        return self._appending(work)

    def merge_segments(
        self,
        segment_id: int,
        author: str,
        *,
        target_lang: str | None = None,
        base_revision_ids: Mapping[int, int | None] | None = None,
    ) -> Resegmented:
        """Make a live segment and the next one of its paragraph one segment.

        Refused with one line when there is no next segment or it starts another paragraph.
        `base_revision_ids` (segment id -> the revision the editor showed for `target_lang`)
        guard both segments as in `split_segment`; the team-mode rules are the same too.
        """
        _check_author(author)
        actor = self._acting(None)

        def work(session: Session) -> Resegmented:
            record = self._lock_live(session, segment_id)
            following = session.scalar(
                select(SegmentRecord)
                .where(
                    SegmentRecord.document_id == record.document_id,
                    SegmentRecord.position == record.position + 1,
                    SegmentRecord.retired.is_(None),
                )
                .with_for_update()
            )
            number = record.position + 1
            spans = [_span(record)] + ([_span(following)] if following is not None else [])
            try:
                (merged,) = merge_with_next(
                    self._document_text(session, record.document_id), spans, 0
                )
            except WorkbenchError as exc:  # renumber the message: 1-based document positions
                raise InputError(_merge_refusal(number, following is None)) from exc
            both = [record, following]
            heads = [_heads_by_target(session, seg.id) for seg in both]
            _check_may_resegment(actor, author, number, heads, "merge")
            for seg, seg_heads in zip(both, heads, strict=True):
                if base_revision_ids is not None and seg.id in base_revision_ids:
                    _check_base(seg_heads, seg.id, target_lang, base_revision_ids[seg.id])
            position = record.position
            for seg in both:
                _retire(session, seg)
            _renumber(session, record.document_id, position + 1, -1)
            new = _new_segment(record, merged, position)
            session.add(new)
            session.flush()
            carried, review = [], False
            for lang in sorted(set(heads[0]) | set(heads[1])):
                revisions = [_as_revision(h.get(lang)) for h in heads]
                states = [state_of(r) for r in revisions]
                if not any(s in _WORKED for s in states):
                    continue
                review = review or any(s not in _WORKED for s in states)
                text = get_language(lang).join_sentences([r.text for r in revisions if r])
                carried.append(self._carry(session, new.id, lang, text, author))
            for seg in both:
                session.add(
                    SegmentLineageRecord(
                        segment_id=new.id, predecessor_id=seg.id, edit=SegmentEditKind.MERGE,
                        part=0, needs_review=review, author=author,
                    )
                )  # fmt: skip
            session.flush()
            return _resegmented(SegmentEditKind.MERGE, both, [new], carried)

        return self._appending(work)

    def segment_edits(self, document_id: int) -> dict[int, SegmentEdit]:
        """Live segment id -> how a split or merge made it, for the document's segments that
        came from one (the editor's markers, in one query)."""
        with self.reading() as session:
            rows = session.execute(
                select(SegmentLineageRecord)
                .join(SegmentRecord, SegmentRecord.id == SegmentLineageRecord.segment_id)
                .where(SegmentRecord.document_id == document_id, SegmentRecord.retired.is_(None))
                .order_by(SegmentLineageRecord.id)
            ).scalars()
            return _edits(rows)

    def retired_segments(self, document_id: int) -> dict[int, tuple[SegmentEditKind, list[int]]]:
        """Retired segment id -> how it was replaced and the live segments (ids, in document
        order) its text lives on in now, for labelling old history."""
        with self.reading() as session:
            links = session.execute(
                select(SegmentLineageRecord.predecessor_id, SegmentLineageRecord.segment_id,
                       SegmentLineageRecord.edit)
                .join(SegmentRecord, SegmentRecord.id == SegmentLineageRecord.segment_id)
                .where(SegmentRecord.document_id == document_id)
                .order_by(SegmentLineageRecord.id)
            ).all()  # fmt: skip
            live = set(
                session.scalars(
                    select(SegmentRecord.id).where(
                        SegmentRecord.document_id == document_id, SegmentRecord.retired.is_(None)
                    )
                )
            )
        after: dict[int, list[int]] = {}
        kinds: dict[int, SegmentEditKind] = {}
        for old, new, kind in links:
            after.setdefault(old, []).append(new)
            kinds[old] = SegmentEditKind(kind)

        def live_of(segment_id: int) -> list[int]:
            if segment_id in live:
                return [segment_id]
            return [x for new in after.get(segment_id, []) for x in live_of(new)]

        return {old: (kinds[old], sorted(set(live_of(old)))) for old in after}

    def segment_edit(self, segment_id: int) -> SegmentEdit | None:
        """How a split or merge made this segment (None: it came from the segmenter)."""
        with self.reading() as session:
            rows = session.scalars(
                select(SegmentLineageRecord)
                .where(SegmentLineageRecord.segment_id == segment_id)
                .order_by(SegmentLineageRecord.id)
            )
            return _edits(rows).get(segment_id)

    def earlier_history(self, segment_id: int, target_lang: str) -> list[EarlierSegment]:
        """Every retired segment this one descends from (nearest first, then theirs), each
        with its revisions for `target_lang`: the history before the split or merge."""
        found: list[EarlierSegment] = []
        with self.reading() as session:
            frontier, seen = [segment_id], {segment_id}
            while frontier:
                links = session.execute(
                    select(SegmentLineageRecord, SegmentRecord)
                    .join(SegmentRecord, SegmentRecord.id == SegmentLineageRecord.predecessor_id)
                    .where(SegmentLineageRecord.segment_id.in_(frontier))
                    .order_by(SegmentRecord.start, SegmentRecord.id)
                ).all()
                frontier = []
                for link, old in links:
                    if old.id in seen:
                        continue
                    seen.add(old.id)
                    frontier.append(old.id)
                    revisions = session.scalars(
                        select(RevisionRecord)
                        .where(
                            RevisionRecord.segment_id == old.id,
                            RevisionRecord.target_lang == target_lang,
                        )
                        .order_by(RevisionRecord.number)
                    )
                    found.append(
                        EarlierSegment(
                            stored_segment(old),
                            SegmentEditKind(link.edit),
                            tuple(_as_revision(r) for r in revisions),
                        )
                    )
        return found

    def live_segment_ids(self, segment_ids: Sequence[int]) -> set[int]:
        """Which of these segments are still live (the editor drops rows that are not)."""
        with self.reading() as session:
            return set(
                session.scalars(
                    select(SegmentRecord.id).where(
                        SegmentRecord.id.in_(list(segment_ids)), SegmentRecord.retired.is_(None)
                    )
                )
            )

    # ---- inside a write --------------------------------------------------------------

    @staticmethod
    def _lock_live(session: Session, segment_id: int) -> SegmentRecord:
        """The segment, locked with its document row; refused if unknown or retired."""
        document_id = session.scalar(
            select(SegmentRecord.document_id).where(SegmentRecord.id == segment_id)
        )
        if document_id is None:
            raise InputError(f"no segment {segment_id}")
        session.execute(
            select(DocumentRecord.id).where(DocumentRecord.id == document_id).with_for_update()
        )
        record = session.scalar(
            select(SegmentRecord).where(SegmentRecord.id == segment_id).with_for_update()
        )
        if record.retired is not None:
            raise InputError(
                f"segment {segment_id} was already split or merged; reload the document"
            )
        return record

    @staticmethod
    def _document_text(session: Session, document_id: int) -> str:
        text = session.scalar(select(DocumentRecord.text).where(DocumentRecord.id == document_id))
        if text is None:
            raise UnknownDocumentError(f"no stored document {document_id}")
        return text

    def _carry(self, session: Session, segment_id: int, lang: str, text: str, author: str):
        record = self._append(
            session, segment_id, lang, text, author, None, Origin.HUMAN, RevisionStatus.DRAFT
        )
        session.flush()
        return record


def _heads_by_target(session: Session, segment_id: int) -> dict[str, RevisionRecord]:
    """Target language -> the segment's current revision, for every target it has."""
    newest = (
        select(RevisionRecord.target_lang, func.max(RevisionRecord.number).label("number"))
        .where(RevisionRecord.segment_id == segment_id)
        .group_by(RevisionRecord.target_lang)
        .subquery()
    )
    rows = session.scalars(
        select(RevisionRecord)
        .join(
            newest,
            (newest.c.target_lang == RevisionRecord.target_lang)
            & (newest.c.number == RevisionRecord.number),
        )
        .where(RevisionRecord.segment_id == segment_id)
    )
    return {row.target_lang: row for row in rows}


def _check_may_resegment(
    actor: Actor | None,
    author: str,
    number: int,
    heads: Sequence[Mapping[str, RevisionRecord]],
    verb: str,
) -> None:
    """Team mode: only translators and reviewers split or merge, under their own name, and
    an approved target (in any language) locks its segment for all but reviewers."""
    if actor is None:
        return
    actor.require(Role.TRANSLATOR, Role.REVIEWER, action=f"{verb} segments")
    review.check_author(actor, author)
    for offset, segment_heads in enumerate(heads):
        for lang, head in sorted(segment_heads.items()):
            if review.is_locked_for(actor, RevisionStatus(head.status)):
                raise NotPermitted(
                    f"segment {number + offset} is approved in {lang} and locked: only a "
                    f"reviewer may {verb} it (nothing was changed)"
                )


def _check_base(
    heads: Mapping[str, RevisionRecord],
    segment_id: int,
    target_lang: str | None,
    base_revision_id: int | None,
) -> None:
    """`RevisionConflict` when the editor's target moved since it showed it."""
    if target_lang is None:
        return
    head = heads.get(target_lang)
    if (head.id if head else None) != base_revision_id:
        raise RevisionConflict(segment_id, target_lang, "", _as_revision(head))


def _cut_target(text: str, at: int) -> tuple[str, str]:
    if not 0 < at < len(text):
        raise InputError(
            f"cannot split the target at {at}; a split point lies inside its text "
            f"(1 to {len(text) - 1})"
        )
    return text[:at].strip(), text[at:].strip()


def _merge_refusal(number: int, last: bool) -> str:
    if last:
        return f"segment {number} is the last one of the document; there is nothing to merge"
    return (
        f"segments {number} and {number + 1} are in different paragraphs; "
        "only segments of one paragraph merge"
    )


def _retire(session: Session, record: SegmentRecord) -> None:
    record.retired = utcnow()
    record.position = -record.id
    session.flush()


def _renumber(session: Session, document_id: int, after: int, delta: int) -> None:
    """Move the live segments after position `after` by `delta`, in two steps so the unique
    (document, position) key never sees two rows at one position."""
    live_after = (
        SegmentRecord.document_id == document_id,
        SegmentRecord.retired.is_(None),
        SegmentRecord.position > after,
    )
    session.execute(
        update(SegmentRecord)
        .where(*live_after)
        .values(position=SegmentRecord.position + _RENUMBER_OFFSET),
        execution_options={"synchronize_session": False},
    )
    session.execute(
        update(SegmentRecord)
        .where(SegmentRecord.document_id == document_id, SegmentRecord.position >= _RENUMBER_OFFSET)
        .values(position=SegmentRecord.position - _RENUMBER_OFFSET + delta),
        execution_options={"synchronize_session": False},
    )


def _span(record: SegmentRecord) -> Segment:
    return Segment(0, record.paragraph, record.source_text, record.start, record.end)


def _new_segment(old: SegmentRecord, seg: Segment, position: int) -> SegmentRecord:
    return SegmentRecord(
        document_id=old.document_id,
        position=position,
        paragraph=old.paragraph,
        source_text=seg.text,
        start=seg.start,
        end=seg.end,
        word_count=len(seg.text.split()),
    )


def _as_revision(record: RevisionRecord | None) -> Revision | None:
    return revision_value(record) if record is not None else None


def _resegmented(kind, retired, created, carried) -> Resegmented:
    return Resegmented(
        kind,
        tuple(stored_segment(r) for r in retired),
        tuple(stored_segment(r) for r in created),
        tuple(_as_revision(r) for r in carried if r is not None),
    )


def _edits(rows) -> dict[int, SegmentEdit]:
    edits: dict[int, SegmentEdit] = {}
    for link in rows:
        known = edits.get(link.segment_id)
        predecessors = (known.predecessor_ids if known else ()) + (link.predecessor_id,)
        edits[link.segment_id] = SegmentEdit(
            link.segment_id,
            SegmentEditKind(link.edit),
            predecessors,
            link.part,
            link.needs_review,
            link.author,
            as_utc(link.created),
        )
    return edits
