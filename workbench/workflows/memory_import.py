"""Importing a TMX or XLIFF 2 file into the store's translation memory."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from workbench.memory.file_import import SKIP_DUPLICATE, ImportReport, plan_import, read_units
from workbench.memory.index import TranslationMemory
from workbench.memory.source import add_tm_entries
from workbench.store import Store


def import_memory_file(
    store: Store,
    path: Path,
    data: bytes | None = None,
    *,
    targets: Iterable[str] | None = None,
    source_lang: str = "en",
) -> ImportReport:
    """Import a TMX or XLIFF 2 file (from disk, or `data` uploaded under the name `path`)
    into the memory: all of it in one transaction, or nothing if the file is bad."""
    units = read_units(path, data, source_lang)
    entries, report = plan_import(
        units, TranslationMemory(), source=path.name, source_lang=source_lang, targets=targets
    )
    inserted = add_tm_entries(store, entries)
    if duplicates := len(entries) - sum(inserted.values()):
        report.skipped[SKIP_DUPLICATE] += duplicates
    report.imported = inserted
    return report
