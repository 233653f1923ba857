"""Zero-width non-joiner: where Persian/Dari needs one, and where one is stray.

Dari and Persian attach the verbal prefix می/نمی and the plural ها/های to their word with a
ZWNJ (می‌گوید, کشورها or کشور‌ها); a space splits the word for search, line breaking and
spell checking. Written solid (میگوید) is an accepted Afghan spelling and passes. A ZWNJ next
to a space, at either end of the text or doubled joins or separates nothing: stray, in any
language.
"""

from __future__ import annotations

import re

from workbench.qa.registry import WARNING, QAFlag, flag, register
from workbench.qa.text import ZWNJ, base_language, visible

ZWNJ_MISSING = register(
    "zwnj-missing",
    "a space where Persian/Dari needs a zero-width non-joiner (the می prefix, the ها suffix)",
    WARNING,
    "zwnj",
)
ZWNJ_STRAY = register(
    "zwnj-stray", "a zero-width non-joiner next to a space, doubled, or at an end", WARNING, "zwnj"
)

_LETTER = r"[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff]"
# می/نمی standing alone before a verb (not "ماه می", the month of May).
_PREFIX = re.compile(rf"(?<!{_LETTER})(?<!ماه )(ن?می) (?={_LETTER})")
_SUFFIX = re.compile(rf"(?<={_LETTER}) (ها(?:ی|یی|یم|یت|یش|یمان|یتان|یشان)?)(?!{_LETTER})")
_STRAY = re.compile(rf"\s{ZWNJ}|{ZWNJ}\s|^{ZWNJ}|{ZWNJ}$|{ZWNJ}{ZWNJ}")


def check_zwnj(target: str, tgt: str) -> list[QAFlag]:
    text = visible(target, keep_zwnj=True)
    flags = []
    if base_language(tgt) == "fa":
        matches = [*_PREFIX.finditer(text), *_SUFFIX.finditer(text)]
        spaced = [repr(_whole_words(text, m.start(), m.end())) for m in matches]
        if spaced:
            flags.append(
                flag(
                    ZWNJ_MISSING,
                    "a space where a zero-width non-joiner belongs: " + ", ".join(spaced),
                )
            )
    stray = len(_STRAY.findall(text))
    if stray:
        flags.append(
            flag(ZWNJ_STRAY, f"{stray} zero-width non-joiner(s) next to a space or doubled")
        )
    return flags


def _whole_words(text: str, start: int, end: int) -> str:
    """text[start:end] widened to whole words, for the message."""
    while start > 0 and text[start - 1] != " ":
        start -= 1
    while end < len(text) and text[end] != " ":
        end += 1
    return text[start:end].strip()
