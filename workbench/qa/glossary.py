"""Glossary checks: every source term occurrence needs its approved rendering in the target.

This is what makes "zero silent misses" hold: a term MT dropped, or rendered with the other
role's form or a deprecated one, is flagged with the concept it belongs to.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from workbench.glossary.matching import matcher_for
from workbench.glossary.model import Concept, Glossary, Role, Term
from workbench.qa.registry import ERROR, QAFlag, flag, register

GLOSSARY_MISSING = register(
    "glossary-missing", "a source term's approved rendering is not in the target", ERROR, "glossary"
)
GLOSSARY_VARIANT = register(
    "glossary-variant",
    "a term is rendered with the wrong variant or a deprecated form",
    ERROR,
    "glossary",
)


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
                flag(
                    GLOSSARY_VARIANT,
                    f"{cov.source_text!r} is a {cov.role.value} form: render it {wanted!r}, "
                    f"not {cov.concept.preferred(tgt, other)!r}",
                    cov.concept.id,
                )
            )
        if cov.missing > cov.swapped:
            missing = cov.missing - cov.swapped
            times = f" ({missing} of {cov.expected} missing)" if cov.expected > 1 else ""
            flags.append(
                flag(
                    GLOSSARY_MISSING,
                    f"{cov.source_text!r} must be rendered {wanted!r}{times}",
                    cov.concept.id,
                )
            )
    return flags


def glossary_words(glossary: Glossary | None) -> frozenset[str]:
    """Every word of every term in any language, casefolded: Latin words QA lets through."""
    if glossary is None:
        return frozenset()
    return frozenset(
        word.casefold()
        for concept in glossary.concepts
        for terms in concept.terms.values()
        for term in terms
        for word in term.text.split()
    )


def _target_role(concept: Concept, tgt: str, role: Role) -> Role:
    """A concept with no short rendering in `tgt` renders its short forms in full."""
    return role if concept.preferred(tgt, Role.SHORT) else Role.FULL


def _deprecated_flag(concept: Concept, term: Term, tgt: str) -> QAFlag:
    return flag(
        GLOSSARY_VARIANT,
        f"{term.text!r} is a deprecated rendering of {concept.label()}; use "
        f"{concept.rendering(tgt, term.role)!r}",
        concept.id,
    )
