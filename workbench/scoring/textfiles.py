"""Hypothesis and reference files: one segment per line, read the way sacrebleu reads them.

A line ends at LF only (a CR before it and other trailing whitespace are dropped, as
sacrebleu's `line.rstrip()` does); Unicode line separators inside a line stay part of it.
A UTF-8 byte-order mark is removed. Blank lines are segments too: an empty hypothesis
is a valid (zero-scoring) translation.
"""

from __future__ import annotations

import codecs
import os

from workbench.errors import InputError


def split_lines(text: str) -> list[str]:
    """Segments of a text, one per LF-terminated line (a final LF adds no empty segment)."""
    if not text:
        return []
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return [line.rstrip() for line in lines]


def decode_lines(data: bytes, name: str) -> list[str]:
    """Decode UTF-8 bytes (with or without BOM) into segments; bad bytes name their line."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"not valid UTF-8: byte 0x{data[exc.start]:02x} cannot be decoded "
            "(save the file as UTF-8)",
            path=name,
            line=line,
        ) from None
    return split_lines(text)


def read_lines(path: str | os.PathLike[str]) -> list[str]:
    """Read a hypothesis or reference file (see `decode_lines`)."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        raise InputError("no such file", path=name) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a text file", path=name) from None
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}", path=name) from None
    return decode_lines(data, name)


def check_same_length(
    hypotheses: list[str], hyp_name: str, references: list[str], ref_name: str
) -> None:
    """Refuse files that do not pair line by line, naming both and their counts."""
    if len(hypotheses) != len(references):
        raise InputError(
            f"has {len(hypotheses)} lines but the reference {ref_name} has "
            f"{len(references)}: hypothesis and reference must pair line by line",
            path=hyp_name,
        )
    if not references:
        raise InputError("is empty: nothing to score", path=ref_name)
