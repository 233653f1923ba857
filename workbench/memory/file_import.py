"""Reading a TMX or XLIFF file into translation-memory entries, and counting what happened.

All or nothing: the whole file is parsed before anything is handed on, so a file that
turns out malformed on its last line imports nothing. The report says how many units were
read, how many entries each target language gained and why the others were skipped, which
is what a translator checks after bringing in a memory from another tool.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from workbench.exchange import registry
from workbench.exchange.units import TranslationUnit
from workbench.languages import language_matches, normalize_language_tag
from workbench.memory.index import TmEntry, TranslationMemory, normalize_source

SKIP_NO_SOURCE = "no source text in {lang}"
SKIP_NO_TARGET = "no target text"
SKIP_OTHER_LANGUAGE = "target language not requested"
SKIP_DUPLICATE = "already in the memory"


@dataclass
class ImportReport:
    """What an import did: units read, entries imported per language, skips per reason."""

    source: str
    units_read: int = 0
    imported: Counter[str] = field(default_factory=Counter)  # target language -> entries
    skipped: Counter[str] = field(default_factory=Counter)  # reason -> entries

    @property
    def imported_total(self) -> int:
        return sum(self.imported.values())

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())

    def summary(self) -> str:
        """One line per fact, as the CLI prints and the app shows it."""
        langs = ", ".join(f"{lang} {n}" for lang, n in sorted(self.imported.items()))
        lines = [
            f"{self.source}: {self.units_read} units read",
            f"imported {self.imported_total} entries" + (f" ({langs})" if langs else ""),
            f"skipped {self.skipped_total}",
        ]
        lines.extend(f"  {n} {reason}" for reason, n in self.skipped.most_common())
        return "\n".join(lines)


def detect_format(path: Path, head: bytes | None = None) -> str:
    """The name of the memory format (`tmx`, `xliff`) of `path`, by extension or content."""
    return registry.detect_format(path, head, among=registry.memory_formats()).name


def read_units(
    path: Path, data: bytes | None = None, source_lang: str = "en"
) -> list[TranslationUnit]:
    """Every unit of a TMX or XLIFF 2 file, read completely (errors before any import).

    `data` is the file's content when it came as an upload; `path` then only names it.
    """
    source = io.BytesIO(data) if data is not None else path
    fmt = registry.get_format(detect_format(path, data))
    return list(fmt.read(source, source_lang=source_lang, target_lang=None, name=str(path)))


def plan_import(
    units: Iterable[TranslationUnit],
    memory: TranslationMemory,
    *,
    source: str,
    source_lang: str = "en",
    targets: Iterable[str] | None = None,
    origin: str | None = None,
) -> tuple[list[TmEntry], ImportReport]:
    """The entries `units` would add to `memory` (only `targets` languages if given).

    Nothing is written; the caller stores the entries in one transaction.
    """
    wanted = [normalize_language_tag(t) for t in targets] if targets is not None else None
    report = ImportReport(source=source)
    entries: list[TmEntry] = []
    seen: set[tuple[str, str, str]] = set()
    for unit in units:
        report.units_read += 1
        if not language_matches(unit.source_lang, source_lang) or not unit.source.strip():
            report.skipped[SKIP_NO_SOURCE.format(lang=source_lang)] += 1
            continue
        filled = {lang: text for lang, text in unit.targets.items() if text.strip()}
        if not filled:
            report.skipped[SKIP_NO_TARGET] += 1
            continue
        normalized = normalize_source(unit.source)
        for lang, text in filled.items():
            if wanted is not None and not any(language_matches(lang, w) for w in wanted):
                report.skipped[SKIP_OTHER_LANGUAGE] += 1
                continue
            key = (lang, normalized, text.strip())
            if key in seen or (len(memory) and memory.contains(unit.source, text, lang)):
                report.skipped[SKIP_DUPLICATE] += 1
                continue
            seen.add(key)
            entries.append(
                TmEntry(
                    source=unit.source,
                    target=text,
                    target_lang=lang,
                    source_lang=unit.source_lang,
                    origin=origin or source,
                    author=unit.changed_by or unit.author,
                    changed=unit.changed or unit.created,
                )
            )
            report.imported[lang] += 1
    return entries, report
