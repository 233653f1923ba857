"""Which tokenizer and which normalization each target language is scored with.

Evidence for the choice (sacrebleu 2.6.0, reproduced in tests/scoring/test_profiles.py and
docs/scoring.md):

- `13a` (sacrebleu's default, mteval-v13a) splits only ASCII punctuation: the Urdu full stop
  `۔`, the Arabic comma `،` and question mark `؟` stay glued to the word before them, so
  `ہوا۔` and `ہوا` are two different words and every sentence end costs a unigram.
- `intl` (mteval-v14 international) splits every Unicode punctuation `\\p{P}` and symbol
  `\\p{S}`, so `۔ ، ؟ ؛` become tokens of their own, while keeping number separators between
  digits (`۱۲٫۵`, `3,000`) and letters such as hamza `ء` inside words.
- `char` splits every character: BLEU becomes a character 4-gram metric (what chrF already
  measures, better) and is no longer comparable with word-level BLEU anywhere.
- `flores200`/`spm` download their SentencePiece model on first use; the workbench runs
  offline, and a score that depends on a downloaded file is not reproducible here.

Urdu, Dari, Persian and Pashto separate words with spaces, so `intl` is the right word
tokenizer for them; English keeps `13a`, the setting of published English BLEU.

TER (sacrebleu's tercom port) has no tokenizer for Arabic script at all: it splits on
spaces only, so `ہوا۔` → `ہوا تھا۔` counts two edits instead of one insertion. For
Arabic-script targets TER therefore reads text tokenized with `intl` first; English TER stays
sacrebleu's default.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.languages import get_language
from workbench.scoring.normalize import Normalization


@dataclass(frozen=True)
class ScoringProfile:
    language: str  # workbench code
    bleu_tokenizer: str  # sacrebleu tokenizer name for BLEU
    ter_pretokenizer: str | None  # sacrebleu tokenizer applied before TER, None: as sacrebleu
    normalization: Normalization


_ARABIC_SCRIPT = Normalization(("nfc", "bidi", "yeh", "kaf", "digits"))
# Pashto writes ي U+064A and ی U+06CC as two letters of its alphabet: never merge them.
_PASHTO = Normalization(("nfc", "bidi", "kaf", "digits"))
_LATIN = Normalization(("nfc", "bidi"))

PROFILES: dict[str, ScoringProfile] = {
    "en": ScoringProfile("en", "13a", None, _LATIN),
    "ur": ScoringProfile("ur", "intl", "intl", _ARABIC_SCRIPT),
    "fa-AF": ScoringProfile("fa-AF", "intl", "intl", _ARABIC_SCRIPT),
    "fa": ScoringProfile("fa", "intl", "intl", _ARABIC_SCRIPT),
    "ps": ScoringProfile("ps", "intl", "intl", _PASHTO),
}


def profile_for(target: str) -> ScoringProfile:
    """The profile of a target language (workbench code, case-insensitive)."""
    return PROFILES[get_language(target).code]
