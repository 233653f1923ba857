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
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from workbench.glossary import Glossary
    from workbench.qa import LengthModel


class QaFlag(Protocol):
    code: str
    message: str


QaCheck = Callable[[str, str, str], Sequence[QaFlag]]


def no_qa_checks(source: str, target: str, target_lang: str) -> Sequence[QaFlag]:
    """Nothing is flagged (tests and callers without a glossary)."""
    return ()


def qa_checks(
    glossary: Glossary | None, source_lang: str = "en", length_model: LengthModel | None = None
) -> QaCheck:
    """The workbench's QA (`workbench.qa.check`) as the grid's `QaCheck`: terms from
    `glossary`, length judged against `length_model` (the document's own, from
    `workflows.qa.document_length_model`; the pair's prior when None)."""
    from workbench import qa

    def check(source: str, target: str, target_lang: str) -> tuple[qa.QAFlag, ...]:
        return tuple(
            qa.check(source, target, target_lang, glossary, source_lang, length_model=length_model)
        )

    return check


def default_author() -> str:
    """The OS user name: what the CLI records when no `--author` is given. The editor never
    falls back to it silently (a desk's server runs as one OS user)."""
    try:
        return getpass.getuser() or "editor"
    except (KeyError, OSError):  # no passwd entry (containers) and no USER variable
        return "editor"
