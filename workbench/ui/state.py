"""The app's session state, kept small and explicit: every key is declared here."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from workbench import config
from workbench.editing import default_author

# Key -> what it holds.
DOC_PATH = "doc_path"  # Path of the document the app was started with (the sample by default)
TARGET = "target"  # workbench code of the chosen target language
ENGINE_PICKS = "engine_picks"  # {target code: engine name picked for it}
ENGINE_PICKER_PREFIX = "engine_for_"  # + target code: the engine picker widget for it
GLOSSARY_PATH = "glossary_path"  # Path of the house glossary file (TBX or CSV)
GLOSSARY_LOADED = "glossary_loaded"  # (path, digest at load, Glossary) the glossary page edits
GLOSSARY_TARGET = "glossary_target"  # target whose renderings the glossary page shows
GLOSSARY_EDITOR = "glossary_editor"  # the glossary page's data editor (its pending edits)
GLOSSARY_UPLOAD = "glossary_upload"  # the glossary page's import file uploader
GLOSSARY_TRY = "glossary_try"  # sentence typed on the glossary page to preview matching

# The alignment page
ALIGNMENT = "alignment"  # workbench.ui.align_page.AlignmentWork being checked, or None
ALIGN_NOTICE = "align_notice"  # (kind, message) about the last edit or accept, or None
ALIGN_ONLY_FLAGGED = "align_only_flagged"  # show only rows below the confidence threshold
ALIGN_PAGE = "align_page"  # 1-based page of rows
ALIGN_AUTHOR = "align_author"  # name stored with the accepted revisions

# The editor
AUTHOR = "author"  # the editor's name, stored with every revision (sidebar field; no default)
DOCUMENT_ID = "document_id"  # id of the open stored document
UPLOAD = "upload"  # the sidebar's file uploader (a new file is stored and opened)
UPLOAD_ERROR = "upload_error"  # message for the last upload that was refused, or None
GRID = "editor_grid"  # the grid component (its trigger `ops` carries the grid's events)
GRID_SESSION = "editor_grid_session"  # workbench.editing.session.GridSession, or None
GRID_RELOAD = "editor_grid_reload"  # read every row again and send them (a full page run)
GRID_TOOLS = "editor_grid_tools"  # (key, tools payload) of the active sentence, or None
EDITOR_SENTENCE = "editor_sentence"  # number of the sentence the editor is at, or None
EDITOR_PLACE_READ = "editor_place_read"  # the URL's place was applied in this session
EDITOR_RERUN_APP = "editor_rerun_app"  # a grid event changed the sidebar: rerun the page
# The editor's place in the URL, so that a reload returns to it: ?doc=…&target=…&seg=…
QUERY_DOCUMENT = "doc"
QUERY_TARGET = "target"
QUERY_SENTENCE = "seg"


def engine_key(tgt: str) -> str:
    """Widget key of one target's engine picker (Streamlit drops it while not shown)."""
    return f"{ENGINE_PICKER_PREFIX}{tgt}"


# The scores page
SCORE_DOCUMENT = "score_document"  # id of the stored document the scores page shows, or None
SCORE_SCOPE = "score_scope"  # which sentences MT-vs-final scores (scoring.document.SCOPES)
SCORE_PAIRED = "score_paired"  # paired test against a reference: "bs" or "ar"
SCORE_BASELINE = "score_baseline"  # compare tab: baseline text (scoring.document.text_source)
SCORE_SYSTEM = "score_system"  # compare tab: the text tested against the baseline
SCORE_COMPARE_PAIRED = "score_compare_paired"  # compare tab's paired test: "bs" or "ar"


# Export and import (workbench.ui.exchange_panel)
TMX_SCOPE = "tmx_scope"  # which segments a TMX download holds: "confirmed" or "translated"
EXCHANGE_MESSAGES = "exchange_messages"  # [(kind, text)] outcome of the last import


def init(startup_document: Path | None = None) -> None:
    """Fill defaults once per session."""
    st.session_state.setdefault(DOC_PATH, startup_document or config.SAMPLE_DOCUMENT)
    st.session_state.setdefault(TARGET, "ur")
    st.session_state.setdefault(ENGINE_PICKS, {})
    st.session_state.setdefault(AUTHOR, "")
    st.session_state.setdefault(UPLOAD_ERROR, None)
    st.session_state.setdefault(GRID_SESSION, None)
    st.session_state.setdefault(GRID_RELOAD, True)
    st.session_state.setdefault(GRID_TOOLS, None)
    st.session_state.setdefault(EDITOR_SENTENCE, None)
    st.session_state.setdefault(EDITOR_PLACE_READ, False)
    st.session_state.setdefault(EDITOR_RERUN_APP, False)
    st.session_state.setdefault(TMX_SCOPE, "confirmed")
    st.session_state.setdefault(EXCHANGE_MESSAGES, [])
    st.session_state.setdefault(ALIGNMENT, None)
    st.session_state.setdefault(ALIGN_NOTICE, None)
    st.session_state.setdefault(ALIGN_ONLY_FLAGGED, False)
    st.session_state.setdefault(ALIGN_PAGE, 1)
    st.session_state.setdefault(ALIGN_AUTHOR, default_author())
    st.session_state.setdefault(GLOSSARY_PATH, config.glossary_path())
    st.session_state.setdefault(GLOSSARY_LOADED, None)
    st.session_state.setdefault(GLOSSARY_TARGET, "ur")
    st.session_state.setdefault(SCORE_DOCUMENT, None)
    st.session_state.setdefault(SCORE_SCOPE, "post-edited")
    st.session_state.setdefault(SCORE_PAIRED, "bs")
    st.session_state.setdefault(SCORE_BASELINE, "mt")
    st.session_state.setdefault(SCORE_SYSTEM, "first-edit")
    st.session_state.setdefault(SCORE_COMPARE_PAIRED, "bs")
