"""The editor grid in headless Chromium: every shortcut, confirm-and-next past the end of the
screen, statuses that survive leaving the page, place and name after a reload, two editors on
one sentence, density at 1366×768, right-to-left script, TM matches and exports."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.fixtures.app_server import (
    CHROMIUM,
    CHROMIUM_ARGS,
    require_chromium,
    serve_app,
    wait_until_idle,
)
from workbench import config
from workbench.engines.base import Hypothesis
from workbench.store import Origin, RevisionStatus, Store, open_store

pytestmark = pytest.mark.browser

URDU_3 = "تاہم پاکستان نے اس سال کابل کے ساتھ تعلقات بحال کرنے کے لیے سفارتی روابط بڑھائے۔"
URDU_5 = "انہوں نے کہا کہ افغانستان سے سرحد پار حملے ناقابل قبول ہیں۔"
# Post-edited Urdu for the first sentences, repeated as the MT of the rest of the sample.
URDU = [
    "پاک افغان تعلقات میں نئی گراوٹ",
    "پاکستان اور افغانستان کے تعلقات ایک بار پھر نچلی سطح پر پہنچ گئے ہیں کیونکہ طالبان کی "
    "جانب سے سکیورٹی خدشات کا جواب نہ ملنے پر اسلام آباد میں مایوسی بڑھ رہی ہے۔",
    URDU_3,
    "دو روز قبل وزیر اعظم شہباز شریف نے کابل سے کہا کہ وہ پاکستان اور ٹی ٹی پی (تحریک طالبان "
    "پاکستان) میں سے کسی ایک کا انتخاب کرے۔",
    URDU_5,
]
DARI = [
    "روابط پاکستان و افغانستان بار دیگر به پایین‌ترین سطح رسیده است، زیرا در اسلام‌آباد از "
    "بی‌پاسخ ماندن نگرانی‌های امنیتی از سوی طالبان ناامیدی افزایش یافته است.",
    "دو روز پیش، شهباز شریف، نخست‌وزیر، از کابل خواست میان پاکستان و تی‌تی‌پی یکی را برگزیند.",
]
PASHTO = [
    "د پاکستان او افغانستان اړیکې یو ځل بیا ټیټې کچې ته رسېدلې دي، ځکه چې په اسلام آباد کې د "
    "طالبانو له خوا امنیتي اندېښنو ته د ځواب نه ورکولو له امله نا هیلي زیاتېږي.",
    "دوه ورځې وړاندې لومړي وزیر شهباز شریف له کابل څخه وغوښتل چې د پاکستان او ټي ټي پي ترمنځ یو "
    "غوره کړي.",
]
NAME = "amina"
EARLIER_URDU_5 = "انہوں نے کہا کہ ایران سے سرحد پار حملے ناقابل قبول ہیں۔"


# ---- helpers -----------------------------------------------------------------------------


@contextmanager
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@contextmanager
def one_page(width: int = 1366, height: int = 768):
    with browser() as chromium:
        yield chromium.new_page(viewport={"width": width, "height": height})


def sample_with_mt(store: Store, target: str = "ur", texts: list[str] = URDU):
    """The sample stored with MT for every sentence (texts repeated), an n-best list each."""
    document = store.import_document(
        config.SAMPLE_DOCUMENT.name, config.SAMPLE_DOCUMENT.read_text(encoding="utf-8")
    )
    segments = store.segments(document.id)
    best = [of_length(texts[i % len(texts)], len(s.text)) for i, s in enumerate(segments)]
    hypotheses = [[Hypothesis(text, -1.0), Hypothesis(text + " ہے", -2.0)] for text in best]
    store.add_machine_translations(document.id, target, "argos", "test", hypotheses)
    return document, segments


def of_length(text: str, length: int) -> str:
    """`text` cut or its words repeated to about `length` characters: MT of about the
    source's length, as real output is."""
    words = text.split()
    out: list[str] = []
    while sum(len(w) + 1 for w in out) < length:
        out.append(words[len(out) % len(words)])
    return " ".join(out)


def box(page, number: int):
    return page.get_by_role("textbox", name=f"Target for sentence {number}", exact=True)


def row(page, number: int):
    return page.locator(f".wb-row[data-n='{number}']")


