"""Exporting a stored document for CAT tools and spreadsheets: TMX, XLIFF 2, TSV, CSV.

The CLI's `workbench export` and the editor's download buttons both call
`export_document`; it streams units from the store into the format's writer.
"""

from __future__ import annotations

import enum
import io
from pathlib import Path
from typing import BinaryIO

from workbench.exchange.filenames import file_stem
from workbench.exchange.registry import export_formats, get_format
from workbench.exchange.units import NoteMaker
from workbench.store import Document, Store
from workbench.store.exports import ExportScope, document_units

__all__ = ["ExportFormat", "export_bytes", "export_document", "export_filename", "file_stem"]


class _ExportFormatBase(enum.StrEnum):
    """A registered document-export format (`workbench.exchange.registry`) by name."""

    @property
    def extension(self) -> str:
        return get_format(self.value).extension

    @property
    def mime(self) -> str:
        return get_format(self.value).mime

    @property
    def default_scope(self) -> ExportScope:
        """TMX feeds memories, so confirmed work only; the others carry every segment."""
        return ExportScope.CONFIRMED if self is ExportFormat.TMX else ExportScope.ALL


# One member per format the registry offers for documents: TMX, XLIFF, TSV, CSV, ...
ExportFormat = _ExportFormatBase(
    "ExportFormat", {fmt.name.upper(): fmt.name for fmt in export_formats()}
)


def export_filename(document: Document, target_lang: str, fmt: ExportFormat | str) -> str:
    """`pak-afghan-ties.en.ur.tmx` for the sample exported to Urdu TMX."""
    return f"{file_stem(document.name)}.{target_lang}{ExportFormat(fmt).extension}"


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
    return get_format(fmt.value).write(
        units,
        out,
        source_lang=document.source_lang,
        target_lang=target_lang,
        original=document.name,
    )


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
