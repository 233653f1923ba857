"""The document formats (text, Markdown, Word, HTML) and writing a translated document.

Each format reads a file's bytes into a `SourceDocument` (whose `text` is what is segmented
and stored) and writes a translation from the original bytes and each block's translated
text. `translated_document` is the one path from stored segments to the file a desk
delivers, whatever the format.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from workbench.errors import InputError
from workbench.exchange import docx, html, text
from workbench.exchange.document import (
    BLOCK_SEPARATOR,
    SegmentText,
    SourceDocument,
    block_targets,
)
from workbench.exchange.inline import strip_tags

Reader = Callable[..., SourceDocument]  # (data, name, encoding=None)
Writer = Callable[..., bytes]  # (data, block_texts, target_lang, name, encoding=None)


@dataclass(frozen=True)
class DocumentFormat:
    name: str  # what `--format` takes
    label: str
    extensions: tuple[str, ...]  # lower case, with the dot; the first is the default
    mime_type: str
    read: Reader
    write: Writer


TEXT = DocumentFormat(
    "text", "Plain text", (".txt",), text.MIME_TYPE, text.read_text, text.write_text
)
MARKDOWN = DocumentFormat(
    "markdown", "Markdown", (".md", ".markdown"), text.MARKDOWN_MIME_TYPE, text.read_text,
    text.write_text,
)  # fmt: skip
DOCX = DocumentFormat(
    "docx", "Word document", (".docx",), docx.MIME_TYPE, docx.read_docx, docx.write_docx
)
HTML = DocumentFormat(
    "html", "Web page (HTML)", (".html", ".htm"), html.MIME_TYPE, html.read_html, html.write_html
)
DOCUMENT_FORMATS: tuple[DocumentFormat, ...] = (TEXT, MARKDOWN, DOCX, HTML)


def document_format(name: str) -> DocumentFormat:
    """A format by its name (`docx`); `InputError` naming the known ones otherwise."""
    for fmt in DOCUMENT_FORMATS:
        if fmt.name == name.lower():
            return fmt
    known = ", ".join(f.name for f in DOCUMENT_FORMATS)
    raise InputError(f"unknown document format {name!r}; known: {known}")


def document_format_for(path: str) -> DocumentFormat:
    """The format a file name's extension says; `InputError` for any other extension."""
    extension = os.path.splitext(path)[1].lower()
    for fmt in DOCUMENT_FORMATS:
        if extension in fmt.extensions:
            return fmt
    known = ", ".join(e for f in DOCUMENT_FORMATS for e in f.extensions)
    raise InputError(f"cannot tell the document format from {extension or 'no extension'}; "
                     f"use one of {known}", path=path)  # fmt: skip


def translated_document(
    fmt: DocumentFormat,
    original: bytes,
    stored_text: str,
    segments: Sequence[SegmentText],
    target_lang: str,
    *,
    name: str,
    encoding: str | None = None,
    output: DocumentFormat | None = None,
) -> bytes:
    """The original file with each segment's text (its target, or what the caller chose
    for a segment without one) in place of its source.

    `stored_text` is the text the segments' spans index; if reading `original` again does
    not give it (the file or the reader changed since import), nothing is written. With
    `output` plain text or Markdown for a Word or HTML original, the translation is its
    blocks' text, one paragraph each, formatting left out; any other change of format is
    refused.
    """
    output = output or fmt
    to_plain = output in (TEXT, MARKDOWN) and fmt not in (TEXT, MARKDOWN)
    if output is not fmt and not to_plain and {output, fmt} != {TEXT, MARKDOWN}:
        kept = "text" if fmt in (TEXT, MARKDOWN) else f"a {fmt.label} or as plain text"
        raise InputError(f"this {fmt.label} is written as {kept}, not as {output.label}", path=name)
    document = fmt.read(original, name, encoding)
    if document.text != stored_text:
        raise InputError(
            "the stored original file no longer reads as the stored document text; "
            "import the file again",
            path=name,
        )
    blocks = block_targets(document, segments, target_lang)
    if to_plain:
        return (BLOCK_SEPARATOR.join(strip_tags(b) for b in blocks) + "\n").encode("utf-8")
    return fmt.write(original, blocks, target_lang, name, encoding)
