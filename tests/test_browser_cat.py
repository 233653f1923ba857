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
MT = {
    "ur": ["کوئی بیان جاری نہیں کیا گیا۔", "طورخم کے راستے تجارت کم ہوئی۔", "افغان تاجر طورخم پر انتظار کرتے رہے۔"],
    "fa-AF": ["هیچ اعلامیه‌ای صادر نشد.", "تجارت از طریق تورخم کاهش یافت.", "تاجران افغان در تورخم منتظر ماندند."],
    "ps": ["هیڅ اعلامیه خپره نه شوه.", "د تورخم له لارې سوداګري کمه شوه.", "افغان سوداګر په تورخم کې انتظار ایستلو."],
}  # fmt: skip
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


def test_alt_o_looks_up_a_source_selection_then_a_target_selection(tmp_path):
    from playwright.sync_api import expect

    require_chromium()
    store = open_store()
    document, _ = repeated_with_mt(store)
    with serve_app(tmp_path / "server.log") as url, one_page() as page:
        open_editor(page, url, f"/?doc={document.id}&target=ur&seg=3")
        select_word(page, 3, "Torkham")
        page.keyboard.press("Alt+o")
        box_ = page.get_by_test_id("wb-cc")
        expect(box_.locator(".wb-cc-status")).to_contain_text("sentences")
        sources = box_.locator(".wb-cc-src mark")
        expect(sources.first).to_have_text("Torkham")
        expect(box_.locator(".wb-from", has_text="border-2024.txt #1")).to_have_count(1)
        earlier = box_.locator(".wb-cc-tgt", has_text=EARLIER["ur"])
        assert earlier.evaluate(
            "e => [getComputedStyle(e).direction, getComputedStyle(e).unicodeBidi, e.lang]"
        ) == ["rtl", "isolate", "ur"]
        assert box_.locator(".wb-cc-src").first.evaluate("e => e.dir") == "ltr"

        box(page, 3).evaluate("e => { e.focus(); e.setSelectionRange(0, 5); }")  # طورخم
        box(page, 3).press("Alt+o")
        expect(box_.get_by_role("combobox", name="Search in")).to_have_value("target")
        expect(box_.locator(".wb-cc-tgt mark").first).to_have_text("طورخم")
        expect(box_.locator(".wb-cc-hit")).to_have_count(3)  # 3, 5 and the earlier one
        box(page, 3).press("Escape")
        expect(box_).to_have_count(0)
        expect(box(page, 3)).to_be_focused()


def test_the_concordance_field_takes_a_typed_word_and_whole_words_can_be_turned_off(tmp_path):
    from playwright.sync_api import expect

    require_chromium()
    store = open_store()
    document, _ = repeated_with_mt(store)
    with serve_app(tmp_path / "server.log") as url, one_page() as page:
        open_editor(page, url, f"/?doc={document.id}&target=ur&seg=5")
        row(page, 5).get_by_role("button", name="Concordance").click()
        field = page.get_by_role("searchbox", name="Concordance: word or phrase")
        expect(field).to_be_focused()
        field.fill("Torkh")
        field.press("Enter")
        expect(page.locator(".wb-cc-status")).to_have_text("“Torkh” was not found.")
        page.get_by_role("checkbox", name="whole words").uncheck()
        expect(page.locator(".wb-cc-hit")).to_have_count(3)
