"""Plain text and Markdown in and out, and a guessed encoding the user confirms.

A text document is one block: the decoded text itself, so segment spans index it directly
(`workbench.segment`) and the translation is the same text with each segment's span
replaced by its target: paragraphs, blank lines, line endings and Markdown markers
between sentences stay exactly where the source had them, and sentences with nothing
between them get the target language's joiner. The translation is written as UTF-8
(the only encoding every target script fits in).

Text is UTF-8 (or UTF-16/32 with a byte-order mark) unless the user names an encoding.
For a file that is neither, `guess_encoding` proposes one (charset-normalizer) with lines
that show what the text would read as; the user confirms it (`--encoding` on the CLI, a
choice in the app). A guess is never applied on its own.
"""

from __future__ import annotations

import codecs
from collections.abc import Sequence
from dataclasses import dataclass

from workbench.errors import InputError
from workbench.exchange.decoding import decode_as, decode_document
from workbench.exchange.document import Block, BlockKind, SourceDocument

MIME_TYPE = "text/plain"
MARKDOWN_MIME_TYPE = "text/markdown"
SAMPLE_LINES = 3  # lines with non-ASCII characters shown with a guess
# Among encodings that decode a file to the same text, the one to name (most widely used).
_PREFERRED = ("utf_8", "cp1252", "iso8859_15", "latin_1")


def decode_text_document(data: bytes, name: str, encoding: str | None = None) -> str:
    """The text of a document: UTF-8 or a byte-order mark by default, else `encoding`
    exactly as the user named it (every byte must decode)."""
    if encoding is None:
        return decode_document(data, name)
    text = decode_as(data, encoding, name)
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise InputError("the document is empty", path=name)
    return text


def read_text(
    data: bytes, name: str = "document.txt", encoding: str | None = None
) -> SourceDocument:
    """A text file as a document of one block (its whole text)."""
    text = decode_text_document(data, name, encoding)
    return SourceDocument("text", (Block(BlockKind.PARAGRAPH, text),))


def write_text(
    data: bytes,
    block_texts: Sequence[str],
    target_lang: str,
    name: str = "document.txt",
    encoding: str | None = None,
) -> bytes:
    """The translated text (`block_texts` has the one block of `read_text`), UTF-8."""
    del data, target_lang, name, encoding  # the block is the whole translated document
    if len(block_texts) != 1:
        raise ValueError(f"a text document is one block, got {len(block_texts)}")
    return block_texts[0].encode("utf-8")


@dataclass(frozen=True)
class EncodingGuess:
    encoding: str  # a Python codec name the user can pass back (`--encoding`)
    samples: tuple[tuple[int, str], ...]  # (line number, line) with non-ASCII characters

    def describe(self) -> str:
        shown = "; ".join(f"line {n}: {line.strip()[:60]!r}" for n, line in self.samples)
        return f"it reads as {self.encoding}" + (f" ({shown})" if shown else "")


def guess_encoding(data: bytes) -> EncodingGuess | None:
    """The most likely encoding of bytes that are not UTF-8, with sample lines, or None when
    nothing reads as text. Only a proposal: the caller asks the user."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    text = str(best)
    encoding = best.encoding
    for candidate in _PREFERRED:
        try:
            if data.decode(candidate) == text:
                encoding = candidate
                break
        except UnicodeDecodeError:
            continue
    samples = tuple(
        (number, line)
        for number, line in enumerate(text.splitlines(), start=1)
        if any(ord(ch) > 127 for ch in line)
    )[:SAMPLE_LINES]
    return EncodingGuess(codecs.lookup(encoding).name, samples)
