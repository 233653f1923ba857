"""Repetitions and the concordance in the editor grid, in headless Chromium: the active
row's repetition line, skipping filled repetitions with Alt+↓/↑ and confirm-and-next, the
toggle that visits every row, and Alt+O looking up a selection in a source or in the box."""

from __future__ import annotations

import pytest

from tests.fixtures.app_server import require_chromium, serve_app, wait_until_idle
from tests.test_browser_editor import box, one_page, open_editor, row, settled, sign_in
from workbench.engines.base import Hypothesis
from workbench.store import Origin, RevisionStatus, Store, open_store
from workbench.workflows.propagate import propagate_confirmed

pytestmark = pytest.mark.browser

# Sentences 1, 2 and 4 repeat each other; 3 and 5 occur once.
REPEATED = (
    "No statement was issued.\n\nNo statement was issued.\n\nTrade through Torkham fell.\n\n"
    "No statement was issued.\n\nAfghan traders waited at Torkham."
)
STATEMENT_UR = "کوئی بیان جاری نہیں ہوا۔"
MT = {  # sentence 1 (and its repetitions), 3, 5
    "ur": [
        "کوئی بیان جاری نہیں کیا گیا۔",
        "طورخم کے راستے تجارت کم ہوئی۔",
        "افغان تاجر طورخم پر انتظار کرتے رہے۔",
    ],
    "fa-AF": [
        "هیچ اعلامیه‌ای صادر نشد.",
        "تجارت از طریق تورخم کاهش یافت.",
        "تاجران افغان در تورخم منتظر ماندند.",
    ],
    "ps": [
        "هیڅ اعلامیه خپره نه شوه.",
        "د تورخم له لارې سوداګري کمه شوه.",
        "افغان سوداګر په تورخم کې انتظار ایستلو.",
    ],
}
EARLIER = {  # a confirmed translation from an earlier document, what the concordance finds
    "ur": "مذاکرات کے بعد طورخم دوبارہ کھل گیا۔",
    "fa-AF": "تورخم پس از گفتگوها دوباره باز شد.",
    "ps": "تورخم له خبرو اترو وروسته بیا پرانیستل شو.",
}


def repeated_with_mt(store: Store, target: str = "ur"):
    """The five sentences above with MT, and an earlier confirmed document about Torkham."""
    earlier = store.add_document("border-2024.txt", "Torkham reopened after the talks.")
    (old,) = store.segments(earlier.id)
    store.save_revision(old.id, target, EARLIER[target], "bilal", None, status="confirmed")
    document = store.add_document("talks.txt", REPEATED)
    segments = store.segments(document.id)
    texts = MT[target]
    machine = [texts[0], texts[0], texts[1], texts[0], texts[2]]
    store.add_machine_translations(
        document.id, target, "argos", "test", [[Hypothesis(t, -1.0)] for t in machine]
    )
    return document, segments


def filled_by_propagation(store: Store, document, segments, target: str = "ur") -> None:
    """Sentence 1 confirmed, its repetitions 2 and 4 filled as the grid's confirm fills them."""
    first = segments[0].id
    store.save_revision(first, target, STATEMENT_UR, "bilal", head_id(store, first, target))
    store.confirm(first, target, "bilal", head_id(store, first, target))
    propagated = propagate_confirmed(store, document.id, first, target, "bilal", enabled=True)
    assert len(propagated.filled) == 2


def head_id(store: Store, segment_id: int, target: str = "ur") -> int | None:
    head = store.current_revision(segment_id, target)
    return head.id if head else None


def select_word(page, number: int, word: str) -> None:
    """Select `word` in sentence `number`'s source with the mouse's selection API."""
    row(page, number).locator(".wb-src").evaluate(
        """(cell, word) => {
            const text = cell.firstChild.nodeType === 3 ? cell.firstChild : cell.childNodes[0];
            const at = text.textContent.indexOf(word);
            const range = document.createRange();
            range.setStart(text, at);
            range.setEnd(text, at + word.length);
            const selection = (cell.getRootNode().getSelection && cell.getRootNode().getSelection())
                || window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
        }""",
        word,
    )


