"""Things every page shares and Streamlit keeps for the life of the server process.

The store, the MT engine and the translation memory's index are opened once
(`st.cache_resource`), not on every rerun; model availability is re-read only when what is
installed changes.
"""

from __future__ import annotations

import functools
from pathlib import Path

import streamlit as st

from workbench import config, qa
from workbench.auth.sessions import Authenticator
from workbench.auth.settings import AuthMode, SignInPolicy, auth_mode
from workbench.documents import read_document
from workbench.editing import QaCheck, qa_checks
from workbench.engines import registry
from workbench.engines.base import TranslationEngine
from workbench.errors import InputError, WorkbenchError
from workbench.glossary import Glossary, load_glossary
from workbench.jobs.local import LocalJobRunner
from workbench.jobs.runner import RunSettings
from workbench.jobs.runner import house_glossary as house_glossary_for_jobs
from workbench.memory.concordance import ConcordanceSource
from workbench.memory.source import MemorySource
from workbench.store import Document, Progress, Store, open_store
from workbench.store.accounts import Accounts
from workbench.ui import state
from workbench.ui.rendering import markdown_text
from workbench.workflows.qa import document_length_model


@st.cache_resource(show_spinner=False)
def _open_store(url: str) -> Store:
    return open_store(url)


def app_store() -> Store:
    """The store at `WORKBENCH_DB` (read on every call, so tests can point it elsewhere).

    In team mode it writes for the signed-in person, whose roles the store checks, and
    refuses any write made for nobody."""
    store = _open_store(config.database_url())
    if auth_mode() == AuthMode.NONE:
        return store
    return store.requiring_actor().acting_as(st.session_state.get(state.SIGNED_IN))


@st.cache_resource(show_spinner=False)
def _authenticator(url: str) -> Authenticator:
    return Authenticator(Accounts(_open_store(url)), SignInPolicy.from_environment())


def authenticator() -> Authenticator:
    """Password sign-in against the app store's accounts (team mode)."""
    return _authenticator(config.database_url())


@st.cache_resource(show_spinner=False)
def _memory_source(url: str) -> MemorySource:
    return MemorySource(_open_store(url))


def translation_memory() -> MemorySource:
    """The app store's translation memory: indexed once per server process, then brought
    up to date on every call with only what was imported or saved since (a few rows)."""
    source = _memory_source(config.database_url())
    source.refresh()
    return source


@st.cache_resource(show_spinner=False)
def _concordance_source(url: str) -> ConcordanceSource:
    return ConcordanceSource(_open_store(url))


def concordance() -> ConcordanceSource:
    """The app store's concordance: its search keys built once per server process, then
    kept up to date with what was imported or saved since (each `search` refreshes)."""
    return _concordance_source(config.database_url())


@st.cache_resource(show_spinner=False)
def engine(name: str = "argos") -> TranslationEngine:
    """One engine per server process: models load once, not on every rerun."""
    return registry.get_engine(name)


@st.cache_resource(show_spinner=False)
def _job_runner(url: str) -> LocalJobRunner:
    return LocalJobRunner(
        _open_store(url),
        lambda name, src, tgt: engine(name),
        glossaries=house_glossary_for_jobs,
        settings=RunSettings.from_config(),  # WORKBENCH_JOB_BATCH
    )


def job_runner() -> LocalJobRunner:
    """The server process's thread that runs translation jobs (one per store); it picks up
    jobs left queued or orphaned by a server that stopped, when it starts."""
    return _job_runner(config.database_url())


@st.cache_resource(show_spinner=False)
def _stored_file(url: str, path: str, modified_ns: int) -> int:
    return _open_store(url).import_document(Path(path).name, read_document(path)).id


def stored_file_document(path: Path) -> int:
    """The id of the stored document for a file on disk (the bundled sample, `--doc`);
    imported once per server process and file version."""
    return _stored_file(config.database_url(), str(path), _modified_ns(path))


def _modified_ns(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError as exc:
        raise InputError(f"cannot open it ({exc.strerror})", path=str(path)) from None


@st.cache_resource(show_spinner=False, max_entries=4)
def _glossary(path: str, modified_ns: int) -> Glossary:
    return load_glossary(Path(path))


def house_glossary(path: Path) -> Glossary:
    """The glossary file, parsed once per version of the file (the glossary page saves it)."""
    return _glossary(str(path), _modified_ns(path))


def session_glossary() -> Glossary | None:
    """The house glossary at the session's path (`state.GLOSSARY_PATH`), which MT enforces,
    QA checks and alignment anchors on; a missing or broken file is reported, work goes on."""
    try:
        return house_glossary(Path(st.session_state[state.GLOSSARY_PATH]))
    except WorkbenchError as exc:
        st.warning(markdown_text(f"Glossary not applied: {exc}"))
        return None


@st.cache_data(show_spinner=False, max_entries=8)
def _target_statuses(installed_state: tuple) -> dict[str, registry.TargetStatus]:
    return {s.language.code: s for s in registry.target_statuses()}


def target_statuses() -> dict[str, registry.TargetStatus]:
    """Target code -> the engines that cover it; re-read only when what is installed changes."""
    return _target_statuses(registry.installed_state())


@st.cache_data(show_spinner=False, max_entries=16)
def _length_model(
    url: str, document_id: int, target: str, source_lang: str, translated: int
) -> qa.LengthModel:
    return document_length_model(_open_store(url), document_id, target, source_lang)


def length_model(document: Document, target: str, progress: Progress) -> qa.LengthModel:
    """The document's own length model for QA, learned again when the number of translated
    segments changes (MT, a memory fill), not on every edit: a median over the document
    hardly moves with one sentence, and reading every row on each rerun would."""
    translated = progress.segments - progress.untranslated
    return _length_model(
        config.database_url(), document.id, target, document.source_lang, translated
    )


def qa_checker(
    glossary: Glossary | None, source_lang: str, lengths: qa.LengthModel | None = None
) -> QaCheck:
    """The QA checks the editor runs on each row's target (`workbench.qa`), remembered per
    text for the server process: reopening a long document re-checks only what changed (a
    changed glossary file is a new `Glossary` object, so a new checker). Length is judged
    against `lengths` (the document's model, `length_model`; the pair's prior when None)."""
    return _qa_checker(id(glossary), glossary, source_lang, lengths)


@st.cache_resource(show_spinner=False, max_entries=8, hash_funcs={Glossary: lambda _: 0})
def _qa_checker(
    glossary_id: int,
    glossary: Glossary | None,
    source_lang: str,
    lengths: qa.LengthModel | None,
) -> QaCheck:
    return functools.lru_cache(maxsize=50_000)(qa_checks(glossary, source_lang, lengths))
