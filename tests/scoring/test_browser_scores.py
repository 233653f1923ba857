"""The scores page in headless Chromium: headline, a sentence read in full (RTL, Nastaliq),
a TMX reference uploaded and compared; screenshots for the docs."""

from __future__ import annotations

import shutil

import pytest

from tests.fixtures.app_server import CHROMIUM, CHROMIUM_ARGS, serve_app
from workbench import config
from workbench.engines.base import Hypothesis
from workbench.scoring.textfiles import read_lines

pytestmark = pytest.mark.browser

FIXTURES = config.PROJECT_ROOT / "tests" / "fixtures" / "scoring"
# Every wait is for the condition itself, with room for a machine whose cores are shared
# (Playwright's default of 5 s timed out there while the page was still computing scores).
LONG = 120_000


@pytest.fixture
def edited_document(store):
    """Ten sentences of the sample: MT, then amna's post-edits, two finished by bilal."""
    source = (FIXTURES / "source.en.txt").read_text(encoding="utf-8")
    mt, final = read_lines(FIXTURES / "mt.ur.txt"), read_lines(FIXTURES / "postedit.ur.txt")
    doc = store.add_document("pak-afghan-ties.en.txt", source)
    store.add_machine_translations(
        doc.id, "ur", "argos", "translate-en_ur-1_9", [[Hypothesis(t, -0.1)] for t in mt]
    )
    for i, segment in enumerate(store.segments(doc.id)):
        head = store.current_revision(segment.id, "ur")
        if i == 8:
            continue  # left as MT
        if i in (2, 9):  # amna's first pass keeps the MT's last word; bilal finishes
            first = " ".join(final[i].split()[:-1] + mt[i].split()[-1:])
            head = store.save_revision(segment.id, "ur", first, "amna", head.id)
            head = store.save_revision(segment.id, "ur", final[i], "bilal", head.id)
        elif final[i] != head.text:
            head = store.save_revision(segment.id, "ur", final[i], "amna", head.id)
        if i % 2 == 0:
            store.confirm(segment.id, "ur", "bilal" if i in (2,) else "amna", head.id)
    return doc, final


def test_scores_page_in_the_browser(db_url, edited_document, tmp_path, screenshot_dir):
    if not shutil.which(CHROMIUM):
        pytest.skip("Debian chromium is not installed")
    playwright = pytest.importorskip("playwright.sync_api")
    expect = playwright.expect

    _, final = edited_document
    reference = tmp_path / "reference.tmx"
    sources = [p for p in (FIXTURES / "source.en.txt").read_text("utf-8").split("\n\n")]
    units = "".join(
        f'<tu><tuv xml:lang="en"><seg>{s.strip()}</seg></tuv>'
        f'<tuv xml:lang="ur"><seg>{t}</seg></tuv></tu>'
        for s, t in zip(sources, final, strict=True)
    )
    reference.write_text(
        f'<?xml version="1.0"?><tmx version="1.4"><header srclang="en"/><body>{units}</body></tmx>',
        encoding="utf-8",
    )
    server = serve_app(tmp_path / "server.log", WORKBENCH_DB=db_url)
    with server as url, playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1450})
        page.goto(f"{url}/scores")
        page.get_by_text("Machine translation against the final text").wait_for(timeout=LONG)
        # 8 and 9 untouched
        expect(page.get_by_text("8 of 10 sentences scored")).to_be_visible(timeout=LONG)
        headline = page.locator("[data-testid='stCode']").first
        expect(headline.get_by_text("TER|nrefs:1|bs:1000|seed:12345|")).to_be_visible(timeout=LONG)

        grid = page.locator("[data-testid='stDataFrame']").first
        expect(grid.locator("canvas").first).to_be_visible(timeout=LONG)  # the rows are drawn
        box = grid.bounding_box()
        page.mouse.click(box["x"] + 15, box["y"] + 52)  # the first row's selection cell
        final_text = page.locator("div.wb-score-text[lang='ur']").nth(1)
        final_text.wait_for(timeout=LONG)
        style = final_text.evaluate(
            "e => [getComputedStyle(e).direction, getComputedStyle(e).fontFamily]"
        )
        assert style[0] == "rtl"
        assert style[1].startswith('"Noto Nastaliq Urdu"')
        page.screenshot(path=str(screenshot_dir / "scores-sentences.png"))

        page.get_by_role("tab", name="Charts").click()
        charts = page.locator("[data-testid='stVegaLiteChart']")
        expect(charts).to_have_count(3, timeout=LONG)
        for chart in charts.all():  # each one drawn by Vega, not only its frame
            expect(chart.locator(".marks").first).to_be_visible(timeout=LONG)
        page.screenshot(path=str(screenshot_dir / "scores-charts.png"))

        page.get_by_role("tab", name="Against a reference").click()
        page.locator("input[type='file']").set_input_files(str(reference))
        heading = page.get_by_text("Is the final text closer to the reference than MT?")
        heading.wait_for(timeout=LONG)
        expect(page.get_by_text("10 of 10 sentences have a reference.")).to_be_visible(timeout=LONG)

        page.get_by_role("tab", name="Compare").click()
        compared = page.get_by_text("8 post-edited sentences have both texts.")
        compared.wait_for(timeout=LONG)
        page.screenshot(path=str(screenshot_dir / "scores-compare.png"))
        browser.close()
