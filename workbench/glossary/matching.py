"""Finding glossary terms in source sentences and approved renderings in target sentences.

Source rules (the house style of English news copy): terms match on word boundaries; short
forms (`TTP`, `Dar`) case-sensitively, full forms case-insensitively; a hyphen, dash or
space between words matches any of the others (`Afghanistan-Pakistan` / `Afghanistan
Pakistan`); straight and curly apostrophes are one; a possessive `'s` stays outside the
match. Where terms overlap, the leftmost wins and, at one position, the longest.

Targets are matched on folded text (see `workbench.script.fold`), so a rendering typed with
Arabic yeh, ZWNJ instead of a space, or diacritics still counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from workbench.glossary.model import Concept, Glossary, Role, Status, Term, canonical_language
from workbench.script import fold

# Between two words of a term: any run of spaces, or a hyphen/dash with optional spaces.
_WORD_SEPARATOR = r"(?:\s*[-\u2010\u2011\u2012\u2013\u2014]\s*|\s+)"
_SPLIT_WORDS = re.compile(r"\s*[-\u2010\u2011\u2012\u2013\u2014]\s*|\s+")
_APOSTROPHES = "'\u2019\u02bc"


@dataclass(frozen=True)
class TermHit:
    """One occurrence of a glossary term in a source sentence."""

    concept: Concept
    term: Term  # the source term that matched
    start: int
    end: int
    text: str  # the text as it appears in the sentence

    @property
    def role(self) -> Role:
        return self.term.role

    def rendering(self, tgt: str) -> str | None:
        """The approved target form: short for a short form, full for a full form."""
        return self.concept.rendering(tgt, self.term.role)


@dataclass(frozen=True)
class RenderingHit:
    """One occurrence of a target-language term of a concept in a (folded) target sentence."""

    concept: Concept
    term: Term

    @property
    def deprecated(self) -> bool:
        return self.term.status is Status.DEPRECATED


def _source_pattern(term: Term) -> str:
    words = [w for w in _SPLIT_WORDS.split(term.text) if w]
    escaped = [
        "".join(f"[{_APOSTROPHES}]" if ch in _APOSTROPHES else re.escape(ch) for ch in word)
        for word in words
    ]
    body = _WORD_SEPARATOR.join(escaped)
    return body if term.role is Role.SHORT else f"(?i:{body})"


class _Alternation:
    """One compiled regex of many literal alternatives, longest first, each its own group."""

    def __init__(self, entries: list[tuple[str, int, object]]):
        # entries: (pattern, sort length, payload)
        entries = sorted(entries, key=lambda e: -e[1])  # stable: glossary order breaks ties
        self.payloads = [payload for _, _, payload in entries]
        alternatives = "|".join(f"({pattern})" for pattern, _, _ in entries)
        self.regex = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)") if entries else None

    def finditer(self, text: str):
        if self.regex is None:
            return
        for match in self.regex.finditer(text):
            yield match, self.payloads[match.lastindex - 1]


class TermMatcher:
    """Finds one glossary's terms for one target; build once per document, reuse per sentence."""

    def __init__(self, glossary: Glossary, tgt: str | None = None):
        self.glossary = glossary
        self.tgt = canonical_language(tgt) if tgt else None
        concepts = glossary.covers(self.tgt) if self.tgt else list(glossary)
        self._source = _Alternation(
            [
                (_source_pattern(term), len(term.text), (concept, term))
                for concept in concepts
                for term in concept.terms_in(glossary.source_lang)
                if term.status is not Status.DEPRECATED
            ]
        )
        self._target = _Alternation(
            [
                (re.escape(fold(term.text)), len(fold(term.text)), (concept, term))
                for concept in concepts
                for term in (concept.terms_in(self.tgt) if self.tgt else ())
                if fold(term.text)
            ]
        )

    def find_terms(self, source: str) -> list[TermHit]:
        """Every term occurrence in a source sentence, in order, not overlapping."""
        return [
            TermHit(concept, term, m.start(), m.end(), m.group(0))
            for m, (concept, term) in self._source.finditer(source)
        ]

    def find_renderings(self, target: str) -> list[RenderingHit]:
        """Every target-language term of a covered concept in a target sentence, in order."""
        return [
            RenderingHit(concept, term)
            for _, (concept, term) in self._target.finditer(fold(target))
        ]


@lru_cache(maxsize=16)
def matcher_for(glossary: Glossary, tgt: str | None = None) -> TermMatcher:
    """A cached matcher, so per-segment calls from the editor do not recompile the regex."""
    return TermMatcher(glossary, tgt)


def find_terms(source: str, glossary: Glossary, tgt: str | None = None) -> list[TermHit]:
    """Glossary hits in one source sentence (only concepts with a `tgt` rendering, if given)."""
    return matcher_for(glossary, tgt).find_terms(source)
