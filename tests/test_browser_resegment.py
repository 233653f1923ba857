"""Split and merge in the editor grid, in headless Chromium: a sentence split at a caret placed
by a click in its source, its two rows in place and the rest renumbered, MT filled for the
new rows, typing kept; then merged back with the keyboard. (Exports after a split are
tested through the store and workflows in tests/editing/test_resegment_ops.py.)"""

from __future__ import annotations

import pytest

from tests.fixtures.app_server import require_chromium, serve_app
from tests.test_browser_editor import (
    DARI,
    PASHTO,
    SCRIPTS,
    URDU,
    URDU_5,
    box,
    head,
    one_page,
    open_editor,
    row,
    sample_with_mt,
    settled,
    sign_in,
)
from workbench.store import open_store

pytestmark = pytest.mark.browser

FIRST = "Pakistan and Afghanistan held talks in Kabul on Monday and trade was on the agenda."
TALKS = f"{FIRST} No joint statement was issued.\n\nThe talks end today."


def click_before(page, number: int, text: str) -> None:
    """Click in sentence `number`'s source just before `text` (its caret lands there)."""
    cell = row(page, number).locator(".wb-src")
    x, y = cell.evaluate(
        """(cell, text) => {
            const node = cell.firstChild;
            const at = node.data.indexOf(text);
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + 1);
            const box = range.getBoundingClientRect();
            return [box.left + 1, box.top + box.height / 2];
        }""",
        text,
    )
    page.mouse.click(x, y)


def sources(page) -> list[tuple[str, str]]:
    rows = page.locator(".wb-row")
    return [
        (rows.nth(i).get_attribute("data-n"), rows.nth(i).locator(".wb-src").inner_text())
        for i in range(rows.count())
    ]


def test_split_a_sentence_at_a_click_in_its_source_then_merge_it_back(tmp_path, argos_en_ur_copy):
    from playwright.sync_api import expect

    require_chromium()
    store = open_store()
    document = store.add_document("talks.txt", TALKS)
    with serve_app(tmp_path / "server.log") as url, one_page() as page:
        open_editor(page, url, f"/?doc={document.id}&target=ur&seg=1")
        sign_in(page)
        box(page, 1).fill("مذاکرات")  # typing, not saved: kept through the split
        click_before(page, 1, "trade was")
        says = row(page, 1).locator(".wb-reseg-says")
        expect(says).to_have_text(
            "Sentence 1 becomes 1 “Pakistan and Afghanistan held talks in Kabul on Monday and” "
            "and 2 “trade was on the agenda.”; the 2 sentences after it move down by one; "
            "your translation stays on the first part."
        )
        page.keyboard.press("Enter")
        settled(page)
        expect(page.locator(".wb-row")).to_have_count(4)
        assert sources(page) == [
            ("1", "Pakistan and Afghanistan held talks in Kabul on Monday and"),
            ("2", "trade was on the agenda."),
            ("3", "No joint statement was issued."),
            ("4", "The talks end today."),
        ]
        expect(page.locator(".wb-save")).to_have_text(
            "Sentence 1 is now 1 and 2 (your translation is kept as a draft to review; "
            "machine-translated)."
        )
        expect(box(page, 1)).to_be_focused()
        expect(box(page, 1)).to_have_value("مذاکرات")
        expect(row(page, 2).locator(".wb-tgt")).to_have_text("trade was on the agenda.")  # MT
        expect(row(page, 3).locator(".wb-tgt")).to_have_text("")  # not translated again

        history = row(page, 1).get_by_role("button", name="History · 2")
        history.click()
        expect(row(page, 1).locator(".wb-earlier")).to_contain_text(f"Before the split: {FIRST}")

        box(page, 1).press("Alt+j")
        expect(row(page, 1).locator(".wb-reseg-says")).to_have_text(
            "Sentences 1 “Pakistan and … Kabul on Monday and” and 2 “trade was on the agenda.” "
            "become sentence 1; the translations are joined into a draft to review; "
            "the 2 sentences after them move up by one."
        )
        page.keyboard.press("Enter")
        settled(page)
        expect(page.locator(".wb-row")).to_have_count(3)
        assert sources(page) == [
            ("1", FIRST),
            ("2", "No joint statement was issued."),
            ("3", "The talks end today."),
        ]
        expect(box(page, 1)).to_be_focused()

        # the draft and the new MT of the second part, joined, to review
        expect(box(page, 1)).to_have_value("مذاکرات trade was on the agenda.")

        page.locator(".wb-goto").fill("2")
        page.locator(".wb-goto").press("Enter")
        box(page, 2).press("Alt+j")  # 2 | 3 are different paragraphs: one line, nothing sent
        expect(page.locator(".wb-save")).to_have_text(
            "Not merged: sentences 2 and 3 are in different paragraphs; "
            "only sentences of one paragraph merge."
        )
    live = store.segments(document.id)
    assert [s.text for s in live] == [
        FIRST,
        "No joint statement was issued.",
        "The talks end today.",
    ]
    assert store.current_revision(live[0].id, "ur").text == "مذاکرات trade was on the agenda."
    assert store.segment_edit(live[0].id).needs_review


