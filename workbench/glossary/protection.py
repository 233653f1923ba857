"""Carrying glossary terms through MT: mask each occurrence, put the approved form back.

Each term occurrence in a source sentence becomes one private-use character (U+E000 on).
SentencePiece has never seen such a character, so it reaches CTranslate2 as `<unk>`, and
with `replace_unknowns=True` every `<unk>` the model emits is replaced by the source token it
attends to most: the placeholder itself. After MT each placeholder found in the output is
replaced by the approved rendering of its own occurrence (short for short, full for full).

A placeholder the model dropped is *lost*: nothing is inserted at a guessed position; the
occurrence is reported so QA flags the segment (`glossary-missing`). Placeholders the
model repeats are all restored; stray private-use characters are removed, so no placeholder
ever reaches an editor. The top of the private use area (U+F000 on) is left alone: those
are a Word or HTML source's formatting tags, which the stored texts keep.
bench/glossary_survival.py measures how often placeholders survive.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from workbench.exchange.inline import TAG_FIRST
from workbench.glossary.matching import TermHit

PLACEHOLDER_FIRST = 0xE000  # the Basic Multilingual Plane's private use area, up to where
PLACEHOLDER_LAST = TAG_FIRST - 1  # inline formatting placeholders begin (exchange.inline)
_PLACEHOLDER = re.compile(f"[{chr(PLACEHOLDER_FIRST)}-{chr(PLACEHOLDER_LAST)}]")
_MULTIPLE_SPACES = re.compile(r" {2,}")


def _is_placeholder(ch: str) -> bool:
    return PLACEHOLDER_FIRST <= ord(ch) <= PLACEHOLDER_LAST


@dataclass(frozen=True)
class ProtectedSource:
    """A source sentence with its term occurrences masked, and which mask is which."""

    original: str
    text: str  # what the engine translates
    slots: tuple[tuple[str, TermHit], ...]  # (placeholder character, occurrence)


@dataclass(frozen=True)
class Restoration:
    """MT output with approved renderings restored, and what happened to each occurrence."""

    text: str
    enforced: tuple[TermHit, ...]  # placeholder came back: approved form is in the text
    lost: tuple[TermHit, ...]  # placeholder dropped by the model: QA must flag these


def protect(source: str, hits: Sequence[TermHit]) -> ProtectedSource:
    """Mask each hit with its own placeholder (characters already in `source` are skipped)."""
    taken = {ch for ch in source if _is_placeholder(ch)}
    free = (chr(c) for c in range(PLACEHOLDER_FIRST, PLACEHOLDER_LAST + 1) if chr(c) not in taken)
    pieces: list[str] = []
    slots: list[tuple[str, TermHit]] = []
    pos = 0
    for hit in sorted(hits, key=lambda h: h.start):
        if hit.start < pos:
            raise ValueError(f"overlapping term occurrences at {hit.start}")
        placeholder = next(free)
        pieces += [source[pos : hit.start], placeholder]
        slots.append((placeholder, hit))
        pos = hit.end
    pieces.append(source[pos:])
    return ProtectedSource(source, "".join(pieces), tuple(slots))


def restore(mt_text: str, protected: ProtectedSource, tgt: str) -> Restoration:
    """Replace each placeholder in MT output by the approved `tgt` form of its occurrence."""
    renderings = {ph: (hit.rendering(tgt) or hit.text) for ph, hit in protected.slots}

    def substitute(match: re.Match[str]) -> str:
        rendering = renderings.get(match.group(0))
        if rendering is None:
            return ""  # a private-use character that is not ours: never show it
        # A restored term is a word of its own, even where the model glued it to one.
        before = mt_text[match.start() - 1] if match.start() else ""
        after = mt_text[match.end()] if match.end() < len(mt_text) else ""
        lead = " " if before.isalnum() or (before and _is_placeholder(before)) else ""
        trail = " " if after.isalnum() else ""
        return f"{lead}{rendering}{trail}"

    text = _MULTIPLE_SPACES.sub(" ", _PLACEHOLDER.sub(substitute, mt_text)).strip()
    enforced = tuple(hit for ph, hit in protected.slots if ph in mt_text)
    lost = tuple(hit for ph, hit in protected.slots if ph not in mt_text)
    return Restoration(text, enforced, lost)
