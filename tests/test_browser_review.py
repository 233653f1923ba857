"""Review in the editor grid, in headless Chromium on a password-mode desk, with a
translator and a reviewer in two browser contexts: confirm, send back with a comment, the
translator sees it first, fixes and confirms, the reviewer approves, and the approved
sentence is locked for the translator (one line; the text stays as approved)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fixtures.app_server import (
    chromium_browser,
    require_chromium,
    serve_app,
    wait_until_idle,
)
from workbench.auth.passwords import hash_password
from workbench.engines.base import Hypothesis
from workbench.identity import Actor, Role
from workbench.store import RevisionStatus, open_store
from workbench.store.accounts import Accounts
from workbench.store.comments import Comments

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery"
TEXT = "The TTP was discussed at length. Trade was on the agenda.\n\nNo joint statement was issued."
MT = [
    "ٹی ٹی پی پر تفصیل سے بات ہوئی۔",
    "تجارت ایجنڈے پر تھی۔",
    "کوئی مشترکہ بیان جاری نہیں کیا گیا۔",
]
AMINA_FIRST = "تحریک طالبان پاکستان پر تفصیل سے بات ہوئی۔"
REASON = "Use the glossary's ٹی ٹی پی, not the full name."
AMINA_FIXED = "ٹی ٹی پی پر تفصیل سے گفتگو ہوئی۔"


def desk_store(tmp_path_factory, name: str):
    """A new store with the accounts amina (translator) and omar (reviewer): its
    directory, URL and the open store."""
    require_chromium()
    directory = tmp_path_factory.mktemp(name)
    db_url = f"sqlite:///{directory / 'desk.db'}"
    store = open_store(db_url)
    accounts = Accounts(store)
    accounts.add_user("amina", {Role.TRANSLATOR}, hash_password(PASSWORD))
    accounts.add_user("omar", {Role.REVIEWER}, hash_password(PASSWORD))
    return directory, db_url, store


@pytest.fixture(scope="module")
def desk(tmp_path_factory) -> Iterator[tuple[str, str, int, list[int]]]:
    """A password-mode app on a store with a translator, a reviewer and one document with
    MT: (url, database url, document id, segment ids)."""
    directory, db_url, store = desk_store(tmp_path_factory, "review")
    document = store.add_document("talks.txt", TEXT)
    store.add_machine_translations(
        document.id, "ur", "argos", "test", [[Hypothesis(text, -1.0)] for text in MT]
    )
    segment_ids = [s.id for s in store.segments(document.id)]
    store.close()
    env = {"WORKBENCH_AUTH": "password", "WORKBENCH_DB": db_url}
    with serve_app(directory / "server.log", **env) as url:
        yield url, db_url, document.id, segment_ids


@pytest.fixture(scope="module")
def browser():
    with chromium_browser() as chromium:
        yield chromium


def signed_in_editor(browser, url: str, username: str, query: str):
    """A new browser context signed in as `username`, on the editor at `query`."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.goto(url + query)
    page.get_by_role("textbox", name="Username").fill(username)
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Signed in as").wait_for(timeout=60_000)
    page.locator(".wb-box").wait_for(timeout=60_000)
    wait_until_idle(page)
    return page


def reload(page) -> None:
    """Open the page again (another editor's work shows on a full run)."""
    page.reload()
    page.locator(".wb-box").wait_for(timeout=60_000)
    wait_until_idle(page)


def box(page, number: int):
    return page.get_by_role("textbox", name=f"Target for sentence {number}", exact=True)


def row(page, number: int):
    return page.locator(f".wb-row[data-n='{number}']")


def settled(page) -> None:
    from playwright.sync_api import expect

    expect(page.locator(".wb-grid")).not_to_have_attribute("data-waiting", r".+", timeout=30_000)
    expect(page.locator(".wb-pending")).to_have_count(0, timeout=30_000)
    wait_until_idle(page)


def open_comments(count: int) -> str:
    """The header's count of open comment threads."""
    return f"{count} open comment" + ("" if count == 1 else "s")


def head(db_url: str, segment_id: int):
    with open_store(db_url) as store:
        return store.current_revision(segment_id, "ur")


def wait_for_head(db_url: str, segment_id: int, status: RevisionStatus, page) -> None:
    for _ in range(150):
        current = head(db_url, segment_id)
        if current is not None and current.status == status:
            return
        page.wait_for_timeout(200)
    raise AssertionError(f"sentence stayed {head(db_url, segment_id)}")