def test_the_active_row_says_which_repetition_it_is_and_goes_to_the_first(tmp_path):
    from playwright.sync_api import expect

    require_chromium()
    store = open_store()
    document, _ = repeated_with_mt(store)
    with serve_app(tmp_path / "server.log") as url, one_page() as page:
        open_editor(page, url, f"/?doc={document.id}&target=ur&seg=4")
        reps = row(page, 4).get_by_test_id("wb-reps")
        expect(reps).to_have_text("↻ Repetition 3 of 3 · first occurrence #1 · also #2")
        reps.get_by_role("button", name="#1").click()
        expect(box(page, 1)).to_be_focused()
        expect(row(page, 1).get_by_test_id("wb-reps")).to_have_text(
            "↻ First of 3 occurrences in this document · also #2#4"
        )
        expect(row(page, 3).get_by_test_id("wb-reps")).to_have_count(0)


def test_alt_arrows_skip_filled_repetitions_until_the_toggle_is_off(tmp_path):
    from playwright.sync_api import expect

    require_chromium()
    store = open_store()
    document, segments = repeated_with_mt(store)
    filled_by_propagation(store, document, segments)
    with serve_app(tmp_path / "server.log") as url, one_page() as page:
        open_editor(page, url, f"/?doc={document.id}&target=ur&seg=1")
        skip = page.get_by_role("checkbox", name="Skip repetitions")
        expect(skip).to_be_checked()
        box(page, 1).press("Alt+ArrowDown")
        expect(box(page, 3)).to_be_focused()  # 2 was filled by confirming 1
        box(page, 3).press("Alt+ArrowDown")
        expect(box(page, 5)).to_be_focused()  # and 4
        box(page, 5).press("Alt+ArrowUp")
        expect(box(page, 3)).to_be_focused()
        skip.uncheck()
        wait_until_idle(page)
        box(page, 3).focus()
        box(page, 3).press("Alt+ArrowDown")
        expect(box(page, 4)).to_be_focused()  # every row now
        expect(row(page, 4).locator(".wb-state")).to_have_text("Confirmed")
        settled(page)
    assert store.current_revision(segments[1].id, "ur").origin == Origin.PROPAGATED


def test_confirm_and_next_passes_over_the_repetitions_the_confirm_fills(tmp_path):
    from playwright.sync_api import expect

    require_chromium()
    store = open_store()
    document, segments = repeated_with_mt(store)
    with serve_app(tmp_path / "server.log") as url, one_page() as page:
        open_editor(page, url, f"/?doc={document.id}&target=ur&seg=1")
        sign_in(page)
        box(page, 1).fill(STATEMENT_UR)
        box(page, 1).press("Control+Enter")
        expect(box(page, 3)).to_be_focused()  # not 2, which the confirm fills
        settled(page)
        expect(row(page, 2).locator(".wb-state")).to_have_text("Confirmed")
        expect(row(page, 4).locator(".wb-tgt")).to_have_text(STATEMENT_UR)  # in place
    for segment in (segments[1], segments[3]):
        head = store.current_revision(segment.id, "ur")
        assert (head.text, head.origin, head.status) == (
            STATEMENT_UR,
            Origin.PROPAGATED,
            RevisionStatus.CONFIRMED,
        )


def test_alt_q_with_words_selected_in_a_source_looks_them_up_as_whole_words(tmp_path):
    from playwright.sync_api import expect

    require_chromium()
    store = open_store()
    document, _ = repeated_with_mt(store)
    border = store.add_document("border.txt", "Torkhamabad is not Torkham.")
    (segment,) = store.segments(border.id)  # a sentence with a target is searched
    store.save_revision(segment.id, "ur", "طورخم آباد طورخم نہیں ہے۔", "bilal", None)
    with serve_app(tmp_path / "server.log") as url, one_page() as page:
        open_editor(page, url, f"/?doc={document.id}&target=ur&seg=3")
        select_word(page, 3, "Torkham")  # the focus leaves the box for the page
        page.keyboard.press("Alt+q")
        found = page.get_by_test_id("wb-concordance")
        expect(found.get_by_role("searchbox", name="Concordance")).to_have_value("Torkham")
        expect(found.get_by_role("checkbox", name="Whole words")).to_be_checked()
        expect(found.locator(".wb-cc-hit")).to_have_count(4)  # 3, 5, border-2024, border
        expect(found.locator(".wb-cc-src mark")).to_have_text(["Torkham"] * 4)  # not Torkhamabad
        earlier = found.locator(".wb-cc-tgt", has_text=EARLIER["ur"])
        assert earlier.evaluate(
            "e => [getComputedStyle(e).direction, getComputedStyle(e).unicodeBidi, e.lang]"
        ) == ["rtl", "isolate", "ur"]
        found.get_by_role("checkbox", name="Whole words").uncheck()
        expect(found.locator(".wb-cc-src mark").first).to_have_text("Torkham")
        expect(found.locator(".wb-cc-src", has_text="Torkhamabad").locator("mark")).to_have_text(
            ["Torkham", "Torkham"]
        )
        page.keyboard.press("Escape")  # closes it, wherever the focus is
        expect(found.locator(".wb-cc-hit")).to_have_count(0)


