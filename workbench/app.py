"""Streamlit entry point: `streamlit run workbench/app.py -- --doc FILE`.

Only navigation and the shared sidebar live here; each page is a module under `workbench.ui`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import streamlit as st

# `streamlit run` executes this file as a script, so the package may not be importable yet.
_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from workbench.ui import (  # noqa: E402
    align_page,
    analysis_page,
    desk_page,
    editor_page,
    glossary_page,
    scores_page,
    sidebar,
    signin,
    state,
)
from workbench.ui.failures import guarded  # noqa: E402


def _startup_document() -> Path | None:
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--doc", type=Path)
    args, _ = parser.parse_known_args(sys.argv[1:])
    return args.doc


# (page, title, Material icon, URL path): every page runs inside the one-line error guard.
PAGES = (
    (editor_page.render, "Editor", "edit_note", "editor"),
    (glossary_page.render, "Glossary", "menu_book", "glossary"),
    (align_page.render, "Align", "compare_arrows", "align"),
    (scores_page.render, "Scores", "analytics", "scores"),
    (analysis_page.render, "Analysis", "bar_chart", "analysis"),
    (desk_page.render, "Desk", "assignment_ind", "desk"),
)


def main() -> None:
    st.set_page_config(
        page_title="Translation workbench", page_icon=":material/translate:", layout="wide"
    )
    state.init(_startup_document())
    # Team mode: nothing below (no page, download or upload) runs before sign-in.
    signin.require_identity()
    pages = [
        st.Page(guarded(render), title=title, icon=f":material/{icon}:", url_path=path)
        for render, title, icon, path in PAGES
    ]
    page = st.navigation(pages)
    guarded(sidebar.render)()  # name, target and engine: drawn once, read by every page
    page.run()


main()
