"""File names for exported files, shared by document and alignment exports."""

from __future__ import annotations

import re


def file_stem(name: str, default: str = "document") -> str:
    """A document name as the start of a file name: no `.txt`, nothing a file system minds."""
    stem = re.sub(r"\.(txt|md)$", "", name, flags=re.IGNORECASE)
    return re.sub(r"[^\w.\-]+", "_", stem).strip("._") or default
