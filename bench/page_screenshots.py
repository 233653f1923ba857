#!/usr/bin/env python
"""Screenshots of the Analysis and Desk pages for Urdu, Dari and Pashto at 1366×768 and
1920×1080, into docs/screenshots/ (`analysis-ur-1366x768.png`, `desk-ps-1920x1080.png`, …).

A private store (and private Argos/workbench directories, so no installed model or real
document shows) holds a week of desk work built from the human translations of
`tests/fixtures/qa_human/<target>.tsv`: an earlier document confirmed in every target (the
translation memory the Analysis page matches against), and this week's document, partly
new, partly edited, with drafts, confirmed and approved segments and an assignment per
target. The app is served by `streamlit run` and driven by Debian's Chromium; the target is
picked in the sidebar as a person would. Each page also reports (and the script fails on)
text that is clipped in its table cells or headings.

    python bench/page_screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

TARGETS = ("ur", "fa-AF", "ps")
SIZES = ((1366, 768), (1920, 1080))
FIXTURES = REPO_ROOT / "tests" / "fixtures" / "qa_human"
LONG = 120_000


def pairs(target: str) -> list[tuple[str, str]]:
    with (FIXTURES / f"{target}.tsv").open(encoding="utf-8") as file:
        return [(row["source"], row["target"]) for row in csv.DictReader(file, delimiter="\t")]


def as_document(sentences: list[str], per_paragraph: int = 4) -> str:
    return "\n\n".join(
        " ".join(sentences[i : i + per_paragraph]) for i in range(0, len(sentences), per_paragraph)
    )


def build_store(url: str) -> None:
    """Last week's document confirmed in every target; this week's in three states."""
    from workbench.identity import Actor, Role
    from workbench.store import open_store
    from workbench.store.assignments import Assignments

    manager = Actor("zara", frozenset({Role.MANAGER}))
    reviewer = Actor("omar", frozenset({Role.REVIEWER}))
    sources = [s for s, _ in pairs("ur")]
    earlier, this_week = sources[:36], sources[20:]
    # This week: a few sentences reworded (fuzzy matches), the rest new or repeated.
    this_week = [
        s.replace("Pakistan", "Islamabad", 1) if i % 5 == 1 else s for i, s in enumerate(this_week)
    ]
    with open_store(url) as store:
        old = store.add_document("economy-week-47.txt", as_document(earlier))
        new = store.add_document("economy-week-48.txt", as_document(this_week))
        translators = ("amina", "farid", "gul")
        dues = (date(2026, 12, 3), date(2026, 12, 4), None)
        for target, translator, due in zip(TARGETS, translators, dues, strict=True):
            translation = dict(pairs(target))
            for segment in store.segments(old.id):
                if segment.text in translation:
                    store.confirm(segment.id, target, "amina", None, text=translation[segment.text])
            for i, segment in enumerate(store.segments(new.id)):
                text = translation.get(segment.text)
                if text is None or i % 4 == 3:
                    continue  # new, or not yet done
                head = store.save_revision(segment.id, target, text, translator, None)
                if i % 4 in (0, 1):
                    head = store.confirm(segment.id, target, translator, head.id)
                if i % 4 == 0 and target != "ps":
                    store.approve(segment.id, target, reviewer, head.id)
            Assignments(store).assign(
                new.id, target, manager, translator=translator, reviewer="omar", due=due
            )


def pick(page, box_label: str, option: str) -> None:
    """Choose `option` in a Streamlit selectbox as a person does: open it, click the option."""
    page.locator("[data-testid='stSelectbox']").filter(has_text=box_label).click()
    page.get_by_role("option", name=option).first.click()
    page.get_by_role("option").first.wait_for(state="detached", timeout=LONG)


def clipped(page) -> list[str]:
    """Texts of the main area cut off by their box (headings, captions, buttons)."""
    return page.evaluate(
        """() => [...document.querySelectorAll("[data-testid='stMain'] "
              + ":is(h1,h2,h3,p,button,label,[data-testid='stCaptionContainer'])")]
            .filter(e => e.offsetParent !== null
                      && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
                      && getComputedStyle(e).overflow !== 'visible')
            .map(e => e.innerText.slice(0, 60))"""
    )


def shoot(url: str, out: Path) -> list[str]:
    from playwright.sync_api import expect, sync_playwright

    from tests.fixtures.app_server import CHROMIUM, CHROMIUM_ARGS
    from workbench.languages import get_language

    problems = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for width, height in SIZES:
            page = browser.new_page(viewport={"width": width, "height": height})
            for target in TARGETS:
                for path in ("analysis", "desk"):
                    page.goto(f"{url}/{path}")
                    page.locator("[data-testid='stDataFrame']").first.wait_for(timeout=LONG)
                    label = get_language(target).label
                    pick(page, "Target language", f"{label} ({target})")
                    if path == "analysis":  # the page has rerun for the target and document
                        pick(page, "Document", "economy-week-48.txt")
                        expect(page.get_by_text(f"economy-week-48.txt into {label}")).to_be_visible(
                            timeout=LONG
                        )
                    page.wait_for_load_state("networkidle")
                    expect(page.locator("[data-testid='stStatusWidget']")).to_have_count(
                        0, timeout=LONG
                    )  # no rerun in flight…
                    expect(page.locator("[data-stale='true']")).to_have_count(0, timeout=LONG)
                    # …and no element left over from the run before (a table of the document
                    # chosen before under the caption of the new one)
                    name = f"{path}-{target}-{width}x{height}.png"
                    page.screenshot(path=str(out / name))
                    problems += [f"{name}: clipped {text!r}" for text in clipped(page)]
                    print(f"{name}")
            page.close()
        browser.close()
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="page-shots-"))
    for name in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        (tmp / name.lower()).mkdir()
        os.environ[name] = str(tmp / name.lower())
    os.environ["ARGOS_PACKAGES_DIR"] = str(tmp / "argos-packages")
    os.environ["WORKBENCH_HOME"] = str(tmp / "workbench-home")
    os.environ["WORKBENCH_DB"] = url = f"sqlite:///{tmp / 'desk.db'}"
    os.environ["PYTHONPATH"] = str(REPO_ROOT)
    build_store(url)

    from tests.fixtures.app_server import serve_app

    with serve_app(tmp / "server.log") as served:
        problems = shoot(served, args.out)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
