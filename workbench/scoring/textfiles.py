"""Hypothesis and reference files: one segment per line, read the way sacrebleu reads them.

A line ends at LF only (a CR before it and other trailing whitespace are dropped, as
sacrebleu's `line.rstrip()` does); Unicode line separators inside a line stay part of it.
Encodings are those of `workbench.documents` (UTF-8, or UTF-16/32 with a byte-order mark).
Blank lines are segments too: an empty hypothesis is a valid (zero-scoring) translation.
"""

from __future__ import annotations

import os

from workbench.documents import decode_text, read_bytes
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
    """Decode a file's bytes into segments; bad bytes are an `InputError` naming the line."""
    return split_lines(decode_text(data, name))


def read_lines(path: str | os.PathLike[str]) -> list[str]:
    """Read a hypothesis or reference file (see `decode_lines`)."""
    return decode_lines(read_bytes(path), os.fspath(path))


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
