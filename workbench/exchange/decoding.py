"""Reading source documents: files from the command line and uploads in the app.

Documents are plain text in UTF-8. A UTF-8 byte-order mark is accepted and removed, and so is
UTF-16 or UTF-32 text that starts with its byte-order mark. Anything else that is not valid
UTF-8 is refused with an `InputError` that names the file and the line of the first bad byte,
and so is a document with nothing but whitespace in it. Line breaks and all other characters
are kept exactly as they are, because segment spans index the decoded text.

Size limits (`config.max_file_bytes`, `config.max_document_chars`) are checked before any
work: a file over the limit is refused from its size alone, without reading it.
"""

from __future__ import annotations

import codecs
import os

from workbench import config
from workbench.errors import InputError

__all__ = ["decode_as", "decode_document", "decode_text", "read_bytes", "read_document"]

# Longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)


def decode_document(data: bytes, name: str) -> str:
    """Decode the bytes of a document called `name` (a path or an upload's file name).

    Raises `InputError` if the bytes are not valid text in the accepted encodings, hold
    nothing but whitespace, or are over the size limits.
    """
    config.check_file_size(len(data), path=name)
    text = decode_text(data, name)
    if not text.replace("\ufeff", "").strip():
        raise InputError("the document is empty", path=name)
    config.check_document_chars(len(text), path=name)
    return text


def decode_text(data: bytes, name: str) -> str:
    """Decode like `decode_document`, but blank text is valid (e.g. lines of empty MT)."""
    body, encoding, label = data, "utf-8", "UTF-8"
    for bom, enc, lab in _BOMS:
        if data.startswith(bom):
            body, encoding, label = data[len(bom) :], enc, lab
            break
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        line = _line_of_byte(body, exc.start, encoding)
        raise InputError(
            f"not valid {label} text: byte 0x{body[exc.start]:02x} cannot be decoded "
            "(save the file as UTF-8)",
            path=name,
            line=line,
        ) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InputError(
            "contains NUL characters: this is not a plain text file "
            "(or it is UTF-16 without a byte-order mark; save it as UTF-8)",
            path=name,
            line=line,
        )
    return text


def decode_as(data: bytes, encoding: str, name: str, unknown: str = "unknown encoding") -> str:
    """Decode every byte in `encoding`, one the person chose or the file declared (never a
    guess applied on its own); `unknown` starts the line that refuses an unknown name."""
    try:
        codec = codecs.lookup(encoding)
    except LookupError:
        raise InputError(f"{unknown} {encoding!r}", path=name) from None
    try:
        return data.decode(codec.name)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not valid {encoding} text: byte 0x{data[exc.start]:02x} cannot be decoded",
            path=name,
            line=_line_of_byte(data, exc.start, codec.name),
        ) from None


def _line_of_byte(body: bytes, offset: int, encoding: str) -> int:
    """1-based line number of the byte at `offset` (counting LF line breaks before it)."""
    if encoding in ("utf-8", "utf_8"):
        return body.count(b"\n", 0, offset) + 1
    prefix = body[:offset].decode(encoding, errors="replace")
    return prefix.count("\n") + 1


def read_document(path: str | os.PathLike[str]) -> str:
    """Read the text document at `path` (see `decode_document` for what is accepted); a file
    over the size limit is refused before it is read."""
    name = os.fspath(path)
    try:
        size = os.stat(name).st_size
    except OSError:
        size = 0  # read_bytes says what is wrong
    config.check_file_size(size, path=name)
    return decode_document(read_bytes(path), name)


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a user's file; a missing or unreadable file is an `InputError`."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as fh:
            return fh.read()
    except FileNotFoundError:
        raise InputError("no such file", path=name) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a text file", path=name) from None
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}", path=name) from None
