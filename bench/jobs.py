#!/usr/bin/env python
"""Background translation on a realistic-size model: first rows, throughput, workers.

Builds the random-weight Argos package of `bench/mt_throughput.py` (6+6 layers, d_model 512,
32k vocabulary, int8), stores a document of N sentences and measures, in the same run:

  (1) one direct batched engine call on every sentence (the baseline);
  (2) the background path through the editor's side: an open grid (`editing.OpenGrid`)
      whose screen shows the first 50 rows, Translate as the page starts it (a job with those
      rows first, run by the app's thread runner), then the grid's polls (one a second, each
      answered with the rows that changed): the time until all 50 rows have arrived in the
      grid with their MT (the browser's round trip, a few ms, is `bench/editor.py`'s), and
      the throughput of the whole job, as a ratio to (1);
  (3) with `--postgres`: a throwaway PostgreSQL, the documents split into 4 jobs on the
      queue, drained by 1 and then by 2 `workbench worker` processes, each pinned to one
      core (`taskset`) with one CTranslate2 worker: the ratio 2 workers / 1, over the wall
      clock (process start and model load included) and over the span from the first job
      started to the last one finished (the translating alone).

    python bench/jobs.py                      # 2,000 sentences (several minutes on 2 cores)
    python bench/jobs.py --sentences 400 --postgres
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(REPO_ROOT / "bench"))

from mt_throughput import (  # noqa: E402
    MODEL,
    CappedTranslator,
    configure_environment,
    make_sentences,
)

FIRST_ROWS = 50
GRID_POLL_SECONDS = 1.0  # the grid's poll interval while a job runs (grid.js)


def worker_command(core: int, url: str) -> list[str]:
    """`workbench worker --once` pinned to one core."""
    pinned = ["taskset", "-c", str(core), sys.executable, __file__]
    return [*pinned, "--worker", url]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=2000, help="document size (2000)")
    parser.add_argument("--postgres", action="store_true", help="also time 1 vs 2 workers")
    parser.add_argument(
        "--pg-sentences", type=int, default=400, help="sentences in the worker comparison"
    )
    parser.add_argument("--rounds", type=int, default=3, help="direct/background pairs (3)")
    parser.add_argument("--max-len", type=int, default=64, help="max_decoding_length (64)")
    parser.add_argument("--worker", metavar="URL", help=argparse.SUPPRESS)  # (3)'s workers
    args = parser.parse_args()
    args.beam, args.threads, args.workers = 4, 1, None
    return args


def as_document(sentences: list[str], per_paragraph: int = 5) -> str:
    paragraphs = [
        " ".join(sentences[i : i + per_paragraph]) for i in range(0, len(sentences), per_paragraph)
    ]
    return "\n\n".join(paragraphs)


def cap_decoding(max_len: int) -> None:
    """Random weights almost never emit `</s>`: cap every path's output at `max_len` tokens,
    as `bench/mt_throughput.py` does, so the figures are those of sentence-length output."""
    import ctranslate2

    real = ctranslate2.Translator
    ctranslate2.Translator = lambda *a, **kw: CappedTranslator(
        real(*a, **kw), max_decoding_length=max_len
    )


def main() -> int:
    args = parse_args()
    if args.worker:  # one of (3)'s workers: the same cap, then `workbench worker --once`
        from workbench.cli import main as workbench

        cap_decoding(args.max_len)
        return workbench(["worker", "--once", "--db", args.worker])
    tmp = Path(tempfile.mkdtemp(prefix="jobs-bench-"))
    try:
        from workbench import config

        args.workers = config.ct2_workers()
        configure_environment(tmp, args)
        cap_decoding(args.max_len)
        return run(args, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run(args: argparse.Namespace, tmp: Path) -> int:
    from tests.fixtures import network
    from tests.fixtures.argos_package import (
        build_argos_package,
        install_argos_package,
        sample_sentences,
        seed_argos_spacy_cache,
    )
    from workbench.engines.argos import ArgosEngine
    from workbench.jobs.local import LocalJobRunner
    from workbench.jobs.runner import RunSettings
    from workbench.store import open_store

    network.install()
    seed_argos_spacy_cache(Path(os.environ["XDG_CACHE_HOME"]) / "argos-translate")
    print(f"cores {os.cpu_count()}, load average {os.getloadavg()[0]:.1f}; building the model…")
    install_argos_package(build_argos_package(tmp / "build", from_code="en", to_code="ur", **MODEL))
    sentences = make_sentences(args.sentences, sample_sentences())
    text = as_document(sentences)
    store = open_store(f"sqlite:///{tmp / 'bench.db'}")
    engine = ArgosEngine()
    engine.translate_batch(["Warm up."], "en", "ur")
    runner = LocalJobRunner(store, lambda *_: engine, settings=RunSettings.from_config())
    ratios, firsts = [], []
    # Direct and background alternate, each on a fresh copy of the document, so a burst of
    # other load on this shared machine skews one round, not one side.
    for round_ in range(1, args.rounds + 1):
        document = store.add_document(f"bench-{round_}.txt", text)
        segments = store.segments(document.id)
        n = len(segments)
        t0 = time.perf_counter()
        engine.translate_batch([s.text for s in segments], "en", "ur", 3)
        direct = time.perf_counter() - t0
        first_ids = [s.id for s in segments[:FIRST_ROWS]]
        grid = editor_grid(store, document.id, segments[:FIRST_ROWS], engine, runner)
        t0 = time.perf_counter()
        grid.background.start(None, grid.background.first_ids(grid), False)  # Translate
        first_rows = rows_in_grid(grid, set(first_ids)) - t0
        runner.join()
        background = time.perf_counter() - t0
        stored = store.document_machine_translations(document.id, "ur")
        assert set(first_ids) <= set(stored), "the first batch was not the editor's rows"
        assert len(stored) == n and all(len(mts) == 1 for mts in stored.values())
        ratios.append(direct / background)
        firsts.append(first_rows)
        print(
            f"round {round_}: {n} sentences; direct {n / direct:6.2f} sent/s, background "
            f"{n / background:6.2f} sent/s (ratio {ratios[-1]:.2f}); first {FIRST_ROWS} rows "
            f"in the grid after {first_rows:5.2f} s"
        )
    runner.stop()
    print(
        f"\nfirst {FIRST_ROWS} rows in the grid (a poll a second): "
        f"median {statistics.median(firsts):.2f} s (goal <= 3 s)\n"
        f"background / direct throughput: median {statistics.median(ratios):.2f}x (goal >= 0.9x)"
    )
    if args.postgres:
        compare_workers(args, tmp, sample_sentences())
    store.close()
    print(f"\nload average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 0


def editor_grid(store, document_id: int, on_screen, engine, runner):
    """The editor's side as the page builds it: an open grid on the document whose screen
    shows `on_screen`, starting jobs as the page's Translate does (handed to `runner`)."""
    from workbench.editing.session import OpenGrid
    from workbench.jobs import start_translation

    grid = OpenGrid(store, document_id, "ur")
    grid.reload()
    grid.background.view = tuple(s.id for s in on_screen)

    def start(segment_ids, first_ids, again):
        job = start_translation(
            store, document_id, "ur", engine, "bench", first_segment_ids=first_ids,
            segment_ids=segment_ids, again=again,
        )  # fmt: skip
        runner.submit(job.id)
        return job

    grid.background.start = start
    return grid


