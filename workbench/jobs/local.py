"""The default way jobs run: a thread inside the app's own process, nothing else to start.

One `LocalJobRunner` per store and process runs jobs one after another (the engine already
uses every core through CTranslate2's workers). Jobs outlive the browser tab that started
them, because the thread belongs to the server process and the job's state is in the store;
jobs left running by a process that died are picked up again when a runner starts, since
their heartbeat has gone quiet.
"""

from __future__ import annotations

import logging
import queue
import threading

from workbench.glossary import Glossary
from workbench.jobs.runner import (
    DEFAULT_SETTINGS,
    EngineProvider,
    RunSettings,
    run_job,
    runner_name,
)
from workbench.store import Store

log = logging.getLogger(__name__)


class LocalJobRunner:
    """Runs submitted jobs in one daemon thread, in the order they were submitted."""

    def __init__(
        self,
        store: Store,
        engines: EngineProvider,
        glossary: Glossary | None = None,
        settings: RunSettings = DEFAULT_SETTINGS,
    ):
        self.store, self.engines, self.glossary, self.settings = store, engines, glossary, settings
        self.name = f"{runner_name()}:local"
        self._queue: queue.Queue[int | None] = queue.Queue()
        self._thread = threading.Thread(target=self._work, name="workbench-jobs", daemon=True)
        self._thread.start()
        for job_id in store.stale_jobs(settings.stale_after):
            self.submit(job_id)  # left queued, or orphaned by a runner that died

    def submit(self, job_id: int) -> None:
        self._queue.put(job_id)

    def idle(self) -> bool:
        """No job waiting or running in this runner."""
        return self._queue.unfinished_tasks == 0

    def join(self, timeout: float | None = None) -> bool:
        """Wait until every submitted job has ended (for the CLI and tests)."""
        done = threading.Event()

        def wait() -> None:
            self._queue.join()
            done.set()

        threading.Thread(target=wait, daemon=True).start()
        return done.wait(timeout)

    def stop(self) -> None:
        self._queue.put(None)
        self._thread.join(timeout=30)

    def _work(self) -> None:
        while True:
            job_id = self._queue.get()
            try:
                if job_id is None:
                    return
                run_job(self.store, job_id, self.engines, self.glossary, self.settings, self.name)
            except Exception:  # the job records its own failure; keep the thread alive
                log.exception("translation job %s could not be run", job_id)
            finally:
                self._queue.task_done()
