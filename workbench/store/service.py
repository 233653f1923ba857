"""The store's operations: documents, MT results, append-only revisions, progress.

Every method runs in its own short transaction and returns frozen records
(`workbench.store.records`), so callers never hold sessions or ORM objects. Every write goes
through `Store.transaction`; every revision goes through one private append path
(`_append`): number = head + 1, written only when the head is still the base the text was
computed from, and a unique-key clash with a concurrent writer re-runs the transaction so the
base check sees the move.
"""

from __future__ import annotations

import copy
import enum
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Protocol, TypeVar

from sqlalchemy import Select, and_, case, func, inspect, or_, select
from sqlalchemy import text as sql_text
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, defer, selectinload, sessionmaker

from workbench.errors import InputError
from workbench.identity import Actor, NotPermitted
from workbench.segment import Segment, segment_document
from workbench.store import review
from workbench.store.comments import add_comment_record
from workbench.store.database import WRITE_OPTION, create_store_engine, prepare_schema
from workbench.store.errors import (
    AmbiguousDocumentError,
    RevisionConflict,
    SegmentRetired,
    SegmentsChanged,
    StoreBusyError,
    UnknownDocumentError,
    WriteClash,
)
from workbench.store.failures import database_failure
from workbench.store.jobs import JobQueries
from workbench.store.limits import check_fits
from workbench.store.models import (
    DocumentOriginalRecord,
    DocumentRecord,
    HypothesisRecord,
    MachineTranslationRecord,
    RevisionRecord,
    SegmentRecord,
)
from workbench.store.records import (
    Alternative,
    Appended,
    Document,
    DocumentOriginal,
    DocumentTargets,
    MachineTranslation,
    MachineTranslationBatch,
    Progress,
    Revision,
    SegmentPage,
    SegmentRow,
    StoredSegment,
    TargetsStored,
)
from workbench.store.resegment import SegmentEdits
from workbench.store.values import check_author as _check_author
from workbench.store.values import revision_value as _revision
from workbench.store.values import stored_segment as _segment
from workbench.timeutil import as_utc
from workbench.vocabulary import FINISHED_STATUSES, Origin, RevisionStatus

# Segments a split or merge has not retired: the ones every listing shows, in position order.
LIVE = SegmentRecord.retired.is_(None)
MT_AUTHOR_PREFIX = "mt:"  # author of MT revisions: "mt:<engine>"
# Times a write is re-run after a concurrent writer took the revision number it computed.
CLASH_RETRIES = 5
T = TypeVar("T")


class ScoredText(Protocol):
    """One MT candidate as the store keeps it (`workbench.engines.Hypothesis` is one)."""

    text: str
    score: float


class SegmentFilter(enum.StrEnum):
    """The editor's row filters that the database answers (QA flags come from `workbench.qa`)."""

    ALL = "all"
    UNEDITED = "unedited"  # untranslated, or MT/TM/aligned text no editor has touched
    EDITED = "edited"  # an editor's draft
    CONFIRMED = "confirmed"


def open_store(url: str | None = None, *, require_actor: bool = False) -> Store:
    """Open (creating if new) the store at `url`; default `WORKBENCH_DB` or translations/.

    `require_actor` (team mode) refuses revisions that name no `Actor` to check."""
    engine = create_store_engine(url)
    prepare_schema(engine)
    return Store(engine, require_actor=require_actor)


def _check_target_lang(target_lang: str) -> None:
    check_fits("the language tag", target_lang, RevisionRecord.__table__.c.target_lang)


def _check_targets(targets: DocumentTargets) -> None:
    _check_target_lang(targets.target_lang)
    for author in {planned.author for planned in targets.texts}:
        _check_author(author)
    if targets.mt is not None:
        columns = MachineTranslationRecord.__table__.c
        check_fits("the engine name", targets.mt.engine, columns.engine)
        check_fits("the model id", targets.mt.model_id, columns.model_id)


def _document(record: DocumentRecord, counts: tuple[int, int]) -> Document:
    return Document(record.id, record.name, record.source_lang, as_utc(record.created), *counts)


def _machine_translation(record: MachineTranslationRecord) -> MachineTranslation:
    return MachineTranslation(
        record.id,
        record.segment_id,
        record.target_lang,
        record.engine,
        record.model_id,
        as_utc(record.created),
        tuple(Alternative(h.rank, h.text, h.score) for h in record.hypotheses),
    )


_UNREAD = object()  # `_append` reads the head itself


class _HeadMoved(Exception):
    """Inside the append path: the segment's head is no longer the caller's base."""

    def __init__(self, head: RevisionRecord | None):
        self.head = head


class _Locked(Exception):
    """Inside a bulk append: the segment is approved and the actor may not change it."""


def _is_unique_clash(exc: IntegrityError) -> bool:
    """A unique-key violation (PostgreSQL SQLSTATE 23505, SQLite "UNIQUE constraint")."""
    orig = exc.orig
    return getattr(orig, "sqlstate", None) == "23505" or "UNIQUE constraint" in str(orig)


