"""The app's session state, kept small and explicit: every key is declared here."""

from __future__ import annotations

import getpass
from pathlib import Path

import streamlit as st

from workbench import config

# Key -> what it holds.
DOC_PATH = "doc_path"  # Path of the document opened from disk (the sample by default)
DOC_UPLOAD = "doc_upload"  # (name, text) of an uploaded document, or None
TARGET = "target"  # workbench code of the chosen target language
MT_RESULTS = "mt_results"  # {(document key, target, engine): list[TranslatedSegment]}
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


def engine_key(tgt: str) -> str:
    """Widget key of one target's engine picker (Streamlit drops it while not shown)."""
    return f"{ENGINE_PICKER_PREFIX}{tgt}"


def default_author() -> str:
    """The OS user name, offered until the person types another."""
    try:
        return getpass.getuser() or "editor"
    except (KeyError, OSError):  # no passwd entry (containers) and no USER variable
        return "editor"


# Export and import (workbench.ui.exchange_panel)
TMX_SCOPE = "tmx_scope"  # which segments a TMX download holds: "confirmed" or "translated"
EXCHANGE_MESSAGES = "exchange_messages"  # [(kind, text)] outcome of the last import


def init(startup_document: Path | None = None) -> None:
    """Fill defaults once per session."""
    st.session_state.setdefault(DOC_PATH, startup_document or config.SAMPLE_DOCUMENT)
    st.session_state.setdefault(DOC_UPLOAD, None)
    st.session_state.setdefault(TARGET, "ur")
    st.session_state.setdefault(MT_RESULTS, {})
    st.session_state.setdefault(ENGINE_PICKS, {})
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
