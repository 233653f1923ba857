"""Concordance speed on a 100,000-unit memory (workbench.memory.concordance).

    .venv/bin/python bench/concordance.py [--units 100000] [--seed 7]

Units are bench/synthetic_tm.py's (random walks over the editorial's word bigrams, Urdu
targets). Measured: building the index from scratch (what the first search after opening
a store pays), and per query the median and worst of five runs for source words (rare,
common, part of a word), a source phrase, and target words (with Arabic kaf/yeh variants
that fold to the stored Persian letters). Compared with a plain Python loop over the
precomputed keys that counts every unit holding the query (the "hits" column). Then the
same queries as whole words, as the editor grid looks them up (21 hits: 20 shown and
whether there are more).

Measured on the 2-core reference machine (shared), 100,000 units: keys built in about 3 s;
every query under 0.1 s (see docs/concordance.md for the table and for the inverted index
this replaced).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic_tm import synthetic_units
from workbench.memory.concordance import (
    Concordance,
    ConcordanceUnit,
    search_key,
)

QUERIES = [
    ("source", "Torkham"),  # a name
    ("source", "the"),  # in most sentences
    ("source", "Afghan"),  # part of a word
    ("source", "security concerns"),  # a phrase
    ("target", "تجارت"),  # a word
    ("target", "كے درمیان"),  # Arabic kaf: folds to the stored keheh
]


def timed(function, repeat: int = 5) -> tuple[float, float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), max(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    units = [
        (n, ConcordanceUnit(u.source, u.targets["ur"], "en", "ur", "synthetic.tmx", "x.tmx"))
        for n, u in enumerate(synthetic_units(args.units, args.seed))
    ]
    start = time.perf_counter()
    concordance = Concordance(units)
    build = time.perf_counter() - start
    print(f"{len(units):,} units; index built in {build:.1f} s")
    keys = [(search_key(u.source_text), search_key(u.target_text)) for _, u in units]
    print(f"{'side':7} {'query':20} {'hits':>6} {'search ms (median/worst)':>25} {'loop ms':>9}")
    for side, query in QUERIES:
        median, worst, hits = timed(
            lambda q=query, s=side: concordance.search(q, "ur", target_side=s == "target")
        )
        position = 1 if side == "target" else 0
        wanted = search_key(query)
        scan, _, total = timed(lambda w=wanted, p=position: sum(w in k[p] for k in keys), repeat=1)
        print(
            f"{side:7} {query:20} {total:>6} {median * 1000:>12.1f} / {worst * 1000:<9.1f}"
            f" {scan * 1000:>9.1f}"
        )
        assert len(hits) == min(50, total)
    print("whole words (the editor grid's lookups), limit 21:")
    for side, query in QUERIES:
        median, worst, hits = timed(
            lambda q=query, s=side: concordance.search(
                q, "ur", target_side=s == "target", limit=21, whole_word=True
            )
        )
        print(f"{side:7} {query:20} {len(hits):>6} {median * 1000:>12.1f} / {worst * 1000:<9.1f}")


if __name__ == "__main__":
    main()