OPEN_TIMEOUT_MS = 90_000  # a first page run on a loaded 2-core machine (bench/editor.py times it)


def open_editor(page, url: str, query: str = "") -> None:
    page.goto(url + query)
    page.locator(".wb-row").first.wait_for(timeout=OPEN_TIMEOUT_MS)
    page.locator(".wb-box").wait_for(timeout=OPEN_TIMEOUT_MS)


def sign_in(page, name: str = NAME) -> None:
    from playwright.sync_api import expect

    field = page.get_by_role("textbox", name="Your name")
    field.fill(name)
    field.press("Enter")
    expect(page.locator(".wb-who")).to_have_text(name)
    wait_until_idle(page)


def settled(page) -> None:
    """Every event the grid sent has been answered."""
    from playwright.sync_api import expect

    expect(page.locator(".wb-save")).not_to_have_text("Saving…", timeout=15_000)
    expect(page.locator(".wb-pending")).to_have_count(0, timeout=15_000)
    wait_until_idle(page)


def head(store: Store, segment_id: int, target: str = "ur"):
    return store.current_revision(segment_id, target)


# ---- keyboard ----------------------------------------------------------------------------


def test_ctrl_enter_confirms_and_goes_to_the_next_unconfirmed_sentence_past_the_screen(tmp_path):
    from playwright.sync_api import expect

    require_chromium()
    store = open_store()
    document, segments = sample_with_mt(store)
    for segment in segments[14:20]:  # sentences 15–20 are confirmed already
        store.confirm(segment.id, "ur", "bilal", head(store, segment.id).id)
    with serve_app(tmp_path / "server.log") as url, one_page() as page:
        open_editor(page, url, f"/?doc={document.id}&target=ur&seg=14")
        sign_in(page)
        expect(box(page, 14)).to_be_focused()
        box(page, 14).press("Control+Enter")
        expect(box(page, 21)).to_be_focused()  # 15–20 skipped, far below the first screen
        assert box(page, 21).evaluate("e => e.getBoundingClientRect().bottom") <= 768
        settled(page)
        expect(row(page, 14).locator(".wb-state")).to_have_text("Confirmed")

        page.locator(".wb-goto").fill("53")
        page.locator(".wb-goto").press("Enter")
        box(page, 53).press("Control+Enter")  # the last sentence: on to the first unconfirmed
        expect(box(page, 1)).to_be_focused()
        settled(page)
    assert head(store, segments[13].id).status == RevisionStatus.CONFIRMED
    assert head(store, segments[13].id).origin == Origin.MT  # confirmed as it was
    assert head(store, segments[52].id).status == RevisionStatus.CONFIRMED


def test_alt_enter_saves_a_draft_and_alt_arrows_move_without_saving_unchanged_text(tmp_path):
    from playwright.sync_api import expect

    require_chromium()
    store = open_store()
    document, segments = sample_with_mt(store)
    confirmed = store.confirm(segments[2].id, "ur", "bilal", head(store, segments[2].id).id)
    with serve_app(tmp_path / "server.log") as url, one_page() as page:
        open_editor(page, url, f"/?doc={document.id}&target=ur&seg=2")
        sign_in(page)
        box(page, 2).fill(URDU[1] + " اب")
        box(page, 2).press("Alt+Enter")  # a draft; the cursor stays
        expect(page.locator(".wb-save")).to_contain_text("Saved #2")
        expect(box(page, 2)).to_be_focused()
        box(page, 2).press("Alt+ArrowDown")
        expect(box(page, 3)).to_be_focused()
        box(page, 3).press("Alt+ArrowDown")  # unchanged confirmed text: nothing saved
        box(page, 4).fill(URDU[3] + " بھی")
        box(page, 4).press("Alt+ArrowUp")  # changed: saved as a draft on leaving
        expect(box(page, 3)).to_be_focused()
        settled(page)
    assert head(store, segments[1].id).text == URDU[1] + " اب"
    assert head(store, segments[1].id).author == NAME
    assert head(store, segments[2].id).id == confirmed.id
    assert (head(store, segments[3].id).text, head(store, segments[3].id).status) == (
        URDU[3] + " بھی",
        RevisionStatus.DRAFT,
    )


