"""The editor's rules, without Streamlit: what a save means given the revision it started
from, what the grid is sent, where confirm-and-next goes, find and replace.

The Streamlit page (`workbench.ui.editor_page`) and the grid component
(`workbench.ui.grid`) only draw and translate events; every decision about saving is made
here, so it is specified by fast unit tests (`tests/editing/`).

QA seam: a `QaCheck` is any callable `(source, target_text, target_lang) -> [flag]` whose
flags have a `code` and a `message` (`workbench.qa.check` in the app).
"""

from __future__ import annotations

import getpass
from collections.abc import Callable, Sequence
from typing import Protocol


class QaFlag(Protocol):
    code: str
    message: str


QaCheck = Callable[[str, str, str], Sequence[QaFlag]]


def no_qa_checks(source: str, target: str, target_lang: str) -> Sequence[QaFlag]:
    """Nothing is flagged (tests and callers without a glossary)."""
    return ()


def default_author() -> str:
    """The OS user name: what the CLI records when no `--author` is given. The editor never
    falls back to it silently (a desk's server runs as one OS user)."""
    try:
        return getpass.getuser() or "editor"
    except (KeyError, OSError):  # no passwd entry (containers) and no USER variable
        return "editor"
