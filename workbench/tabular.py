"""CSV and TSV export of translation units, for spreadsheets.

One row per segment with the columns a reviewer filters on. CSV is written with a UTF-8
byte-order mark, because Excel reads BOM-less CSV as the local code page and turns Urdu
into mojibake; TSV (for LibreOffice, pandas and scripts) is plain UTF-8.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO, TextIO

from workbench.units import (
    PROP_DOCUMENT,
    PROP_ORIGIN,
    PROP_PARAGRAPH,
    PROP_SEGMENT,
    PROP_STATUS,
    TranslationUnit,
)

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


def write_table(
    units: Iterable[TranslationUnit],
    out: str | Path | TextIO | BinaryIO,
    *,
    target_lang: str,
    delimiter: str = "\t",
) -> int:
    """Write one row per unit (streaming); `delimiter` "," for CSV, tab for TSV.

    `out` is a path, a text stream, or a binary stream (left open).
    """
    encoding = "utf-8-sig" if delimiter == "," else "utf-8"
    if isinstance(out, str | Path):
        with open(out, "w", encoding=encoding, newline="") as stream:
            return write_table(units, stream, target_lang=target_lang, delimiter=delimiter)
    if not isinstance(out, io.TextIOBase):
        stream = io.TextIOWrapper(out, encoding=encoding, newline="")
        try:
            return write_table(units, stream, target_lang=target_lang, delimiter=delimiter)
        finally:
            stream.flush()
            stream.detach()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(COLUMNS)
    count = 0
    for unit in units:
        moment = unit.changed or unit.created
        writer.writerow(
            (
                unit.prop(PROP_DOCUMENT, ""),
                unit.prop(PROP_PARAGRAPH, ""),
                unit.prop(PROP_SEGMENT, ""),
                unit.source,
                unit.targets.get(target_lang, ""),
                unit.prop(PROP_STATUS, ""),
                unit.prop(PROP_ORIGIN, ""),
                unit.changed_by or unit.author or "",
                moment.isoformat(timespec="seconds") if moment else "",
            )
        )
        count += 1
    return count
