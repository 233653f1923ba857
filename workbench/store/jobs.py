"""Background MT jobs as the store keeps them: what to translate, how far it got, who runs it.

A job is one document, target language, engine and model. It never holds results itself:
each batch it finishes is stored as ordinary MT results in the same transaction that records
the batch's segments against the job (`translation_job_segments`, unique per job and
segment), so a crash loses at most the batch in flight and a retried job can never give a
segment two results. The job table is what the editor polls for progress and what
`workbench jobs` lists; whichever runner executes the job (a thread of the app, or a
`workbench worker` on a PostgreSQL queue) only calls the methods here.

A job addresses segments by id, never by position, because a split or merge
(`workbench.store.resegment`) renumbers the document while a job waits or runs:

* A job for the whole document (`segment_ids` None) translates every *live* segment that has
  no MT from its engine and model, read afresh before each batch. So the segments a split or
  merge creates while it waits are translated by it, and the ones it retired are not.
* A job for chosen segments (a selection to translate again, the new segments of a split)
  translates those ids only. One retired before its batch runs is skipped; its replacements
  are left to the job the split or merge starts for them (`workflows.resegment`).
* Storing a batch locks the document row (a split or merge takes the same lock), then drops
  the segments retired meanwhile and, unless the job translates again, the ones that got MT
  from the same model meanwhile (another job was first). So every live segment ends with one
  MT result from a model and no retired segment is written, however jobs and edits interleave.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    exists,
    select,
    update,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from workbench.errors import InputError, WorkbenchError
from workbench.store.models import (
    Base,
    DocumentRecord,
    MachineTranslationRecord,
    SegmentRecord,
)
from workbench.store.records import StoredSegment
from workbench.timeutil import as_utc, utcnow


class ScoredText(Protocol):
    """One MT candidate (`workbench.engines.Hypothesis` is one)."""

    text: str
    score: float


class JobState(enum.StrEnum):
    QUEUED = "queued"  # waiting for a runner
    RUNNING = "running"  # a runner has it and sends heartbeats
    DONE = "done"  # every segment that needed MT has it
    FAILED = "failed"  # stopped by an error (the message says which)
    CANCELLED = "cancelled"  # stopped by a person; what it stored stays


ACTIVE_STATES = (JobState.QUEUED, JobState.RUNNING)


class TranslationJobRecord(Base):
    __tablename__ = "translation_jobs"
    __table_args__ = (Index("ix_jobs_document_target", "document_id", "target_lang"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    target_lang: Mapped[str] = mapped_column(String(16))
    engine: Mapped[str] = mapped_column(String(64))
    model_id: Mapped[str] = mapped_column(String(255))
    n_best: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(16), default=JobState.QUEUED.value)
    # JSON lists of segment ids: translated first (the rows the editor shows) / the only
    # segments the job covers (None: the whole document). `again`: translate them even
    # where they have MT from this model (an explicit "translate again").
    first_segment_ids: Mapped[str] = mapped_column(Text, default="[]")
    segment_ids: Mapped[str | None] = mapped_column(Text, nullable=True)
    again: Mapped[bool] = mapped_column(Boolean, default=False)
    # Segments it sets out to translate: handled so far plus those still pending (it grows
    # when a split adds segments to a whole-document job, shrinks when one is retired).
    total: Mapped[int] = mapped_column(Integer, default=0)
    done: Mapped[int] = mapped_column(Integer, default=0)  # segments handled, failed included
    failed: Mapped[int] = mapped_column(Integer, default=0)  # segments the engine could not do
    requested_by: Mapped[str] = mapped_column(String(255))
    runner: Mapped[str | None] = mapped_column(String(255), nullable=True)
    cancel_requested: Mapped[bool] = mapped_column(Boolean, default=False)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    started: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    heartbeat: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    finished: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class JobSegmentRecord(Base):
    """One segment a job translated: the unique key is what makes a retry idempotent."""

    __tablename__ = "translation_job_segments"
    __table_args__ = (UniqueConstraint("job_id", "segment_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("translation_jobs.id"), index=True)
    segment_id: Mapped[int] = mapped_column(ForeignKey("segments.id"))
    # None: the engine failed on this segment (the job's error says why; a new job retries it)
    machine_translation_id: Mapped[int | None] = mapped_column(
        ForeignKey("machine_translations.id"), nullable=True
    )


@dataclass(frozen=True)
class TranslationJob:
    id: int
    document_id: int
    document_name: str
    target_lang: str
    engine: str
    model_id: str
    n_best: int
    state: JobState
    first_segment_ids: tuple[int, ...]  # the editor's rows, translated first
    segment_ids: tuple[int, ...] | None  # the segments it covers; None: the whole document
    again: bool  # translates its segments even where they have MT from its model
    total: int
    done: int
    failed: int
    requested_by: str
    runner: str | None
    cancel_requested: bool
    error: str | None
    created: datetime
    started: datetime | None
    heartbeat: datetime | None
    finished: datetime | None

    @property
    def active(self) -> bool:
        return self.state in ACTIVE_STATES

    @property
    def percent(self) -> float:
        return 100.0 * self.done / self.total if self.total else 100.0


class JobNotFound(WorkbenchError):
    """No job with that id."""


def _job(record: TranslationJobRecord, document_name: str) -> TranslationJob:
    def aware(moment: datetime | None) -> datetime | None:
        return as_utc(moment) if moment is not None else None

    return TranslationJob(
        id=record.id,
        document_id=record.document_id,
        document_name=document_name,
        target_lang=record.target_lang,
        engine=record.engine,
        model_id=record.model_id,
        n_best=record.n_best,
        state=JobState(record.state),
        first_segment_ids=tuple(json.loads(record.first_segment_ids)),
        segment_ids=(
            tuple(json.loads(record.segment_ids)) if record.segment_ids is not None else None
        ),
        again=record.again,
        total=record.total,
        done=record.done,
        failed=record.failed,
        requested_by=record.requested_by,
        runner=record.runner,
        cancel_requested=record.cancel_requested,
        error=record.error,
        created=as_utc(record.created),
        started=aware(record.started),
        heartbeat=aware(record.heartbeat),
        finished=aware(record.finished),
    )


class JobQueries:
    """The store's job methods (mixed into `Store`, which supplies `_read` and `_write`)."""

    # Supplied by `Store`: its read session, write transaction, append path and MT writer.
    reading: Callable[[], AbstractContextManager[Session]]
    transaction: Callable[[], AbstractContextManager[Session]]

    # ---- creating and reading ---------------------------------------------------------

    def create_job(
        self,
        document_id: int,
        target_lang: str,
        engine: str,
        model_id: str,
        requested_by: str,
        *,
        n_best: int = 3,
        first_segment_ids: Sequence[int] = (),
        segment_ids: Sequence[int] | None = None,
        again: bool = False,
    ) -> TranslationJob:
        """A queued job for `segment_ids` (None: the whole document), the editor's rows
        (`first_segment_ids`) first; `again` translates them even where they have MT from
        this model. A whole-document request returns the active whole-document job of the
        same document, target, engine and model instead (Translate twice starts nothing new).
        Ids that are not segments of the document are refused with one line."""
        if again and segment_ids is None:
            raise InputError("translating again needs the segments to translate")
        with self.transaction() as session:
            _check_ids(session, document_id, [*first_segment_ids, *(segment_ids or ())])
            if segment_ids is None:
                active = session.scalar(
                    select(TranslationJobRecord).where(
                        TranslationJobRecord.document_id == document_id,
                        TranslationJobRecord.target_lang == target_lang,
                        TranslationJobRecord.engine == engine,
                        TranslationJobRecord.model_id == model_id,
                        TranslationJobRecord.segment_ids.is_(None),
                        TranslationJobRecord.state.in_([s.value for s in ACTIVE_STATES]),
                    )
                )
                if active is not None:
                    return _job(active, _document_name(session, document_id))
            record = TranslationJobRecord(
                document_id=document_id,
                target_lang=target_lang,
                engine=engine,
                model_id=model_id,
                n_best=n_best,
                requested_by=requested_by,
                first_segment_ids=json.dumps(list(dict.fromkeys(first_segment_ids))),
                segment_ids=(
                    json.dumps(sorted(set(segment_ids))) if segment_ids is not None else None
                ),
                again=again,
            )
            session.add(record)
            session.flush()
            record.total = len(_pending_ids(session, record))
            return _job(record, _document_name(session, document_id))

    def job(self, job_id: int) -> TranslationJob:
        with self.reading() as session:
            record = session.get(TranslationJobRecord, job_id)
            if record is None:
                raise JobNotFound(f"no translation job {job_id}; `workbench jobs` lists them")
            return _job(record, _document_name(session, record.document_id))

    def jobs(
        self, document_id: int | None = None, target_lang: str | None = None, limit: int = 50
    ) -> list[TranslationJob]:
        """Newest first."""
        query = (
            select(TranslationJobRecord, DocumentRecord.name)
            .join(DocumentRecord, DocumentRecord.id == TranslationJobRecord.document_id)
            .order_by(TranslationJobRecord.id.desc())
            .limit(limit)
        )
        if document_id is not None:
            query = query.where(TranslationJobRecord.document_id == document_id)
        if target_lang is not None:
            query = query.where(TranslationJobRecord.target_lang == target_lang)
        with self.reading() as session:
            return [_job(record, name) for record, name in session.execute(query)]

    def active_job(self, document_id: int, target_lang: str) -> TranslationJob | None:
        """The newest queued or running job of this document and target, if any."""
        for job in self.jobs(document_id, target_lang, limit=5):
            if job.active:
                return job
        return None

    def pending_segments(self, job_id: int, limit: int | None = None) -> list[StoredSegment]:
        """What the job still has to translate, the editor's rows first, then document order.

        A live segment of the job's scope needs MT when this job has not done it and, unless
        the job translates again, it has none from the job's engine and model for the target.
        """
        with self.reading() as session:
            record = session.get(TranslationJobRecord, job_id)
            if record is None:
                raise JobNotFound(f"no translation job {job_id}")
            ids = _pending_ids(session, record)
            if not ids:
                return []
            rows = session.scalars(
                select(SegmentRecord)
                .where(SegmentRecord.id.in_(ids))
                .order_by(SegmentRecord.position)
            )
            by_id = {row.id: row for row in rows}
        first = [i for i in json.loads(record.first_segment_ids) if i in by_id]
        ordered = [by_id[i] for i in dict.fromkeys([*first, *by_id])]
        if limit is not None:
            ordered = ordered[:limit]
        return [
            StoredSegment(
                r.id,
                r.document_id,
                r.position,
                r.paragraph,
                r.source_text,
                r.start,
                r.end,
                r.word_count,
            )
            for r in ordered
        ]

    # ---- running ----------------------------------------------------------------------

    def claim_job(self, job_id: int, runner: str, stale_after: timedelta) -> TranslationJob | None:
        """Take a queued job (or a running one whose runner stopped sending heartbeats) for
        `runner`; None when it is finished, cancelled or alive in another runner."""
        now = utcnow()
        with self.transaction() as session:
            record = session.get(TranslationJobRecord, job_id)
            if record is None:
                raise JobNotFound(f"no translation job {job_id}")
            state = JobState(record.state)
            stale = record.heartbeat is None or as_utc(record.heartbeat) < now - stale_after
            if state is JobState.RUNNING and not stale and record.runner != runner:
                return None
            if state not in ACTIVE_STATES:
                return None
            if record.cancel_requested:
                record.state, record.finished = JobState.CANCELLED.value, now
                return None
            record.state, record.runner, record.heartbeat = JobState.RUNNING.value, runner, now
            record.started = record.started or now
            return _job(record, _document_name(session, record.document_id))

    def stale_jobs(self, stale_after: timedelta) -> list[int]:
        """Ids of queued jobs and of running jobs whose runner went silent, oldest first."""
        cutoff = utcnow() - stale_after
        with self.reading() as session:
            rows = session.execute(
                select(
                    TranslationJobRecord.id,
                    TranslationJobRecord.state,
                    TranslationJobRecord.heartbeat,
                )
                .where(TranslationJobRecord.state.in_([s.value for s in ACTIVE_STATES]))
                .order_by(TranslationJobRecord.id)
            ).all()
        return [
            job_id
            for job_id, state, beat in rows
            if state == JobState.QUEUED.value or beat is None or as_utc(beat) < cutoff
        ]

    def store_job_batch(
        self,
        job_id: int,
        runner: str,
        results: Mapping[int, Sequence[ScoredText]],
        failures: Mapping[int, str] | None = None,
    ) -> int:
        """Store one batch of MT (segment id -> n-best) for the job in one transaction.

        The batch is stored under the document row's lock, so two runners storing batches
        of one document (or a split or merge) take turns. Segments the job already did are
        skipped, so a batch stored twice (a retry after a crash between commit and
        acknowledgement, or two runners racing) adds nothing; the unique job-and-segment key
        backs this up. Segments a split or merge retired since the batch was read are
        skipped, and so are (unless the job translates again) segments that got MT from the
        same model meanwhile; neither counts as done. Like every MT, the best hypothesis
        becomes the current target only where no person has worked on the segment.
        `failures` (segment id -> message) are segments the engine could not translate:
        recorded as done by the job without MT, so the job ends, and the job's error names
        the first. Returns how many segments of the batch were new to the job.
        """
        failures = failures or {}

        def work(session: Session) -> int:
            job = session.get(TranslationJobRecord, job_id)
            if job is None:
                raise JobNotFound(f"no translation job {job_id}")
            # The same lock a split or merge takes: it finishes first or waits for this batch.
            session.execute(
                select(DocumentRecord.id)
                .where(DocumentRecord.id == job.document_id)
                .with_for_update()
            )
            still_needed = set(_pending_ids(session, job, among=[*results, *failures]))
            fresh = {seg: hyps for seg, hyps in results.items() if seg in still_needed}
            failed = {seg: why for seg, why in failures.items() if seg in still_needed}
            records, _ = self._store_mt(
                session, job.document_id, job.target_lang, job.engine, job.model_id, fresh
            )
            session.add_all(JobSegmentRecord(job_id=job_id, segment_id=seg) for seg in failed)
            if failed and job.error is None:
                job.error = " ".join(next(iter(failed.values())).split())
            job.failed += len(failed)
            session.add_all(
                JobSegmentRecord(
                    job_id=job_id, segment_id=record.segment_id, machine_translation_id=record.id
                )
                for record in records
            )
            job.done += len(fresh) + len(failed)
            job.heartbeat, job.runner = utcnow(), runner
            session.flush()
            job.total = job.done + len(_pending_ids(session, job))
            return len(fresh) + len(failed)

        return self._appending(work)

    def beat(self, job_id: int, runner: str) -> bool:
        """Refresh the heartbeat; False when the job was cancelled (the runner stops)."""
        with self.transaction() as session:
            record = session.get(TranslationJobRecord, job_id)
            if record is None or record.cancel_requested:
                return False
            if record.runner == runner:
                record.heartbeat = utcnow()
            return JobState(record.state) is JobState.RUNNING

    def finish_job(self, job_id: int, state: JobState, error: str | None = None) -> None:
        with self.transaction() as session:
            record = session.get(TranslationJobRecord, job_id)
            if record is None:
                return
            record.state, record.finished = state.value, utcnow()
            if state is JobState.DONE:
                record.total = record.done  # segments retired before their batch drop out
            if error is not None:
                record.error = error

    def requeue_job(self, job_id: int) -> None:
        """Put a running job back in the queue (its runner is shutting down)."""
        with self.transaction() as session:
            session.execute(
                update(TranslationJobRecord)
                .where(
                    TranslationJobRecord.id == job_id,
                    TranslationJobRecord.state == JobState.RUNNING.value,
                )
                .values(state=JobState.QUEUED.value, runner=None)
            )

    def cancel_job(self, job_id: int) -> TranslationJob:
        """Ask the job to stop after the batch in flight; a queued job stops at once."""
        with self.transaction() as session:
            record = session.get(TranslationJobRecord, job_id)
            if record is None:
                raise JobNotFound(f"no translation job {job_id}; `workbench jobs` lists them")
            if JobState(record.state) in ACTIVE_STATES:
                record.cancel_requested = True
                if record.state == JobState.QUEUED.value:
                    record.state, record.finished = JobState.CANCELLED.value, utcnow()
            return _job(record, _document_name(session, record.document_id))


