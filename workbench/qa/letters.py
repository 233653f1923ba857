"""Letters from another orthography: Arabic ي ك ى ة, or another language's heh or yeh.

Keyboards and MT mix up look-alikes that render the same in many fonts but break search,
sorting and spell checking: Urdu writes ی ک ہ ۃ, Persian and Dari ی ک ه, Pashto ی ي ې ۍ ئ
ک ګ ه and its own ټ ډ ړ (never Urdu's ٹ ڈ ڑ). Pashto's ي is a letter of its own, so it is
never flagged in Pashto.
"""

from __future__ import annotations

from collections import Counter

from workbench.qa.registry import WARNING, QAFlag, flag, register
from workbench.qa.text import base_language, visible

LETTER_VARIANT = register(
    "letter-variant",
    "an Arabic or another language's look-alike letter where this language writes its own",
    WARNING,
    "letters",
)

_ARABIC_YEH, _ALEF_MAKSURA, _ARABIC_KAF = "\u064a", "\u0649", "\u0643"
_TEH_MARBUTA, _HEH, _HEH_GOAL, _TEH_MARBUTA_GOAL, _AE = (
    "\u0629",
    "\u0647",
    "\u06c1",
    "\u06c3",
    "\u06d5",
)

# Per language: wrong letter -> the letter the language writes.
_WRONG_LETTERS: dict[str, dict[str, str]] = {
    "ur": {
        _ARABIC_YEH: "\u06cc",
        _ALEF_MAKSURA: "\u06cc",
        _ARABIC_KAF: "\u06a9",
        _HEH: _HEH_GOAL,
        _AE: _HEH_GOAL,
        _TEH_MARBUTA: _TEH_MARBUTA_GOAL,
    },
    "fa": {
        _ARABIC_YEH: "\u06cc",
        _ALEF_MAKSURA: "\u06cc",
        _ARABIC_KAF: "\u06a9",
        _HEH_GOAL: _HEH,
        _AE: _HEH,
        _TEH_MARBUTA_GOAL: _TEH_MARBUTA,
        "\u06d2": "\u06cc",  # Urdu yeh barree
    },
    "ps": {
        _ALEF_MAKSURA: "\u06cc",
        _ARABIC_KAF: "\u06a9",
        _HEH_GOAL: _HEH,
        _AE: _HEH,
        _TEH_MARBUTA_GOAL: _HEH,
        "\u06d2": "\u06d0",  # Urdu yeh barree for Pashto ې
        "\u0679": "\u067c",  # Urdu ٹ for Pashto ټ
        "\u0688": "\u0689",  # Urdu ڈ for Pashto ډ
        "\u0691": "\u0693",  # Urdu ڑ for Pashto ړ
    },
}
_LABELS = {"ur": "Urdu", "fa": "Persian and Dari", "ps": "Pashto"}


def check_letters(target: str, tgt: str) -> list[QAFlag]:
    """One flag listing each wrong letter with its count and the letter to write instead."""
    lang = base_language(tgt)
    wrong = _WRONG_LETTERS.get(lang)
    if not wrong:
        return []
    found = Counter(ch for ch in visible(target) if ch in wrong)
    if not found:
        return []
    listed = ", ".join(
        f"{ch!r} (U+{ord(ch):04X}) ×{n} for {wrong[ch]!r} (U+{ord(wrong[ch]):04X})"
        for ch, n in found.most_common()
    )
    return [flag(LETTER_VARIANT, f"{_LABELS[lang]} letters: {listed}")]
