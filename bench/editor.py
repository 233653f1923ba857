#!/usr/bin/env python
"""Editor cost measured in the browser: how long the grid takes to open, and how long from a
key press to "Saved" on screen, on the sample (53 sentences) and on the sample repeated 40
times (about 2,000 sentences).

In one run, on a temporary SQLite store (WAL, as the app uses it), both documents stored
with MT for every sentence (Urdu of about the source's length, two alternatives each), the
app served by `streamlit run` and driven by Debian's Chromium (headless, 1366×768):

  open   from `page.goto` of the editor URL to the active sentence's box in the grid (all
         rows drawn); the first open of each document is a warm-up, then --opens runs.
         Target: at most 2 s for the long document.
  save   keypress to "Saved" shown: a changed text in the active box, Alt+Enter (a draft) or
         Ctrl+Enter (confirm and move on); the time is taken in the page, from the keydown
         handler to the moment the grid shows Python's answer (`performance.now()`), so
         it holds the event's trip to the server, the fragment rerun that saves the revision
         and the answer's way back. Median and 95th percentile. Target: p95 at most 150 ms
         on the long document.
  KB in/save  websocket bytes the page received from the keypress to "Saved" (median):
         the answer's update of the grid, with Streamlit's own messages.
  load   the 1-minute load average when the document's runs ended: on a shared machine
         the times above grow with it, so compare runs at a similar load.

    python bench/editor.py            # 5 opens, 40 saves per document
    python bench/editor.py --quick    # 2 opens, 12 saves
"""

from __future__ import annotations

import argparse
import base64
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
SANDBOX = Path(tempfile.mkdtemp(prefix="workbench-bench-editor-"))
for name in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "WORKBENCH_HOME"):
    (SANDBOX / name.lower()).mkdir()
    os.environ[name] = str(SANDBOX / name.lower())
os.environ["ARGOS_PACKAGES_DIR"] = str(SANDBOX / "argos-packages")
os.environ["WORKBENCH_DB"] = f"sqlite:///{SANDBOX / 'bench.db'}"
sys.path.insert(0, str(REPO_ROOT))

from tests.fixtures.app_server import CHROMIUM, CHROMIUM_ARGS, serve_app  # noqa: E402
from workbench import config  # noqa: E402
from workbench.engines.base import Hypothesis  # noqa: E402
from workbench.store import Store, open_store  # noqa: E402

URDU = (  # one post-edited sentence, cut or repeated to the length of each source
    "پاکستان اور افغانستان کے تعلقات ایک بار پھر نچلی سطح پر پہنچ گئے ہیں کیونکہ طالبان کی "
    "جانب سے سکیورٹی خدشات کا جواب نہ ملنے پر اسلام آباد میں مایوسی بڑھ رہی ہے۔"
)
URDU_WORDS = URDU.split()
KEYS = ["Control+Enter"]  # confirm and go on (Alt+Enter: see the closing note)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="2 opens and 12 saves")
    return parser.parse_args()


def urdu_of_length(length: int, seed: int) -> str:
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < length:
        words.append(URDU_WORDS[(seed + len(words)) % len(URDU_WORDS)])
    return " ".join(words)


def stored_document(store: Store, name: str, repeat: int) -> tuple[int, int]:
    """The sample repeated `repeat` times, MT for every sentence; (id, sentences)."""
    text = config.SAMPLE_DOCUMENT.read_text(encoding="utf-8")
    document = store.import_document(name, "\n\n".join([text] * repeat))
    segments = store.segments(document.id)
    best = [urdu_of_length(len(s.text), s.index) for s in segments]
    store.add_machine_translations(
        document.id,
        "ur",
        "argos",
        "bench",
        [[Hypothesis(t, -0.1), Hypothesis(t + " ہے", -0.9)] for t in best],
    )
    return document.id, len(segments)


def received_bytes(frame: dict) -> int:
    """The size of one websocket message the page received (CDP gives binary ones as base64)."""
    payload = frame["response"]["payloadData"]
    return len(base64.b64decode(payload)) if frame["response"]["opcode"] == 2 else len(payload)


def measure(page, url: str, document_id: int, opens: int, saves: int) -> dict:
    place = f"{url}/?doc={document_id}&target=ur&seg=1"
    page.goto(place)  # warm-up: the server reads and caches the document
    page.locator(".wb-box").wait_for(timeout=60_000)
    name = page.get_by_role("textbox", name="Your name")
    if name.input_value() != "bench":
        name.fill("bench")
        name.press("Enter")
        page.locator(".wb-who", has_text="bench").wait_for()
    open_times = []
    for _ in range(opens):
        started = time.perf_counter()
        page.goto(place)
        page.locator(".wb-box").wait_for(timeout=60_000)
        open_times.append(time.perf_counter() - started)
        page.locator(".wb-who", has_text="bench").wait_for()
    received: list[int] = []  # websocket bytes into the page, while a save is under way
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.on("Network.webSocketFrameReceived", lambda frame: received.append(received_bytes(frame)))
    save_times, save_bytes = [], []
    for attempt in range(saves):
        box = page.locator(".wb-box")
        box.fill(f"{box.input_value()} {attempt}")
        status = page.locator(".wb-save")
        status.evaluate("e => { e.textContent = ''; delete e.dataset.ms; }")
        received.clear()
        box.press(KEYS[attempt % len(KEYS)])
        status.and_(page.locator("[data-ms]")).wait_for(timeout=30_000)
        save_times.append(int(status.get_attribute("data-ms")))
        save_bytes.append(sum(received))
        # a person reads the next sentence before saving it (and its tools load meanwhile)
        page.wait_for_timeout(500)
    cdp.detach()
    return {"open": open_times, "save": save_times, "bytes": save_bytes}


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    args = parse_args()
    opens, saves = (2, 12) if args.quick else (5, 40)
    store = open_store()
    documents = [
        stored_document(store, "sample.txt", 1),
        stored_document(store, "sample-x40.txt", 40),
    ]
    from playwright.sync_api import sync_playwright

    with serve_app(SANDBOX / "server.log") as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        print(f"{'sentences':>9}  {'open median':>11}  {'open max':>8}  "
              f"{'save median':>11}  {'save p95':>8}  {'saves':>5}  {'KB in/save':>10}  "
              f"{'load':>5}")  # fmt: skip
        for document_id, sentences in documents:
            result = measure(page, url, document_id, opens, saves)
            print(
                f"{sentences:>9}  {statistics.median(result['open']):>10.2f}s  "
                f"{max(result['open']):>7.2f}s  {statistics.median(result['save']):>9.0f} ms  "
                f"{p95(result['save']):>5.0f} ms  {len(result['save']):>5}  "
                f"{statistics.median(result['bytes']) / 1000:>10.1f}  {os.getloadavg()[0]:>5.1f}"
            )
        browser.close()


if __name__ == "__main__":
    main()
