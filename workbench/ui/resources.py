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
from workbench.documents import read_document
from workbench.editing import QaCheck
from workbench.engines import registry
from workbench.engines.base import TranslationEngine
from workbench.errors import InputError, WorkbenchError
from workbench.glossary import Glossary, load_glossary
from workbench.memory.source import MemorySource
from workbench.store import Store, open_store
from workbench.ui import state
from workbench.ui.rendering import markdown_text


@st.cache_resource(show_spinner=False)
def _open_store(url: str) -> Store:
    return open_store(url)


def app_store() -> Store:
    """The store at `WORKBENCH_DB` (read on every call, so tests can point it elsewhere)."""
    return _open_store(config.database_url())


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
def engine(name: str = "argos") -> TranslationEngine:
    """One engine per server process: models load once, not on every rerun."""
    return registry.get_engine(name)


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


def qa_checker(glossary: Glossary | None, source_lang: str) -> QaCheck:
    """The QA checks the editor runs on each row's target (`workbench.qa`), remembered per
    text for the server process: reopening a long document re-checks only what changed (a
    changed glossary file is a new `Glossary` object, so a new checker)."""
    return _qa_checker(id(glossary), glossary, source_lang)


@st.cache_resource(show_spinner=False, max_entries=8, hash_funcs={Glossary: lambda _: 0})
def _qa_checker(glossary_id: int, glossary: Glossary | None, source_lang: str) -> QaCheck:
    @functools.lru_cache(maxsize=50_000)
    def check(source: str, target: str, target_lang: str) -> tuple[qa.QAFlag, ...]:
        return tuple(qa.check(source, target, target_lang, glossary, source_lang))

    return check
