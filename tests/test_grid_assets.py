"""The editor grid's script and style are files Streamlit serves (the component manifest in
`workbench/pyproject.toml`), so an update of the grid carries only its data."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
from streamlit.testing.v1 import AppTest

from tests.fixtures.app_server import serve_app
from tests.fixtures.editor_grid import row_of, save
from workbench import config
from workbench.store import open_store
from workbench.ui.grid import COMPONENT_NAME, CSS_FILE, JS_FILE

APP = str(config.PROJECT_ROOT / "workbench" / "app.py")
GRID_DIR = config.PROJECT_ROOT / "workbench" / "ui" / "grid" / "assets"


@pytest.fixture
def editor() -> AppTest:
    open_store()  # the app's store: a fresh database per test (WORKBENCH_DB, set in conftest)
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["author"] = "Amina Khan"
    at.run()
    assert not at.exception
    return at


def test_a_saves_update_of_the_grid_carries_the_answer_but_not_the_script_or_style(editor):
    row = row_of(editor, 1)
    answer = save(editor, 1, row["tgt"] + " x")
    assert answer["outcome"] == "saved"
    [grid] = editor.get("bidi_component")
    sent = grid.proto
    assert (sent.js_content, sent.css_content) == ("", "")
    assert (sent.js_source_path, sent.css_source_path) == (JS_FILE, CSS_FILE)
    assert json.loads(sent.bytes)["answers"] == [answer]  # the data went, with the answer


def test_the_app_serves_the_grids_script_and_style_as_files(tmp_path):
    with serve_app(tmp_path / "server.log") as url:
        for name in (JS_FILE, CSS_FILE):
            asset = f"{url}/_stcore/bidi-components/{COMPONENT_NAME}/{name}"
            with urllib.request.urlopen(asset, timeout=30) as response:
                assert response.read() == (GRID_DIR / name).read_bytes()


def test_the_grids_python_source_is_not_served(tmp_path):
    """Only the asset folder is served: the package's own modules stay on the server."""
    with serve_app(tmp_path / "server.log") as url:
        for name in ("__init__.py", "../__init__.py", "../../state.py"):
            asset = f"{url}/_stcore/bidi-components/{COMPONENT_NAME}/{name}"
            try:
                with urllib.request.urlopen(asset, timeout=30) as response:
                    body = response.read()
            except urllib.error.HTTPError as refused:
                assert refused.code in (400, 403, 404), name
            else:
                assert b"import" not in body, name
