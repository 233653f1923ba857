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
    editor_page,
    glossary_page,
    scores_page,
    sidebar,
    state,
)


def _startup_document() -> Path | None:
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--doc", type=Path)
    args, _ = parser.parse_known_args(sys.argv[1:])
    return args.doc


def main() -> None:
    st.set_page_config(
        page_title="Translation workbench", page_icon=":material/translate:", layout="wide"
    )
    state.init(_startup_document())
    pages = [
        st.Page(editor_page.render, title="Editor", icon=":material/edit_note:", url_path="editor"),
        st.Page(
            glossary_page.render, title="Glossary", icon=":material/menu_book:", url_path="glossary"
        ),
        st.Page(
            align_page.render, title="Align", icon=":material/compare_arrows:", url_path="align"
        ),
        st.Page(scores_page.render, title="Scores", icon=":material/analytics:", url_path="scores"),
    ]
    page = st.navigation(pages)
    sidebar.render()  # name, target and engine: drawn once, read by every page
    page.run()


main()
