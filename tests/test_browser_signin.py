"""Team mode in headless Chromium: nothing opens before sign-in, signing out ends the
session for good, wrong passwords are throttled."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import closing
from datetime import timedelta

import pytest

from tests.fixtures.app_server import (
    chromium_browser,
    require_chromium,
    serve_app,
    wait_until_idle,
)
from workbench.auth.passwords import hash_password
from workbench.identity import Role
from workbench.store import open_store
from workbench.store.accounts import Accounts
from workbench.timeutil import utcnow
from workbench.ui.signin import COOKIE

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery"
PAGES = ("editor", "glossary", "align", "scores")
MAX_FAILURES = 3


@pytest.fixture(scope="module")
def db_url(tmp_path_factory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('signin-db') / 'team.db'}"


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, db_url) -> Iterator[str]:
    """The app in password mode on a store with two accounts."""
    require_chromium()
    directory = tmp_path_factory.mktemp("signin")
    store = open_store(db_url)
    accounts = Accounts(store)
    accounts.add_user("amina", {Role.TRANSLATOR}, hash_password(PASSWORD))
    accounts.add_user("bilal", {Role.TRANSLATOR}, hash_password(PASSWORD))
    store.close()
    env = {
        "WORKBENCH_AUTH": "password",
        "WORKBENCH_DB": db_url,
        "WORKBENCH_SIGNIN_MAX_FAILURES": str(MAX_FAILURES),
    }
    with serve_app(directory / "server.log", **env) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium_browser() as chromium:
        yield chromium


def sign_in(page, username: str, password: str) -> None:
    page.get_by_role("textbox", name="Username").fill(username)
    page.get_by_role("textbox", name="Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    wait_until_idle(page)


def open_page(page, url: str) -> None:
    """Go to a page and wait for its first run: the sign-in form or the signed-in sidebar."""
    page.goto(url, wait_until="networkidle")
    form = page.get_by_role("button", name="Sign in")
    page.get_by_text("Signed in as").or_(form).first.wait_for(timeout=60_000)
    wait_until_idle(page, timeout_ms=60_000)


@pytest.mark.parametrize("path", PAGES)
def test_no_page_download_or_upload_before_sign_in(app_url, browser, path):
    context = browser.new_context()
    page = context.new_page()
    open_page(page, f"{app_url}/{path}")
    assert page.get_by_role("button", name="Sign in").is_visible()
    for testid in ("stSidebarNav", "stDownloadButton", "stFileUploader", "stTextArea"):
        assert page.locator(f"[data-testid='{testid}']").count() == 0, testid
    context.close()


def test_a_signed_out_sessions_cookie_no_longer_opens_the_app(app_url, browser):
    context = browser.new_context()
    page = context.new_page()
    open_page(page, f"{app_url}/editor")
    sign_in(page, "amina", PASSWORD)
    page.get_by_text("Signed in as").wait_for(timeout=60_000)
    page.wait_for_function(f"document.cookie.includes('{COOKIE}=')", timeout=60_000)
    open_page(page, f"{app_url}/glossary")  # a reload: the cookie keeps the session
    page.get_by_text("Signed in as").wait_for(timeout=60_000)
    cookies = [c for c in context.cookies() if c["name"] == COOKIE]
    assert cookies and cookies[0]["sameSite"] == "Strict"

    page.get_by_role("button", name="Sign out").click()
    wait_until_idle(page)
    page.get_by_text("You have signed out.").wait_for(timeout=60_000)
    context.close()

    replay = browser.new_context()
    replay.add_cookies(cookies)  # the old cookie, copied before signing out
    page = replay.new_page()
    open_page(page, f"{app_url}/editor")
    page.get_by_text("Your session has ended").wait_for(timeout=60_000)
    assert page.get_by_role("button", name="Sign in").is_visible()
    assert page.locator("[data-testid='stSidebarNav']").count() == 0
    replay.close()


def failures_recorded(db_url: str, username: str) -> int:
    with closing(open_store(db_url)) as store:
        return Accounts(store).failures_since(utcnow() - timedelta(hours=1), username=username)


def test_wrong_passwords_are_throttled(app_url, db_url, browser):
    context = browser.new_context()
    page = context.new_page()
    open_page(page, f"{app_url}/editor")
    for attempt in range(1, MAX_FAILURES + 1):
        sign_in(page, "bilal", "a wrong guess")
        page.get_by_text("wrong username or password").wait_for(timeout=60_000)
        deadline = time.monotonic() + 60  # the server has counted this attempt
        while failures_recorded(db_url, "bilal") < attempt and time.monotonic() < deadline:
            time.sleep(0.2)
    sign_in(page, "bilal", PASSWORD)
    page.get_by_text("too many failed sign-ins for bilal").wait_for(timeout=60_000)
    assert page.locator("[data-testid='stSidebarNav']").count() == 0
    context.close()
