"""In headless Chromium: align an old Urdu translation, fix a row, accept it into the store."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.fixtures.app_server import CHROMIUM, CHROMIUM_ARGS, serve_app, wait_until_idle
from tests.fixtures.parallel_editorial import document, paragraphs
from workbench.exchange.tmx import read_tmx
from workbench.store import Origin, open_store

pytestmark = pytest.mark.browser


def test_align_fix_a_row_and_accept_in_the_browser(tmp_path, no_argos_packages, screenshot_dir):
    if not shutil.which(CHROMIUM):
        pytest.skip("Debian chromium is not installed")
    playwright = pytest.importorskip("playwright.sync_api")
    database = f"sqlite:///{tmp_path / 'workbench.db'}"
    urdu = paragraphs("ur")
    urdu[0][1:3] = [urdu[0][1].removesuffix("۔") + " اور " + urdu[0][2]]  # a 2-1 bead
    del urdu[1][1]  # leaves two rows the aligner is unsure of

    server = serve_app(tmp_path / "server.log", WORKBENCH_DB=database)
    with server as url, playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1500, "height": 2200})
        _align_fix_and_accept(page, url, urdu, screenshot_dir)
        browser.close()

    store = open_store(database)
    stored = store.document("editorial-browser.txt")
    revisions = store.current_revisions(stored.id, "ur")
    assert stored.segment_count == 14 and len(revisions) == 14
    assert {r.origin for r in revisions.values()} == {Origin.ALIGNED}
    store.close()


def _align_fix_and_accept(page, url: str, urdu: list[list[str]], screenshot_dir: Path) -> None:
    page.goto(f"{url}/align")
    name = page.get_by_role("textbox", name="Your name")  # accepting records who did it
    name.fill("amina")
    name.press("Enter")
    wait_until_idle(page)
    page.get_by_label("…or paste the source").fill(document(paragraphs("en")))
    page.get_by_label("…or paste the translation").fill(document(urdu))
    page.get_by_role("button", name="Align", exact=True).click()
    page.get_by_text("15 rows").wait_for(timeout=30_000)
    urdu_cell = page.locator('div[lang="ur"]').first
    assert urdu_cell.get_attribute("dir") == "rtl"
    assert "Nastaliq" in urdu_cell.evaluate("e => getComputedStyle(e).fontFamily")
    page.screenshot(
        path=str(screenshot_dir / "align_page_rows.png"),
        clip={"x": 330, "y": 600, "width": 1150, "height": 1000},
    )

    page.get_by_role("button", name="Edit").nth(4).click()  # row 5: the unsure 1-0 row
    page.get_by_role("button", name="Merge with next row").click()
    page.get_by_text("14 rows").wait_for(timeout=30_000)
    wait_until_idle(page)
    page.get_by_label("Store as document").fill("editorial-browser.txt")
    page.get_by_label("Store as document").press("Tab")  # commits the name (a rerun)
    wait_until_idle(page)
    page.get_by_role("button", name="Accept into the store").click()
    page.get_by_text("Stored as “editorial-browser.txt”").wait_for(timeout=60_000)
    top = page.get_by_role("heading", name="Download").bounding_box()["y"]
    page.screenshot(
        path=str(screenshot_dir / "align_page_download_accept.png"),
        clip={"x": 330, "y": top - 20, "width": 1150, "height": 470},
        full_page=True,
    )

    with page.expect_download() as download:
        page.get_by_role("button", name="TMX").click()
    assert download.value.suggested_filename.endswith(".ur-aligned.tmx")
    units = list(read_tmx(download.value.path()))
    assert len(units) == 14  # every row pairs sentences once the 1-0 row was merged
    assert {u.prop("x-origin") for u in units} == {"aligned"}