def test_split_with_the_keyboard_at_the_suggested_sentence_end(tmp_path):
    from playwright.sync_api import expect

    require_chromium()
    store = open_store()
    document = store.add_document("talks.txt", TALKS)
    first = store.segments(document.id)[0]
    store.merge_segments(first.id, "bilal")  # a bad split to repair: two sentences in one
    with serve_app(tmp_path / "server.log") as url, one_page() as page:
        open_editor(page, url, f"/?doc={document.id}&target=ur&seg=1")
        sign_in(page)
        box(page, 1).press("Alt+p")  # the caret starts at the sentence end inside it
        field = row(page, 1).locator(".wb-split-src")
        expect(field).to_be_focused()
        says = row(page, 1).locator(".wb-reseg-says")
        expect(says).to_contain_text("and 2 “No joint statement was issued.”")
        page.keyboard.press("Home")  # the very start: refused before anything is sent
        expect(says).to_have_text(
            "The mark is at the very start of the sentence: put it between two words."
        )
        page.keyboard.type("x")  # the source cannot be edited here
        expect(field).to_have_value(f"{FIRST} No joint statement was issued.")
        page.keyboard.press("Escape")
        expect(row(page, 1).locator(".wb-reseg")).to_have_count(0)
        expect(box(page, 1)).to_be_focused()
        row(page, 1).get_by_role("button", name="Split…").click()
        page.keyboard.press("Enter")
        settled(page)
        expect(page.locator(".wb-row")).to_have_count(3)
        expect(row(page, 2).locator(".wb-src")).to_have_text("No joint statement was issued.")
    assert [s.text for s in store.segments(document.id)][:2] == [
        FIRST,
        "No joint statement was issued.",
    ]


# ---- in each target script, for the docs ---------------------------------------------------

SENTENCE_4_AND_5 = {
    "ur": (URDU[3], URDU_5),
    "fa-AF": (DARI[1], "او گفت که حملات فرامرزی از افغانستان غیرقابل قبول است."),
    "ps": (PASHTO[1], "هغه وویل چې له افغانستان څخه پوله ییز بریدونه د منلو وړ نه دي."),
}


@pytest.mark.parametrize("target", list(SENTENCE_4_AND_5))
def test_the_split_and_merge_panels_fit_in_the_target_script(target, tmp_path, screenshot_dir):
    """Sentences 4 and 5 of the sample were merged by mistake (with their translations):
    the split panel offers the sentence end and a caret in the translation; nothing clips."""
    from playwright.sync_api import expect

    require_chromium()
    store = open_store()
    document, segments = sample_with_mt(store, target, SCRIPTS[target])
    for segment, text in zip(segments[3:5], SENTENCE_4_AND_5[target], strict=True):
        store.confirm(segment.id, target, "bilal", head(store, segment.id, target).id, text=text)
    store.merge_segments(segments[3].id, "bilal")
    joined = store.current_revision(store.segments(document.id)[3].id, target).text
    cut = len(SENTENCE_4_AND_5[target][0])
    with serve_app(tmp_path / "server.log") as url:
        for width, height in ((1366, 768), (1920, 1080)):
            with one_page(width, height) as page:
                open_editor(page, url, f"/?doc={document.id}&target={target}&seg=4")
                sign_in(page)
                box(page, 4).press("Alt+p")
                panel = row(page, 4).locator(".wb-reseg")
                expect(panel.locator(".wb-reseg-says")).to_contain_text("and 5 “He said")
                field = panel.locator(".wb-split-tgt")
                expect(field).to_have_value(joined)
                field.focus()
                field.evaluate("(e, at) => { e.setSelectionRange(at, at); e.click(); }", cut)
                expect(panel.locator(".wb-reseg-says")).to_contain_text(
                    "your translation splits after"
                )
                for textarea in (panel.locator(".wb-split-src"), field):
                    clipped = textarea.evaluate("e => e.scrollHeight - e.clientHeight")
                    assert clipped <= 1, f"{target}: {clipped}px of the text hidden"
                assert field.evaluate("e => getComputedStyle(e).direction") == "rtl"
                page.screenshot(path=str(screenshot_dir / f"split-{target}-{width}x{height}.png"))
                page.keyboard.press("Escape")
                page.locator(".wb-goto").fill("2")
                page.locator(".wb-goto").press("Enter")
                box(page, 2).press("Alt+j")
                expect(row(page, 2).locator(".wb-reseg-says")).to_contain_text(
                    "become sentence 2; it is looked up in the memory and machine-translated again"
                )
                page.screenshot(path=str(screenshot_dir / f"merge-{target}-{width}x{height}.png"))
    assert len(store.segments(document.id)) == len(segments) - 1  # only looked, never sent
