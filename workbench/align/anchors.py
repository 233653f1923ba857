"""Anchors: things in a sentence that must reappear in its translation.

Numbers (Western, Arabic-Indic ٠-٩ and Persian/Urdu ۰-۹ digits are the same number), terms of
the house glossary (by concept id, through a `TermFinder`), Latin-script names a translator left
as they were (`TTP`, `APTTA` inside Urdu text) and question marks (`?` / `؟`). An anchor shared
by a source and a target sentence is evidence that they translate each other; how much evidence
depends on how rare the anchor is in the documents.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

# (sentence, workbench language code) -> ids of the glossary concepts the sentence mentions.
# The glossary provides one; any callable with this shape plugs in.
TermFinder = Callable[[str, str], Iterable[str]]

# Probability that a translation keeps an anchor of its source sentence: an anchor is a strong
# but not certain signal (numbers get spelled out, names transliterated).
_P_KEPT = 0.7
_MIN_BONUS, _MAX_BONUS = 0.5, 6.0

_DIGITS = str.maketrans(
    "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬",
    "01234567890123456789.,",
)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_THOUSANDS = re.compile(r"^\d{1,3}(?:,\d{3})+$")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’-]*[A-Za-z0-9]|[A-Za-z]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")


def numbers(text: str) -> set[str]:
    """Numbers in `text`, normalised: `2,000`, `۲٬۰۰۰` and `٢٠٠٠` are all `2000`."""
    found = set()
    for match in _NUMBER.finditer(text.translate(_DIGITS)):
        token = match.group()
        if _THOUSANDS.match(token):
            token = token.replace(",", "")
        for part in token.split(","):  # "2,3" is a list, not a number
            whole, _, fraction = part.partition(".")
            whole = whole.lstrip("0") or "0"
            fraction = fraction.rstrip("0")
            found.add(f"{whole}.{fraction}" if fraction else whole)
    return found


def latin_words(text: str) -> set[str]:
    """Latin-script words of `text`, lowercased (for names left untranslated)."""
    return {w.lower() for w in _LATIN_WORD.findall(text)}


def is_question(text: str) -> bool:
    return "?" in text or "؟" in text


def _uses_arabic_script(sentences: Sequence[str]) -> bool:
    """Whether a text is mostly in Arabic script (Urdu, Dari, Pashto), by its letters."""
    sample = " ".join(sentences[:200])
    return len(_ARABIC_LETTER.findall(sample)) > len(_LATIN_LETTER.findall(sample))


@dataclass(frozen=True)
class Anchors:
    """Anchor ids per sentence on each side, and the evidence (in nats) a shared one gives."""

    source: tuple[frozenset[str], ...]
    target: tuple[frozenset[str], ...]
    bonus: dict[str, float]

    def weight(self, anchors: frozenset[str]) -> float:
        return sum(self.bonus[a] for a in anchors)


def find_anchors(
    source: Sequence[str],
    target: Sequence[str],
    src: str,
    tgt: str,
    term_finder: TermFinder | None = None,
) -> Anchors:
    """Anchors of every sentence; only those that occur on both sides of the documents count."""
    src_sets = [_sentence_anchors(s, src, term_finder) for s in source]
    tgt_sets = [_sentence_anchors(t, tgt, term_finder) for t in target]
    src_arabic, tgt_arabic = _uses_arabic_script(source), _uses_arabic_script(target)
    if src_arabic != tgt_arabic:  # names left in Latin script on the Arabic-script side
        latin_side, arabic_side = (target, source) if src_arabic else (source, target)
        kept = [latin_words(s) for s in arabic_side]
        vocabulary = set().union(*kept)
        offered = [latin_words(s) & vocabulary for s in latin_side]
        src_latin, tgt_latin = (kept, offered) if src_arabic else (offered, kept)
        for sets, words in ((src_sets, src_latin), (tgt_sets, tgt_latin)):
            for anchors, found in zip(sets, words, strict=True):
                anchors.update(f"name:{w}" for w in found)
    src_counts, tgt_counts = _document_frequency(src_sets), _document_frequency(tgt_sets)
    bonus = {}
    for anchor in src_counts.keys() & tgt_counts.keys():
        frequency = max(src_counts[anchor] / len(source), tgt_counts[anchor] / len(target))
        frequency = min(max(frequency, 1 / max(len(source), len(target))), 0.95)
        log_odds = math.log(_P_KEPT / frequency) + math.log((1 - frequency) / (1 - _P_KEPT))
        bonus[anchor] = min(max(log_odds, _MIN_BONUS), _MAX_BONUS)
    return Anchors(
        source=tuple(frozenset(a for a in s if a in bonus) for s in src_sets),
        target=tuple(frozenset(a for a in t if a in bonus) for t in tgt_sets),
        bonus=bonus,
    )


def _sentence_anchors(text: str, lang: str, term_finder: TermFinder | None) -> set[str]:
    anchors = {f"num:{n}" for n in numbers(text)}
    if is_question(text):
        anchors.add("punct:?")
    if term_finder is not None:
        anchors.update(f"term:{concept}" for concept in term_finder(text, lang))
    return anchors


def _document_frequency(sets: Iterable[Iterable[str]]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for anchors in sets:
        for anchor in anchors:
            counts[anchor] += 1
    return counts