def test_translator_and_reviewer_take_a_sentence_from_confirmed_to_approved(desk, browser):
    from playwright.sync_api import expect

    url, db_url, document_id, segment_ids = desk
    query = f"/?doc={document_id}&target=ur&seg=1"
    first = segment_ids[0]

    # The translator edits and confirms sentence 1.
    amina = signed_in_editor(browser, url, "amina", query)
    expect(amina.locator(".wb-review-button")).to_be_hidden()  # no review mode for her
    box(amina, 1).fill(AMINA_FIRST)
    box(amina, 1).press("Control+Enter")
    settled(amina)
    wait_for_head(db_url, first, RevisionStatus.CONFIRMED, amina)
    expect(box(amina, 2)).to_be_focused()  # confirm-and-next
    expect(amina.locator(".wb-approve")).to_have_count(0)  # nothing to approve with for her
    box(amina, 2).press("Alt+a")  # and the key: the store refuses it, in one line
    expect(amina.locator(".wb-save")).to_have_text(
        "Not done: amina (translator) may not approve segments: it needs reviewer",
        timeout=30_000,
    )
    assert head(db_url, segment_ids[1]).status == RevisionStatus.DRAFT

    # The reviewer turns review mode on: only confirmed sentences, sentence 1 among them.
    omar = signed_in_editor(browser, url, "omar", query)
    omar.locator(".wb-review-button").click()
    expect(omar.locator(".wb-filter")).to_have_value("st:confirmed")
    expect(row(omar, 2)).to_be_hidden()
    row(omar, 1).locator(".wb-src").click()
    changes = row(omar, 1).locator(".wb-changes")
    expect(changes).to_contain_text("MT → amina (translator)")
    expect(changes.locator("ins").first).to_contain_text("تحریک طالبان پاکستان")
    box(omar, 1).press("Alt+x")  # send back: the reason is asked for in the grid
    reason_box = omar.get_by_role("textbox", name="Reason for sending back")
    expect(reason_box).to_be_focused()
    reason_box.fill(REASON)
    reason_box.press("Control+Enter")
    expect(omar.locator(".wb-save")).to_contain_text("Sent back #1", timeout=30_000)
    expect(row(omar, 1).locator(".wb-state")).to_have_text("Rejected")
    wait_for_head(db_url, first, RevisionStatus.REJECTED, omar)
    with open_store(db_url) as store:
        [thread] = Comments(store).threads(first, "ur")
    assert (thread.comments[0].author, thread.comments[0].text) == ("omar", REASON)

    # The translator sees the reviewer's comment first, fixes and confirms.
    amina.goto(url + f"/?doc={document_id}&target=ur")  # no sentence named: she starts there
    amina.locator(".wb-box").wait_for(timeout=60_000)
    expect(box(amina, 1)).to_be_focused()
    tools = row(amina, 1).locator(".wb-tools")
    first_note = tools.locator(":scope > *").first
    expect(first_note).to_have_class("wb-reason-first")
    expect(first_note).to_contain_text("Sent back by omar · ")
    expect(first_note).to_contain_text(REASON)
    expect(amina.locator(".wb-notes-count")).to_have_text("1 open comment")
    expect(row(amina, 1).locator(".wb-state")).to_have_text("Rejected")
    box(amina, 1).fill(AMINA_FIXED)
    box(amina, 1).press("Control+Enter")
    settled(amina)
    wait_for_head(db_url, first, RevisionStatus.CONFIRMED, amina)
    assert head(db_url, first).text == AMINA_FIXED

    # The reviewer sees the fix word by word and approves with one key.
    reload(omar)
    expect(omar.locator(".wb-review-button")).to_have_attribute("aria-pressed", "true")
    row(omar, 1).locator(".wb-src").click()
    expect(row(omar, 1).locator(".wb-state")).to_have_text("Confirmed")
    expect(row(omar, 1).locator(".wb-changes")).to_contain_text("MT → amina (translator)")
    box(omar, 1).press("Alt+a")
    wait_for_head(db_url, first, RevisionStatus.APPROVED, omar)
    settled(omar)
    expect(row(omar, 1).locator(".wb-state")).to_have_text("Approved")
    approved = head(db_url, first)
    assert (approved.author, approved.text) == ("omar", AMINA_FIXED)

    # The translator cannot change the approved sentence: one line, the text stays.
    reload(amina)
    row(amina, 1).locator(".wb-src").click()
    expect(row(amina, 1).locator(".wb-state")).to_have_text("Approved")
    expect(row(amina, 1).locator(".wb-locked-line")).to_contain_text("Locked")
    box(amina, 1).press("End")
    box(amina, 1).type(" اور")
    expect(box(amina, 1)).to_have_value(AMINA_FIXED)
    message = amina.locator(".wb-save")
    expect(message).to_have_text(
        "#1 is approved (omar) and locked: only a reviewer can change or unlock it."
    )
    box(amina, 1).press("Control+Enter")  # confirming it again is refused as well
    expect(message).to_contain_text("is approved (omar) and locked")
    box(amina, 1).press("Alt+ArrowDown")
    settled(amina)
    assert head(db_url, first).id == approved.id
    with open_store(db_url) as store:
        history = [(r.status, r.author) for r in store.history(first, "ur")]
    assert history == [
        (RevisionStatus.DRAFT, "mt:argos"),
        (RevisionStatus.CONFIRMED, "amina"),
        (RevisionStatus.REJECTED, "omar"),
        (RevisionStatus.CONFIRMED, "amina"),
        (RevisionStatus.APPROVED, "omar"),
    ]
    amina.context.close()
    omar.context.close()


