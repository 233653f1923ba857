"""Concurrent writers against one store: editors saving while XLIFF round trips and TM fills
are imported, and processes opening a fresh store at once (issue 19). Not run by CI.

    PYTHONPATH=. python bench/store_races.py [--saves 1000] [--postgres]

Figures per backend: editor saves acknowledged, acknowledged saves lost or silently
overwritten (a later revision by an importer whose base was older than the save), conflicts
reported (to editors and importers), crashes (any exception that is not a conflict);
then concurrent first opens: processes that succeeded out of those started.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workbench.engines.base import Hypothesis  # noqa: E402
from workbench.memory.index import TmEntry, TranslationMemory  # noqa: E402
from workbench.store import Origin, RevisionConflict, open_store  # noqa: E402
from workbench.workflows.export import export_document  # noqa: E402
from workbench.workflows.fill import fill_exact_matches  # noqa: E402
from workbench.workflows.xliff_import import import_xliff_targets  # noqa: E402

SENTENCES = 8
TEXT = " ".join(f"Sentence number {i} was discussed in Kabul." for i in range(SENTENCES))


def race(url: str, saves: int) -> Counter[str]:
    """Two editors and one XLIFF importer and one TM filler on the same document."""
    store = open_store(url)
    document = store.add_document("race.txt", TEXT)
    segments = store.segments(document.id)
    store.add_machine_translations(
        document.id, "ur", "argos", "m", [[Hypothesis(f"MT{i}", -1.0)] for i in range(SENTENCES)]
    )
    figures: Counter[str] = Counter()
    acknowledged: list[tuple[int, int]] = []  # (segment id, revision id)
    done = threading.Event()
    lock = threading.Lock()

    def editor(name: str) -> None:
        for n in range(saves):
            segment = segments[n % SENTENCES]
            head = store.current_revision(segment.id, "ur")
            try:
                saved = store.save_revision(
                    segment.id, "ur", f"{name} {n}", name, head.id if head else None
                )
                with lock:
                    acknowledged.append((segment.id, saved.id))
                    figures["saves acknowledged"] += 1
            except RevisionConflict:
                figures["conflicts reported to editors"] += 1
            except Exception as exc:
                figures[f"crashes ({type(exc).__name__})"] += 1
        done.set()

    def importer() -> None:
        n = 0
        while not done.is_set():
            out = io.BytesIO()
            export_document(store, document, "ur", "xliff", out)
            # Another tool appends to every target it was given.
            data = out.getvalue().decode("utf-8").replace("</target>", f" xliff{n}</target>")
            n += 1
            try:
                report = import_xliff_targets(store, io.BytesIO(data.encode()), "xliff", name="x")
                figures["conflicts reported to importers"] += len(report.conflicts)
            except Exception as exc:
                figures[f"crashes ({type(exc).__name__})"] += 1

    def filler() -> None:
        memory = TranslationMemory(TmEntry(s.text, "TM", "ur", origin="tm.tmx") for s in segments)
        while not done.is_set():
            try:
                fill_exact_matches(store, document.id, "ur", memory)
            except Exception as exc:
                figures[f"crashes ({type(exc).__name__})"] += 1

    threads = [
        threading.Thread(target=editor, args=("amina",)),
        threading.Thread(target=editor, args=("bilal",)),
        threading.Thread(target=importer),
        threading.Thread(target=filler),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # An acknowledged save is overwritten silently when the next revision on its segment is
    # a TM fill (fills never replace an editor's text) or an XLIFF import that did not start
    # from it (the other tool appends to the text it was given).
    histories = {s.id: store.history(s.id, "ur") for s in segments}
    for segment_id, revision_id in acknowledged:
        history = histories[segment_id]
        ids = [r.id for r in history]
        if revision_id not in ids:
            figures["acknowledged saves lost"] += 1
            continue
        saved = history[ids.index(revision_id)]
        after = history[ids.index(revision_id) + 1 : ids.index(revision_id) + 2]
        if after and (
            after[0].origin == Origin.TM
            or (after[0].author == "xliff" and not after[0].text.startswith(saved.text + " "))
        ):
            figures["acknowledged saves silently overwritten"] += 1
    figures.setdefault("acknowledged saves lost", 0)
    figures.setdefault("acknowledged saves silently overwritten", 0)
    store.close()
    return figures


OPENER = """
import sys, time
from pathlib import Path
from workbench.store import open_store
go = Path(sys.argv[2])
while not go.exists():
    time.sleep(0.002)
with open_store(sys.argv[1]) as store:
    store.documents()
"""


def first_opens(new_url, trials: int, processes: int = 4) -> tuple[int, int, Counter[str]]:
    """Processes opening a fresh store at once: (succeeded, started, last error lines)."""
    ok, errors = 0, Counter()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for _ in range(trials):
        url = new_url()
        with tempfile.TemporaryDirectory() as tmp:
            go = Path(tmp) / "go"
            procs = [
                subprocess.Popen(
                    [sys.executable, "-c", OPENER, url, str(go)],
                    env=env,
                    stderr=subprocess.PIPE,
                    text=True,
                )
                for _ in range(processes)
            ]
            time.sleep(0.3)
            go.touch()
            for proc in procs:
                if proc.wait() == 0:
                    ok += 1
                else:
                    errors[(proc.stderr.read().strip().splitlines() or ["?"])[-1][:120]] += 1
    return ok, trials * processes, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=500, help="saves per editor")
    parser.add_argument("--opens", type=int, default=10, help="trials of 4 concurrent opens")
    parser.add_argument("--postgres", action="store_true", help="also on a throwaway server")
    args = parser.parse_args()
    backends = []
    tmp = Path(tempfile.mkdtemp(prefix="store-races-"))
    counter = iter(range(10**6))
    backends.append(("sqlite", lambda: f"sqlite:///{tmp / f'{next(counter)}.db'}"))
    server = None
    if args.postgres:
        from tests.fixtures.postgres import PostgresServer

        server = PostgresServer.start()
        backends.append(("postgresql", server.new_database))
    try:
        for name, new_url in backends:
            started = time.perf_counter()
            figures = race(new_url(), args.saves)
            print(f"{name}: 2 editors x {args.saves} saves, XLIFF imports and TM fills racing")
            for key, value in sorted(figures.items()):
                print(f"  {key}: {value}")
            ok, total, errors = first_opens(new_url, args.opens)
            print(f"  concurrent first opens: {ok} of {total} succeeded")
            for line, count in errors.most_common():
                print(f"    {count} x {line}")
            print(f"  ({time.perf_counter() - started:.0f} s)")
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    main()
