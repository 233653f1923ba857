"""Analysis time on the 2,040-sentence document: the bundled sample repeated 40 times.

    .venv/bin/python bench/analysis.py [--repeat 40] [--memory 100000]

The document is stored in a throwaway SQLite store; the memory holds `--memory` synthetic
units (bench/synthetic_tm.py) plus the sample's own sentences with a confirmed translation
in another document (so the first 51 sentences are 100% or 101% matches, the rest
repetitions). Reported: the time of `workflows.analyze.analyze_document` (best of three)
and the bands it found; building the memory is not timed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic_tm import synthetic_units
from workbench import config
from workbench.memory.index import TmEntry
from workbench.memory.source import MemorySource
from workbench.store import RevisionStatus, open_store
from workbench.workflows.analyze import analyze_document


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--memory", type=int, default=100_000)
    args = parser.parse_args()
    text = config.SAMPLE_DOCUMENT.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{folder}/bench.db")
        done = store.add_document("done.txt", text)
        store.append_revisions(
            "ur",
            {s.id: f"UR {s.text}" for s in store.segments(done.id)},
            "bench",
            origin="human",
            status=RevisionStatus.CONFIRMED,
        )
        document = store.add_document("repeated.txt", "\n\n".join([text] * args.repeat))
        memory = MemorySource(store).refresh()
        memory.extend(
            TmEntry(u.source, u.targets["ur"], "ur", origin="synthetic.tmx")
            for u in synthetic_units(args.memory)
        )
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            analysis = analyze_document(store, document.id, "ur", memory)
            best = min(best, time.perf_counter() - start)
        store.close()
    print(
        f"{analysis.segments:,} sentences, {analysis.words:,} words against a memory of "
        f"{len(memory):,} entries: {best:.2f} s (best of 3)"
    )
    for row in analysis.rows:
        print(f"  {row.band.value:<11}{row.segments:>6}{row.words:>8}{row.weighted_words:>10.1f}")


if __name__ == "__main__":
    main()