def test_a_comment_added_in_the_grid_is_counted_in_the_header_and_resolved(desk, browser):
    from playwright.sync_api import expect

    url, db_url, document_id, segment_ids = desk
    amina = signed_in_editor(browser, url, "amina", f"/?doc={document_id}&target=ur&seg=3")
    before = int(amina.locator(".wb-notes-count").get_attribute("data-open"))
    comment = row(amina, 3).get_by_role("textbox", name="New comment")
    box(amina, 3).press("Alt+m")
    expect(comment).to_be_focused()
    comment.fill("Is 'joint statement' مشترکہ بیان in the glossary?")
    comment.press("Control+Enter")
    expect(amina.locator(".wb-save")).to_contain_text("Comment added to #3", timeout=30_000)
    expect(amina.locator(".wb-notes-count")).to_have_text(open_comments(before + 1))
    expect(row(amina, 3).locator(".wb-thread")).to_contain_text("amina · ")
    # her own thread: she may resolve it
    row(amina, 3).locator(".wb-thread").get_by_role("button", name="Resolve").click()
    expect(amina.locator(".wb-save")).to_contain_text("Resolved a thread on #3", timeout=30_000)
    expect(row(amina, 3).locator(".wb-thread")).to_contain_text("Resolved by amina")
    expect(amina.locator(".wb-notes-count")).to_have_text(open_comments(before))
    with open_store(db_url) as store:
        [thread] = Comments(store).threads(segment_ids[2], "ur")
    assert (thread.resolved_by, thread.comments[0].author) == ("amina", "amina")
    amina.context.close()


def test_a_reviewers_edit_is_confirmed_then_approved_and_can_be_unlocked(desk, browser):
    from playwright.sync_api import expect

    url, db_url, document_id, segment_ids = desk
    second = segment_ids[1]
    omar = signed_in_editor(browser, url, "omar", f"/?doc={document_id}&target=ur&seg=2")
    edited = "تجارت بھی ایجنڈے پر تھی۔"
    box(omar, 2).fill(edited)
    box(omar, 2).press("Alt+a")  # the edit is confirmed first, then approved
    wait_for_head(db_url, second, RevisionStatus.APPROVED, omar)
    settled(omar)
    with open_store(db_url) as store:
        history = [(r.text, r.status, r.author) for r in store.history(second, "ur")]
    assert history[-2:] == [
        (edited, RevisionStatus.CONFIRMED, "omar"),
        (edited, RevisionStatus.APPROVED, "omar"),
    ]
    row(omar, 2).locator(".wb-src").click()
    expect(row(omar, 2).locator(".wb-state")).to_have_text("Approved")
    row(omar, 2).get_by_role("button", name="Unlock").click()
    wait_for_head(db_url, second, RevisionStatus.CONFIRMED, omar)
    expect(row(omar, 2).locator(".wb-state")).to_have_text("Confirmed")
    assert head(db_url, second).text == edited
    omar.context.close()


# ---- screenshots of review mode in each script ----------------------------------------------

