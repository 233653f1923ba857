"""Exporting a stored document for CAT tools and spreadsheets: TMX, XLIFF 2, TSV, CSV.

The CLI's `workbench export` and the editor's download buttons both call
`export_document`; it streams units from the store into the format's writer.
"""

from __future__ import annotations

import enum
import io
import re
from pathlib import Path
from typing import BinaryIO

from workbench.store import Document, Store
from workbench.store.exports import ExportScope, document_units
from workbench.tabular import write_table
from workbench.tmx import write_tmx
from workbench.units import NoteMaker
from workbench.xliff import write_xliff


class ExportFormat(enum.StrEnum):
    TMX = "tmx"
    XLIFF = "xliff"
    TSV = "tsv"
    CSV = "csv"

    @property
    def extension(self) -> str:
        return {"tmx": ".tmx", "xliff": ".xlf", "tsv": ".tsv", "csv": ".csv"}[self.value]

    @property
    def mime(self) -> str:
        return {
            "tmx": "application/x-tmx+xml",
            "xliff": "application/xliff+xml",
            "tsv": "text/tab-separated-values",
            "csv": "text/csv",
        }[self.value]

    @property
    def default_scope(self) -> ExportScope:
        """TMX feeds memories, so confirmed work only; the others carry every segment."""
        return ExportScope.CONFIRMED if self is ExportFormat.TMX else ExportScope.ALL


def export_filename(document: Document, target_lang: str, fmt: ExportFormat | str) -> str:
    """`pak-afghan-ties.en.ur.tmx` for the sample exported to Urdu TMX."""
    return f"{file_stem(document.name)}.{target_lang}{ExportFormat(fmt).extension}"


def file_stem(name: str, default: str = "document") -> str:
    """A document name as the start of a file name: no `.txt`, nothing a file system minds."""
    stem = re.sub(r"\.(txt|md)$", "", name, flags=re.IGNORECASE)
    return re.sub(r"[^\w.\-]+", "_", stem).strip("._") or default


def export_document(
    store: Store,
    document: Document,
    target_lang: str,
    fmt: ExportFormat | str,
    out: str | Path | BinaryIO,
    scope: ExportScope | str | None = None,
    notes: NoteMaker | None = None,
) -> int:
    """Write the document's `target` in `fmt` to a path or binary file; returns units written.

    TMX takes confirmed segments by default (`scope` "translated" takes every segment with
    a target); a TMX never holds a segment without a target. `notes` (see
    `workbench.qa.qa_notes`) become each TMX unit's `<note>`s.
    """
    fmt = ExportFormat(fmt)
    scope = ExportScope(scope) if scope is not None else fmt.default_scope
    if fmt is ExportFormat.TMX and scope is ExportScope.ALL:
        scope = ExportScope.TRANSLATED
    units = document_units(
        store,
        document,
        target_lang,
        scope,
        with_revision_ids=fmt is ExportFormat.XLIFF,
        notes=notes if fmt is ExportFormat.TMX else None,
    )
    if fmt is ExportFormat.TMX:
        return write_tmx(units, out, srclang=document.source_lang)
    if fmt is ExportFormat.XLIFF:
        return write_xliff(
            units, out, srclang=document.source_lang, trglang=target_lang, original=document.name
        )
    delimiter = "\t" if fmt is ExportFormat.TSV else ","
    return write_table(units, out, target_lang=target_lang, delimiter=delimiter)


def export_bytes(
    store: Store,
    document: Document,
    target_lang: str,
    fmt: ExportFormat | str,
    scope: ExportScope | str | None = None,
    notes: NoteMaker | None = None,
) -> bytes:
    """The export as bytes, for a download button."""
    out = io.BytesIO()
    export_document(store, document, target_lang, fmt, out, scope, notes)
    return out.getvalue()
