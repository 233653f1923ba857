"""Background MT jobs as the store keeps them: what to translate, how far it got, who runs it.

A job is one document, target language, engine and model. It never holds results itself:
each batch it finishes is stored as ordinary MT results in the same transaction that records
the batch's segments against the job (`translation_job_segments`, unique per job and
segment), so a crash loses at most the batch in flight and a retried job can never give a
segment two results. The job table is what the editor polls for progress and what
`workbench jobs` lists; whichever runner executes the job (a thread of the app, or a
`workbench worker` on a PostgreSQL queue) only calls the methods here.
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

from workbench.errors import WorkbenchError
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
    # JSON lists of 0-based positions: translated first (the rows the editor shows) / the
    # only ones to translate again even though they have MT from this model ("again").
    first_positions: Mapped[str] = mapped_column(Text, default="[]")
    again_positions: Mapped[str | None] = mapped_column(Text, nullable=True)
    total: Mapped[int] = mapped_column(Integer, default=0)  # segments it set out to translate
    done: Mapped[int] = mapped_column(Integer, default=0)
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
    machine_translation_id: Mapped[int] = mapped_column(ForeignKey("machine_translations.id"))


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
    first_positions: tuple[int, ...]  # the editor's rows, translated first
    total: int
    done: int
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
        first_positions=tuple(json.loads(record.first_positions)),
        total=record.total,
        done=record.done,
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
        first_positions: Sequence[int] = (),
        again_positions: Sequence[int] | None = None,
    ) -> TranslationJob:
        """A queued job, or the active one that already covers the same document, target,
        engine and model (clicking Translate twice starts nothing new)."""
        with self.transaction() as session:
            if again_positions is None:
                active = session.scalar(
                    select(TranslationJobRecord).where(
                        TranslationJobRecord.document_id == document_id,
                        TranslationJobRecord.target_lang == target_lang,
                        TranslationJobRecord.engine == engine,
                        TranslationJobRecord.model_id == model_id,
                        TranslationJobRecord.again_positions.is_(None),
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
                first_positions=json.dumps(sorted(set(first_positions))),
                again_positions=(
                    json.dumps(sorted(set(again_positions)))
                    if again_positions is not None
                    else None
                ),
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

        A segment needs MT when it has none from the job's engine and model for the target
        (or, for a "translate again" job, when it is selected and this job has not done it).
        """
        with self.reading() as session:
            record = session.get(TranslationJobRecord, job_id)
            if record is None:
                raise JobNotFound(f"no translation job {job_id}")
            ids = _pending_ids(session, record)
            if not ids:
                return []
            rows = session.scalars(select(SegmentRecord).where(SegmentRecord.id.in_(ids)))
            by_position = {row.position: row for row in rows}
        first = [p for p in json.loads(record.first_positions) if p in by_position]
        rest = [p for p in sorted(by_position) if p not in set(first)]
        ordered = [by_position[p] for p in first + rest]
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
    ) -> int:
        """Store one batch of MT (segment id -> n-best) for the job in one transaction.

        Segments the job already did are skipped, so a batch stored twice (a retry after a
        crash between commit and acknowledgement, or two runners racing) adds nothing: the
        unique job-and-segment key turns a race into a clash that the store's append path
        re-runs, and the re-run sees the other runner's rows. Like every MT, the best
        hypothesis becomes the current target only where no person has worked on the
        segment. Returns how many segments of the batch were new to the job.
        """

        def work(session: Session) -> int:
            job = session.get(TranslationJobRecord, job_id)
            if job is None:
                raise JobNotFound(f"no translation job {job_id}")
            done = set(
                session.scalars(
                    select(JobSegmentRecord.segment_id).where(
                        JobSegmentRecord.job_id == job_id,
                        JobSegmentRecord.segment_id.in_(list(results)),
                    )
                )
            )
            fresh = {seg: hyps for seg, hyps in results.items() if seg not in done}
            records, _ = self._store_mt(
                session, job.document_id, job.target_lang, job.engine, job.model_id, fresh
            )
            session.add_all(
                JobSegmentRecord(
                    job_id=job_id, segment_id=record.segment_id, machine_translation_id=record.id
                )
                for record in records
            )
            job.done += len(fresh)
            job.heartbeat, job.runner = utcnow(), runner
            session.flush()
            return len(fresh)

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
            record.state, record.error, record.finished = state.value, error, utcnow()

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


def _pending_ids(session: Session, job: TranslationJobRecord) -> list[int]:
    """Segment ids the job still has to translate."""
    already_done = exists().where(
        JobSegmentRecord.job_id == job.id, JobSegmentRecord.segment_id == SegmentRecord.id
    )
    query = select(SegmentRecord.id).where(
        SegmentRecord.document_id == job.document_id, ~already_done
    )
    if job.again_positions is not None:
        query = query.where(SegmentRecord.position.in_(json.loads(job.again_positions)))
    else:
        has_mt = exists().where(
            MachineTranslationRecord.segment_id == SegmentRecord.id,
            MachineTranslationRecord.target_lang == job.target_lang,
            MachineTranslationRecord.engine == job.engine,
            MachineTranslationRecord.model_id == job.model_id,
        )
        query = query.where(~has_mt)
    return list(session.scalars(query.order_by(SegmentRecord.position)))