def _document_name(session: Session, document_id: int) -> str:
    return session.scalar(select(DocumentRecord.name).where(DocumentRecord.id == document_id))


def _check_ids(session: Session, document_id: int, segment_ids: Sequence[int]) -> None:
    if not segment_ids:
        return
    known = set(
        session.scalars(
            select(SegmentRecord.id).where(
                SegmentRecord.document_id == document_id, SegmentRecord.id.in_(set(segment_ids))
            )
        )
    )
    strangers = sorted(set(segment_ids) - known)
    if strangers:
        raise InputError(
            f"segment {strangers[0]} is not a segment of document {document_id}; "
            "reload the document (no job was started)"
        )


def _pending_ids(
    session: Session, job: TranslationJobRecord, among: Sequence[int] | None = None
) -> list[int]:
    """Segment ids the job still has to translate (of `among`, when given), in order."""
    already_done = exists().where(
        JobSegmentRecord.job_id == job.id, JobSegmentRecord.segment_id == SegmentRecord.id
    )
    query = select(SegmentRecord.id).where(
        SegmentRecord.document_id == job.document_id, SegmentRecord.retired.is_(None), ~already_done
    )
    if job.segment_ids is not None:
        query = query.where(SegmentRecord.id.in_(json.loads(job.segment_ids)))
    if among is not None:
        query = query.where(SegmentRecord.id.in_(list(among)))
    if not job.again:
        has_mt = exists().where(
            MachineTranslationRecord.segment_id == SegmentRecord.id,
            MachineTranslationRecord.target_lang == job.target_lang,
            MachineTranslationRecord.engine == job.engine,
            MachineTranslationRecord.model_id == job.model_id,
        )
        query = query.where(~has_mt)
    return list(session.scalars(query.order_by(SegmentRecord.position)))
