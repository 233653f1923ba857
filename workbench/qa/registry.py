"""Every QA code in one registry: code, what it means, severity, the family that raises it.

A flag's `code` is stable: the editor filters on it, the TSV `qa` column and TMX notes carry
it. Check modules register their codes here, so a new check (for instance a `long-segment`
code from the segmentation side) adds one `register(...)` call and nothing else changes.
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class QAFlag:
    code: str
    message: str
    severity: str = WARNING
    term: str | None = None  # concept id, for glossary flags


@dataclass(frozen=True)
class CheckCode:
    code: str
    description: str  # one line, for the editor's filter, docs and TMX notes
    severity: str
    family: str  # the module that raises it: glossary, numbers, letters, ...


REGISTRY: dict[str, CheckCode] = {}
# Code -> what it means, for the editor's filter and documentation (kept in step with REGISTRY).
CODES: dict[str, str] = {}


def register(code: str, description: str, severity: str, family: str) -> str:
    """Declare a QA code once; returns the code so modules can bind it to a constant."""
    if severity not in (ERROR, WARNING):
        raise ValueError(f"QA severity must be {ERROR!r} or {WARNING!r}, not {severity!r}")
    known = REGISTRY.get(code)
    entry = CheckCode(code, description, severity, family)
    if known is not None and known != entry:
        raise ValueError(f"QA code {code!r} is already registered by {known.family}")
    REGISTRY[code] = entry
    CODES[code] = description
    return code


def flag(code: str, message: str, term: str | None = None) -> QAFlag:
    """A flag with the severity its code was registered with."""
    return QAFlag(code, message, REGISTRY[code].severity, term)