def test_copy_source_and_insert_a_match_an_alternative_or_a_glossary_term_by_number(tmp_path):
    from playwright.sync_api import expect

    require_chromium()
    store = open_store()
    earlier = store.add_document(
        "ties-2024.txt", "He said cross-border attacks from Iran were unacceptable."
    )
    store.confirm(store.segments(earlier.id)[0].id, "ur", "bilal", None, text=EARLIER_URDU_5)
    document, segments = sample_with_mt(store)
    with serve_app(tmp_path / "server.log") as url, one_page() as page:
        open_editor(page, url, f"/?doc={document.id}&target=ur&seg=5")
        sign_in(page)
        tools = row(page, 5).locator(".wb-tools")
        match = tools.locator(".wb-tm").first
        expect(match).to_contain_text("TM")
        expect(match).to_contain_text("ties-2024.txt #1 · edited · bilal")
        expect(match.locator("del")).to_have_text("Iran")
        expect(match.locator("ins")).to_have_text("Afghanistan")
        box(page, 5).press("Alt+c")
        expect(box(page, 5)).to_have_value(segments[4].text)
        box(page, 5).press("Control+Shift+Digit1")  # the TM match, saved with its origin
        expect(box(page, 5)).to_have_value(EARLIER_URDU_5)
        settled(page)
        assert head(store, segments[4].id).origin == Origin.TM

        alternative = tools.locator(".wb-mt").nth(1)
        # its differences from the text in the box, the one-word one too
        expect(alternative.locator("ins").first).to_have_text("افغانستان")
        second = store.machine_translations(segments[4].id, "ur")[0].alternatives[1].text
        number = alternative.locator(".wb-use").text_content()  # numbered after the matches
        box(page, 5).press(f"Control+Shift+Digit{number}")
        expect(box(page, 5)).to_have_value(second)
        settled(page)
        assert (head(store, segments[4].id).origin, head(store, segments[4].id).text) == (
            Origin.MT,
            second,
        )

        page.locator(".wb-goto").fill("4")
        page.locator(".wb-goto").press("Enter")
        # TTP -> its approved Urdu rendering
        term = row(page, 4).locator(".wb-term", has_text="TTP").first
        expect(term).to_contain_text("ٹی ٹی پی")
        box(page, 4).fill("")
        number = term.locator(".wb-key").text_content()
        box(page, 4).press(f"Control+Shift+Digit{number}")
        expect(box(page, 4)).to_have_value("ٹی ٹی پی")


def test_go_to_find_with_highlights_replace_with_a_preview_and_the_shortcut_list(tmp_path):
    from playwright.sync_api import expect

    require_chromium()
    store = open_store()
    document, segments = sample_with_mt(store)
    with serve_app(tmp_path / "server.log") as url, one_page() as page:
        open_editor(page, url, f"/?doc={document.id}&target=ur")
        sign_in(page)
        box(page, 1).press("Alt+g")
        expect(page.locator(".wb-goto")).to_be_focused()
        page.keyboard.type("30")
        page.keyboard.press("Enter")
        expect(box(page, 30)).to_be_focused()

        box(page, 30).press("Alt+k")
        expect(page.locator(".wb-find")).to_be_focused()
        page.keyboard.type("Kabul")
        expect(row(page, 4).locator(".wb-src mark")).to_have_text("Kabul")
        expect(page.locator(".wb-hits")).not_to_have_text("")
        page.keyboard.press("Enter")  # the next sentence with a hit after 30
        first_after = next(s.index + 1 for s in segments[30:] if "Kabul" in s.text)
        expect(box(page, first_after)).to_be_visible()

        box(page, first_after).press("Alt+r")
        panel = page.locator(".wb-replace")
        panel.get_by_placeholder("Find in targets").fill("ٹی ٹی پی")
        panel.get_by_placeholder("Replace with").fill("تحریک طالبان")
        panel.get_by_role("button", name="Preview").click()
        items = panel.locator(".wb-preview-item")
        with_term = [s for s in segments if "ٹی ٹی پی" in head(store, s.id).text]
        expect(items).to_have_count(len(with_term))
        items.first.locator("input").uncheck()  # keep the first one as it is
        panel.get_by_role("button", name="Replace in ticked sentences").click()
        settled(page)
        page.keyboard.press("Escape")

        page.locator(".wb-summary").click()
        page.keyboard.press("?")
        expect(page.locator(".wb-help")).to_be_visible()
        expect(page.locator(".wb-help")).to_contain_text("Confirm, then go to the next")
        page.keyboard.press("Escape")
        expect(page.locator(".wb-help")).to_be_hidden()
    texts = [head(store, s.id).text for s in with_term]
    assert "ٹی ٹی پی" in texts[0]
    assert all("ٹی ٹی پی" not in t and "تحریک طالبان" in t for t in texts[1:])
    assert all(len(store.history(s.id, "ur")) == 2 for s in with_term[1:])  # one revision each


