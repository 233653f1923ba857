"""Sentence-final punctuation: the target ends the way its language ends what the source ends.

Read on the visible text: a Pashto sentence ending ".\u200e" (a period, then a left-to-right
mark, as many Pashto sites publish) ends in a period.
"""

from __future__ import annotations

from workbench.qa.registry import WARNING, QAFlag, flag, register
from workbench.qa.text import visible

PUNCTUATION = register(
    "punctuation",
    "the sentence-final punctuation does not match the source",
    WARNING,
    "punctuation",
)

# Sentence-final marks: source mark -> marks accepted at the end of the target, per target.
_FINAL_MARKS: dict[str, dict[str, tuple[str, ...]]] = {
    "ur": {".": ("۔",), "?": ("؟",), "!": ("!",), ":": (":",), "…": ("…",)},
    "fa": {".": (".",), "?": ("؟",), "!": ("!",), ":": (":",), "…": ("…",)},
    "fa-AF": {".": (".",), "?": ("؟",), "!": ("!",), ":": (":",), "…": ("…",)},
    "ps": {".": (".", "۔"), "?": ("؟",), "!": ("!",), ":": (":",), "…": ("…",)},
}
_LATIN_FINAL_MARKS = {".": (".",), "?": ("?",), "!": ("!",), ":": (":",), "…": ("…",)}
_ALL_FINAL_MARKS = ".?!:۔؟…"
_CLOSERS = "\"'”’»)]}›“‘"


def final_mark(text: str) -> str:
    """The sentence-final mark of `text` (after closing quotes and brackets), or ""."""
    stripped = visible(text).rstrip().replace("...", "…").rstrip(_CLOSERS).rstrip()
    return stripped[-1] if stripped and stripped[-1] in _ALL_FINAL_MARKS else ""


def check_final_punctuation(source: str, target: str, tgt: str) -> list[QAFlag]:
    src_mark, tgt_mark = final_mark(source), final_mark(target)
    accepted = _FINAL_MARKS.get(tgt, _LATIN_FINAL_MARKS)
    if not src_mark:
        if tgt_mark:
            return [
                flag(
                    PUNCTUATION, f"the source has no final mark but the target ends in {tgt_mark!r}"
                )
            ]
        return []
    wanted = accepted.get(src_mark, (src_mark,))
    if tgt_mark in wanted:
        return []
    found = f"ends in {tgt_mark!r}" if tgt_mark else "has no final mark"
    return [
        flag(
            PUNCTUATION,
            f"the source ends in {src_mark!r}; the target {found}, expected "
            + " or ".join(repr(m) for m in wanted),
        )
    ]
