"""Running the checks: one segment (`check`) or a whole document (`check_document`).

`check_document` learns the length model from the document itself, so a concise translator
or a verbose engine is judged against its own document, not a fixed band. `check` on a lone
segment uses the pair's calibration prior unless it is given the document's model.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from workbench.exchange.inline import strip_tags
from workbench.glossary.model import Glossary
from workbench.languages import get_language
from workbench.qa.glossary import check_glossary
from workbench.qa.length import (
    LengthModel,
    calibration_model,
    check_length_ratio,
    learn_length_model,
)
from workbench.qa.letters import check_letters
from workbench.qa.mt_patterns import check_latin_residue, check_repetition, check_untranslated
from workbench.qa.numbers import check_numbers
from workbench.qa.punctuation import check_final_punctuation
from workbench.qa.registry import ERROR, QAFlag, register
from workbench.qa.tags import check_tags
from workbench.qa.text import visible
from workbench.qa.zwnj import check_zwnj

TARGET_EMPTY = register("target-empty", "the target is empty", ERROR, "segment")


def check(
    source: str,
    target: str,
    tgt: str,
    glossary: Glossary | None = None,
    src: str = "en",
    *,
    length_model: LengthModel | None = None,
) -> list[QAFlag]:
    """All flags for one segment, glossary first; an empty list means nothing to review.

    Glossary checks apply when the glossary's terms are in the source language `src`.
    `length_model` is the document's (`learn_length_model`); without it, the pair's prior.
    """
    tgt = get_language(tgt).code
    flags: list[QAFlag] = []
    if glossary is not None and glossary.source_lang == get_language(src).code:
        flags += check_glossary(source, target, tgt, glossary)
    if not visible(strip_tags(target)).strip():
        return [QAFlag(TARGET_EMPTY, "the target is empty", ERROR), *flags]
    flags += check_tags(source, target)
    source, target = strip_tags(source), strip_tags(target)
    untranslated = check_untranslated(source, target, tgt)
    flags += untranslated
    if not untranslated:
        flags += check_latin_residue(source, target, tgt, glossary)
    flags += check_repetition(source, target)
    flags += check_numbers(source, target, tgt)
    flags += check_final_punctuation(source, target, tgt)
    flags += check_letters(target, tgt)
    flags += check_zwnj(target, tgt)
    flags += check_length_ratio(source, target, length_model or calibration_model(src, tgt))
    return flags


def check_document(
    pairs: Sequence[tuple[str, str]],
    tgt: str,
    glossary: Glossary | None = None,
    src: str = "en",
) -> list[list[QAFlag]]:
    """Flags per (source, target) pair, the length ratio judged against this document."""
    model = learn_length_model(pairs, src, tgt)
    return [check(s, t, tgt, glossary, src, length_model=model) for s, t in pairs]


def qa_notes(
    glossary: Glossary | None,
    src: str,
    tgt: str,
    pairs: Sequence[tuple[str, str]] = (),
    *,
    length_model: LengthModel | None = None,
) -> Callable[[str, str], list[str]]:
    """A segment's flags as one-line notes ("QA code: message"), for the TMX export.

    The length ratio is judged against `length_model`, or one learned from the document's
    (source, target) `pairs`, or else the pair's calibration prior.
    """
    if length_model is None and pairs:
        length_model = learn_length_model(pairs, src, tgt)

    def notes(source: str, target: str) -> list[str]:
        return [
            f"QA {flag.code}: {flag.message}"
            for flag in check(source, target, tgt, glossary, src, length_model=length_model)
        ]

    return notes
