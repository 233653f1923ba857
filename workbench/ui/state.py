"""The app's session state, kept small and explicit: every key is declared here.

Keys are grouped in namespaces: the shared ones (the sidebar's name, target and engine, which
every page reads and only the sidebar writes) and one per page, whose values carry the page's
prefix (`align_`, `glossary_`, `score_`; the editor's predate the rule and keep their names).
A page writes only its own namespace; `tests/test_ui_state_keys.py` fails on a key written as
a string literal anywhere else in `workbench/ui`.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from workbench import config
from workbench.languages import TARGETS

# ---- shared: drawn once in the sidebar (`workbench.ui.sidebar`), read by every page --------
DOC_PATH = "doc_path"  # Path of the document the app was started with (the sample by default)
AUTHOR = "author"  # the person's name, stored with every revision they make (sidebar field)
TARGET = "target"  # workbench code of the chosen target language (sidebar field)
ENGINE_PICKS = "engine_picks"  # {target code: engine name picked for it}
ENGINE_PICKER_PREFIX = "engine_for_"  # + target code: the engine picker widget for it
GLOSSARY_PATH = "glossary_path"  # Path of the house glossary file (TBX or CSV)


class Query:
    """The editor's place in the URL, so that a reload returns to it: ?doc=…&target=…&seg=…
    (query parameters, not session-state keys)."""

    DOCUMENT = "doc"
    TARGET = "target"
    SENTENCE = "seg"


def engine_key(target_lang: str) -> str:
    """Widget key of one target's engine picker (Streamlit drops it while not shown)."""
    return f"{ENGINE_PICKER_PREFIX}{target_lang}"


# ---- editor (workbench.ui.editor_page, exchange_panel; the grid component ui/grid) ------
DOCUMENT_ID = "document_id"  # id of the open stored document
UPLOAD = "upload"  # the sidebar's file uploader (a new file is stored and opened)
UPLOAD_ERROR = "upload_error"  # message for the last upload that was refused, or None
# (name, bytes, EncodingGuess) of a text upload that is not UTF-8, until the user confirms
# the guessed encoding or uploads another file; None otherwise
UPLOAD_PENDING = "upload_pending"
UPLOAD_CONFIRM = "upload_confirm"  # the button that reads the pending upload in its guess
MISSING_TARGETS = "missing_targets"  # the translation download's choice: "refuse" / "source"
TRANSLATION_DOWNLOAD = "download_translation"  # the "Download translation" button
TRANSLATE = "translate"  # the Translate button
JOB_CANCEL = "job_cancel"  # the running translation job's Cancel button
GRID = "editor_grid"  # the grid component (its trigger `ops` carries the grid's events)
GRID_SESSION = "editor_grid_session"  # workbench.editing.session.OpenGrid, or None
GRID_RELOAD = "editor_grid_reload"  # read every row again and send them (a full page run)
GRID_TOOLS = "editor_grid_tools"  # (key, tools payload) of the active sentence, or None
GRID_RUN = "editor_grid_run"  # counts the grid's runs (sent with its data)
# (request, payload) of the active sentence's last concordance lookup in the grid, or None
GRID_CONCORDANCE = "editor_grid_concordance"
EDITOR_SENTENCE = "editor_sentence"  # number of the sentence the editor is at, or None
EDITOR_PLACE_READ = "editor_place_read"  # the URL's place was applied in this session
EDITOR_RERUN_APP = "editor_rerun_app"  # a grid event changed the sidebar: rerun the page
TMX_SCOPE = "tmx_scope"  # which segments a TMX download holds: "confirmed" or "translated"
EXCHANGE_MESSAGES = "exchange_messages"  # [(kind, text)] outcome of the last import
XLIFF_UPLOAD = "xliff_upload"  # the export panel's uploader of an XLIFF edited elsewhere
TM_UPLOAD = "tm_upload"  # the export panel's uploader of a TMX/XLIFF for the memory
CONCORDANCE_QUERY = "concordance_query"  # word or phrase searched in memory and documents
CONCORDANCE_TARGET_SIDE = "concordance_target_side"  # search translations, not sources


def download_key(format_name: str) -> str:
    """Widget key of the export panel's download button for one registered format."""
    return f"download-{format_name}"


# ---- glossary page ----------------------------------------------------------------------
GLOSSARY_LOADED = "glossary_loaded"  # (path, digest at load, Glossary) the glossary page edits
GLOSSARY_EDITOR = "glossary_editor"  # the glossary page's data editor (its pending edits)
GLOSSARY_UPLOAD = "glossary_upload"  # the glossary page's import file uploader
GLOSSARY_TRY = "glossary_try"  # sentence typed on the glossary page to preview matching
GLOSSARY_SAVE = "glossary_save"  # buttons: save the table, reload the file,
GLOSSARY_RELOAD = "glossary_reload"
GLOSSARY_MERGE = "glossary_merge"  # merge the uploaded file, or replace the glossary with it
GLOSSARY_REPLACE = "glossary_replace"


def glossary_editor_key(target_lang: str, digest: str | None) -> str:
    """The data editor of one target's renderings in one version of the file: a saved or
    reloaded file starts a fresh editor instead of replaying edits made to the old one."""
    return f"{GLOSSARY_EDITOR}:{target_lang}:{(digest or '')[:12]}"


def glossary_export_key(version: int, file_name: str) -> str:
    """One export download button."""
    return f"glossary_export_{version}_{file_name}"


