"""The editor grid: one Streamlit custom component (Components v2, no iframe, no build step).

`grid.js` and `grid.css` ship in this package and are registered once as inline strings. The
component draws what `workbench.editing` prepared and sends events back as one trigger,
`ops`; the page hands them to `workbench.editing.session.OpenGrid`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st

from workbench.editing.shortcuts import SHORTCUTS

_HERE = Path(__file__).parent
COMPONENT_NAME = "workbench_editor_grid"

_component = st.components.v2.component(
    COMPONENT_NAME,
    html='<div class="wb-grid"></div>',
    css=(_HERE / "grid.css").read_text(encoding="utf-8"),
    js=(_HERE / "grid.js").read_text(encoding="utf-8"),
    isolate_styles=True,
)


def editor_grid(key: str, data: dict[str, Any], on_ops: Callable[[], None]) -> Any:
    """Mount the grid with `data`; `on_ops` runs (before the rerun draws) when the grid sent
    a batch of events, readable as `st.session_state[key]["ops"]`."""
    payload = {**data, "shortcuts": [list(s) for s in SHORTCUTS]}
    # As UTF-8 bytes: Streamlit's own JSON would escape every Urdu letter to six bytes.
    return _component(
        key=key,
        data=json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode(),
        on_ops_change=on_ops,
        height="content",
    )