def rows_in_grid(grid, wanted: set[int]) -> float:
    """Poll as the grid does (a `poll` event a second, each answered with the rows that
    changed) until every wanted row has its MT; the moment the last one arrived."""
    arrived: set[int] = set()
    for number in itertools.count(1):
        time.sleep(GRID_POLL_SECONDS)
        grid.handle({"batch": f"poll-{number}", "ops": [{"op": "poll"}]}, "bench")
        arrived |= {row["id"] for row in grid.background.patch or ()}
        if wanted <= arrived:
            return time.perf_counter()
    raise AssertionError("unreachable")


def compare_workers(args: argparse.Namespace, tmp: Path, sample: list[str]) -> None:
    from tests.fixtures.postgres import PostgresServer, unavailable_reason
    from workbench.engines.argos import ArgosEngine
    from workbench.jobs import start_translation
    from workbench.jobs.pgqueue import enqueue
    from workbench.store import open_store

    reason = unavailable_reason()
    if reason:
        print(f"(3) skipped: {reason}")
        return
    server = PostgresServer.start()
    try:
        seconds = {}
        for workers in (1, 2):
            url = server.new_database()
            with open_store(url) as store:
                per_job = args.pg_sentences // 4
                for j in range(4):
                    chunk = make_sentences(per_job * (j + 1), sample)[per_job * j :]
                    doc = store.add_document(f"part{j}.txt", as_document(chunk))
                    job = start_translation(store, doc.id, "ur", ArgosEngine(), "bench")
                    enqueue(store, job.id)
            env = {
                **os.environ,
                "PYTHONPATH": str(REPO_ROOT),
                "WORKBENCH_CT2_WORKERS": "1",
                "WORKBENCH_CT2_THREADS": "1",
            }
            t0 = time.perf_counter()
            procs = [
                subprocess.Popen(
                    worker_command(core, url),
                    env=env,
                    cwd=REPO_ROOT,
                )
                for core in range(workers)
            ]
            for proc in procs:
                proc.wait()
            wall = time.perf_counter() - t0
            with open_store(url) as store:
                jobs = store.jobs()
            if any(job.state.value != "done" for job in jobs):
                raise SystemExit(f"(3) not every job ended done: {[j.state for j in jobs]}")
            span = (max(j.finished for j in jobs) - min(j.started for j in jobs)).total_seconds()
            seconds[workers] = (wall, span)
            print(
                f"(3) {workers} worker(s), 4 jobs: {args.pg_sentences / wall:7.2f} sent/s wall "
                f"clock, {args.pg_sentences / span:7.2f} sent/s translating"
            )
        print(
            f"    2 workers / 1 = {seconds[1][0] / seconds[2][0]:.2f}x wall clock, "
            f"{seconds[1][1] / seconds[2][1]:.2f}x translating"
        )
    finally:
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
