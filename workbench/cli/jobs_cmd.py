"""`workbench jobs` (list, cancel) and `workbench worker`: background translation from a shell."""

from __future__ import annotations

import argparse

from workbench.cli.options import add_db_option, open_store_from
from workbench.errors import WorkbenchError
from workbench.store.jobs import TranslationJob


def register(subparsers: argparse._SubParsersAction) -> None:
    jobs = subparsers.add_parser(
        "jobs",
        help="list translation jobs and their progress, or cancel one",
        description="Newest first: id, state, done/total segments, document, target, engine "
        "and model, who asked, the worker running it, and the error of a failed job.",
    )
    jobs.add_argument("action", nargs="?", choices=("list", "cancel"), default="list")
    jobs.add_argument("job_id", nargs="?", type=int, metavar="ID", help="the job to cancel")
    jobs.add_argument("--limit", type=int, default=20, help="at most this many (20)")
    add_db_option(jobs)
    jobs.set_defaults(func=run_jobs)

    worker = subparsers.add_parser(
        "worker",
        help="take translation jobs from the PostgreSQL queue (a team's workers)",
        description="Runs jobs that `workbench translate FILE --queue` or the app (with "
        "WORKBENCH_JOBS=queue) put on the queue in the store's PostgreSQL database, one at a "
        "time, keeping the models loaded. Run as many as you like, on any machine that "
        "reaches the database and has the models. Stops on SIGINT/SIGTERM.",
    )
    worker.add_argument(
        "--once", action="store_true", help="drain the queue and exit (scripts and tests)"
    )
    worker.add_argument("--name", help="the worker's name in the queue (default: host:pid)")
    add_db_option(worker)
    worker.set_defaults(func=run_worker)


def describe(job: TranslationJob) -> str:
    line = (
        f"{job.id:>5}  {job.state.value:<9} {job.done:>5}/{job.total:<5} "
        f"{job.document_name} → {job.target_lang}  {job.engine} {job.model_id}  "
        f"by {job.requested_by}"
    )
    if job.runner and job.active:
        line += f"  on {job.runner}"
    if job.error:
        line += f"  error: {job.error}"
    return line


def run_jobs(args: argparse.Namespace) -> int:
    with open_store_from(args) as store:
        if args.action == "cancel":
            if args.job_id is None:
                raise WorkbenchError("jobs cancel needs the job's ID (`workbench jobs` lists them)")
            print(describe(store.cancel_job(args.job_id)))
            return 0
        listed = store.jobs(limit=args.limit)
        if not listed:
            print("No translation jobs.")
        for job in listed:
            print(describe(job))
    return 0


def run_worker(args: argparse.Namespace) -> int:
    from workbench.jobs.pgqueue import run_worker as work

    with open_store_from(args) as store:
        work(store, once=args.once, name=args.name)
    return 0
