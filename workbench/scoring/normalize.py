"""Text normalization before scoring: only what would otherwise count as a false edit.

An MT engine, an editor's keyboard and a reference from elsewhere often write the same
Arabic-script word with different code points that look alike or identical on screen: an
invisible bidi control mark, Arabic Yeh `ي` for Farsi Yeh `ی`, Arabic Kaf `ك` for Keheh `ک`,
Persian digits `۲۰۲۴` for `2024`. Scored raw, each of these is a wrong word. Everything
else (spelling, spacing, the zero-width non-joiner U+200C inside Dari and Urdu words,
diacritics) is kept: those are real differences an editor made on purpose.

Each step has a short name; a `Normalization` is an ordered tuple of steps, and its `tag`
and `description` travel with every score so a number can be reproduced.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

# Invisible bidi controls: LRM, RLM, ALM, the embeddings/overrides and the isolates. They
# change how text is displayed, never what it says.
BIDI_CONTROLS = (
    "\u200e\u200f\u061c"  # LRM, RLM, ARABIC LETTER MARK
    "\u202a\u202b\u202c\u202d\u202e"  # LRE, RLE, PDF, LRO, RLO
    "\u2066\u2067\u2068\u2069"  # LRI, RLI, FSI, PDI
)
_STRIP_BIDI = str.maketrans(dict.fromkeys(BIDI_CONTROLS))

# Arabic Yeh and Alef Maksura are the Arabic-language forms of the one Urdu/Persian letter
# Farsi Yeh U+06CC. Not for Pashto, where ي U+064A and ی U+06CC are different letters.
_YEH = str.maketrans({"\u064a": "\u06cc", "\u0649": "\u06cc"})
# Arabic Kaf is the Arabic-language form of Keheh U+06A9, the kaf of Urdu, Persian, Pashto.
_KAF = str.maketrans({"\u0643": "\u06a9"})
# Arabic-Indic (U+0660..) and Extended Arabic-Indic/Persian/Urdu (U+06F0..) digits to ASCII,
# with the Arabic decimal and thousands separators that go with them.
_DIGITS = str.maketrans(
    {chr(0x0660 + d): str(d) for d in range(10)}
    | {chr(0x06F0 + d): str(d) for d in range(10)}
    | {"\u066b": ".", "\u066c": ","}
)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# name -> (function, what it does). Descriptions name code points, not Arabic letters, so
# they read the same in any bidi context (a CLI line, a caption).
STEPS: dict[str, tuple[Callable[[str], str], str]] = {
    "nfc": (_nfc, "Unicode NFC"),
    "bidi": (lambda t: t.translate(_STRIP_BIDI), "bidi control marks removed"),
    "yeh": (
        lambda t: t.translate(_YEH),
        "Arabic Yeh and Alef Maksura → Farsi Yeh (U+064A, U+0649 → U+06CC)",
    ),
    "kaf": (lambda t: t.translate(_KAF), "Arabic Kaf → Keheh (U+0643 → U+06A9)"),
    "digits": (
        lambda t: t.translate(_DIGITS),
        "Arabic-Indic and Persian digits → 0-9 (U+0660–U+0669, U+06F0–U+06F9)",
    ),
}


@dataclass(frozen=True)
class Normalization:
    """An ordered set of steps from `STEPS`, applied to hypotheses and references alike."""

    steps: tuple[str, ...]

    def __post_init__(self) -> None:
        unknown = [s for s in self.steps if s not in STEPS]
        if unknown:
            raise ValueError(f"unknown normalization steps: {unknown}")

    def __call__(self, text: str) -> str:
        for step in self.steps:
            text = STEPS[step][0](text)
        return text

    @property
    def tag(self) -> str:
        """Compact form for signatures and JSON, e.g. `nfc+bidi+yeh+kaf+digits`."""
        return "+".join(self.steps) if self.steps else "none"

    @property
    def description(self) -> str:
        return "; ".join(STEPS[s][1] for s in self.steps) if self.steps else "none"


NO_NORMALIZATION = Normalization(())
