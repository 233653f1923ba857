"""Script-level text folding shared by glossary matching and QA.

Arabic-script text reaches us in several encodings of the same letters: Arabic yeh/kaf
keyed instead of Persian ones, heh variants, Eastern digits, ZWNJ or a space between the
letters of an abbreviation, diacritics, tatweel, bidi marks. Folding maps them to one form,
for comparison only; stored text is never folded.
"""

from __future__ import annotations

import re
import unicodedata

_ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"  # U+0660..0669
_PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"  # U+06F0..06F9 (Urdu, Dari, Pashto)

_FOLD_TABLE = str.maketrans(
    {
        **{d: str(i) for i, d in enumerate(_ARABIC_INDIC)},
        **{d: str(i) for i, d in enumerate(_PERSIAN_DIGITS)},
        "\u064a": "\u06cc",  # ARABIC YEH -> FARSI YEH
        "\u0649": "\u06cc",  # ALEF MAKSURA -> FARSI YEH
        "\u0643": "\u06a9",  # ARABIC KAF -> KEHEH
        "\u06c1": "\u0647",  # HEH GOAL (Urdu) -> HEH
        "\u06d5": "\u0647",  # AE -> HEH
        "\u06ab": "\u06af",  # Pashto KAF WITH RING -> GAF (both are keyed for Pashto g)
        "\u200c": " ",  # ZWNJ separates like a space
        "\u00a0": " ",
        "\u0640": None,  # tatweel
        "\u200d": None,  # ZWJ
        "\u200e": None,  # LRM
        "\u200f": None,  # RLM
        "\u061c": None,  # ALM
        **{chr(c): None for c in range(0x202A, 0x202F)},  # bidi embeddings
        **{chr(c): None for c in range(0x2066, 0x206A)},  # bidi isolates
    }
)
# Arabic diacritics (harakat, superscript alef, Quranic marks): not part of the spelling.
_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed]")
_SPACES = re.compile(r"\s+")


def fold_digits(text: str) -> str:
    """Eastern Arabic and Persian digits as ASCII digits (`١٦`, `۱۶` -> `16`)."""
    return text.translate(
        {
            ord(d): str(i)
            for digits in (_ARABIC_INDIC, _PERSIAN_DIGITS)
            for i, d in enumerate(digits)
        }
    )


def fold(text: str) -> str:
    """A comparison key: NFKC, one letter per Arabic-script letter variant, one space, casefold."""
    text = unicodedata.normalize("NFKC", text).translate(_FOLD_TABLE)
    text = _DIACRITICS.sub("", text)
    return _SPACES.sub(" ", text).strip().casefold()


def latin_share(text: str) -> float:
    """The share of letters in `text` that are Latin (0.0 when it has no letters)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    latin = sum(1 for ch in letters if "LATIN" in unicodedata.name(ch, ""))
    return latin / len(letters)
