"""Benchmark: TMX export and import of 100,000 units, and fuzzy TM lookups.

    .venv/bin/python bench/tmx.py [--units 100000] [--queries 100]

In one run, on the same synthetic units (bench/synthetic_tm.py):

1. Export: our streaming writer against translate-toolkit's `tmxfile` (build the store,
   `savefile`) writing the same units with the same metadata. Each writer runs in a
   fresh subprocess so its peak memory (VmHWM minus the resident size before writing,
   C allocations of lxml included) is its own; both are run at a tenth of the size too,
   so "flat" can be read off as the ratio of peaks. Targets: at least 5x faster, our
   peak not growing with the number of units.
2. Import: reading the 100,000-unit file back (`read_tmx`) and indexing it as a memory.
3. Fuzzy lookup: 100 sentences against a 100,000-entry memory (target: median under
   50 ms), against the naive baseline of rapidfuzz's character ratio over raw strings.
4. The editor's matches for one page of 50 rows against that memory: the first rerun after
   a save (the memory changed, so every row is looked up again) and any other rerun
   (answered from `MemorySource.suggestions`' cache).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from synthetic_tm import SentenceMaker, seed_sentences, synthetic_units

from workbench.exchange.tmx import read_tmx, write_tmx
from workbench.memory.index import TmEntry, TranslationMemory
from workbench.memory.source import MemorySource
from workbench.store import open_store
from workbench.workflows.memory_import import import_memory_file


def _rss_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def child_export(writer: str, count: int, out: str) -> None:
    """Run one writer in this (fresh) process and print time and peak memory as JSON.

    The units are made before the clock and the memory baseline start, so both writers
    are measured on their own work, not on generating sentences.
    """
    units = list(synthetic_units(count))
    before = _rss_kib("VmRSS")
    start, cpu = time.perf_counter(), time.process_time()
    if writer == "ours":
        write_tmx(units, out)
    else:
        _write_with_translate_toolkit(units, out)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = (_rss_kib("VmHWM") - before) / 1024
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mib": peak}))


def _write_with_translate_toolkit(units, out: str) -> None:
    """The same units and metadata through translate-toolkit's public TMX API.

    tmxunit has no API for dates, creationid or <prop>, so they are set on its lxml
    element, as a translate-toolkit user would have to.
    """
    from lxml import etree
    from translate.storage.tmx import tmxfile

    from workbench.exchange.tmx import format_tmx_date

    store = tmxfile(sourcelanguage="en", targetlanguage="ur")
    for unit in units:
        tu = store.addsourceunit(unit.source)
        tu.settarget(unit.targets["ur"], "ur")
        element = tu.xmlelement
        element.set("tuid", unit.id)
        element.set("creationdate", format_tmx_date(unit.created))
        element.set("creationid", unit.author)
        element.set("changedate", format_tmx_date(unit.changed))
        for position, (kind, value) in enumerate(unit.props):
            prop = etree.Element("prop", type=kind)
            prop.text = value
            element.insert(position, prop)
    store.savefile(out)


def run_child(writer: str, count: int, out: Path) -> dict:
    result = subprocess.run(
        [sys.executable, __file__, "--child", writer, "--units", str(count), "--out", str(out)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def bench_export(count: int, workdir: Path) -> Path:
    print(f"== export {count:,} units (fresh process per run)")
    small = max(1, count // 10)
    results = {}
    for writer in ("ours", "translate-toolkit"):
        for n in (small, count):
            results[writer, n] = run_child(writer, n, workdir / f"{writer}-{n}.tmx")
            r = results[writer, n]
            print(
                f"  {writer:18} {n:>8,} units  {r['seconds']:7.2f} s wall  {r['cpu']:7.2f} s CPU  "
                f"{n / r['seconds']:>9,.0f} units/s  peak +{r['peak_mib']:7.1f} MiB"
            )
    ours, theirs = results["ours", count], results["translate-toolkit", count]
    speedup = theirs["seconds"] / ours["seconds"]
    cpu_speedup = theirs["cpu"] / ours["cpu"]
    growth = {
        writer: results[writer, count]["peak_mib"] - results[writer, small]["peak_mib"]
        for writer in ("ours", "translate-toolkit")
    }
    print(
        f"  speed-up vs translate-toolkit: {speedup:.1f}x wall, {cpu_speedup:.1f}x CPU"
        "  (target >= 5x)"
    )
    print(
        f"  peak memory growth from {small:,} to {count:,} units: ours "
        f"{growth['ours']:+.1f} MiB, translate-toolkit {growth['translate-toolkit']:+.1f} MiB"
        "  (flat = about 0)"
    )
    size = (workdir / f"ours-{count}.tmx").stat().st_size / 2**20
    print(f"  file size {size:.1f} MiB")
    return workdir / f"ours-{count}.tmx"


def bench_import(path: Path, workdir: Path) -> None:
    from translate.storage.tmx import tmxfile

    print("== import")

    def timed(label: str, work):
        start, cpu = time.perf_counter(), time.process_time()
        result = work()
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
        print(f"  {label:46} {wall:7.2f} s wall  {cpu:7.2f} s CPU")
        return result, cpu

    units, ours_cpu = timed(
        "read_tmx (streaming; text, dates, props)", lambda: list(read_tmx(path))
    )
    pairs, tt_cpu = timed(
        "translate-toolkit tmxfile (parse, source+target)",
        lambda: [(u.source, u.target) for u in tmxfile.parsefile(str(path)).units],
    )
    print(
        f"  read {len(units):,} units (translate-toolkit {len(pairs):,}): "
        f"CPU ratio translate-toolkit/ours {tt_cpu / ours_cpu:.2f}x"
    )
    store = open_store(f"sqlite:///{workdir / 'bench.db'}")
    report, _ = timed(
        "workbench tm import (read, plan, store in SQLite)",
        lambda: import_memory_file(store, path),
    )
    memory, _ = timed("load + index the memory from the store", MemorySource(store).refresh)
    print(f"  imported {report.imported_total:,} entries; memory holds {len(memory):,}")
    store.close()


def bench_fuzzy(count: int, queries: int) -> None:
    from rapidfuzz import fuzz, process

    print(f"== fuzzy lookup: {queries} sentences against {count:,} entries")
    maker = SentenceMaker(seed=11)
    sources = [maker.english() for _ in range(count)]
    real = seed_sentences()
    # Plant edited versions of the editorial's sentences so lookups find real fuzzy matches.
    for number, sentence in enumerate(real):
        words = sentence.split()
        words[len(words) // 2] = "changed"
        sources[number * 97] = " ".join(words)
    memory = TranslationMemory(TmEntry(s, f"t{n}", "ur") for n, s in enumerate(sources))
    probes = (real + [maker.english() for _ in range(queries)])[:queries]

    def timed(lookup) -> tuple[list[float], int]:
        times, hits = [], 0
        for probe in probes:
            start = time.perf_counter()
            found = lookup(probe)
            times.append((time.perf_counter() - start) * 1000)
            hits += bool(found)
        return times, hits

    ours, ours_hits = timed(lambda q: memory.lookup(q, "ur"))
    naive, naive_hits = timed(
        lambda q: process.extract(q, sources, scorer=fuzz.ratio, score_cutoff=75, limit=3)
    )
    for name, times, hits in (
        ("ours (word Levenshtein)", ours, ours_hits),
        ("baseline (char ratio)", naive, naive_hits),
    ):
        print(
            f"  {name:24} median {statistics.median(times):6.2f} ms  "
            f"p90 {statistics.quantiles(times, n=10)[-1]:6.2f} ms  max {max(times):6.2f} ms  "
            f"{hits}/{len(probes)} with a match >= 75"
        )
    ratio = statistics.median(naive) / statistics.median(ours)
    print(f"  median speed-up vs baseline: {ratio:.1f}x  (target: median < 50 ms)")
    bench_editor_page(memory, real)


def bench_editor_page(memory: TranslationMemory, sentences: list[str], rows: int = 50) -> None:
    print(f"== editor: TM matches for a page of {rows} rows against {len(memory):,} entries")
    page = (sentences * (rows // len(sentences) + 1))[:rows]
    with tempfile.TemporaryDirectory(prefix="bench-tm-editor-") as tmp:
        store = open_store(f"sqlite:///{Path(tmp) / 'bench.db'}")
        source = MemorySource(store)
        source.memory = memory

        def one_page() -> tuple[float, list]:
            start = time.perf_counter()
            found = [source.suggestions(s, "ur", "", 2, n) for n, s in enumerate(page)]
            return (time.perf_counter() - start) * 1000, found

        opened, _ = one_page()  # nothing remembered yet: every row looked up
        after_save, rerun, differ = [], [], 0
        for number in range(7):  # a post-edit of a sentence on the page, then a rerun
            words = page[number].split()
            words[0] = "Meanwhile"
            memory.add(TmEntry(" ".join(words), f"ترمیم {number}", "ur"), key=f"bench:{number}")
            elapsed, found = one_page()
            after_save.append(elapsed)
            rerun.append(one_page()[0])
            fresh = MemorySource(store)
            fresh.memory = memory
            differ += found != [fresh.suggestions(s, "ur", "", 2, n) for n, s in enumerate(page)]
        store.close()
    saved = statistics.median(after_save)
    print(f"  page opened (every row looked up): {opened:6.1f} ms")
    print(
        f"  first rerun after a save: median {saved:5.1f} ms ({opened / saved:.0f}x less; "
        f"{differ} of {len(after_save)} pages differ from a fresh lookup)"
    )
    print(f"  any other rerun: median {statistics.median(rerun):5.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--child", choices=("ours", "translate-toolkit"))
    parser.add_argument("--out")
    args = parser.parse_args()
    if args.child:
        child_export(args.child, args.units, args.out)
        return
    print(
        "load average: {:.1f} {:.1f} {:.1f} (2 shared cores: read ratios)".format(*os.getloadavg())
    )
    with tempfile.TemporaryDirectory(prefix="bench-tmx-") as tmp:
        path = bench_export(args.units, Path(tmp))
        bench_import(path, Path(tmp))
    bench_fuzzy(args.units, args.queries)


if __name__ == "__main__":
    main()