# ---- statuses, place and name ------------------------------------------------------------


def test_confirmations_survive_going_to_another_page_and_back_and_nothing_new_is_saved(tmp_path):
    from playwright.sync_api import expect

    require_chromium()
    store = open_store()
    document, segments = sample_with_mt(store)
    colleague = store.confirm(segments[5].id, "ur", "bilal", head(store, segments[5].id).id)
    with serve_app(tmp_path / "server.log") as url, one_page() as page:
        open_editor(page, url, f"/?doc={document.id}&target=ur&seg=1")
        sign_in(page)
        box(page, 1).press("Control+Enter")
        expect(box(page, 2)).to_be_focused()
        box(page, 2).press("Alt+ArrowDown")
        box(page, 3).press("Control+Enter")
        settled(page)
        row(page, 2).locator(".wb-src").click()
        box(page, 2).press("End")
        page.keyboard.type(" نیا")  # typing, not saved, then off to another page
        revisions = len(store.document_history(document.id, "ur"))
        page.get_by_role("link", name="Glossary").click()
        page.get_by_text("Glossary", exact=False).first.wait_for()
        wait_until_idle(page)
        page.get_by_role("link", name="Editor").click()
        page.locator(".wb-row").first.wait_for()
        expect(row(page, 1).locator(".wb-state")).to_have_text("Confirmed")
        expect(row(page, 3).locator(".wb-state")).to_have_text("Confirmed")
        expect(row(page, 6).locator(".wb-state")).to_have_text("Confirmed")
        expect(box(page, 2)).to_have_value(URDU[1] + " نیا")  # the typing is back, unsaved
        expect(page.locator(".wb-summary")).to_contain_text("✓ 3 confirmed")
        page.locator(".wb-filter").select_option("confirmed")  # and the open row stays
        expect(page.locator(".wb-row:not([hidden])")).to_have_count(4)
        wait_until_idle(page)
    assert len(store.document_history(document.id, "ur")) == revisions
    assert head(store, segments[5].id).id == colleague.id


def test_a_reload_returns_to_the_same_sentence_and_keeps_the_name(tmp_path):
    from playwright.sync_api import expect

    require_chromium()
    store = open_store()
    document, segments = sample_with_mt(store, "ps", PASHTO)
    with serve_app(tmp_path / "server.log") as url, one_page() as page:
        open_editor(page, url, f"/?doc={document.id}&target=ps")
        sign_in(page)
        page.locator(".wb-goto").fill("27")
        page.locator(".wb-goto").press("Enter")
        expect(box(page, 27)).to_be_focused()
        wait_until_idle(page)
        expect(page).to_have_url(f"{url}/?doc={document.id}&target=ps&seg=27")
        page.reload()
        box(page, 27).wait_for(timeout=30_000)
        expect(box(page, 27)).to_be_focused()
        expect(page.get_by_role("textbox", name="Your name")).to_have_value(NAME)
        expect(page.locator(".wb-who")).to_have_text(NAME)
        assert box(page, 27).get_attribute("lang") == "ps"
        box(page, 27).press("Control+Enter")
        settled(page)
    assert head(store, segments[26].id, "ps").author == NAME


def test_leaving_the_page_with_unsaved_typing_asks_first(tmp_path):
    require_chromium()
    store = open_store()
    document, segments = sample_with_mt(store)
    with serve_app(tmp_path / "server.log") as url, one_page() as page:
        open_editor(page, url, f"/?doc={document.id}&target=ur&seg=2")
        box(page, 2).press("End")
        page.keyboard.type(" نیا")
        # the browser asks "Leave site?" when the page's beforeunload handler cancels
        cancelled = page.evaluate(
            """() => { const event = new Event('beforeunload', { cancelable: true });
                       window.dispatchEvent(event); return event.defaultPrevented; }"""
        )
        assert cancelled
    assert len(store.history(segments[1].id, "ur")) == 1  # asked, not saved


