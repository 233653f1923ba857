"""What a word is, for counting: the rule analysis and progress figures are paid by.

One rule for every language the workbench handles, written down in docs/analysis.md and
tested on hand-counted text (tests/test_analysis.py):

- A word is a run of letters, digits and combining marks. Punctuation, symbols and spaces
  separate words and are not counted.
- English (Latin script): an apostrophe or a hyphen between letters joins
  (`Pakistan's`, `cross-border`, `don't` are one word each), as in Trados and memoQ.
- A number is one word with its separators and sign (`2,000`, `16.5`, `30%`, `۲٬۰۰۰`,
  `۳۰٪`, `2024/25`, `2024-25`, `-5`). Initials with dots are one word (`U.S.`).
- Urdu, Dari, Pashto (Arabic script): spaces separate words; a zero-width non-joiner
  (U+200C) or joiner does not (`می‌شود` is one word, as a reader sees it), nor do diacritics
  or tatweel. Urdu words written with a space inside (`کے لیے`) are two words, as every CAT
  tool counts them.
- Bidi marks and other format characters are neither words nor separators' evidence: they
  are dropped before counting.
"""

from __future__ import annotations

import re

_FORMAT = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff]")
_MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c\u200d"
_LETTERS = rf"[^\W\d_]|[{_MARKS}]"  # a letter, or a mark/joiner inside a word
_NUMBER = r"(?<!\w)[+\-−]?\d+(?:[.,٫٬:/\-–]\d+)*[%٪]?"
_INITIALS = r"(?:[^\W\d_]\.){2,}"  # U.S., e.g.
_WORD = re.compile(
    rf"{_INITIALS}|{_NUMBER}|(?:{_LETTERS}|\d)+(?:['’\-](?:{_LETTERS}|\d)+)*",
)


def words(text: str) -> list[str]:
    """The words of `text` by the rule above (for showing what was counted)."""
    return _WORD.findall(_FORMAT.sub("", text))


def count_words(text: str) -> int:
    """How many words `text` has by the rule above."""
    return len(words(text))
