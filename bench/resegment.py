#!/usr/bin/env python
"""What a split from the editor grid costs on the server: the store's transaction plus every
row read again (the grid is sent all of them, renumbered), on the sample (53 sentences) and
the sample repeated 40 times (about 2,000), without MT (a machine translation of the one or
two new sentences adds the engine's time for them, plus loading the model the first time).

Each run splits five sentences in the middle through `OpenGrid.handle` (the page's own event
handling, `workbench.editing.resegment`) on a temporary SQLite store and reads the rows again
as the page does before it draws. Baseline, in the same run: reading the rows alone (what any
full page run of the editor costs). Medians and their ratio are printed.

    python bench/resegment.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workbench import config
from workbench.editing.session import OpenGrid
from workbench.store import open_store

SPLITS = 5


def split_times(grid: OpenGrid, name: str) -> list[float]:
    """Seconds for each split event and the rows read again after it."""
    times = []
    for k in range(SPLITS):
        row = grid.rows[10 + 3 * k]
        at = row["src"].index(" ", len(row["src"]) // 2)
        op = {"op": "split", "id": "x", "seg": row["id"], "at": at, "base": row["rev"]}
        started = time.perf_counter()
        grid.handle({"batch": f"{name}-{k}", "ops": [op]}, "bench")
        grid.reload()
        times.append(time.perf_counter() - started)
        if grid.answers[0]["outcome"] != "done":
            raise SystemExit(f"split refused: {grid.answers[0]['message']}")
    return times


def reload_times(grid: OpenGrid) -> list[float]:
    times = []
    for _ in range(SPLITS):
        started = time.perf_counter()
        grid.reload()
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    sample = config.SAMPLE_DOCUMENT.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{folder}/bench.db")
        for name, text in (("sample", sample), ("sample x40", "\n\n".join([sample] * 40))):
            document = store.add_document(f"{name}.txt", text)
            grid = OpenGrid(store, document.id, "ur")
            grid.reload()
            rows = len(grid.rows)
            baseline = statistics.median(reload_times(grid))
            median = statistics.median(split_times(grid, name))
            print(
                f"{name}: {rows} sentences: rows read {baseline * 1000:.0f} ms, split + rows "
                f"read {median * 1000:.0f} ms ({median / baseline:.1f}x)"
            )
        store.close()


if __name__ == "__main__":
    main()
