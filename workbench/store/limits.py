"""Column lengths, checked before anything is written.

SQLite stores a string of any length in a VARCHAR(n) column; PostgreSQL refuses it in the
middle of a transaction with a multi-line `DataError`. Checking against the model's declared
length first makes both backends refuse the same way, with one line that says which value is
too long and what to do.
"""

from __future__ import annotations

from sqlalchemy import Column

from workbench.errors import InputError

PREVIEW_CHARS = 40


def check_fits(what: str, value: str | None, column: Column, hint: str = "") -> None:
    """Refuse `value` (InputError, nothing saved) if it is longer than `column` allows."""
    limit = getattr(column.type, "length", None)
    if value is None or limit is None or len(value) <= limit:
        return
    preview = value if len(value) <= PREVIEW_CHARS else value[:PREVIEW_CHARS] + "…"
    advice = f": {hint}" if hint else ""
    raise InputError(
        f"{what} is {len(value)} characters long; at most {limit} fit ({preview!r}){advice} "
        "(nothing was saved)"
    )