def test_without_a_name_nothing_is_saved_and_the_editor_is_asked_for_one(tmp_path):
    from playwright.sync_api import expect

    require_chromium()
    store = open_store()
    _, segments = sample_with_mt(store)
    with serve_app(tmp_path / "server.log") as url, one_page() as page:
        open_editor(page, url)
        box(page, 1).press("Control+Enter")
        expect(page.locator(".wb-save")).to_contain_text("Type your name")
        expect(box(page, 1)).to_be_focused()
    assert len(store.history(segments[0].id, "ur")) == 1


# ---- two editors -------------------------------------------------------------------------


def test_two_editors_on_one_sentence_the_stale_save_is_refused_with_both_texts(tmp_path):
    from playwright.sync_api import expect

    require_chromium()
    store = open_store()
    document, segments = sample_with_mt(store)
    with serve_app(tmp_path / "server.log") as url, browser() as chromium:
        pages = []
        for name in ("amina", "bilal"):
            page = chromium.new_context(viewport={"width": 1366, "height": 768}).new_page()
            open_editor(page, url, f"/?doc={document.id}&target=ur&seg=5")
            sign_in(page, name)
            pages.append(page)
        amina, bilal = pages
        box(bilal, 5).fill("بلال کا متن")
        box(bilal, 5).press("Control+Enter")
        settled(bilal)
        box(amina, 5).fill("آمنہ کا متن")
        box(amina, 5).press("Alt+Enter")
        conflict = row(amina, 5).locator(".wb-conflict")
        expect(conflict).to_contain_text("bilal")
        expect(conflict.locator(".wb-theirs")).to_have_text("بلال کا متن")
        expect(box(amina, 5)).to_have_value("آمنہ کا متن")
        assert head(store, segments[4].id).text == "بلال کا متن"  # theirs untouched
        conflict.get_by_role("button", name="Keep mine").click()
        settled(amina)
        expect(row(amina, 5).locator(".wb-conflict")).to_have_count(0)
        amina.screenshot(path=str(tmp_path / "conflict.png"))

        row(bilal, 5).locator(".wb-src").click()  # his box still holds his confirmed text
        box(bilal, 5).fill("بلال دوبارہ")
        box(bilal, 5).press("Alt+Enter")
        expect(row(bilal, 5).locator(".wb-conflict")).to_be_visible()
        row(bilal, 5).get_by_role("button", name="Take theirs").click()
        expect(box(bilal, 5)).to_have_value("آمنہ کا متن")
    history = store.history(segments[4].id, "ur")
    assert [(r.text, r.author) for r in history[-2:]] == [
        ("بلال کا متن", "bilal"),
        ("آمنہ کا متن", "amina"),
    ]


# ---- density and script ------------------------------------------------------------------


def fully_visible_rows(page) -> int:
    return page.locator(".wb-row").evaluate_all(
        """(rows) => rows.filter((r) => {
            const b = r.getBoundingClientRect();
            return b.height > 0 && b.top >= 0 && b.bottom <= window.innerHeight;
        }).length"""
    )


def collapse_sidebar(page) -> None:
    from playwright.sync_api import expect

    page.get_by_test_id("stSidebar").hover()
    page.get_by_test_id("stSidebarCollapseButton").locator("button").click()
    expect(page.get_by_test_id("stSidebar")).to_have_attribute("data-collapsed", "true")
    page.wait_for_timeout(400)  # the sidebar slides away


SCRIPTS = {"ur": URDU, "fa-AF": DARI, "ps": PASHTO}


