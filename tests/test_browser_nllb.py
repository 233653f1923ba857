"""In headless Chromium: pick Pashto, get NLLB-200 as its engine, translate the sample."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fixtures.app_server import chromium_page, require_chromium, serve_app, wait_until_idle
from workbench import config
from workbench.store import Origin, open_store

pytestmark = pytest.mark.browser


@pytest.fixture
def app_url(registered_nllb, no_argos_packages, tmp_path) -> Iterator[str]:
    """The app served by `streamlit run`, with only the tiny NLLB model available."""
    require_chromium()
    with serve_app(tmp_path / "server.log", ARGOS_PACKAGES_DIR=str(no_argos_packages)) as url:
        yield url


def test_pashto_is_translated_with_nllb_in_the_browser(app_url, screenshot_dir):
    from playwright.sync_api import expect

    with chromium_page(1400, 1000) as page:
        page.goto(app_url)
        page.get_by_text("Target language").wait_for(timeout=30_000)
        page.get_by_role("combobox", name="Target language").click()
        page.get_by_role("option", name="Pashto (ps)").click()
        expect(page.get_by_role("combobox", name="Target language")).to_have_value("Pashto (ps)")
        expect(page.get_by_role("combobox", name="Engine")).to_have_value(
            "NLLB-200 · nllb:nllb-200-tiny-copy"
        )
        page.get_by_role("button", name="Translate").click()
        target = page.locator(".wb-row[data-n='2'] .wb-tgt")  # sentence 2 in the editor grid
        expect(target).to_have_text(
            "RELATIONS between Pakistan and Afghanistan have hit another low as frustration "
            "mounts in Islamabad with the Taliban’s lack of response to its security concerns.",
            timeout=30_000,
        )
        style = target.evaluate(
            "e => [getComputedStyle(e).direction, getComputedStyle(e).fontFamily]"
        )
        assert style[0] == "rtl"
        assert style[1].startswith('"Noto Naskh Arabic"')
        wait_until_idle(page)
        page.wait_for_timeout(2000)  # anything the page would still send after the run
        page.screenshot(path=str(screenshot_dir / "nllb-pashto-engine-picker.png"))

    # Switching target and translating save nothing on the editor's behalf: every sentence
    # holds its MT, and the Urdu boxes the page showed first left no (empty) revisions.
    store = open_store()
    document = store.document(config.SAMPLE_DOCUMENT.name)
    assert store.current_revisions(document.id, "ur") == {}
    heads = store.current_revisions(document.id, "ps")
    assert len(heads) == 53
    assert {head.origin for head in heads.values()} == {Origin.MT}
    assert all(head.text for head in heads.values())
