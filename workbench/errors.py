"""Errors a user can act on.

Every error that reaches a person (CLI stderr, a Streamlit message) is a `WorkbenchError`
with a one-line message that says what was wrong and where, so the CLI can print it without
a traceback and exit 2, and the app can show it without crashing.
"""

from __future__ import annotations

import re

_LINE_BREAKS = re.compile(r"\s*[\r\n\v\f\u2028\u2029]+\s*")


class WorkbenchError(Exception):
    """A problem with the user's input or environment, reported as one clear line.

    The message is one line whatever it quotes: line breaks in a parser's or a database
    driver's text (libxml2, psycopg) become single spaces.
    """

    def __str__(self) -> str:
        return _LINE_BREAKS.sub(" ", super().__str__())


class InputError(WorkbenchError):
    """A file or text the user gave cannot be used (encoding, format, empty)."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(f"{where}{message}")
        self.path = path
        self.line = line


class MissingModelError(WorkbenchError):
    """No installed model covers the requested language pair."""


class OfflineError(WorkbenchError):
    """A network operation (package index, download) could not reach its server."""