# A word each translator adds and each reviewer puts instead, per target.
EDITS = {"ur": ("بھی", "ہی"), "fa-AF": ("نیز", "هم"), "ps": ("هم", "لا")}
REJECTION = {
    "ur": "ٹی ٹی پی کے لیے لغت کی اصطلاح لکھیں (Use the glossary's term).",
    "fa-AF": "اصطلاح واژه‌نامه را به کار ببرید (Use the glossary's term).",
    "ps": "د لغت اصطلاح وکاروئ (Use the glossary's term).",
}
QUESTION = {
    "ur": "کیا نام کی املا درست ہے؟",
    "fa-AF": "آیا املای نام درست است؟",
    "ps": "ایا د نوم املا سمه ده؟",
}


def translators_text(mt_text: str, word: str) -> str:
    words = mt_text.split()
    return " ".join([words[0], word, *words[1:]])


@pytest.fixture(scope="module")
def sample_desk(tmp_path_factory) -> Iterator[tuple[str, dict[str, int]]]:
    """The sample in Urdu, Dari and Pashto on a password-mode desk: amina confirmed
    sentences 1–14 with an edit each, omar approved 1–3 and sent 4 back, amina asked about 6."""
    from tests.test_browser_editor import SCRIPTS, sample_with_mt

    directory, db_url, store = desk_store(tmp_path_factory, "review-shots")
    amina = Actor("amina", frozenset({Role.TRANSLATOR}))
    omar = Actor("omar", frozenset({Role.REVIEWER}))
    documents = {}
    for target, texts in SCRIPTS.items():
        document, segments = sample_with_mt(store, target, texts)
        documents[target] = document.id
        added = EDITS[target][0]
        for number, segment in enumerate(segments[:14], start=1):
            mt = store.current_revision(segment.id, target)
            done = store.confirm(
                segment.id, target, "amina", mt.id, translators_text(mt.text, added), actor=amina
            )
            if number <= 3:
                store.approve(segment.id, target, omar, done.id)
            elif number == 4:
                store.reject(segment.id, target, omar, done.id, REJECTION[target])
        Comments(store).add(segments[5].id, target, amina, QUESTION[target])
    store.close()
    env = {"WORKBENCH_AUTH": "password", "WORKBENCH_DB": db_url}
    with serve_app(directory / "server.log", **env) as url:
        yield url, documents


@pytest.mark.parametrize("target", list(EDITS))
def test_review_mode_screenshots_in_each_script(sample_desk, browser, target, screenshot_dir):
    from playwright.sync_api import expect

    from tests.test_browser_editor import collapse_sidebar

    url, documents = sample_desk
    query = f"/?doc={documents[target]}&target={target}&seg=5"
    omar = signed_in_editor(browser, url, "omar", query)
    if omar.locator(".wb-review-button").get_attribute("aria-pressed") != "true":
        omar.locator(".wb-review-button").click()
    row(omar, 5).locator(".wb-src").click()
    added, instead = EDITS[target]
    edited = box(omar, 5).input_value().replace(f" {added} ", f" {instead} ", 1)
    box(omar, 5).fill(edited)
    box(omar, 5).press("Alt+Enter")  # the reviewer's edit, saved: the tools show all three
    settled(omar)
    changes = row(omar, 5).locator(".wb-changes")
    expect(changes).to_contain_text("amina (translator) → omar (reviewer)", timeout=30_000)
    expect(changes.locator("ins").first).to_have_text(added)
    for width, height in ((1920, 1080), (1366, 768)):
        omar.set_viewport_size({"width": width, "height": height})
        reload(omar)  # a fresh page at this size: review mode and sentence 5 come back
        if width == 1366:
            collapse_sidebar(omar)  # as on a laptop
        expect(changes).to_contain_text("→ omar (reviewer)", timeout=30_000)
        omar.wait_for_timeout(400)
        omar.screenshot(path=str(screenshot_dir / f"review-{target}-{width}x{height}.png"))
    omar.context.close()

    amina = signed_in_editor(browser, url, "amina", f"/?doc={documents[target]}&target={target}")
    expect(box(amina, 4)).to_be_focused()  # the sentence sent back, first
    expect(row(amina, 4).locator(".wb-reason-first")).to_contain_text(REJECTION[target])
    expect(amina.locator(".wb-notes-count")).to_have_text("2 open comments")
    collapse_sidebar(amina)
    amina.screenshot(path=str(screenshot_dir / f"review-translator-{target}-1366x768.png"))
    amina.context.close()
