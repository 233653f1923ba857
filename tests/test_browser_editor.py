"""The editor in headless Chromium: an edit saved with Ctrl+Enter survives a reload and a
server restart, target boxes are right-to-left in Nastaliq, leaving a box saves it; fuzzy
translation-memory matches show under the box with a source diff and can be used."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures.app_server import chromium_page, require_chromium, serve_app, wait_until_idle
from workbench import config
from workbench.editing import default_author
from workbench.store import Origin, open_store

pytestmark = pytest.mark.browser

URDU_3 = "تاہم پاکستان نے اس سال کابل کے ساتھ تعلقات بحال کرنے کے لیے سفارتی روابط بڑھائے۔"
URDU_5 = "انہوں نے کہا کہ افغانستان سے سرحد پار حملے ناقابل قبول ہیں۔"
# What a colleague saved meanwhile (sentences 1, 2 and 4), so the screenshot shows a page in work.
COLLEAGUE = {
    0: "پاک افغان تعلقات میں نئی گراوٹ",
    1: "پاکستان اور افغانستان کے تعلقات ایک بار پھر نچلی سطح پر پہنچ گئے ہیں کیونکہ طالبان کی "
    "جانب سے سکیورٹی خدشات کا جواب نہ ملنے پر اسلام آباد میں مایوسی بڑھ رہی ہے۔",
    3: "دو روز قبل وزیر اعظم شہباز شریف نے کابل سے کہا کہ وہ پاکستان اور ٹی ٹی پی (تحریک طالبان "
    "پاکستان) میں سے کسی ایک کا انتخاب کرے۔",
}


def box(page, number: int):
    return page.get_by_role("textbox", name=f"Target for sentence {number}", exact=True)


def status(page, segment_id: int):
    """The state badge of a row (MT, Edited, Confirmed …)."""
    return page.locator(f".st-key-row-{segment_id} [data-testid='stMarkdown']").first


def open_editor(page, url: str) -> None:
    page.goto(url)
    box(page, 1).wait_for(timeout=30_000)


def test_an_edit_saved_in_the_browser_survives_a_reload_and_a_server_restart(
    argos_en_ur_copy, tmp_path, screenshot_dir
):
    from playwright.sync_api import expect

    require_chromium()
    store = open_store()  # the same WORKBENCH_DB as the server's
    with serve_app(tmp_path / "first.log") as url, chromium_page() as page:
        open_editor(page, url)
        page.get_by_role("button", name="Translate").click()
        segments = store.segments(store.document(config.SAMPLE_DOCUMENT.name).id)
        expect(box(page, 3)).to_have_value(segments[2].text, timeout=30_000)

        box(page, 3).fill(URDU_3)
        box(page, 3).press("Control+Enter")  # saves, and moves on to sentence 4
        expect(status(page, segments[2].id)).to_contain_text("Edited", timeout=15_000)
        wait_until_idle(page)
        expect(box(page, 4)).to_be_focused(timeout=10_000)

        box(page, 5).fill(URDU_5)
        page.get_by_text("Source · English").first.click()  # leaving the box saves it too
        expect(status(page, segments[4].id)).to_contain_text("Edited", timeout=15_000)

        for index, text in COLLEAGUE.items():
            segment = segments[index]
            mt = store.current_revision(segment.id, "ur")
            store.confirm(segment.id, "ur", "bilal", mt.id, text=text)

        page.reload()
        box(page, 1).wait_for(timeout=30_000)
        expect(box(page, 3)).to_have_value(URDU_3)
        expect(box(page, 5)).to_have_value(URDU_5)
        expect(box(page, 2)).to_have_value(COLLEAGUE[1])
        expect(status(page, segments[1].id)).to_contain_text("Confirmed")
        direction, font = box(page, 3).evaluate(
            "e => [getComputedStyle(e).direction, getComputedStyle(e).fontFamily]"
        )
        assert direction == "rtl"
        assert font.startswith('"Noto Nastaliq Urdu"')
        source_direction = page.get_by_text(segments[2].text, exact=True).evaluate(
            "e => getComputedStyle(e).direction"
        )
        assert source_direction == "ltr"
        box(page, 3).scroll_into_view_if_needed()
        page.screenshot(path=str(screenshot_dir / "editor-urdu.png"))

    head = store.current_revision(segments[2].id, "ur")
    assert (head.text, head.origin) == (URDU_3, Origin.HUMAN)
    with serve_app(tmp_path / "second.log") as url, chromium_page() as page:  # a new server
        open_editor(page, url)
        expect(box(page, 3)).to_have_value(URDU_3)


# An older editorial the desk finished last month: its confirmed sentences are in the memory.
EARLIER_WORK = {
    "Relations between Pakistan and Afghanistan have hit a new low as frustration mounts in "
    "Islamabad with the Taliban’s lack of response to its security concerns.": (
        "پاکستان اور افغانستان کے تعلقات نئی نچلی سطح پر پہنچ گئے ہیں کیونکہ طالبان کی جانب "
        "سے سکیورٹی خدشات کا جواب نہ ملنے پر اسلام آباد میں مایوسی بڑھ رہی ہے۔"
    ),
    "Last week, Prime Minister Shehbaz Sharif publicly called on Kabul to choose between "
    "Pakistan and the TTP (Tehreek-i-Taliban Pakistan).": (
        "گزشتہ ہفتے وزیر اعظم شہباز شریف نے کابل سے کہا کہ وہ پاکستان اور ٹی ٹی پی (تحریک طالبان "
        "پاکستان) میں سے کسی ایک کا انتخاب کرے۔"
    ),
    "He said cross-border attacks from Afghanistan were unacceptable.": URDU_5,
}


def test_a_fuzzy_match_from_an_earlier_document_is_shown_under_the_box_and_used(
    argos_en_ur_copy, tmp_path, screenshot_dir
):
    from playwright.sync_api import expect

    require_chromium()
    store = open_store()
    earlier = store.add_document("ties-2024.txt", "\n\n".join(EARLIER_WORK))
    for segment in store.segments(earlier.id):
        store.confirm(segment.id, "ur", "bilal", None, text=EARLIER_WORK[segment.text])
    sample = store.import_document(
        config.SAMPLE_DOCUMENT.name, config.SAMPLE_DOCUMENT.read_text(encoding="utf-8")
    )
    segments = store.segments(sample.id)
    store.save_revision(segments[0].id, "ur", COLLEAGUE[0], "amina", None)
    with serve_app(tmp_path / "server.log") as url, chromium_page(height=1700) as page:
        open_editor(page, url)
        match = page.locator(f".st-key-match-{segments[3].id}-tm-0")
        expect(match).to_contain_text("TM 88%")  # 3 edits in 24 words and marks
        expect(match).to_contain_text("ties-2024.txt #2 · edited · bilal")
        expect(match.locator("del")).to_have_text("Last week")
        expect(match.locator("ins")).to_have_text("Two days ago")
        target = match.locator(".wb-tm-target")
        direction, font = target.evaluate(
            "e => [getComputedStyle(e).direction, getComputedStyle(e).fontFamily]"
        )
        assert (direction, font.split(",")[0]) == ("rtl", '"Noto Nastaliq Urdu"')
        expect(page.locator(f".st-key-match-{segments[4].id}-tm-0")).to_contain_text("TM 100%")
        expect(page.locator(f".st-key-match-{segments[0].id}-tm-0")).to_have_count(0)  # its own

        match.get_by_role("button", name="Use").click()
        used = EARLIER_WORK[segments[3].text.replace("Two days ago", "Last week")]
        expect(box(page, 4)).to_have_value(used, timeout=15_000)
        expect(status(page, segments[3].id)).to_contain_text("TM")
        page.screenshot(path=str(screenshot_dir / "editor-tm-matches.png"))

        page.get_by_text("Export and import").click()
        wait_until_idle(page)
        with page.expect_download() as download:
            page.get_by_role("button", name="XLIFF 2").click()
        assert download.value.suggested_filename == "pak-afghan-ties.en.ur.xlf"
        xliff = Path(download.value.path()).read_text(encoding="utf-8")
        assert "urn:oasis:names:tc:xliff:document:2.0" in xliff and used in xliff
        page.get_by_text("every segment with a target").click()
        wait_until_idle(page)  # the TMX button holds the new choice only after the rerun
        with page.expect_download() as download:
            page.get_by_role("button", name="TMX", exact=True).click()
        tmx = Path(download.value.path()).read_text(encoding="utf-8")
        assert tmx.count("<tu ") == 2 and used in tmx  # sentence 1 and the TM match in 4
        panel = page.locator("[data-testid='stExpander']").filter(has_text="Export and import")
        panel.screenshot(path=str(screenshot_dir / "editor-export-import.png"))

    head = store.current_revision(segments[3].id, "ur")
    assert (head.origin, head.author) == (Origin.TM, default_author())
