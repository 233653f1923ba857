"""What a reader sees of a text: format characters never decide a check.

Real translations carry invisible marks: a Pashto sentence ending ".\u200e" (LRM), RLM/ALM
around numbers, bidi embeddings and isolates around Latin names, ZWJ, a BOM. They change
nothing a reader sees, so every check reads `visible(text)`; the ZWNJ checks, where the
non-joiner is the subject, read `visible(text, keep_zwnj=True)`.
"""

from __future__ import annotations

import re
import unicodedata

ZWNJ = "\u200c"
_SPACES = re.compile(r"\s+")


def visible(text: str, keep_zwnj: bool = False) -> str:
    """`text` without format characters (Unicode category Cf: LRM, RLM, ALM, U+202A-202E,
    U+2066-2069, ZWJ, BOM, soft hyphen, and ZWNJ unless `keep_zwnj`)."""
    return "".join(
        ch for ch in text if unicodedata.category(ch) != "Cf" or (keep_zwnj and ch == ZWNJ)
    )


def visible_length(text: str) -> int:
    """Characters a reader sees, runs of spaces counted once (ZWNJ counts as nothing)."""
    return len(_SPACES.sub(" ", visible(text)).strip())


def base_language(tgt: str) -> str:
    """`fa-AF` -> `fa`: Dari follows Persian orthography in every check here."""
    return tgt.split("-")[0].lower()
