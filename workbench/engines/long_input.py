"""Cut a sentence that is longer than a model can take into parts it can, at clause ends.

A model's position table bounds how many tokens it can read. A segment longer than that (a
pasted table, a transcript without punctuation) is cut where a reader would pause: after
``; :`` first, then after commas, then around dashes, and only then between words; a
"word" longer than the limit (no spaces at all) is cut by characters. Parts are packed
greedily up to the limit, so a long sentence becomes as few parts as possible.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Strongest clause boundary first; each pattern matches the text a part may end with.
_BOUNDARIES = (
    re.compile(r"[;:؛]\s+"),
    re.compile(r"[,،]\s+"),
    re.compile(r"\s[–—-]+\s+"),
    re.compile(r"\s+"),
)


def split_to_fit(text: str, count_tokens: Callable[[str], int], budget: int) -> list[str]:
    """`text` cut into parts of at most `budget` tokens each (as `count_tokens` counts them).

    Joining the parts with single spaces gives `text` back up to whitespace.
    """
    if budget < 1:
        raise ValueError("budget must be at least 1 token")
    text = text.strip()
    if count_tokens(text) <= budget:
        return [text]
    return _split(text, count_tokens, budget, 0)


def _split(text: str, count: Callable[[str], int], budget: int, level: int) -> list[str]:
    for depth in range(level, len(_BOUNDARIES)):
        pieces = _cut_after(text, _BOUNDARIES[depth])
        if len(pieces) > 1:
            return _pack(pieces, count, budget, depth)
    return _cut_characters(text, count, budget)


def _cut_after(text: str, boundary: re.Pattern[str]) -> list[str]:
    pieces, start = [], 0
    for m in boundary.finditer(text):
        if m.start() > start:
            pieces.append(text[start : m.end()])
            start = m.end()
    if start < len(text):
        pieces.append(text[start:])
    return pieces


def _pack(pieces: list[str], count: Callable[[str], int], budget: int, depth: int) -> list[str]:
    """Greedy packing by the pieces' token counts (SentencePiece and BPE counts add up across
    a space); a packed part that still does not fit is cut at a weaker boundary."""
    parts: list[str] = []
    current, used = "", 0
    for piece in pieces:
        size = count(piece)
        if current and used + size > budget:
            parts.append(current)
            current, used = "", 0
        current += piece
        used += size
    if current:
        parts.append(current)
    result: list[str] = []
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if count(part) <= budget:
            result.append(part)
        else:
            result.extend(_split(part, count, budget, depth + 1))
    return result


def _cut_characters(text: str, count: Callable[[str], int], budget: int) -> list[str]:
    size = max(1, len(text) * budget // max(count(text), 1))
    parts: list[str] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        while end - start > 1 and count(text[start:end]) > budget:
            end = start + (end - start) // 2
        parts.append(text[start:end])
        start = end
    return parts
