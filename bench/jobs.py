#!/usr/bin/env python
"""Background translation on a realistic-size model: first rows, throughput, workers.

Builds the random-weight Argos package of `bench/mt_throughput.py` (6+6 layers, d_model 512,
32k vocabulary, int8), stores a document of N sentences and measures, in the same run:

  (1) one direct batched engine call on every sentence (the baseline);
  (2) the background path: Translate = a job with the editor's first 50 rows first, run by
      the app's thread runner; the time until those 50 rows have MT stored (what the editor
      needs to show them editable; its poll adds at most its interval) and the throughput of
      the whole job, as a ratio to (1);
  (3) with `--postgres`: a throwaway PostgreSQL, the documents split into 4 jobs on the
      queue, drained by 1 and then by 2 `workbench worker` processes, each pinned to one
      core (`taskset`) with one CTranslate2 worker: the ratio 2 workers / 1.

    python bench/jobs.py                      # 2,000 sentences (several minutes on 2 cores)
    python bench/jobs.py --sentences 400 --postgres
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(REPO_ROOT / "bench"))

from mt_throughput import MODEL, configure_environment, make_sentences  # noqa: E402

FIRST_ROWS = 50


def worker_command(core: int, url: str) -> list[str]:
    """`workbench worker --once` pinned to one core."""
    pinned = ["taskset", "-c", str(core), sys.executable, "-m", "workbench"]
    return [*pinned, "worker", "--once", "--db", url]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=2000, help="document size (2000)")
    parser.add_argument("--postgres", action="store_true", help="also time 1 vs 2 workers")
    parser.add_argument(
        "--pg-sentences", type=int, default=400, help="sentences in the worker comparison"
    )
    args = parser.parse_args()
    args.beam, args.threads, args.workers = 4, 1, None
    return args


def as_document(sentences: list[str], per_paragraph: int = 5) -> str:
    paragraphs = [
        " ".join(sentences[i : i + per_paragraph]) for i in range(0, len(sentences), per_paragraph)
    ]
    return "\n\n".join(paragraphs)


def main() -> int:
    args = parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="jobs-bench-"))
    try:
        from workbench import config

        args.workers = config.ct2_workers()
        configure_environment(tmp, args)
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
    from workbench.jobs import start_translation
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
    document = store.add_document("bench.txt", text)
    n = len(store.segments(document.id))
    engine = ArgosEngine()
    engine.translate_batch(["Warm up."], "en", "ur")
    print(f"{n} sentences, CTranslate2 workers {args.workers}\n")

    t0 = time.perf_counter()
    engine.translate_batch([s.text for s in store.segments(document.id)], "en", "ur", 3)
    direct = time.perf_counter() - t0
    print(f"(1) one direct batched call       {n / direct:7.2f} sent/s ({direct:6.1f} s)")

    runner = LocalJobRunner(store, lambda *_: engine, settings=RunSettings.from_config())
    first = set(range(FIRST_ROWS))
    segment_ids = {s.id for s in store.segments(document.id) if s.index in first}
    t0 = time.perf_counter()
    job = start_translation(store, document.id, "ur", engine, "bench", first_positions=first)
    runner.submit(job.id)
    while len(set(store.document_machine_translations(document.id, "ur")) & segment_ids) < len(
        segment_ids
    ):
        time.sleep(0.02)
    first_rows = time.perf_counter() - t0
    runner.join()
    background = time.perf_counter() - t0
    runner.stop()
    print(f"(2) first {FIRST_ROWS} rows stored             {first_rows:6.2f} s  (goal <= 3 s)")
    print(f"    whole job in the background   {n / background:7.2f} sent/s ({background:6.1f} s)")
    print(f"    background / direct = {direct / background:.2f}x  (goal >= 0.9x)")
    if args.postgres:
        compare_workers(args, tmp, sample_sentences())
    store.close()
    print(f"\nload average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 0


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
            seconds[workers] = time.perf_counter() - t0
            rate = args.pg_sentences / seconds[workers]
            print(f"(3) {workers} worker(s), 4 jobs          {rate:7.2f} sent/s")
        print(f"    2 workers / 1 = {seconds[1] / seconds[2]:.2f}x")
    finally:
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