@pytest.mark.parametrize("target", list(SCRIPTS))
def test_twelve_sentences_show_at_1366x768_in_the_target_script_without_clipping(
    target, tmp_path, screenshot_dir
):
    require_chromium()
    store = open_store()
    document, segments = sample_with_mt(store, target, SCRIPTS[target])
    for segment in segments[:4]:
        store.confirm(segment.id, target, "bilal", head(store, segment.id, target).id)
    with serve_app(tmp_path / "server.log") as url:
        for width, height in ((1366, 768), (1920, 1080)):
            with one_page(width, height) as page:
                open_editor(page, url, f"/?doc={document.id}&target={target}&seg=5")
                wait_until_idle(page)
                page.screenshot(path=str(screenshot_dir / f"editor-{target}-{width}x{height}.png"))
                if width == 1366:
                    with_sidebar = fully_visible_rows(page)
                    collapse_sidebar(page)  # as a translator does on a laptop
                    page.screenshot(
                        path=str(screenshot_dir / f"editor-{target}-{width}x{height}-wide.png")
                    )
                    visible = fully_visible_rows(page)
                    print(f"{target}: {with_sidebar} rows with the sidebar, {visible} without")
                    assert visible >= 12, f"{visible} sentences fully visible at 1366×768"
                cell = row(page, 6).locator(".wb-tgt")
                direction, font, lang, spacing, clip = cell.evaluate(
                    """e => { const s = getComputedStyle(e);
                        const r = getComputedStyle(e.closest('.wb-row'));
                        return [s.direction, s.fontFamily, e.getAttribute('lang'),
                                parseFloat(s.lineHeight) / parseFloat(s.fontSize),
                                [s.overflow, parseFloat(r.overflowClipMargin)]]; }"""
                )
                nastaliq = target == "ur"
                assert direction == "rtl" and lang == target.split("-")[0]
                assert font.startswith(
                    '"Noto Nastaliq Urdu"' if nastaliq else '"Noto Naskh Arabic"'
                )
                # nothing cuts the tall letters off: the row lets them reach past its edge
                assert spacing >= (1.75 if nastaliq else 1.4) and clip[0] == "visible"
                assert clip[1] >= 8
                assert box(page, 5).get_attribute("spellcheck") == "true"


# ---- the round trip a desk relies on -----------------------------------------------------


def test_an_edit_saved_in_the_browser_survives_a_reload_and_a_server_restart(
    argos_en_ur_copy, tmp_path
):
    from playwright.sync_api import expect

    require_chromium()
    store = open_store()
    with serve_app(tmp_path / "first.log") as url, one_page(1500, 1000) as page:
        open_editor(page, url)
        sign_in(page)
        page.get_by_role("button", name="Translate").click()
        wait_until_idle(page)
        segments = store.segments(store.document(config.SAMPLE_DOCUMENT.name).id)
        expect(row(page, 3).locator(".wb-tgt")).to_have_text(segments[2].text, timeout=30_000)
        row(page, 3).locator(".wb-src").click()
        box(page, 3).fill(URDU_3)
        box(page, 3).press("Control+Enter")
        expect(box(page, 4)).to_be_focused()
        settled(page)
        page.reload()
        box(page, 4).wait_for(timeout=30_000)
        expect(row(page, 3).locator(".wb-tgt")).to_have_text(URDU_3)
        expect(row(page, 3).locator(".wb-state")).to_have_text("Confirmed")
    revision = store.current_revision(segments[2].id, "ur")
    assert (revision.text, revision.origin, revision.author) == (URDU_3, Origin.HUMAN, NAME)
    with serve_app(tmp_path / "second.log") as url, one_page() as page:  # a new server
        open_editor(page, url)
        expect(row(page, 3).locator(".wb-tgt")).to_have_text(URDU_3)


def test_exports_of_the_open_document_hold_what_was_saved(tmp_path):
    require_chromium()
    store = open_store()
    document, segments = sample_with_mt(store)
    store.confirm(segments[0].id, "ur", "bilal", head(store, segments[0].id).id, text=URDU[0])
    with serve_app(tmp_path / "server.log") as url, one_page(1500, 1000) as page:
        open_editor(page, url, f"/?doc={document.id}&target=ur")
        page.get_by_text("Export and import").click()
        wait_until_idle(page)
        with page.expect_download() as download:
            page.get_by_role("button", name="XLIFF 2").click()
        assert download.value.suggested_filename == "pak-afghan-ties.en.ur.xlf"
        xliff = Path(download.value.path()).read_text(encoding="utf-8")
        assert "urn:oasis:names:tc:xliff:document:2.0" in xliff and URDU[0] in xliff
        with page.expect_download() as download:
            page.get_by_role("button", name="TMX", exact=True).click()
        tmx = Path(download.value.path()).read_text(encoding="utf-8")
        assert tmx.count("<tu ") == 1 and URDU[0] in tmx
