"""What a reader sees of a text: format characters never decide a check.

Real translations carry invisible marks: a Pashto sentence ending ".\u200e" (LRM), RLM/ALM
around numbers, bidi embeddings and isolates around Latin names, ZWJ, a BOM. They change
nothing a reader sees, so every check reads `visible(text)`; the ZWNJ checks, where the
non-joiner is the subject, read `visible(text, keep_zwnj=True)`.
"""

from __future__ import annotations

import re
from functools import lru_cache

ZWNJ = "\u200c"
_SPACES = re.compile(r"\s+")
# Unicode's format characters (category Cf), as ranges: a regex is ~20x faster than asking
# unicodedata per character (tests/qa/test_format_marks.py checks it against unicodedata).
FORMAT_RANGES: tuple[tuple[int, int], ...] = (
    (0x00AD, 0x00AD), (0x0600, 0x0605), (0x061C, 0x061C), (0x06DD, 0x06DD),
    (0x070F, 0x070F), (0x0890, 0x0891), (0x08E2, 0x08E2), (0x180E, 0x180E),
    (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x2064), (0x2066, 0x206F),
    (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0x110BD, 0x110BD), (0x110CD, 0x110CD),
    (0x13430, 0x13438), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
)  # fmt: skip


def _format_class(keep: str = "") -> re.Pattern[str]:
    parts = []
    for low, high in FORMAT_RANGES:
        for start, end in _without(low, high, {ord(ch) for ch in keep}):
            parts.append(re.escape(chr(start)) + ("-" + re.escape(chr(end)) if end > start else ""))
    return re.compile("[" + "".join(parts) + "]+")


def _without(low: int, high: int, kept: set[int]) -> list[tuple[int, int]]:
    """The range low..high split around the code points in `kept`."""
    spans, start = [], low
    for cp in sorted(c for c in kept if low <= c <= high):
        if cp > start:
            spans.append((start, cp - 1))
        start = cp + 1
    if start <= high:
        spans.append((start, high))
    return spans


_FORMAT = _format_class()
_FORMAT_BUT_ZWNJ = _format_class(keep=ZWNJ)


@lru_cache(maxsize=4096)  # every check reads the same segment's visible text
def visible(text: str, keep_zwnj: bool = False) -> str:
    """`text` without format characters (Unicode category Cf: LRM, RLM, ALM, U+202A-202E,
    U+2066-2069, ZWJ, BOM, soft hyphen, and ZWNJ unless `keep_zwnj`)."""
    return (_FORMAT_BUT_ZWNJ if keep_zwnj else _FORMAT).sub("", text)


def visible_length(text: str) -> int:
    """Characters a reader sees, runs of spaces counted once (ZWNJ counts as nothing)."""
    return len(_SPACES.sub(" ", visible(text)).strip())


def base_language(tgt: str) -> str:
    """`fa-AF` -> `fa`: Dari follows Persian orthography in every check here."""
    return tgt.split("-")[0].lower()