def test_typing_in_the_concordance_field_survives_the_tools_being_drawn_again(tmp_path):
    from playwright.sync_api import expect

    require_chromium()
    store = open_store()
    document, _ = repeated_with_mt(store)
    with serve_app(tmp_path / "server.log") as url, one_page() as page:
        open_editor(page, url, f"/?doc={document.id}&target=ur&seg=5")
        box(page, 5).press("Alt+q")  # nothing selected: an empty field to type in
        field = page.get_by_role("searchbox", name="Concordance")
        expect(field).to_be_focused()
        field.press_sequentially("Tork")
        redrawn = page.locator(".wb-cc-head").evaluate("e => (window.__ccHead = e, true)")
        # another event's answer (the skip toggle, flipped by script so the focus stays)
        # brings the open sentence's tools again, and they are drawn again
        page.get_by_role("checkbox", name="Skip repetitions").evaluate(
            "e => { e.checked = !e.checked; e.dispatchEvent(new Event('change')); }"
        )
        for _ in range(100):  # until the answer has come and the tools were drawn again
            if page.locator(".wb-cc-head").evaluate("e => e !== window.__ccHead"):
                break
            page.wait_for_timeout(100)
        assert redrawn and page.locator(".wb-cc-head").evaluate("e => e !== window.__ccHead")
        expect(field).to_be_focused()
        field.press_sequentially("ham")
        expect(field).to_have_value("Torkham")
        field.press("Enter")
        expect(page.locator(".wb-cc-hit")).to_have_count(3)
        expect(field).to_be_focused()


@pytest.mark.parametrize("target", list(MT))
def test_screenshots_of_repetitions_and_the_concordance_in_each_script(
    target, tmp_path, screenshot_dir
):
    """docs/screenshots/{repetitions,concordance}-<target>-<W>x<H>.png: a confirm's filled
    repetitions with the notice and the active repetition's line; a source word looked up."""
    from playwright.sync_api import expect

    require_chromium()
    store = open_store()
    document, _ = repeated_with_mt(store, target)
    edited = {  # a translator's text for sentence 1, then a second thought
        "ur": ["کوئی بیان جاری نہیں ہوا۔", "کوئی بیان جاری نہیں کیا گیا تھا۔"],
        "fa-AF": ["هیچ بیانیه‌ای صادر نشد.", "اعلامیه‌ای صادر نشد."],
        "ps": ["هیڅ بیان خپور نه شو.", "هیڅ اعلامیه نه ده خپره شوې."],
    }[target]
    with serve_app(tmp_path / "server.log") as url:
        for width, height in ((1366, 768), (1920, 1080)):
            with one_page(width, height) as page:
                open_editor(page, url, f"/?doc={document.id}&target={target}&seg=1")
                sign_in(page)
                box(page, 1).fill(edited[0] if width == 1366 else edited[1])
                box(page, 1).press("Control+Enter")
                filled = page.get_by_test_id("wb-filled").locator("button")
                expect(filled).to_have_count(2)
                settled(page)
                row(page, 2).locator(".wb-src").click()
                expect(row(page, 2).get_by_test_id("wb-reps")).to_contain_text("Repetition 2 of 3")
                shot = f"repetitions-{target}-{width}x{height}.png"
                page.screenshot(path=str(screenshot_dir / shot))

                row(page, 3).locator(".wb-src").click()
                select_word(page, 3, "Torkham")
                page.keyboard.press("Alt+q")
                found = page.get_by_test_id("wb-concordance")
                expect(found.locator(".wb-cc-hit")).to_have_count(3)
                target_text = found.locator(".wb-cc-tgt").first
                direction, clip = target_text.evaluate(
                    "e => [getComputedStyle(e).direction, e.scrollWidth - e.clientWidth]"
                )
                assert direction == "rtl" and clip <= 1  # nothing cut off at the side
                page.screenshot(
                    path=str(screenshot_dir / f"concordance-{target}-{width}x{height}.png")
                )
                page.keyboard.press("Escape")
                page.locator(".wb-message").get_by_role("button", name="Undo").click()
                expect(page.locator(".wb-message")).to_contain_text("Undone: 2 repetitions")
                settled(page)  # the next screen confirms sentence 1 again
