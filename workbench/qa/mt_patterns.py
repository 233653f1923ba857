"""How machine translation fails in ways a translator does not: copied source, decoder
loops, English words left in a right-to-left target.

A human keeps names, acronyms (TTP, UNHCR, COVID-19), handles and glossary terms in Latin
script; lowercase English words ("said", "the") in an Urdu, Dari or Pashto sentence are
untranslated text. A decoder loop repeats a word three times or a phrase back to back
("کے لیے کے لیے"); one doubled word is ordinary reduplication (بار بار, آهسته آهسته,
ورو ورو) and passes.
"""

from __future__ import annotations

import re

from workbench.glossary.model import Glossary
from workbench.languages import get_language
from workbench.qa.glossary import glossary_words
from workbench.qa.registry import ERROR, WARNING, QAFlag, flag, register
from workbench.qa.text import visible
from workbench.script import fold, latin_share

UNTRANSLATED = register(
    "untranslated", "the target is the source again, or mostly Latin script", ERROR, "mt"
)
REPETITION = register(
    "repetition", "a word or phrase repeated back to back, as a decoder loop does", WARNING, "mt"
)
LATIN_RESIDUE = register(
    "latin-residue",
    "Latin-script words in the target that are not names, acronyms or glossary terms",
    WARNING,
    "mt",
)

LATIN_SHARE_LIMIT = 0.5
MAX_PHRASE = 6  # longest phrase (in words) looked for as a loop
# English words a translation never keeps, capitalised or not.
_FUNCTION_WORDS = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "had", "has",
    "have", "he", "her", "his", "i", "in", "is", "it", "its", "mr", "mrs", "ms", "not", "of",
    "on", "or", "our", "she", "that", "the", "their", "them", "these", "they", "this", "those",
    "to", "was", "we", "were", "which", "who", "will", "with",
})  # fmt: skip
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’\-]*")
_SKIPPED = re.compile(
    r"https?://\S+|www\.\S+|\S+@\S+\.\w+|[@#]\w+|\b[\w-]+\.(?:com|org|net|gov|edu|int|pk|af|ir)\b"
)
_UNIT_AFTER_NUMBER = re.compile(r"\d\s?$")
_WORD = re.compile(r"\w+")


def check_untranslated(source: str, target: str, tgt: str) -> list[QAFlag]:
    """The source copied, or a target mostly in Latin script; a segment of names, acronyms,
    numbers or addresses only ("Reuters", "UNHCR", "2024") is kept as it is by translators."""
    if not _has_english_prose(target):
        return []
    if fold(source) == fold(target):
        return [flag(UNTRANSLATED, "the target is identical to the source")]
    if get_language(tgt).rtl and latin_share(target) > LATIN_SHARE_LIMIT:
        share = round(100 * latin_share(target))
        return [flag(UNTRANSLATED, f"the target is {share}% Latin script")]
    return []


def _has_english_prose(text: str) -> bool:
    """Whether `text` has a lowercase Latin word of two letters or more (not an address)."""
    if not _LATIN_WORD.search(text):
        return False
    return any(
        len(word) >= 2 and word.islower()
        for word in _LATIN_WORD.findall(_SKIPPED.sub(" ", visible(text)))
    )


def check_latin_residue(
    source: str, target: str, tgt: str, glossary: Glossary | None = None
) -> list[QAFlag]:
    """Latin words in an RTL target that the source does not justify keeping."""
    if not get_language(tgt).rtl or not _LATIN_WORD.search(target):
        return []
    text = _SKIPPED.sub(" ", visible(target))
    kept_words = set(_LATIN_WORD.findall(visible(source)))
    allowed = glossary_words(glossary)
    residue = [
        m.group(0)
        for m in _LATIN_WORD.finditer(text)
        if not _justified(m.group(0), kept_words, allowed, text[: m.start()])
    ]
    if not residue:
        return []
    listed = ", ".join(repr(w) for w in dict.fromkeys(residue))
    return [flag(LATIN_RESIDUE, f"Latin text left in the target: {listed}")]


def _justified(word: str, source_words: set[str], glossary: frozenset[str], before: str) -> bool:
    letters = "".join(ch for ch in word if ch.isalpha())
    if word.casefold() in glossary:
        return True
    if word.casefold() in _FUNCTION_WORDS:
        return False
    if len(letters) >= 2 and letters.isupper():
        return True  # an acronym: TTP, UNHCR, COVID-19
    if any(ch.isupper() for ch in word):
        return True  # a name (Dawn, Reuters, X, iPhone), whether or not the source has it
    if _UNIT_AFTER_NUMBER.search(before) and len(letters) <= 3:
        return True  # 20 kg, 5 km, 10 am
    return word in source_words and any(ch.isdigit() for ch in word)  # covid19, g20


def check_repetition(source: str, target: str) -> list[QAFlag]:
    """A loop in the target that the source does not have itself."""
    loop = _first_loop(_words(target))
    if loop is None or _first_loop(_words(source)) is not None:
        return []
    return [flag(REPETITION, f"repeated back to back: {loop!r}")]


def _words(text: str) -> list[str]:
    return _WORD.findall(fold(visible(text)))


def _first_loop(words: list[str]) -> str | None:
    """The first word said three times in a row, or phrase of 2+ words said twice."""
    count = len(words)
    for i, word in enumerate(words):
        if i + 2 < count and words[i + 1] == word == words[i + 2]:
            return " ".join(words[i : i + 3])
        for size in range(2, MAX_PHRASE + 1):
            end = i + 2 * size
            if end > count:
                break
            if words[i + size] == word and words[i : i + size] == words[i + size : end]:
                return " ".join(words[i:end])
    return None
