"""Quality checks on one segment: what a reviewer would catch before a translation ships.

`check(source, target, tgt, glossary)` returns the segment's flags; each has a stable
`code` the editor filters on and the TMX export writes as a note, and a one-line message
that names what is wrong. The glossary check is what makes "zero silent misses" hold: every
source term occurrence needs its approved rendering in the target, or the segment is flagged.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from workbench.glossary.matching import matcher_for
from workbench.glossary.model import Concept, Glossary, Role, Term
from workbench.languages import get_language
from workbench.script import fold, fold_digits, latin_share

ERROR = "error"
WARNING = "warning"

GLOSSARY_MISSING = "glossary-missing"
GLOSSARY_VARIANT = "glossary-variant"
NUMBER_MISSING = "number-missing"
TARGET_EMPTY = "target-empty"
UNTRANSLATED = "untranslated"
PUNCTUATION = "punctuation"
LENGTH_RATIO = "length-ratio"
LONG_SEGMENT = "long-segment"  # set by the pipeline: MT had to cut the source into parts
MT_FAILED = "mt-failed"  # set by the pipeline: the model could not translate the segment

# Code -> what it means, for the editor's filter and documentation.
CODES: dict[str, str] = {
    GLOSSARY_MISSING: "a source term's approved rendering is not in the target",
    GLOSSARY_VARIANT: "a term is rendered with the wrong variant or a deprecated form",
    NUMBER_MISSING: "a number in the source does not appear in the target",
    TARGET_EMPTY: "the target is empty",
    UNTRANSLATED: "the target is the source again, or mostly Latin script",
    PUNCTUATION: "the sentence-final punctuation does not match the source",
    LENGTH_RATIO: "the target is far shorter or longer than sources usually translate to",
    LONG_SEGMENT: "the source was longer than the model reads at once and was translated in parts",
    MT_FAILED: "the model could not translate the segment",
}

# Sentence-final marks: source mark -> marks accepted at the end of the target, per target.
_FINAL_MARKS: dict[str, dict[str, tuple[str, ...]]] = {
    "ur": {".": ("۔",), "?": ("؟",), "!": ("!",), ":": (":",)},
    "fa": {".": (".",), "?": ("؟",), "!": ("!",), ":": (":",)},
    "fa-AF": {".": (".",), "?": ("؟",), "!": ("!",), ":": (":",)},
    "ps": {".": (".", "۔"), "?": ("؟",), "!": ("!",), ":": (":",)},
}
_LATIN_FINAL_MARKS = {".": (".",), "?": ("?",), "!": ("!",), ":": (":",)}
_ALL_FINAL_MARKS = ".?!:۔؟"
_CLOSERS = "\"'”’»)]}›"
# Characters in the target per source character: outside this range a sentence is suspect.
# Measured ranges for news copy into Urdu/Dari/Pashto sit around 0.8-1.3; these are wide.
LENGTH_RATIO_RANGE = (0.4, 2.5)
LENGTH_RATIO_MIN_SOURCE = 25  # shorter sentences vary too much to judge
LATIN_SHARE_LIMIT = 0.5
# 1,200 / 1.2 / ۱٫۲ / 16: digits with optional grouping or decimal separators.
_NUMBER = re.compile(r"\d+(?:[.,٫٬]\d+)*")


@dataclass(frozen=True)
class QAFlag:
    code: str
    message: str
    severity: str = WARNING
    term: str | None = None  # concept id, for glossary flags


def check(
    source: str,
    target: str,
    tgt: str,
    glossary: Glossary | None = None,
    src: str = "en",
) -> list[QAFlag]:
    """All flags for one segment, glossary first; an empty list means nothing to review.

    Glossary checks apply when the glossary's terms are in the source language `src`.
    """
    tgt = get_language(tgt).code
    flags: list[QAFlag] = []
    if glossary is not None and glossary.source_lang == get_language(src).code:
        flags += check_glossary(source, target, tgt, glossary)
    if not target.strip():
        return [QAFlag(TARGET_EMPTY, "the target is empty", ERROR), *flags]
    flags += check_untranslated(source, target, tgt)
    flags += check_numbers(source, target)
    flags += check_final_punctuation(source, target, tgt)
    flags += check_length_ratio(source, target)
    return flags


@dataclass(frozen=True)
class TermCoverage:
    """A concept's term of one role: occurrences in the source, renderings in the target."""

    concept: Concept
    role: Role  # the target role expected (full where the target has no short form)
    source_text: str  # how the term first appears in the source
    expected: int  # occurrences in the source
    present: int  # approved or admitted renderings of that role in the target
    swapped: int  # missing ones rendered in the other role instead (wrong variant)

    @property
    def enforced(self) -> int:
        return min(self.expected, self.present)

    @property
    def missing(self) -> int:
        return self.expected - self.enforced


def qa_notes(glossary: Glossary | None, src: str, tgt: str) -> Callable[[str, str], list[str]]:
    """A segment's flags as one-line notes ("QA code: message"), for the TMX export."""

    def notes(source: str, target: str) -> list[str]:
        return [
            f"QA {flag.code}: {flag.message}" for flag in check(source, target, tgt, glossary, src)
        ]

    return notes


