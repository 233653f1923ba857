"""A team's queue: translation jobs in PostgreSQL, taken by `workbench worker` processes.

Procrastinate is the queue (PostgreSQL as the only broker: jobs are rows, workers are woken
by LISTEN/NOTIFY and take jobs with SELECT … FOR UPDATE SKIP LOCKED; workers send heartbeats,
failed jobs are retried). It lives in the same database as the store, so a team runs one
PostgreSQL and any number of workers on any machines. The queue only carries a job's id:
what to translate and how far it got is in the store's job table, so a job retried after its
worker was killed goes on from the last stored batch and never stores a segment twice.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from dataclasses import replace
from datetime import timedelta

import procrastinate
from sqlalchemy.engine import make_url

from workbench.errors import WorkbenchError
from workbench.jobs.runner import EngineProvider, RunSettings, run_job
from workbench.store import Store, open_store

log = logging.getLogger(__name__)

QUEUE = "translation"
TASK_NAME = "workbench.translate_job"
HEARTBEAT_SECONDS = 2.0  # a worker's heartbeat; a worker silent 5 beats is taken as dead
STALLED_AFTER_SECONDS = 10.0
RETRIES = 5


def is_postgresql(url: str) -> bool:
    return make_url(url).get_backend_name() == "postgresql"


def libpq_url(url: str) -> str:
    """The store's SQLAlchemy URL as psycopg/libpq want it (no `+driver`)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        raise WorkbenchError(
            f"the job queue needs a PostgreSQL store, not {parsed.get_backend_name()}: set "
            "WORKBENCH_DB=postgresql+psycopg://… (one machine needs no queue: the app runs "
            "jobs itself)"
        )
    return parsed.set(drivername="postgresql").render_as_string(hide_password=False)


@functools.cache
def _engines() -> EngineProvider:
    from workbench.engines.registry import engine_for

    return lambda name, src, tgt: engine_for(src, tgt, name)


@functools.cache
def _store(url: str) -> Store:
    return open_store(url)


def make_app(
    url: str, engines: EngineProvider | None = None, settings: RunSettings | None = None
) -> procrastinate.App:
    """A procrastinate app on the store's database with the one task a worker runs.

    Procrastinate hands a job to another worker only when the one holding it stopped
    sending heartbeats, so the runner may take the store's job over at once.
    """
    app = procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=libpq_url(url)))
    provider = engines or _engines()
    settings = replace(settings or RunSettings.from_config(), stale_after=timedelta(0))

    @app.task(name=TASK_NAME, queue=QUEUE, retry=procrastinate.RetryStrategy(max_attempts=RETRIES))
    def translate_job(job_id: int) -> str:
        # The engines and the store stay loaded in the worker between jobs.
        return run_job(_store(url), job_id, provider, settings=settings).value

    return app


def ensure_schema(store: Store) -> None:
    """Create procrastinate's tables in the store's database once (several workers may race)."""
    with store.exclusive("workbench-queue-schema"):
        if store.has_table("procrastinate_jobs"):
            return
        app = procrastinate.App(
            connector=procrastinate.SyncPsycopgConnector(conninfo=libpq_url(store.connection_url()))
        )
        with app.open():
            app.schema_manager.apply_schema()


def enqueue(store: Store, job_id: int) -> int:
    """Put a store job on the queue; returns procrastinate's job id."""
    ensure_schema(store)
    app = make_app(store.connection_url())
    with app.open():
        return app.tasks[TASK_NAME].defer(job_id=job_id)


async def _retry_stalled(app: procrastinate.App) -> int:
    """Give jobs of workers that stopped sending heartbeats (killed, crashed) to others."""
    stalled = await app.job_manager.get_stalled_jobs(
        queue=QUEUE, seconds_since_heartbeat=STALLED_AFTER_SECONDS
    )
    for job in stalled:
        log.warning("retrying job %s: its worker stopped sending heartbeats", job.id)
        await app.job_manager.retry_job(job)
    return len(stalled)


async def _reaper(app: procrastinate.App) -> None:
    while True:
        await _retry_stalled(app)
        await asyncio.sleep(HEARTBEAT_SECONDS)


async def _pending(app: procrastinate.App) -> int:
    rows = await app.connector.execute_query_all_async(
        query="SELECT count(*) AS n FROM procrastinate_jobs "
        "WHERE queue_name = %(queue)s AND status IN ('todo', 'doing')",
        queue=QUEUE,
    )
    return rows[0]["n"]


def run_worker(
    store: Store,
    once: bool = False,
    engines: EngineProvider | None = None,
    settings: RunSettings | None = None,
    name: str | None = None,
) -> None:
    """Take jobs until stopped (SIGINT/SIGTERM), or with `once` until the queue is drained:
    nothing waiting and nothing held by a worker that is still alive."""
    ensure_schema(store)
    app = make_app(store.connection_url(), engines, settings)
    options = {
        "queues": [QUEUE],
        "name": name,
        "concurrency": 1,  # one job at a time: the engine already uses every core it is given
        "update_heartbeat_interval": HEARTBEAT_SECONDS,
        "stalled_worker_timeout": STALLED_AFTER_SECONDS,
        "delete_jobs": "successful",
    }

    async def main() -> None:
        async with app.open_async():
            if not once:
                reaper = asyncio.create_task(_reaper(app))
                try:
                    await app.run_worker_async(wait=True, **options)
                finally:
                    reaper.cancel()
                return
            while True:
                await _retry_stalled(app)
                await app.run_worker_async(wait=False, install_signal_handlers=False, **options)
                if await _pending(app) == 0:
                    return
                await asyncio.sleep(HEARTBEAT_SECONDS)  # a live worker holds the rest

    asyncio.run(main())
