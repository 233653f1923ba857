"""The editor grid: one Streamlit custom component (Components v2, no iframe, no build step).

`grid.js` and `grid.css` ship in this package. The component draws what `workbench.editing`
prepared and sends events back as one trigger, `ops`; the page hands them to
`workbench.editing.session.OpenGrid`.

The script and style are registered by file name: the manifest in `workbench/pyproject.toml`
declares this folder as the component's `asset_dir`, Streamlit finds it in the installed
package when it starts and serves both files, so the browser loads them once per page. Given
as strings they would travel inside every update of the grid (49 KB next to about 1 KB of
data for a save). Without the manifest (the package is not installed, e.g. only on
`PYTHONPATH`), the strings are the fallback: the grid works, each update is larger.
"""

from __future__ import annotations

import json
import logging
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit.components.v2.get_bidi_component_manager import get_bidi_component_manager

from workbench.editing.shortcuts import SHORTCUTS

_HERE = Path(__file__).parent / "assets"  # what Streamlit serves: the script and style only
# `<project name>.<component name>` as `workbench/pyproject.toml` declares it.
COMPONENT_NAME = "workbench.editor_grid"
HTML = '<div class="wb-grid"></div>'
JS_FILE = "grid.js"
CSS_FILE = "grid.css"

_LOG = logging.getLogger(__name__)
# One registration per Streamlit runtime (a server has one; each AppTest has its own).
_renderers: weakref.WeakKeyDictionary[Any, Callable[..., Any]] = weakref.WeakKeyDictionary()


def assets_served_as_files() -> bool:
    """Whether the running Streamlit found the manifest and serves `grid.js` and `grid.css`."""
    return get_bidi_component_manager().get_component_asset_root(COMPONENT_NAME) is not None


def _renderer() -> Callable[..., Any]:
    manager = get_bidi_component_manager()
    renderer = _renderers.get(manager)
    if renderer is None:
        if assets_served_as_files():
            js, css = JS_FILE, CSS_FILE
        else:
            _LOG.warning(
                "%s: no component manifest found (is the package installed? `pip install "
                "-e .`); the grid's script and style go inside every update",
                COMPONENT_NAME,
            )
            js = (_HERE / JS_FILE).read_text(encoding="utf-8")
            css = (_HERE / CSS_FILE).read_text(encoding="utf-8")
        renderer = st.components.v2.component(
            COMPONENT_NAME, html=HTML, css=css, js=js, isolate_styles=True
        )
        _renderers[manager] = renderer
    return renderer


def editor_grid(key: str, data: dict[str, Any], on_ops: Callable[[], None]) -> Any:
    """Mount the grid with `data`; `on_ops` runs (before the rerun draws) when the grid sent
    a batch of events, readable as `st.session_state[key]["ops"]`. The shortcut list goes
    with the rows (a page run, or the grid asked for them), so the grid always has it."""
    payload = dict(data)
    if data.get("rows") is not None:  # the key list goes with the rows, not with every answer
        payload["shortcuts"] = [list(s) for s in SHORTCUTS]
    # As UTF-8 bytes: Streamlit's own JSON would escape every Urdu letter to six bytes.
    return _renderer()(
        key=key,
        data=json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode(),
        on_ops_change=on_ops,
        height="content",
    )