class Store(JobQueries, SegmentEdits):
    """One database. Thread-safe: each call opens its own session.

    A context manager: `with open_store(url) as store: ...` closes its connections.
    """

    def __init__(self, engine, *, require_actor: bool = False):
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        # Team mode: every revision names the person it is written for (an `Actor`), whose
        # roles `workbench.store.review` checks; single-user stores take the author's word.
        self.require_actor = require_actor
        self.actor: Actor | None = None

    def requiring_actor(self) -> Store:
        """This store (same connections) refusing revisions written for nobody: team mode."""
        view = copy.copy(self)
        view.require_actor = True
        return view

    def acting_as(self, actor: Actor | None) -> Store:
        """This store (same connections) writing for `actor` unless a call names another:
        what a signed-in page hands to code that does not know who is signed in."""
        view = copy.copy(self)
        view.actor = actor
        return view

    def _acting(self, actor: Actor | None) -> Actor | None:
        actor = actor or self.actor
        if actor is None and self.require_actor:
            raise NotPermitted(
                "team mode: a revision needs the person it is written for (in the app: sign "
                "in; on the command line: --as USER); nothing was saved"
            )
        return actor

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads (store modules only; callers outside use the methods)."""
        with self._failures_mapped(), self._sessions() as session:
            yield session

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """The one write transaction every write goes through: committed when the block
        ends, rolled back on any error (nothing half-stored); on SQLite it takes the write
        lock up front (`BEGIN IMMEDIATE`) so writers queue instead of failing midway.
        A database failure (read-only file, full disk, lost server) leaves as one line:
        a `DatabaseFailure`, or `WriteClash` for a unique key another writer just took."""
        with self._failures_mapped(), self._sessions() as session, session.begin():
            session.connection(execution_options={WRITE_OPTION: True})
            yield session

    @contextmanager
    def exclusive(self, name: str) -> Iterator[None]:
        """Hold a database-wide lock called `name` for the block (a PostgreSQL advisory lock;
        on SQLite the write lock), so that one process at a time does a one-off setup."""
        with self.transaction() as session:
            if self.engine.dialect.name == "postgresql":
                session.execute(
                    sql_text("SELECT pg_advisory_xact_lock(hashtext(:name))"), {"name": name}
                )
            yield

    def connection_url(self) -> str:
        """The URL with its password, for a tool that shares the database (the job queue);
        `url` hides the password for messages."""
        return self.engine.url.render_as_string(hide_password=False)

    def has_table(self, name: str) -> bool:
        """Whether the database has this table (ours or another tool's in the same database)."""
        return inspect(self.engine).has_table(name)

    @contextmanager
    def _failures_mapped(self) -> Iterator[None]:
        try:
            yield
        except IntegrityError as exc:
            if _is_unique_clash(exc):
                raise WriteClash(
                    f"another writer saved the same rows at the same moment; nothing was "
                    f"saved, try again ({self.url})"
                ) from exc
            raise database_failure(exc, self.url) from exc
        except DBAPIError as exc:
            raise database_failure(exc, self.url) from exc

    def _appending(self, work: Callable[[Session], T]) -> T:
        """Run `work`, which appends through `_append`, in one transaction; re-run it when
        a concurrent writer took a revision number between its read and its insert (a
        unique-key clash), so its base checks then see the new head."""
        for _ in range(CLASH_RETRIES):
            try:
                with self.transaction() as session:
                    return work(session)
            except WriteClash:
                continue
        raise StoreBusyError(
            f"other writers kept changing the same segments; nothing was saved, try again "
            f"({self.url})"
        )

    @staticmethod
    def _append(
        session: Session,
        segment_id: int,
        target_lang: str,
        text: str,
        author: str,
        base_revision_id: int | None,
        origin: Origin,
        status: RevisionStatus,
        machine_translation_id: int | None = None,
        head: RevisionRecord | object | None = _UNREAD,
        actor: Actor | None = None,
        skip_locked: bool = False,
    ) -> RevisionRecord | None:
        """The one append path: a revision numbered head + 1 on top of `base_revision_id`.

        Raises `_HeadMoved` when the head is not the base; returns None (adds nothing) when
        the head already has this text and status; raises `NotPermitted` when `actor` may
        not write it (`workbench.store.review`), checked against the head read here; with
        `skip_locked` (bulk fills) a segment locked for the actor raises `_Locked` instead.
        `head`, when the caller read it in the same transaction (bulk MT), saves a query per
        segment.
        """
        if head is _UNREAD:
            head = Store._head(session, segment_id, target_lang)
        if (head.id if head else None) != base_revision_id:
            raise _HeadMoved(head)
        if head is not None and head.text == text and head.status == status:
            return None
        if actor is not None:
            if skip_locked and review.is_locked_for(
                actor, RevisionStatus(head.status) if head else None
            ):
                raise _Locked
            review.check_author(actor, author)
            review.check_transition(
                actor,
                RevisionStatus(head.status) if head else None,
                status,
                text_changed=head is None or head.text != text,
            )
        record = RevisionRecord(
            segment_id=segment_id,
            target_lang=target_lang,
            number=(head.number if head else 0) + 1,
            text=text,
            author=author,
            origin=origin,
            status=status,
            machine_translation_id=machine_translation_id,
        )
        session.add(record)
        return record

    # ---- documents -------------------------------------------------------------------

    def add_document(
        self,
        name: str,
        text: str,
        source_lang: str = "en",
        segments: Sequence[Segment] | None = None,
        original: DocumentOriginal | None = None,
    ) -> Document:
        """Store a new document and its sentences (segmented here unless given), and the
        file it came from when that is not its text (`original`), in one transaction.

        A name already taken gets a suffix (`report.txt (2)`), so names stay unique and
        can be used instead of ids everywhere.
        """
        return self.add_document_with_targets(name, text, source_lang, segments, original=original)[
            0
        ]

    def add_document_with_targets(
        self,
        name: str,
        text: str,
        source_lang: str = "en",
        segments: Sequence[Segment] | None = None,
        targets: DocumentTargets | None = None,
        original: DocumentOriginal | None = None,
    ) -> tuple[Document, TargetsStored]:
        """Store a new document, its sentences and `targets` (its MT, TM fills or aligned
        translation) in one transaction: an error or an interrupt stores none of them."""
        if segments is None:
            segments = segment_document(text, source_lang, path=name)
        if not segments:
            raise InputError("the document has no sentences", path=name)
        check_fits("the source language tag", source_lang, DocumentRecord.__table__.c.source_lang)
        if targets is not None:
            _check_targets(targets)

        def work(session: Session) -> tuple[Document, TargetsStored]:
            record = DocumentRecord(
                name=self._free_name(session, name), source_lang=source_lang, text=text
            )
            check_fits(
                "the document name",
                record.name,
                DocumentRecord.__table__.c.name,
                "rename the file"
                + (" (a document of that name is stored)" if record.name != name else ""),
            )
            record.segments = [
                SegmentRecord(
                    position=seg.index,
                    paragraph=seg.paragraph,
                    source_text=seg.text,
                    start=seg.start,
                    end=seg.end,
                    word_count=len(seg.text.split()),
                )
                for seg in segments
            ]
            session.add(record)
            session.flush()
            if original is not None:
                session.add(
                    DocumentOriginalRecord(
                        document_id=record.id,
                        format=original.format,
                        encoding=original.encoding,
                        data=original.data,
                    )
                )
            document = _document(
                record, (len(segments), sum(s.word_count for s in record.segments))
            )
            stored = (
                self._store_targets(session, record.id, targets, heads={})
                if targets is not None
                else TargetsStored(0, 0)
            )
            return document, stored

        return self._appending(work)

    def original_format(self, document_id: int) -> str | None:
        """The format of the file the document was imported from (without loading it)."""
        with self.reading() as session:
            return session.scalar(
                select(DocumentOriginalRecord.format).where(
                    DocumentOriginalRecord.document_id == document_id
                )
            )

    def document_original(self, document_id: int) -> DocumentOriginal | None:
        """The file the document was imported from, or None (its text is its original)."""
        with self.reading() as session:
            record = session.get(DocumentOriginalRecord, document_id)
            if record is None:
                return None
            return DocumentOriginal(record.format, bytes(record.data), record.encoding)

    def import_document(
        self,
        name: str,
        text: str,
        source_lang: str = "en",
        original: DocumentOriginal | None = None,
    ) -> Document:
        """The stored document with this name and text, added if there is none (idempotent)."""
        found = self.identical_document(name, text, source_lang)
        if found is not None:
            return found
        return self.add_document(name, text, source_lang, original=original)

    def identical_document(self, name: str, text: str, source_lang: str = "en") -> Document | None:
        """The stored document added from this name (or its suffixed form) and exactly this
        text, or None."""
        with self.reading() as session:
            for record in session.scalars(
                select(DocumentRecord).where(
                    or_(
                        DocumentRecord.name == name,
                        DocumentRecord.name.startswith(f"{name} (", autoescape=True),
                    )
                )
            ):
                if record.text == text and record.source_lang == source_lang:
                    return _document(record, self._counts(session, record.id))
        return None

    @staticmethod
    def _free_name(session: Session, name: str) -> str:
        taken = set(
            session.scalars(
                select(DocumentRecord.name).where(
                    or_(
                        DocumentRecord.name == name,
                        DocumentRecord.name.startswith(f"{name} (", autoescape=True),
                    )
                )
            )
        )
        candidate, n = name, 1
        while candidate in taken:
            n += 1
            candidate = f"{name} ({n})"
        return candidate

    @staticmethod
    def _counts(session: Session, document_id: int) -> tuple[int, int]:
        """(segments, source words) of a document."""
        count, words = session.execute(
            select(func.count(), func.coalesce(func.sum(SegmentRecord.word_count), 0)).where(
                SegmentRecord.document_id == document_id, LIVE
            )
        ).one()
        return count, words

    def documents(self) -> list[Document]:
        """Every document, oldest first."""
        counts = (
            select(
                SegmentRecord.document_id,
                func.count().label("segments"),
                func.sum(SegmentRecord.word_count).label("words"),
            )
            .where(LIVE)
            .group_by(SegmentRecord.document_id)
            .subquery()
        )
        with self.reading() as session:
            rows = session.execute(
                select(DocumentRecord, counts.c.segments, counts.c.words)
                .options(defer(DocumentRecord.text))
                .join(counts, counts.c.document_id == DocumentRecord.id)
                .order_by(DocumentRecord.id)
            )
            return [_document(record, (n, words)) for record, n, words in rows]

    def document(self, ref: int | str) -> Document:
        """A document by id or by name. A string of digits that is the id of one document
        and the name of another is refused as ambiguous rather than guessed."""
        with self.reading() as session:
            lookup = select(DocumentRecord).options(defer(DocumentRecord.text))
            by_id = by_name = None
            if isinstance(ref, int) or str(ref).isdigit():
                by_id = session.scalar(lookup.where(DocumentRecord.id == int(ref)))
            if isinstance(ref, str):
                by_name = session.scalar(lookup.where(DocumentRecord.name == ref))
            if by_id is not None and by_name is not None and by_id.id != by_name.id:
                raise AmbiguousDocumentError(
                    f"{ref!r} is both the id of {by_id.name!r} and the name of document "
                    f"{by_name.id}: give the other document's name or id instead"
                )
            record = by_id or by_name
            if record is None:
                raise UnknownDocumentError(
                    f"no stored document {ref!r}; `workbench docs` lists them"
                )
            return _document(record, self._counts(session, record.id))

    def document_text(self, document_id: int) -> str:
        """The document exactly as it was added (segment spans index into it)."""
        with self.reading() as session:
            text = session.scalar(
                select(DocumentRecord.text).where(DocumentRecord.id == document_id)
            )
            if text is None:
                raise UnknownDocumentError(f"no stored document {document_id}")
            return text

    def segments(self, document_id: int) -> list[StoredSegment]:
        with self.reading() as session:
            records = session.scalars(
                select(SegmentRecord)
                .where(SegmentRecord.document_id == document_id, LIVE)
                .order_by(SegmentRecord.position)
            )
            return [_segment(r) for r in records]

    def targets(self, document_id: int) -> list[str]:
        """Target languages that have at least one revision for this document."""
        with self.reading() as session:
            return sorted(
                session.scalars(
                    select(RevisionRecord.target_lang)
                    .join(SegmentRecord, SegmentRecord.id == RevisionRecord.segment_id)
                    .where(SegmentRecord.document_id == document_id)
                    .distinct()
                )
            )

    # ---- machine translation ------------------------------------------------------

    def add_machine_translations(
        self,
        document_id: int,
        target_lang: str,
        engine: str,
        model_id: str,
        hypotheses: Sequence[Sequence[ScoredText]],
    ) -> int:
        """Store one MT result per segment (in document order) with its n-best list.

        The best hypothesis becomes the segment's current target (an `mt` draft revision)
        where no editor has worked on it yet; an editor's work is never displaced, even one
        saved while this runs. Returns how many segments got a new MT revision.
        """
        batch = MachineTranslationBatch(engine, model_id, tuple(tuple(h) for h in hypotheses))
        return self.add_targets(document_id, DocumentTargets(target_lang, mt=batch)).new_mt

    def add_targets(self, document_id: int, targets: DocumentTargets) -> TargetsStored:
        """Put `targets` on a stored document in one transaction: its texts (each on the
        base it was planned from; a sentence whose head moved is left alone and reported),
        then its MT, which becomes the target only where no one has worked on it (an MT
        draft or nothing; a TM fill just made stays). All of it or nothing is stored."""
        _check_targets(targets)
        return self._appending(lambda session: self._store_targets(session, document_id, targets))

    def _store_targets(
        self,
        session: Session,
        document_id: int,
        targets: DocumentTargets,
        heads: dict[int, RevisionRecord] | None = None,
    ) -> TargetsStored:
        """`add_targets` inside the caller's transaction (`heads`: {} for a new document)."""
        lang = targets.target_lang
        segment_ids = self._live_ids_as_read(session, document_id, targets)
        if heads is None:
            heads = self._heads(session, document_id, lang)
        added, conflicts = 0, []
        for planned in targets.texts:
            segment_id = segment_ids[planned.position]
            try:
                record = self._append(
                    session, segment_id, lang, planned.text, planned.author,
                    planned.base_revision_id, targets.origin, planned.status,
                    head=heads.get(segment_id),
                )  # fmt: skip
            except _HeadMoved as moved:
                theirs = _revision(moved.head) if moved.head else None
                conflicts.append(RevisionConflict(segment_id, lang, planned.text, theirs))
                continue
            if record is not None:
                added += 1
                heads[segment_id] = record
        new_mt = 0
        if targets.mt is not None:
            hypotheses = targets.mt.hypotheses
            _, new_mt = self._store_mt(
                session, document_id, lang, targets.mt.engine, targets.mt.model_id,
                dict(zip(segment_ids, hypotheses, strict=True)), heads,
            )  # fmt: skip
        session.flush()
        return TargetsStored(added, new_mt, tuple(conflicts))

    @staticmethod
    def _live_ids_as_read(
        session: Session, document_id: int, targets: DocumentTargets
    ) -> list[int]:
        """The document's live segment ids in order, read under a shared lock on the
        document row (a split or merge, which locks it for update, finishes first or waits);
        `SegmentsChanged` when they are not the segments `targets` was computed for."""
        session.execute(
            select(DocumentRecord.id)
            .where(DocumentRecord.id == document_id)
            .with_for_update(read=True)
        )
        live = list(
            session.scalars(
                select(SegmentRecord.id)
                .where(SegmentRecord.document_id == document_id, LIVE)
                .order_by(SegmentRecord.position)
            )
        )
        computed_for = (
            f"{len(targets.mt.hypotheses)} MT results"
            if targets.mt is not None
            else f"{len(targets.texts)} texts"
        )
        changed = (
            (targets.segment_ids is not None and tuple(live) != tuple(targets.segment_ids))
            or (targets.mt is not None and len(targets.mt.hypotheses) != len(live))
            or any(planned.position >= len(live) for planned in targets.texts)
        )
        if changed:
            raise SegmentsChanged(
                f"{computed_for} for {len(live)} segments: the document's segments were "
                f"split or merged while its {targets.target_lang} targets were computed; "
                "nothing was stored, translate or fill it again"
            )
        return live

    def _store_mt(
        self,
        session: Session,
        document_id: int,
        target_lang: str,
        engine: str,
        model_id: str,
        results: Mapping[int, Sequence[ScoredText]],
        heads: dict[int, RevisionRecord] | None = None,
    ) -> tuple[list[MachineTranslationRecord], int]:
        """Store MT results (segment id -> n-best) of one document inside a write: the best
        hypothesis becomes the current target where no person has worked on the segment.
        `heads`: the segments' heads as this transaction left them (read when not given).
        Returns the records and how many segments got a new MT revision."""
        if heads is None:
            heads = self._heads(session, document_id, target_lang)
        records = [
            MachineTranslationRecord(
                segment_id=segment_id,
                target_lang=target_lang,
                engine=engine,
                model_id=model_id,
                hypotheses=[
                    HypothesisRecord(rank=rank, text=h.text, score=h.score)
                    for rank, h in enumerate(hyps)
                ],
            )
            for segment_id, hyps in results.items()
        ]
        session.add_all(records)
        session.flush()
        replaced = 0
        for mt in records:
            head = heads.get(mt.segment_id)
            untouched = head is None or (
                head.origin == Origin.MT and head.status == RevisionStatus.DRAFT
            )
            if not untouched or not mt.hypotheses:
                continue
            best = mt.hypotheses[0].text
            added = self._append(
                session,
                mt.segment_id,
                target_lang,
                best,
                f"{MT_AUTHOR_PREFIX}{engine}",
                head.id if head else None,
                Origin.MT,
                RevisionStatus.DRAFT,
                machine_translation_id=mt.id,
                head=head,
            )
            replaced += added is not None
        session.flush()
        return records, replaced

    def machine_translations(self, segment_id: int, target_lang: str) -> list[MachineTranslation]:
        """Every MT result for the segment and target, newest first."""
        with self.reading() as session:
            records = session.scalars(
                select(MachineTranslationRecord)
                .where(
                    MachineTranslationRecord.segment_id == segment_id,
                    MachineTranslationRecord.target_lang == target_lang,
                )
                .options(selectinload(MachineTranslationRecord.hypotheses))
                .order_by(MachineTranslationRecord.id.desc())
            )
            return [_machine_translation(r) for r in records]

    def document_machine_translations(
        self, document_id: int, target_lang: str
    ) -> dict[int, list[MachineTranslation]]:
        """Every MT result of a document's segments (segment id -> newest first), in one
        read: for scoring stored MT of a whole document."""
        with self.reading() as session:
            records = session.scalars(
                select(MachineTranslationRecord)
                .join(SegmentRecord, SegmentRecord.id == MachineTranslationRecord.segment_id)
                .where(
                    SegmentRecord.document_id == document_id,
                    LIVE,
                    MachineTranslationRecord.target_lang == target_lang,
                )
                .options(selectinload(MachineTranslationRecord.hypotheses))
                .order_by(MachineTranslationRecord.id.desc())
            )
            results: dict[int, list[MachineTranslation]] = {}
            for record in records:
                results.setdefault(record.segment_id, []).append(_machine_translation(record))
            return results

    def machine_translation(self, machine_translation_id: int) -> MachineTranslation:
        with self.reading() as session:
            record = session.get(
                MachineTranslationRecord,
                machine_translation_id,
                options=[selectinload(MachineTranslationRecord.hypotheses)],
            )
            if record is None:
                raise KeyError(machine_translation_id)
            return _machine_translation(record)

    # ---- revisions ------------------------------------------------------------------

    def save_revision(
        self,
        segment_id: int,
        target_lang: str,
        text: str,
        author: str,
        base_revision_id: int | None,
        origin: Origin | str = Origin.HUMAN,
        status: RevisionStatus | str = RevisionStatus.DRAFT,
        machine_translation_id: int | None = None,
        *,
        actor: Actor | None = None,
        comment: str | None = None,
    ) -> Revision:
        """Append a revision on top of `base_revision_id`, the one the editor started from.

        Refused with `RevisionConflict` (carrying both texts) when the segment's current
        revision is no longer the base, and with `NotPermitted` when `actor` (or the store's
        acting person) may not write it. Saving the current text and status again adds
        nothing and returns the current revision. A `comment` is added to the segment's
        threads in the same transaction (a reviewer's reason for sending it back).
        """
        origin, status = Origin(origin), RevisionStatus(status)
        _check_author(author)
        _check_target_lang(target_lang)
        actor = self._acting(actor)

        def work(session: Session) -> Revision:
            # Shared lock: a split or merge of this segment (which locks it for update)
            # either finishes first, and the save then finds it retired, or waits for it.
            segment = session.scalar(
                select(SegmentRecord)
                .where(SegmentRecord.id == segment_id)
                .with_for_update(read=True)
            )
            if segment is None:
                raise KeyError(f"no segment {segment_id}")
            if segment.retired is not None:
                head = self._head(session, segment_id, target_lang)
                raise SegmentRetired(
                    segment_id, target_lang, text, _revision(head) if head else None
                )
            try:
                record = self._append(
                    session, segment_id, target_lang, text, author, base_revision_id,
                    origin, status, machine_translation_id, actor=actor,
                )  # fmt: skip
            except _HeadMoved as moved:
                theirs = _revision(moved.head) if moved.head else None
                raise RevisionConflict(segment_id, target_lang, text, theirs) from None
            if comment is not None:
                writer = actor or Actor.local(author)
                add_comment_record(session, segment_id, target_lang, writer, comment)
            if record is None:
                return _revision(self._head(session, segment_id, target_lang))
            session.flush()
            return _revision(record)

        return self._appending(work)

    def _restatus(
        self,
        segment_id: int,
        target_lang: str,
        actor: Actor | None,
        base_revision_id: int | None,
        status: RevisionStatus,
        comment: str | None = None,
    ) -> Revision:
        """The base revision's text and origin again, with a new status, by `actor`."""
        actor = self._acting(actor) or Actor.local("editor")
        base = self.current_revision(segment_id, target_lang)
        if base is None or base.id != base_revision_id:
            raise RevisionConflict(segment_id, target_lang, base.text if base else "", base)
        return self.save_revision(
            segment_id, target_lang, base.text, actor.name, base_revision_id,
            origin=base.origin, status=status,
            machine_translation_id=base.machine_translation_id, actor=actor, comment=comment,
        )  # fmt: skip

    def approve(
        self, segment_id: int, target_lang: str, actor: Actor | None, base_revision_id: int
    ) -> Revision:
        """A reviewer's sign-off: the base text, approved (and locked for translators)."""
        return self._restatus(
            segment_id, target_lang, actor, base_revision_id, RevisionStatus.APPROVED
        )

    def reject(
        self,
        segment_id: int,
        target_lang: str,
        actor: Actor | None,
        base_revision_id: int,
        comment: str,
    ) -> Revision:
        """A reviewer sends the segment back: status rejected, with the reason as a comment
        (required; both are written or neither)."""
        return self._restatus(
            segment_id, target_lang, actor, base_revision_id, RevisionStatus.REJECTED, comment
        )

    def unlock(
        self, segment_id: int, target_lang: str, actor: Actor | None, base_revision_id: int
    ) -> Revision:
        """Reopen an approved segment (a reviewer or manager): the same text, confirmed
        again, so translators may change it; a revision like any other."""
        return self._restatus(
            segment_id, target_lang, actor, base_revision_id, RevisionStatus.CONFIRMED
        )

    def confirm(
        self,
        segment_id: int,
        target_lang: str,
        author: str,
        base_revision_id: int | None,
        text: str | None = None,
        *,
        actor: Actor | None = None,
    ) -> Revision:
        """Mark the segment final, with `text` if given (else the base revision's text).

        A confirmed text the editor did not change keeps its origin (MT confirmed as is
        stays `mt`); a changed one is `human`.
        """
        base = self.current_revision(segment_id, target_lang)
        if base is not None and base.id == base_revision_id:
            unchanged = text is None or text == base.text
            return self.save_revision(
                segment_id,
                target_lang,
                base.text if text is None else text,
                author,
                base_revision_id,
                origin=base.origin if unchanged else Origin.HUMAN,
                status=RevisionStatus.CONFIRMED,
                machine_translation_id=base.machine_translation_id if unchanged else None,
                actor=actor,
            )
        return self.save_revision(
            segment_id,
            target_lang,
            text or "",
            author,
            base_revision_id,
            status=RevisionStatus.CONFIRMED,
            actor=actor,
        )

    def append_on_bases(
        self,
        target_lang: str,
        texts: Mapping[int, str],
        bases: Mapping[int, int | None],
        author: str,
        origin: Origin | str,
        status: RevisionStatus | str = RevisionStatus.DRAFT,
        *,
        actor: Actor | None = None,
    ) -> Appended:
        """Put texts (segment id -> text) computed from `bases` (segment id -> the revision
        id the caller read, None for none) on top, in one transaction: for TM fills and
        XLIFF imports. A segment whose head moved since its base is left alone and
        reported in `conflicts` (nothing of the other side is lost); one approved and so
        locked for `actor` is left alone and reported in `locked`; unchanged texts are
        skipped. Anything else `actor` may not write refuses the whole batch."""
        origin, status = Origin(origin), RevisionStatus(status)
        _check_author(author)
        _check_target_lang(target_lang)
        actor = self._acting(actor)

        def work(session: Session) -> Appended:
            added, conflicts, locked = 0, [], []
            retired = self._retired_among(session, list(texts))
            for segment_id, text in texts.items():
                if segment_id in retired:  # split or merged since the caller read it
                    head = self._head(session, segment_id, target_lang)
                    theirs = _revision(head) if head else None
                    conflicts.append(SegmentRetired(segment_id, target_lang, text, theirs))
                    continue
                try:
                    record = self._append(
                        session, segment_id, target_lang, text, author, bases[segment_id],
                        origin, status, actor=actor, skip_locked=True,
                    )  # fmt: skip
                except _HeadMoved as moved:
                    theirs = _revision(moved.head) if moved.head else None
                    conflicts.append(RevisionConflict(segment_id, target_lang, text, theirs))
                    continue
                except _Locked:
                    locked.append(segment_id)
                    continue
                added += record is not None
            session.flush()
            return Appended(added, tuple(conflicts), tuple(locked))

        return self._appending(work)

    def append_revisions(
        self,
        target_lang: str,
        texts: Mapping[int, str],
        author: str,
        origin: Origin | str,
        status: RevisionStatus | str = RevisionStatus.DRAFT,
        *,
        actor: Actor | None = None,
    ) -> int:
        """Put texts (segment id -> text) on top of whatever is current when the write
        runs, in one transaction: for aligned translations of a new document and bulk
        loads that read nothing first. Unchanged texts, and segments approved and so locked
        for `actor`, are skipped; returns how many revisions were added."""
        origin, status = Origin(origin), RevisionStatus(status)
        _check_author(author)
        _check_target_lang(target_lang)
        actor = self._acting(actor)

        def work(session: Session) -> int:
            added = 0
            for segment_id, text in texts.items():
                head = self._head(session, segment_id, target_lang)
                try:
                    record = self._append(
                        session, segment_id, target_lang, text, author,
                        head.id if head else None, origin, status,
                        head=head, actor=actor, skip_locked=True,
                    )  # fmt: skip
                except _Locked:
                    continue
                added += record is not None
            session.flush()
            return added

        return self._appending(work)

    def current_revision(self, segment_id: int, target_lang: str) -> Revision | None:
        """The segment's current target_lang: its newest revision (None if it has none)."""
        with self.reading() as session:
            head = self._head(session, segment_id, target_lang)
            return _revision(head) if head else None

    def current_revisions(self, document_id: int, target_lang: str) -> dict[int, Revision]:
        """Segment id -> current revision, for every segment of the document that has one."""
        with self.reading() as session:
            return {
                sid: _revision(r)
                for sid, r in self._heads(session, document_id, target_lang).items()
            }

    def history(self, segment_id: int, target_lang: str) -> list[Revision]:
        """Every revision of the segment for the target_lang, oldest first."""
        with self.reading() as session:
            records = session.scalars(
                select(RevisionRecord)
                .where(
                    RevisionRecord.segment_id == segment_id,
                    RevisionRecord.target_lang == target_lang,
                )
                .order_by(RevisionRecord.number)
            )
            return [_revision(r) for r in records]

    def document_history(
        self, document_id: int, target_lang: str, *, retired: bool = False
    ) -> list[Revision]:
        """Every revision of the document's live segments for the target_lang in the order
        they were saved; with `retired`, also those of segments a split or merge replaced
        (`segment_edits` says what became of them), so every state the document went through
        can be replayed."""
        query = (
            select(RevisionRecord)
            .join(SegmentRecord, SegmentRecord.id == RevisionRecord.segment_id)
            .where(
                SegmentRecord.document_id == document_id,
                RevisionRecord.target_lang == target_lang,
            )
            .order_by(RevisionRecord.id)
        )
        if not retired:
            query = query.where(LIVE)
        with self.reading() as session:
            records = session.scalars(query)
            return [_revision(r) for r in records]

    @staticmethod
    def _retired_among(session: Session, segment_ids: list[int]) -> set[int]:
        """The retired ones among these segments, read under a shared lock so a split or
        merge running now finishes first or waits for this write."""
        rows = session.execute(
            select(SegmentRecord.id, SegmentRecord.retired)
            .where(SegmentRecord.id.in_(segment_ids))
            .with_for_update(read=True)
        )
        return {segment_id for segment_id, retired in rows if retired is not None}

    @staticmethod
    def _head(session: Session, segment_id: int, target_lang: str) -> RevisionRecord | None:
        return session.scalar(
            select(RevisionRecord)
            .where(
                RevisionRecord.segment_id == segment_id, RevisionRecord.target_lang == target_lang
            )
            .order_by(RevisionRecord.number.desc())
            .limit(1)
        )

    @staticmethod
    def _heads(session: Session, document_id: int, target_lang: str) -> dict[int, RevisionRecord]:
        query = _rows_query(document_id, target_lang).where(RevisionRecord.id.is_not(None))
        return {seg.id: rev for seg, rev in session.execute(query)}

    # ---- the editor's view -------------------------------------------------------------

    def segment_rows(
        self,
        document_id: int,
        target_lang: str,
        row_filter: SegmentFilter | str = SegmentFilter.ALL,
        search: str = "",
        offset: int = 0,
        limit: int | None = None,
    ) -> SegmentPage:
        """Segments with their current target_lang, filtered, searched (source and target_lang,
        case-insensitive substring), in document order, one page at a time."""
        query = _rows_query(document_id, target_lang)
        condition = _filter_condition(SegmentFilter(row_filter))
        if condition is not None:
            query = query.where(condition)
        if search.strip():
            needle = search.strip()
            query = query.where(
                or_(
                    SegmentRecord.source_text.icontains(needle, autoescape=True),
                    RevisionRecord.text.icontains(needle, autoescape=True),
                )
            )
        with self.reading() as session:
            total = session.scalar(select(func.count()).select_from(query.subquery()))
            page = query.offset(offset)
            if limit is not None:
                page = page.limit(limit)
            rows = tuple(
                SegmentRow(_segment(seg), _revision(rev) if rev is not None else None)
                for seg, rev in session.execute(page)
            )
            return SegmentPage(rows, total or 0)

    def progress(self, document_id: int, target_lang: str) -> Progress:
        """Segment counts per state and source words, computed in the database."""
        query = _rows_query(document_id, target_lang).subquery()
        confirmed = query.c.status.in_([s.value for s in FINISHED_STATUSES])
        edited = and_(
            query.c.status == RevisionStatus.DRAFT.value, query.c.origin == Origin.HUMAN.value
        )
        untranslated = query.c.number.is_(None)

        def count(condition) -> object:
            return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

        stmt = select(
            func.count(),
            func.coalesce(func.sum(query.c.word_count), 0),
            count(confirmed),
            count(edited),
            count(untranslated),
            func.coalesce(func.sum(case((confirmed, query.c.word_count), else_=0)), 0),
        )
        with self.reading() as session:
            segments, words, n_confirmed, n_edited, n_untranslated, confirmed_words = (
                session.execute(stmt).one()
            )
        return Progress(
            segments=segments,
            words=words,
            confirmed=n_confirmed,
            edited=n_edited,
            pretranslated=segments - n_confirmed - n_edited - n_untranslated,
            untranslated=n_untranslated,
            confirmed_words=confirmed_words,
        )


def _rows_query(document_id: int, target_lang: str) -> Select:
    """(segment, current revision or None) for every segment of a document, in order."""
    newest = (
        select(RevisionRecord.segment_id, func.max(RevisionRecord.number).label("number"))
        .join(SegmentRecord, SegmentRecord.id == RevisionRecord.segment_id)
        .where(
            SegmentRecord.document_id == document_id,
            LIVE,
            RevisionRecord.target_lang == target_lang,
        )
        .group_by(RevisionRecord.segment_id)
        .subquery()
    )
    return (
        select(SegmentRecord, RevisionRecord)
        .outerjoin(newest, newest.c.segment_id == SegmentRecord.id)
        .outerjoin(
            RevisionRecord,
            and_(
                RevisionRecord.segment_id == SegmentRecord.id,
                RevisionRecord.target_lang == target_lang,
                RevisionRecord.number == newest.c.number,
            ),
        )
        .where(SegmentRecord.document_id == document_id, LIVE)
        .order_by(SegmentRecord.position)
    )


def _filter_condition(row_filter: SegmentFilter):
    if row_filter == SegmentFilter.UNEDITED:
        return or_(
            RevisionRecord.id.is_(None),
            and_(
                RevisionRecord.status == RevisionStatus.DRAFT, RevisionRecord.origin != Origin.HUMAN
            ),
        )
    if row_filter == SegmentFilter.EDITED:
        return and_(
            RevisionRecord.status == RevisionStatus.DRAFT, RevisionRecord.origin == Origin.HUMAN
        )
    if row_filter == SegmentFilter.CONFIRMED:
        return RevisionRecord.status.in_(FINISHED_STATUSES)
    return None
