"""Stress the store from separate processes (issue 19): kill -9 during saves, and N
concurrent writers of each kind. Not run by CI.

    PYTHONPATH=. python bench/stress.py [--writers 3] [--seconds 20] [--kills 30] [--postgres]

1. **kill -9 loop**: each round starts `--writers` processes saving editor revisions as fast
   as they can, kills them all with SIGKILL at a random moment, and checks that every save a
   writer acknowledged (printed after the commit returned) is in the store with its text.
2. **concurrent writers**: `--writers` processes of each kind at once for `--seconds` on one
   document: editors saving (each from the head it read), XLIFF round trips (export, another
   tool edits every target, import), TM fills, and MT runs (a whole document's n-best lists
   through the store's MT path, `Store.add_targets`; the engine's output is synthetic because
   no model is installed here, the write is the real one).

Figures per backend: acknowledged saves, lost (acknowledged but absent or changed), silently
overwritten (the next revision after an acknowledged editor save is a TM fill, MT, or an
XLIFF import that did not start from it), conflicts reported, crashes (a writer process that
died, or any exception that is not a conflict or a one-line "busy, try again" refusal), and
the crash lines.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workbench.engines.base import Hypothesis  # noqa: E402
from workbench.store import (  # noqa: E402
    DocumentTargets,
    MachineTranslationBatch,
    Origin,
    RevisionConflict,
    StoreBusyError,
    open_store,
)

SENTENCES = 12
TEXT = " ".join(f"Sentence number {i} was discussed in Kabul." for i in range(SENTENCES))
KINDS = ("editor", "xliff", "tm", "mt")
XLIFF_AUTHOR = "xliff"
READY_DIR = "STRESS_READY_DIR"  # where writers say they are about to start writing


# ---- the writer processes ------------------------------------------------------------


def emit(**event) -> None:
    """One event per line, flushed: what the parent counts (an ack only after the commit)."""
    sys.stdout.write(json.dumps(event) + "\n")
    sys.stdout.flush()


def writer(kind: str, url: str, name: str, seconds: float) -> None:
    store = open_store(url)
    document = store.document("stress.txt")
    segments = store.segments(document.id)
    ready = os.environ.get(READY_DIR)
    if ready:  # the kill loop waits for every writer to get this far before it kills
        Path(ready, name).touch()
    deadline = time.monotonic() + seconds
    n = 0
    while time.monotonic() < deadline:
        n += 1
        try:
            WRITERS[kind](store, document, segments, name, n)
        except RevisionConflict:
            emit(conflict=kind)
        except StoreBusyError:  # one line, nothing saved: the user is told to try again
            emit(busy=kind)
        except Exception as exc:
            emit(crash=f"{kind}: {type(exc).__name__}: {' '.join(str(exc).split())[:160]}")


def _editor(store, document, segments, name, n) -> None:
    segment = random.choice(segments)
    head = store.current_revision(segment.id, "ur")
    text = f"{name} {n}"
    saved = store.save_revision(segment.id, "ur", text, name, head.id if head else None)
    emit(ack=[segment.id, saved.id, text])


def _xliff(store, document, segments, name, n) -> None:
    from workbench.workflows.export import export_document
    from workbench.workflows.xliff_import import import_xliff_targets

    out = io.BytesIO()
    export_document(store, document, "ur", "xliff", out)
    data = out.getvalue().decode("utf-8").replace("</target>", f" {name}x{n}</target>")
    report = import_xliff_targets(store, io.BytesIO(data.encode()), XLIFF_AUTHOR, name=name)
    for _ in report.conflicts:
        emit(conflict="xliff")


def _tm(store, document, segments, name, n) -> None:
    from workbench.memory.index import TmEntry, TranslationMemory
    from workbench.workflows.fill import fill_exact_matches

    memory = TranslationMemory(TmEntry(s.text, f"TM {n}", "ur", origin="tm.tmx") for s in segments)
    fill_exact_matches(store, document.id, "ur", memory)


def _mt(store, document, segments, name, n) -> None:
    hypotheses = tuple((Hypothesis(f"MT {name} {n} #{i}", -1.0),) for i in range(len(segments)))
    batch = MachineTranslationBatch("argos", "stress-model", hypotheses)
    store.add_targets(document.id, DocumentTargets("ur", mt=batch))


WRITERS = {"editor": _editor, "xliff": _xliff, "tm": _tm, "mt": _mt}


# ---- the parent ----------------------------------------------------------------------


def spawn(
    kind: str, url: str, name: str, seconds: float, ready: Path | None = None
) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if ready is not None:
        env[READY_DIR] = str(ready)
    return subprocess.Popen(
        [sys.executable, __file__, "--writer", kind, url, name, str(seconds)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def new_document(url: str) -> None:
    with open_store(url) as store:
        document = store.add_document("stress.txt", TEXT)
        hypotheses = tuple((Hypothesis(f"MT{i}", -1.0),) for i in range(SENTENCES))
        store.add_targets(
            document.id,
            DocumentTargets("ur", mt=MachineTranslationBatch("argos", "m", hypotheses)),
        )


def collect(procs: list[subprocess.Popen], figures: Counter, killed: bool = False) -> list:
    acks = []
    for proc in procs:
        out, err = proc.communicate()
        for line in out.splitlines():
            try:
                event = json.loads(line)
            except json.JSONDecodeError:
                continue  # a line cut by the kill
            if "ack" in event:
                acks.append(event["ack"])
            elif "conflict" in event:
                figures[f"conflicts reported ({event['conflict']})"] += 1
            elif "busy" in event:
                figures[f"refused as busy, nothing saved ({event['busy']})"] += 1
            elif "crash" in event:
                figures["crashes"] += 1
                figures[f"  crash: {event['crash']}"] += 1
        if not killed and proc.returncode != 0:
            figures["crashes"] += 1
            last = (err.strip().splitlines() or ["?"])[-1][:160]
            figures[f"  writer died: {last}"] += 1
    return acks


def check(url: str, acks: list, figures: Counter) -> None:
    """Lost and silently overwritten acknowledged editor saves."""
    figures["acknowledged saves"] += len(acks)
    figures.setdefault("acknowledged saves lost", 0)
    figures.setdefault("acknowledged saves silently overwritten", 0)
    with open_store(url) as store:
        histories = {}
        for segment_id, revision_id, text in acks:
            if segment_id not in histories:
                histories[segment_id] = store.history(segment_id, "ur")
            history = histories[segment_id]
            ids = [r.id for r in history]
            if revision_id not in ids or history[ids.index(revision_id)].text != text:
                figures["acknowledged saves lost"] += 1
                continue
            after = history[ids.index(revision_id) + 1 : ids.index(revision_id) + 2]
            # The importer's tool appends " <tag>" to the text it was given: a next revision
            # by it that does not start with this save's text was computed from an older one.
            if after and (
                after[0].origin in (Origin.TM, Origin.MT)
                or (after[0].author == XLIFF_AUTHOR and not after[0].text.startswith(text + " "))
            ):
                figures["acknowledged saves silently overwritten"] += 1


def kill_loop(url: str, rounds: int, writers: int) -> Counter:
    figures: Counter = Counter()
    new_document(url)
    for round_number in range(rounds):
        with tempfile.TemporaryDirectory() as ready:
            names = [f"e{round_number}-{k}" for k in range(writers)]
            procs = [spawn("editor", url, name, 120, Path(ready)) for name in names]
            started = time.monotonic()
            while len(os.listdir(ready)) < writers and time.monotonic() - started < 90:
                time.sleep(0.05)  # start-up (imports, opening) is not what is tested
        time.sleep(random.uniform(0.2, 2.0))  # then a random moment during the saves
        for proc in procs:
            proc.send_signal(signal.SIGKILL)
        figures["kills"] += len(procs)
        check(url, collect(procs, figures, killed=True), figures)
    return figures


def concurrent(url: str, writers: int, seconds: float) -> Counter:
    figures: Counter = Counter()
    new_document(url)
    procs = [spawn(kind, url, f"{kind}{k}", seconds) for kind in KINDS for k in range(writers)]
    check(url, collect(procs, figures), figures)
    return figures


def report(title: str, figures: Counter) -> None:
    print(title)
    for key in sorted(figures, key=lambda k: (k.startswith("  "), k)):
        print(f"  {key}: {figures[key]}")
    sys.stdout.flush()


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--writer":
        kind, url, name, seconds = sys.argv[2:6]
        writer(kind, url, name, float(seconds))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=3, help="processes per kind")
    parser.add_argument("--seconds", type=float, default=20, help="concurrent run length")
    parser.add_argument("--kills", type=int, default=20, help="kill -9 rounds")
    parser.add_argument("--postgres", action="store_true", help="also on a throwaway server")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="stress-"))
    counter = iter(range(10**6))
    backends = [("sqlite", lambda: f"sqlite:///{tmp / f'{next(counter)}.db'}")]
    server = None
    if args.postgres:
        from tests.fixtures.postgres import PostgresServer

        server = PostgresServer.start()
        backends.append(("postgresql", server.new_database))
    try:
        for name, new_url in backends:
            started = time.perf_counter()
            report(
                f"{name}: kill -9 loop, {args.kills} rounds of {args.writers} saving editors",
                kill_loop(new_url(), args.kills, args.writers),
            )
            report(
                f"{name}: {args.writers} writers of each kind ({', '.join(KINDS)}) "
                f"for {args.seconds:.0f} s",
                concurrent(new_url(), args.writers, args.seconds),
            )
            print(f"  ({time.perf_counter() - started:.0f} s)")
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    main()
