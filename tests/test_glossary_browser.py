"""The glossary page in headless Chromium: the table renders, terms are highlighted."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from tests.fixtures.app_server import chromium_page, require_chromium, serve_app
from workbench import config

pytestmark = pytest.mark.browser


@pytest.fixture
def app_url(tmp_path) -> Iterator[str]:
    """A Streamlit server on the app, with a private copy of the house glossary."""
    require_chromium()
    for name in ("security.tbx", "security.csv"):
        shutil.copy(config.GLOSSARIES_DIR / name, tmp_path / name)
    glossary = str(tmp_path / "security.tbx")
    with serve_app(tmp_path / "server.log", WORKBENCH_GLOSSARY=glossary) as url:
        yield url


def test_glossary_page_shows_the_table_and_highlights_terms(app_url, tmp_path):
    with chromium_page(1400, 1600) as page:
        page.goto(f"{app_url}/glossary", wait_until="networkidle")
        page.get_by_text("Try a sentence").wait_for(timeout=30_000)
        page.locator("mark.wb-term").first.wait_for(timeout=30_000)
        marks = page.locator("mark.wb-term").all_inner_texts()
        rendering = page.locator("ul.wb-renderings span[lang='ur']").first
        direction = rendering.evaluate("el => getComputedStyle(el).direction")
        font = rendering.evaluate("el => getComputedStyle(el).fontFamily")
        page.screenshot(path=str(tmp_path / "glossary.png"), full_page=True)
    assert marks == ["Ishaq Dar", "TTP", "Khost", "APTTA"]
    assert direction == "rtl" and "Noto Nastaliq Urdu" in font
