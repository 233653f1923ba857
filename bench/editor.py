#!/usr/bin/env python
"""Editor cost: does a page of the editor cost the same whatever the document's size, and how
long does saving one revision take?

In one run, on a temporary SQLite store (WAL, as the app uses it):

  (i)  an `AppTest` run of the editor page (a fresh session: what opening or reloading the
       page costs) at 50 rows per page on a document of 2,000 sentences and on one of 20
       (both machine-translated, a few segments edited). Target: ratio at most 1.5.
       Also reruns of a live session (what each click or save costs): 2,000 vs 20 sentences
       (50 rows shown vs 20), 2,000 vs 50 sentences (both 50 rows: document size alone), and
       a 100-sentence article with all 100 rows on one page. Medians, cases interleaved.
  (ii) `Store.save_revision` on the 2,000-sentence document: median and 95th percentile over
       many saves, each its own transaction. Target: median under 20 ms.

    python bench/editor.py           # 15 runs per case, 300 saves
    python bench/editor.py --quick   # 5 runs, 60 saves
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
SANDBOX = Path(tempfile.mkdtemp(prefix="workbench-bench-editor-"))
# Private data dirs before anything imports argostranslate (the engine picker reads them).
for name in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "WORKBENCH_HOME"):
    (SANDBOX / name.lower()).mkdir()
    os.environ[name] = str(SANDBOX / name.lower())
os.environ["ARGOS_PACKAGES_DIR"] = str(SANDBOX / "argos-packages")
os.environ["WORKBENCH_DB"] = f"sqlite:///{SANDBOX / 'bench.db'}"
sys.path.insert(0, str(REPO_ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from workbench import config  # noqa: E402
from workbench.engines.base import Hypothesis  # noqa: E402
from workbench.segment import segment_text  # noqa: E402
from workbench.store import Store, open_store  # noqa: E402

APP = str(REPO_ROOT / "workbench" / "app.py")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="5 reruns and 60 saves")
    return parser.parse_args()


def document_of(sentences: int) -> str:
    """A document of exactly `sentences` sentences: the sample's, numbered, 5 per paragraph."""
    sample = [s.text for s in segment_text(config.SAMPLE_DOCUMENT.read_text("utf-8"), "en")]
    body = [f"{sample[i % len(sample)].rstrip('.')} (item {i + 1})." for i in range(sentences)]
    return "\n\n".join(" ".join(body[i : i + 5]) for i in range(0, sentences, 5))


def stored_document(store: Store, sentences: int) -> int:
    """Store, machine-translate (made-up n-best) and edit a few segments; return its id."""
    document = store.add_document(f"bench-{sentences}.txt", document_of(sentences))
    assert document.segment_count == sentences, document.segment_count
    segments = store.segments(document.id)
    store.add_machine_translations(
        document.id,
        "ur",
        "argos",
        "bench",
        [
            [Hypothesis(f"ترجمہ {s.index}", -0.1), Hypothesis(f"متبادل {s.index}", -0.9)]
            for s in segments
        ],
    )
    for segment in segments[:: max(1, sentences // 10)]:
        head = store.current_revision(segment.id, "ur")
        store.save_revision(segment.id, "ur", f"ترمیم {segment.index}", "bench", head.id)
    return document.id


def editor_session(document_id: int, page_size: int) -> tuple[AppTest, float]:
    """A fresh session (a page load) on the document; returns it and its first run's time."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["document_id"] = document_id
    at.session_state["page_size"] = page_size
    start = time.perf_counter()
    at.run()
    first = time.perf_counter() - start
    if at.exception:
        raise SystemExit(f"the editor failed: {at.exception[0].value}")
    return at, first


def timed_rerun(at: AppTest) -> float:
    start = time.perf_counter()
    at.run()
    return time.perf_counter() - start


def ms(seconds: float) -> str:
    return f"{seconds * 1000:6.1f} ms"


def verdict(ok: bool) -> str:
    return "OK" if ok else "MISSED"


def main() -> None:
    args = parse_args()
    repeats, saves = (5, 60) if args.quick else (15, 300)
    store = open_store()
    print(f"store: {store.url}")
    start = time.perf_counter()
    documents = {n: stored_document(store, n) for n in (2000, 20, 50, 100)}
    setup = time.perf_counter() - start
    print(f"setup (4 documents, 2,170 sentences, MT and some edits): {setup:.1f} s")
    # (label, sentences in the document, rows per page)
    cases = [
        ("20 sentences", 20, 50),
        ("2,000 sentences", 2000, 50),
        ("50 sentences", 50, 50),
        ("100 sentences", 100, 100),
    ]

    warm, _ = editor_session(documents[100], 100)  # imports and caches, before timing
    timed_rerun(warm)

    # Interleaved, so that load from other processes hits every case alike.
    first_runs: dict[str, list[float]] = {label: [] for label, *_ in cases}
    sessions = {}
    for _ in range(repeats):
        for label, sentences, page_size in cases:
            at, first = editor_session(documents[sentences], page_size)
            first_runs[label].append(first)
            sessions[label] = at
    reruns: dict[str, list[float]] = {label: [] for label, *_ in cases}
    for _ in range(repeats):
        for label, *_ in cases:
            reruns[label].append(timed_rerun(sessions[label]))

    first = {label: statistics.median(times) for label, times in first_runs.items()}
    rerun = {label: statistics.median(times) for label, times in reruns.items()}
    print(f"median of {repeats}, interleaved:")
    for label, *_ in cases:
        rows = len(sessions[label].text_area)
        print(
            f"  {label:<16} {rows:>3} rows shown: AppTest run (fresh session) {ms(first[label])}, "
            f"rerun {ms(rerun[label])}"
        )
    big, small, same_rows = "2,000 sentences", "20 sentences", "50 sentences"
    ratio = first[big] / first[small]
    print(
        f"(i)  AppTest run, 2,000 / 20 sentences at 50 rows per page: {ratio:.2f}x "
        f"(target <= 1.5: {verdict(ratio <= 1.5)})"
    )
    print(
        f"     rerun of the same session: {rerun[big] / rerun[small]:.2f}x "
        "(50 rows shown against 20: the cost follows the rows on the page)"
    )
    print(
        f"     rerun, 2,000 / 50 sentences, both 50 rows: {rerun[big] / rerun[same_rows]:.2f}x "
        "(document size alone)"
    )
    article = rerun["100 sentences"]
    print(f"     rerun of a 100-sentence article, all 100 rows on one page: {ms(article)}")

    segments = store.segments(documents[2000])
    timings = []
    for i in range(saves):
        segment = segments[(i * 7) % len(segments)]
        head = store.current_revision(segment.id, "ur")
        start = time.perf_counter()
        store.save_revision(segment.id, "ur", f"نیا متن {i}", "bench", head.id)
        timings.append(time.perf_counter() - start)
    median = statistics.median(timings)
    p95 = statistics.quantiles(timings, n=20)[-1]
    print(
        f"(ii) save one revision ({saves} saves, SQLite WAL): median {ms(median)}, "
        f"p95 {ms(p95)} (target median < 20 ms: {verdict(median < 0.020)})"
    )


if __name__ == "__main__":
    main()
