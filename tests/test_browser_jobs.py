"""Translate as a background job, in headless Chromium on the long document (the sample
repeated 40 times, about 2,000 sentences) with a tiny real Argos model: the first rows fill in
and can be edited while the job runs, a reload finds the job running, an edit saved during the
job survives it, Cancel stops it; screenshots of the grid with a job running."""

from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import ARGOS_CACHE_DIR
from tests.fixtures.app_server import (
    CHROMIUM,
    CHROMIUM_ARGS,
    require_chromium,
    serve_app,
    wait_until_idle,
)
from tests.fixtures.argos_package import seed_argos_spacy_cache
from tests.test_browser_editor import DARI, PASHTO, URDU
from workbench import config
from workbench.store import Origin, Store, open_store
from workbench.store.jobs import JobState

pytestmark = pytest.mark.browser

REPEAT = 40  # as bench/editor.py's long document
NAME = "amina"
URDU_1 = URDU[0]
URDU_FAR = URDU[4]
# Post-edited text per target for the screenshots (the first screen is the editor's own work).
EDITED = {"ur": URDU, "fa-AF": DARI, "ps": PASHTO}
TARGET_PACKAGE = {"ur": "ur", "fa-AF": "fa", "ps": "ps"}  # Dari uses the Persian package


# ---- helpers -----------------------------------------------------------------------------


@contextmanager
def one_page(width: int = 1366, height: int = 768):
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            expect.set_options(timeout=30_000)  # two cores shared by many: be patient
            page = chromium.new_page(viewport={"width": width, "height": height})
            page.set_default_timeout(60_000)
            yield page
        finally:
            chromium.close()


def long_document(store: Store, name: str = "sample-x40.txt"):
    """The sample repeated 40 times, as bench/editor.py builds it, with no translation."""
    text = config.SAMPLE_DOCUMENT.read_text(encoding="utf-8")
    document = store.add_document(name, "\n\n".join([text] * REPEAT))
    return document, store.segments(document.id)


@pytest.fixture
def app_url(tmp_path, argos_en_ur_copy):
    """The app with the en→ur copy model (jobs in the default batches, set explicitly)."""
    require_chromium()
    seed_argos_spacy_cache(ARGOS_CACHE_DIR)  # the server's argostranslate must not download
    with serve_app(tmp_path / "server.log", WORKBENCH_JOB_BATCH="32,128") as url:
        yield url


def box(page, number: int):
    return page.get_by_role("textbox", name=f"Target for sentence {number}", exact=True)


def row(page, number: int):
    return page.locator(f".wb-row[data-n='{number}']")


def open_editor(page, url: str, query: str) -> None:
    page.goto(url + query)
    page.locator(".wb-box").wait_for(timeout=60_000)


def sign_in(page) -> None:
    from playwright.sync_api import expect

    field = page.get_by_role("textbox", name="Your name")
    field.fill(NAME)
    field.press("Enter")
    expect(page.locator(".wb-who")).to_have_text(NAME)
    wait_until_idle(page, 120_000)


def translate(page) -> None:
    page.get_by_role("button", name="Translate", exact=True).click()
    wait_until_idle(page, 120_000)


def job_line(page):
    return page.get_by_test_id("wb-job")


def save_draft(page, number: int, text: str) -> None:
    from playwright.sync_api import expect

    box(page, number).fill(text)
    box(page, number).press("Alt+Enter")
    expect(page.locator(".wb-save")).to_contain_text(f"Saved #{number}", timeout=30_000)


def go_to(page, number: int) -> None:
    page.locator(".wb-goto").fill(str(number))
    page.locator(".wb-goto").press("Enter")
    box(page, number).wait_for(timeout=10_000)


# ---- the job in the editor -------------------------------------------------------------


def test_the_first_rows_fill_in_while_the_job_runs_and_an_edit_made_meanwhile_survives_it(
    app_url,
):
    from playwright.sync_api import expect

    store = open_store()
    document, segments = long_document(store)
    far = len(segments) - 40  # near the end: the job gets there last
    with one_page() as page:
        open_editor(page, app_url, f"/?doc={document.id}&target=ur&seg=1")
        sign_in(page)
        translate(page)
        expect(job_line(page)).to_contain_text("Translating in the background", timeout=120_000)
        # the rows on screen come first and fill in, the open box too, while the job runs
        for number in (1, 2, 12):
            expect(row(page, number).locator(".wb-state")).to_have_text("MT", timeout=120_000)
        expect(box(page, 1)).not_to_have_value("")
        assert store.active_job(document.id, "ur") is not None
        assert store.current_revision(segments[far - 1].id, "ur") is None

        # a reload finds the job running and shows its progress
        page.reload()
        page.locator(".wb-box").wait_for(timeout=60_000)
        wait_until_idle(page, 120_000)  # (the page puts the name the browser remembers back)
        expect(job_line(page)).to_contain_text(
            re.compile(r"Translating in the background: [\d,]+ of [\d,]+ sentences")
        )

        # edits saved while the job runs: a row it filled, and one it has not reached
        wait_until_idle(page, 120_000)
        expect(page.locator(".wb-who")).to_have_text(NAME)
        save_draft(page, 1, URDU_1)
        go_to(page, far)
        save_draft(page, far, URDU_FAR)
        assert store.active_job(document.id, "ur") is not None, "the job ended before the edit"

        expect(job_line(page)).to_contain_text(
            f"Translated {len(segments):,} sentences",
            timeout=900_000,  # 2 shared cores
        )
        expect(box(page, far)).to_have_value(URDU_FAR)  # the grid kept the person's text
        expect(row(page, far).locator(".wb-state")).to_have_text("Edited")
        expect(row(page, len(segments)).locator(".wb-state")).to_have_text("MT")

    (job,) = store.jobs(document.id, "ur")
    assert (job.state, job.done, job.failed) == (JobState.DONE, len(segments), 0)
    heads = store.current_revisions(document.id, "ur")
    assert heads[segments[0].id].text == URDU_1 and heads[segments[0].id].author == NAME
    assert heads[segments[far - 1].id].text == URDU_FAR
    assert heads[segments[far - 1].id].origin == Origin.HUMAN
    others = [heads[s.id].origin for s in segments if s.index not in (0, far - 1)]
    assert set(others) == {Origin.MT} and len(others) == len(segments) - 2
    # the person's sentences got the job's MT as alternatives, not as their text
    assert len(store.machine_translations(segments[far - 1].id, "ur")) == 1


