"""The grid's share of main's editor features in headless Chromium: repetitions filled on
confirm with a notice and its undo, the concordance from the active sentence's tools, and
formatting tags shown as chips and saved back."""

from __future__ import annotations

import pytest

from tests.fixtures.app_server import require_chromium, serve_app
from tests.test_browser_editor import box, one_page, open_editor, row, settled, sign_in
from workbench.engines.base import Hypothesis
from workbench.exchange.inline import close_char, open_char
from workbench.store import Origin, RevisionStatus, open_store

pytestmark = pytest.mark.browser

REPEATED = "No statement was issued.\n\nTrade fell.\n\nNo statement was issued."
NO_STATEMENT = "کوئی بیان جاری نہیں ہوا۔"


def test_confirming_a_repeated_sentence_fills_the_other_and_undo_gives_it_back(tmp_path):
    from playwright.sync_api import expect

    require_chromium()
    store = open_store()
    document = store.add_document("repeated.txt", REPEATED)
    first, _, third = store.segments(document.id)
    machine = [[Hypothesis(text, -1.0)] for text in ("بیان نہیں", "تجارت گری", "بیان نہیں")]
    store.add_machine_translations(document.id, "ur", "argos", "test", machine)
    with serve_app(tmp_path / "server.log") as url, one_page() as page:
        open_editor(page, url, f"/?doc={document.id}&target=ur&seg=1")
        sign_in(page)
        expect(row(page, 3).locator(".wb-rep")).to_have_attribute("data-rep", "2/2")
        box(page, 1).fill(NO_STATEMENT)
        box(page, 1).press("Control+Enter")
        notice = page.locator(".wb-message")
        expect(notice).to_contain_text("Filled 1 repetitions.")
        expect(row(page, 3).locator(".wb-state")).to_have_text("Confirmed")
        assert store.current_revision(third.id, "ur").origin == Origin.PROPAGATED
        notice.get_by_role("button", name="Undo").click()
        expect(notice).to_contain_text("Undone: 1 repetitions")
        expect(row(page, 3).locator(".wb-state")).to_have_text("MT")
        settled(page)
    assert store.current_revision(third.id, "ur").text == "بیان نہیں"
    assert store.current_revision(first.id, "ur").status == RevisionStatus.CONFIRMED


def test_the_concordance_looks_up_the_words_selected_in_the_box_or_the_source(tmp_path):
    from playwright.sync_api import expect

    require_chromium()
    store = open_store()
    earlier = store.add_document("earlier.txt", "Trade through Torkham fell sharply.")
    (done,) = store.segments(earlier.id)
    store.save_revision(done.id, "ur", "طورخم کے راستے تجارت کم ہوئی۔", "bilal", None)
    document = store.add_document("today.txt", "Torkham reopened on Monday.")
    with serve_app(tmp_path / "server.log") as url, one_page() as page:
        open_editor(page, url, f"/?doc={document.id}&target=ur&seg=1")
        sign_in(page)
        box(page, 1).fill("طورخم پیر کو کھل گیا۔")
        box(page, 1).evaluate("e => e.setSelectionRange(0, 5)")  # طورخم
        box(page, 1).press("Alt+q")
        found = page.get_by_test_id("wb-concordance")
        expect(found.get_by_role("searchbox", name="Concordance")).to_have_value("طورخم")
        expect(found.locator(".wb-cc-hit")).to_have_count(1)
        expect(found.locator(".wb-cc-tgt mark")).to_have_text("طورخم")
        expect(found.locator(".wb-cc-hit")).to_contain_text(
            "earlier.txt #1 · human · draft · bilal"
        )

        row(page, 1).locator(".wb-src").dblclick(position={"x": 12, "y": 8})  # "Torkham"
        page.keyboard.press("Alt+q")
        expect(found.get_by_role("searchbox", name="Concordance")).to_have_value("Torkham")
        expect(found.locator(".wb-cc-src mark").first).to_have_text("Torkham")
        expect(found.locator(".wb-cc-hit")).to_contain_text("طورخم کے راستے تجارت کم ہوئی۔")

        page.evaluate("() => window.getSelection().removeAllRanges()")
        page.get_by_role("button", name="Concordance").click()  # nothing selected: a field
        field = found.get_by_role("searchbox", name="Concordance")
        expect(field).to_be_focused()
        field.fill("sharply")
        field.press("Enter")
        expect(found.locator(".wb-cc-src mark")).to_have_text("sharply")


def test_formatting_tags_show_as_chips_and_a_moved_tag_is_saved_back(tmp_path):
    from playwright.sync_api import expect

    require_chromium()
    store = open_store()
    bold = f"Traders {open_char(0)}said{close_char(0)} so."
    document = store.add_document("bold.txt", f"{bold}\n\nNo tags here.")
    with serve_app(tmp_path / "server.log") as url, one_page() as page:
        open_editor(page, url, f"/?doc={document.id}&target=ur&seg=2")
        sign_in(page)
        expect(row(page, 1).locator(".wb-src .wb-tag")).to_have_text(["⟨1⟩", "⟨/1⟩"])
        row(page, 1).locator(".wb-src").click()
        box(page, 1).fill("تاجروں نے ⟨1⟩کہا⟨/1⟩۔")
        box(page, 1).press("Control+Enter")
        settled(page)
        expect(row(page, 1).locator(".wb-tgt .wb-tag")).to_have_text(["⟨1⟩", "⟨/1⟩"])
    (segment, _) = store.segments(document.id)
    saved = store.current_revision(segment.id, "ur").text
    assert saved == f"تاجروں نے {open_char(0)}کہا{close_char(0)}۔"
