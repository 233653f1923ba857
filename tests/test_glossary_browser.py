"""The glossary page in headless Chromium: the table renders, terms are highlighted."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from workbench import config

pytestmark = pytest.mark.browser
CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def app_url(tmp_path):
    """A Streamlit server on the app, with a private copy of the house glossary."""
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed")
    pytest.importorskip("playwright.sync_api")
    for name in ("security.tbx", "security.csv"):
        shutil.copy(config.GLOSSARIES_DIR / name, tmp_path / name)
    port = _free_port()
    env = {**os.environ, "WORKBENCH_GLOSSARY": str(tmp_path / "security.tbx")}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(config.PROJECT_ROOT / "workbench" / "app.py"),
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.3)
    yield f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=10)


def test_glossary_page_shows_the_table_and_highlights_terms(app_url, tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1600})
        page.goto(f"{app_url}/glossary", wait_until="networkidle")
        page.get_by_text("Try a sentence").wait_for(timeout=30_000)
        page.locator("mark.wb-term").first.wait_for(timeout=30_000)
        marks = page.locator("mark.wb-term").all_inner_texts()
        rendering = page.locator("ul.wb-renderings span[lang='ur']").first
        direction = rendering.evaluate("el => getComputedStyle(el).direction")
        font = rendering.evaluate("el => getComputedStyle(el).fontFamily")
        page.screenshot(path=str(tmp_path / "glossary.png"), full_page=True)
        browser.close()
    assert marks == ["Ishaq Dar", "TTP", "Khost", "APTTA"]
    assert direction == "rtl" and "Noto Nastaliq Urdu" in font