def test_cancel_stops_the_job_and_keeps_what_it_translated(app_url):
    from playwright.sync_api import expect

    store = open_store()
    document, segments = long_document(store)
    with one_page() as page:
        open_editor(page, app_url, f"/?doc={document.id}&target=ur&seg=1")
        sign_in(page)
        translate(page)
        expect(row(page, 1).locator(".wb-state")).to_have_text("MT", timeout=60_000)
        page.get_by_role("button", name="Cancel", exact=True).click()
        expect(job_line(page)).to_contain_text("Translation cancelled after", timeout=60_000)
    (job,) = store.jobs(document.id, "ur")
    assert job.state is JobState.CANCELLED and 0 < job.done < len(segments)
    assert len(store.current_revisions(document.id, "ur")) == job.done


def test_translate_again_retranslates_the_selected_rows_only(app_url):
    from playwright.sync_api import expect

    store = open_store()
    document, segments = long_document(store)
    first = segments[:3]
    with one_page() as page:
        open_editor(page, app_url, f"/?doc={document.id}&target=ur&seg=1")
        sign_in(page)
        go_to(page, 2)
        save_draft(page, 2, URDU_1)  # a person's text: kept, the new MT joins its alternatives
        row(page, 1).click(modifiers=["Control"])
        row(page, 3).click(modifiers=["Shift"])  # 1 to 3
        expect(page.locator(".wb-selection")).to_contain_text("3 sentences selected")
        page.get_by_role("button", name="Translate again", exact=True).click()
        expect(job_line(page)).to_contain_text("Translated 3 sentences", timeout=60_000)
        expect(row(page, 3).locator(".wb-state")).to_have_text("MT")
        expect(row(page, 4).locator(".wb-state")).to_have_text("Untranslated")
    (job,) = store.jobs(document.id, "ur")
    assert job.again and job.segment_ids == tuple(s.id for s in first)
    assert store.current_revision(first[1].id, "ur").text == URDU_1
    assert len(store.current_revisions(document.id, "ur")) == 3


# ---- screenshots ---------------------------------------------------------------------------


@pytest.mark.parametrize("target", list(EDITED))
def test_screenshots_of_the_grid_with_a_job_running(
    target, tmp_path, temporary_argos_package, screenshot_dir: Path
):
    """The first screen post-edited in the target script, the rest being translated: the job
    line with its progress and Cancel, two rows selected to translate again."""
    from playwright.sync_api import expect

    require_chromium()
    temporary_argos_package("en", TARGET_PACKAGE[target], "copy")
    seed_argos_spacy_cache(ARGOS_CACHE_DIR)
    store = open_store()
    texts = EDITED[target]
    with serve_app(tmp_path / "server.log", WORKBENCH_JOB_BATCH="16,16") as url:
        for width, height in ((1366, 768), (1920, 1080)):
            document, segments = long_document(store, f"sample-x40-{width}.txt")  # no MT yet
            for segment in segments[:24]:
                text = texts[segment.index % len(texts)]
                store.save_revision(segment.id, target, text, "bilal", None)
            with one_page(width, height) as page:
                open_editor(page, url, f"/?doc={document.id}&target={target}&seg=5")
                sign_in(page)
                translate(page)
                expect(job_line(page)).to_contain_text(
                    re.compile(r"Translating in the background: [1-9][\d,]* of"), timeout=240_000
                )
                row(page, 7).click(modifiers=["Control"])
                row(page, 8).click(modifiers=["Control"])
                expect(page.locator(".wb-selection")).to_contain_text("2 sentences selected")
                wait_until_idle(page, 120_000)  # no page run greying the page out
                page.screenshot(path=str(screenshot_dir / f"jobs-{target}-{width}x{height}.png"))
                bar, cell = job_line(page), row(page, 6).locator(".wb-tgt")
                assert bar.bounding_box()["width"] <= width
                assert cell.evaluate("e => getComputedStyle(e).direction") == "rtl"
                page.get_by_role("button", name="Cancel", exact=True).click()
                expect(job_line(page)).to_contain_text("cancelled", timeout=60_000)
