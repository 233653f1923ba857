"""In headless Chromium: pick Pashto, get NLLB-200 as its engine, translate the sample."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

import pytest

from workbench import config

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOT = config.PROJECT_ROOT / "docs" / "screenshots" / "nllb-pashto-engine-picker.png"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def app_url(registered_nllb, no_argos_packages, tmp_path) -> Iterator[str]:
    """The app served by `streamlit run`, with only the tiny NLLB model available."""
    if not shutil.which(CHROMIUM):
        pytest.skip("Debian chromium is not installed")
    port = _free_port()
    env = dict(os.environ, ARGOS_PACKAGES_DIR=str(no_argos_packages))
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(config.PROJECT_ROOT / "workbench/app.py"),
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        env=env,
        stdout=(tmp_path / "server.log").open("wb"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    log = (tmp_path / "server.log").read_text(errors="replace")
                    pytest.fail(f"streamlit did not start:\n{log}")
                time.sleep(0.3)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_pashto_is_translated_with_nllb_in_the_browser(app_url):
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(app_url)
        page.get_by_text("Target language").wait_for(timeout=30_000)
        page.get_by_role("combobox", name="Target language").click()
        page.get_by_role("option", name="Pashto (ps)").click()
        expect(page.get_by_role("combobox", name="Target language")).to_have_value("Pashto (ps)")
        expect(page.get_by_role("combobox", name="Engine")).to_have_value(
            "NLLB-200 · nllb:nllb-200-tiny-copy"
        )
        page.get_by_role("button", name="Translate").click()
        cell = page.locator('div.wb-text[lang="ps"]').nth(1)
        expect(cell).to_have_text(
            "RELATIONS between Pakistan and Afghanistan have hit another low as frustration "
            "mounts in Islamabad with the Taliban’s lack of response to its security concerns.",
            timeout=30_000,
        )
        style = cell.evaluate(
            "e => [getComputedStyle(e).direction, getComputedStyle(e).fontFamily]"
        )
        assert style[0] == "rtl"
        assert style[1].startswith('"Noto Naskh Arabic"')
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT))
        browser.close()
