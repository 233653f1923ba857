"""Machine translation as a background job (issue: the editor stays usable while MT runs).

`start_translation` records a job in the store; `dispatch` hands it to whoever runs jobs:
the app's own thread (`jobs.local`, the default on one machine) or the PostgreSQL queue that
`workbench worker` processes take jobs from (`jobs.pgqueue`, for a team:
`WORKBENCH_JOBS=queue`). The runner (`jobs.runner`) is the same either way.
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench import config
from workbench.engines.base import TranslationEngine
from workbench.jobs.local import LocalJobRunner
from workbench.store import Store
from workbench.store.jobs import JobState, TranslationJob

DEFAULT_N_BEST = 3  # alternatives kept per sentence for the editor


def start_translation(
    store: Store,
    document_id: int,
    target_lang: str,
    engine: TranslationEngine,
    requested_by: str,
    *,
    first_segment_ids: Sequence[int] = (),
    segment_ids: Sequence[int] | None = None,
    again: bool = False,
    n_best: int = DEFAULT_N_BEST,
) -> TranslationJob:
    """A job translating what the document (or `segment_ids`) still needs, or with `again`
    those segments even where they have MT; `first_segment_ids` (the editor's rows) go
    first. An active whole-document job for the same document, target and model is returned
    instead of a new one. A missing model fails here, before anything is stored."""
    source_lang = store.document(document_id).source_lang
    model_id = engine.model_id(source_lang, target_lang)
    return store.create_job(
        document_id,
        target_lang,
        engine.name,
        model_id,
        requested_by,
        n_best=n_best,
        first_segment_ids=first_segment_ids,
        segment_ids=segment_ids,
        again=again,
    )


def dispatch(store: Store, job: TranslationJob, local: LocalJobRunner | None) -> None:
    """Hand the job to the queue (`WORKBENCH_JOBS=queue`) or to the local runner."""
    if job.state is not JobState.QUEUED and job.runner is not None:
        return  # already being run
    if config.job_mode() == "queue":
        from workbench.jobs.pgqueue import enqueue

        enqueue(store, job.id)
    elif local is not None:
        local.submit(job.id)
    else:
        raise ValueError("no local runner to run the job")


__all__ = ["DEFAULT_N_BEST", "LocalJobRunner", "dispatch", "start_translation"]
