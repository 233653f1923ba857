"""Time in the workbench is aware UTC; this is the one place that says so."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Now, as an aware UTC datetime (what every stored timestamp is)."""
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """An aware UTC datetime; a naive one (as SQLite returns them) is taken to be UTC."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def iso_z(moment: datetime) -> str:
    """ISO 8601 in UTC to the second with a `Z` (what XLIFF's date attributes carry)."""
    return as_utc(moment).isoformat(timespec="seconds").replace("+00:00", "Z")


def parse_iso(text: str | None) -> datetime | None:
    """An ISO 8601 moment as aware UTC (naive taken as UTC); None when absent or unreadable,
    because a foreign file's bad date must not refuse the file."""
    if not text:
        return None
    try:
        return as_utc(datetime.fromisoformat(text.strip()))
    except ValueError:
        return None