# ---- align page -------------------------------------------------------------------------
ALIGNMENT = "alignment"  # workbench.ui.align_page.AlignmentWork being checked, or None
ALIGN_NOTICE = "align_notice"  # (kind, message) about the last edit or accept, or None
ALIGN_ONLY_FLAGGED = "align_only_flagged"  # show only rows below the confidence threshold
ALIGN_PAGE = "align_page"  # 1-based page of rows
ALIGN_SRC = "align_src"  # language of the source text
ALIGN_SOURCE_FILE = "align_source_file"  # uploaded source document
ALIGN_SOURCE_TEXT = "align_source_text"  # pasted source text
ALIGN_TARGET_FILE = "align_target_file"  # uploaded translation
ALIGN_TARGET_TEXT = "align_target_text"  # pasted translation
ALIGN_USE_MT = "align_use_mt"  # use MT similarity (the sidebar's engine) when installed
ALIGN_USE_GLOSSARY = "align_use_glossary"  # use the house glossary's terms as anchors
ALIGN_RUN = "align"  # the Align button
ALIGN_DOC_NAME = "align_doc_name"  # name the accepted document is stored under
ALIGN_ACCEPT = "align_accept"  # the Accept button
ALIGN_DOWNLOAD_TSV = "align_download_tsv"
ALIGN_DOWNLOAD_TMX = "align_download_tmx"


def align_edit_key(edit: str, row: int) -> str:
    """One edit button (`merge`, `split`, `src_up`, …) of one alignment row."""
    return f"align_{edit}_{row}"


# ---- scores page ------------------------------------------------------------------------
SCORE_DOCUMENT = "score_document"  # id of the stored document the scores page shows, or None
SCORE_DOCUMENT_PICKER = "score_document_picker"  # the document selectbox (follows SCORE_DOCUMENT)
SCORE_SCOPE = "score_scope"  # which sentences MT-vs-final scores (scoring.document.SCOPES)
SCORE_PAIRED = "score_paired"  # paired test against a reference: "bs" or "ar"
SCORE_BASELINE = "score_baseline"  # compare tab: baseline text (scoring.document.text_source)
SCORE_SYSTEM = "score_system"  # compare tab: the text tested against the baseline
SCORE_COMPARE_PAIRED = "score_compare_paired"  # compare tab's paired test: "bs" or "ar"
SCORE_SENTENCES = "score_sentences"  # the sentence table (its row selection)
SCORE_EDITORS = "score_editors"  # the per-editor table
SCORE_REVISIONS = "score_revisions"  # the per-revision table
SCORE_REFERENCE = "score_reference"  # uploaded reference translation
SCORE_DOWNLOAD_SENTENCES = "download_sentences"
SCORE_DOWNLOAD_REVISIONS = "download_revisions"

# ---- analysis page ----------------------------------------------------------------------
ANALYSIS_DOCUMENT = "analysis_document"  # the document selectbox: id of the analysed document
ANALYSIS_DOWNLOAD = "analysis_download"  # the CSV download button


def init(startup_document: Path | None = None) -> None:
    """Fill defaults once per session."""
    defaults = {
        DOC_PATH: startup_document or config.SAMPLE_DOCUMENT,
        TARGET: _target_in_url() or "ur",
        ENGINE_PICKS: {},
        AUTHOR: "",  # never the OS user: the person types it (the browser remembers it)
        GLOSSARY_PATH: config.glossary_path(),
        UPLOAD_ERROR: None,
        UPLOAD_PENDING: None,
        MISSING_TARGETS: "refuse",
        GRID_SESSION: None,
        GRID_RELOAD: True,
        GRID_TOOLS: None,
        GRID_RUN: 0,
        GRID_CONCORDANCE: None,
        EDITOR_SENTENCE: None,
        EDITOR_PLACE_READ: False,
        EDITOR_RERUN_APP: False,
        TMX_SCOPE: "confirmed",
        EXCHANGE_MESSAGES: [],
        ALIGNMENT: None,
        ALIGN_NOTICE: None,
        ALIGN_ONLY_FLAGGED: False,
        ALIGN_PAGE: 1,
        GLOSSARY_LOADED: None,
        SCORE_DOCUMENT: None,
        SCORE_SCOPE: "post-edited",
        SCORE_PAIRED: "bs",
        SCORE_BASELINE: "mt",
        SCORE_SYSTEM: "first-edit",
        SCORE_COMPARE_PAIRED: "bs",
    }
    for key, value in defaults.items():
        st.session_state.setdefault(key, value)


# ---- signin: the sign-in gate (workbench.ui.signin; team mode only) -----------------------
SIGNED_IN = "signin_actor"  # workbench.identity.Actor of the signed-in person, or absent
SESSION_TOKEN = "signin_token"  # password mode: the session's token (also in a cookie)
SIGNIN_NOTICE = "signin_notice"  # why the sign-in form is shown again (signed out, expired)
SIGNIN_FORM = "signin_form"  # the sign-in form
SIGN_OUT = "signin_sign_out"  # the sidebar's Sign out button


# ---- desk page (workbench.ui.desk_page) ------------------------------------------------
DESK_NOTICE = "desk_notice"  # (kind, message) about the last assignment, or None
DESK_FORM = "desk_assign"  # the managers' assignment form


def desk_field_key(field: str) -> str:
    """One field of the desk's assignment form (`document`, `target`, `due`, …)."""
    return f"{DESK_FORM}_{field}"


def _target_in_url() -> str | None:
    """The target a reloaded editor URL names (`?target=ps`), for the session's first run."""
    target = st.query_params.get(Query.TARGET, "")
    return target if target in {t.code for t in TARGETS} else None