def glossary_coverage(source: str, target: str, tgt: str, glossary: Glossary) -> list[TermCoverage]:
    """Per concept and role in the source: found, rendered, and rendered in the wrong role."""
    matcher = matcher_for(glossary, tgt)
    hits = matcher.find_terms(source)
    renderings = [r for r in matcher.find_renderings(target) if not r.deprecated]
    coverage: list[TermCoverage] = []
    for concept in dict.fromkeys(h.concept for h in hits):
        concept_hits = [h for h in hits if h.concept is concept]
        expected = Counter(_target_role(concept, tgt, h.role) for h in concept_hits)
        present = Counter(
            _target_role(concept, tgt, r.term.role) for r in renderings if r.concept is concept
        )
        for role, count in expected.items():
            other = Role.FULL if role is Role.SHORT else Role.SHORT
            missing = max(0, count - present[role])
            spare_other = max(0, present[other] - expected[other])
            first = next(h for h in concept_hits if _target_role(concept, tgt, h.role) is role)
            coverage.append(
                TermCoverage(
                    concept, role, first.text, count, present[role], min(missing, spare_other)
                )
            )
    return coverage


def check_glossary(source: str, target: str, tgt: str, glossary: Glossary) -> list[QAFlag]:
    """Each source occurrence needs its approved form (same role) in the target."""
    renderings = matcher_for(glossary, tgt).find_renderings(target)
    flags = [_deprecated_flag(r.concept, r.term, tgt) for r in renderings if r.deprecated]
    for cov in glossary_coverage(source, target, tgt, glossary):
        wanted = cov.concept.rendering(tgt, cov.role)
        if cov.swapped:
            other = Role.FULL if cov.role is Role.SHORT else Role.SHORT
            flags.append(
                QAFlag(
                    GLOSSARY_VARIANT,
                    f"{cov.source_text!r} is a {cov.role.value} form: render it {wanted!r}, "
                    f"not {cov.concept.preferred(tgt, other)!r}",
                    ERROR,
                    cov.concept.id,
                )
            )
        if cov.missing > cov.swapped:
            missing = cov.missing - cov.swapped
            times = f" ({missing} of {cov.expected} missing)" if cov.expected > 1 else ""
            flags.append(
                QAFlag(
                    GLOSSARY_MISSING,
                    f"{cov.source_text!r} must be rendered {wanted!r}{times}",
                    ERROR,
                    cov.concept.id,
                )
            )
    return flags


def _target_role(concept: Concept, tgt: str, role: Role) -> Role:
    """A concept with no short rendering in `tgt` renders its short forms in full."""
    return role if concept.preferred(tgt, Role.SHORT) else Role.FULL


def _deprecated_flag(concept: Concept, term: Term, tgt: str) -> QAFlag:
    return QAFlag(
        GLOSSARY_VARIANT,
        f"{term.text!r} is a deprecated rendering of {concept.label()}; use "
        f"{concept.rendering(tgt, term.role)!r}",
        ERROR,
        concept.id,
    )


def check_untranslated(source: str, target: str, tgt: str) -> list[QAFlag]:
    if fold(source) == fold(target):
        return [QAFlag(UNTRANSLATED, "the target is identical to the source", ERROR)]
    if get_language(tgt).rtl and latin_share(target) > LATIN_SHARE_LIMIT:
        share = round(100 * latin_share(target))
        return [QAFlag(UNTRANSLATED, f"the target is {share}% Latin script", ERROR)]
    return []


def numbers(text: str) -> Counter[str]:
    """Numbers in a text, normalised: any digits, `,`/`٬` grouping dropped, `٫` as `.`."""
    found: Counter[str] = Counter()
    for raw in _NUMBER.findall(fold_digits(text)):
        value = raw.replace("٫", ".").replace("٬", ",")
        parts = value.split(",")
        if len(parts) > 1 and all(len(p) == 3 for p in parts[1:]):
            value = "".join(parts)  # 1,200,000 -> 1200000
        found[value] += 1
    return found


def check_numbers(source: str, target: str) -> list[QAFlag]:
    missing = numbers(source) - numbers(target)
    if not missing:
        return []
    listed = ", ".join(sorted(missing.elements(), key=lambda n: (len(n), n)))
    return [QAFlag(NUMBER_MISSING, f"number(s) {listed} from the source are not in the target")]


def _final_mark(text: str) -> str:
    stripped = text.rstrip().rstrip(_CLOSERS).rstrip()
    return stripped[-1] if stripped and stripped[-1] in _ALL_FINAL_MARKS else ""


def check_final_punctuation(source: str, target: str, tgt: str) -> list[QAFlag]:
    src_mark, tgt_mark = _final_mark(source), _final_mark(target)
    accepted = _FINAL_MARKS.get(tgt, _LATIN_FINAL_MARKS)
    if not src_mark:
        if tgt_mark:
            return [
                QAFlag(
                    PUNCTUATION, f"the source has no final mark but the target ends in {tgt_mark!r}"
                )
            ]
        return []
    wanted = accepted.get(src_mark, (src_mark,))
    if tgt_mark in wanted:
        return []
    found = f"ends in {tgt_mark!r}" if tgt_mark else "has no final mark"
    return [
        QAFlag(
            PUNCTUATION,
            f"the source ends in {src_mark!r}; the target {found}, expected "
            + " or ".join(repr(m) for m in wanted),
        )
    ]


def check_length_ratio(source: str, target: str) -> list[QAFlag]:
    if len(source.strip()) < LENGTH_RATIO_MIN_SOURCE:
        return []
    ratio = len(target.strip()) / len(source.strip())
    low, high = LENGTH_RATIO_RANGE
    if low <= ratio <= high:
        return []
    return [
        QAFlag(
            LENGTH_RATIO,
            f"the target is {ratio:.1f}x the source length (usual {low}-{high}x)",
        )
    ]
