"""The glossary's data: concepts, their terms per language, and the rules they must obey.

A concept has, per language, terms in two roles: the full form (`Tehreek-i-Taliban
Pakistan`) and the short form (`TTP`, or a surname such as `Muttaqi`). In the source
language every non-deprecated term is matched; in a target language the preferred term of a
role is the approved rendering that MT output must carry, admitted terms are accepted by QA,
and deprecated ones are flagged as wrong variants.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from enum import StrEnum

from workbench.errors import WorkbenchError
from workbench.languages import LANGUAGES, get_language
from workbench.script import fold

SOURCE_LANGUAGE = "en"
_LANG_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
_CONCEPT_ID = re.compile(r"^[A-Za-z_][\w.\-]*$")


class Role(StrEnum):
    FULL = "full"  # the full form: "East Turkestan Islamic Movement", "Ishaq Dar"
    SHORT = "short"  # abbreviation or short form: "ETIM", "Dar"


class Status(StrEnum):
    PREFERRED = "preferred"  # the approved rendering (one per role and language)
    ADMITTED = "admitted"  # an accepted variant: matched in the source, accepted in targets
    DEPRECATED = "deprecated"  # a known wrong rendering: QA flags it in targets


_STATUS_ORDER = {Status.PREFERRED: 0, Status.ADMITTED: 1, Status.DEPRECATED: 2}
_ROLE_ORDER = {Role.FULL: 0, Role.SHORT: 1}


@dataclass(frozen=True)
class Term:
    text: str
    role: Role = Role.FULL
    status: Status = Status.PREFERRED


@dataclass(frozen=True)
class Concept:
    """One thing with its names in every language; `terms` maps language code to terms."""

    id: str
    terms: dict[str, tuple[Term, ...]] = field(default_factory=dict, compare=True)
    definition: str = ""
    note: str = ""

    def __post_init__(self) -> None:
        # One order for terms (preferred full, preferred short, admitted, deprecated), so
        # two concepts with the same terms are equal whatever order a file listed them in.
        ordered = {
            lang: tuple(sorted(terms, key=lambda t: (_STATUS_ORDER[t.status], _ROLE_ORDER[t.role])))
            for lang, terms in self.terms.items()
        }
        object.__setattr__(self, "terms", ordered)

    def __hash__(self) -> int:
        return hash(self.id)

    def languages(self) -> list[str]:
        return list(self.terms)

    def terms_in(self, lang: str) -> tuple[Term, ...]:
        return self.terms.get(canonical_language(lang), ())

    def preferred(self, lang: str, role: Role) -> str | None:
        """The approved term of a role in a language, or None."""
        for term in self.terms_in(lang):
            if term.role is role and term.status is Status.PREFERRED:
                return term.text
        return None

    def rendering(self, lang: str, role: Role) -> str | None:
        """What MT must carry for a source term of `role`: the same role, else the full form."""
        return self.preferred(lang, role) or self.preferred(lang, Role.FULL)

    def label(self) -> str:
        """How editors recognise the concept: its English preferred full form and short form."""
        full = self.preferred(SOURCE_LANGUAGE, Role.FULL)
        short = self.preferred(SOURCE_LANGUAGE, Role.SHORT)
        if full and short and full != short:
            return f"{full} ({short})"
        return full or short or self.id

    def with_terms(self, lang: str, terms: Iterable[Term]) -> Concept:
        """A copy with `lang`'s terms replaced (an empty list removes the language)."""
        lang = canonical_language(lang)
        new_terms = dict(self.terms)
        terms = tuple(terms)
        if terms:
            new_terms[lang] = terms
        else:
            new_terms.pop(lang, None)
        return replace(self, terms=new_terms)


@dataclass(frozen=True)
class Glossary:
    """An ordered set of concepts; build one through `GlossaryBuilder` to have it checked."""

    concepts: tuple[Concept, ...] = ()
    title: str = ""
    source_lang: str = SOURCE_LANGUAGE
    # What a reader saw but does not keep (one line each, with its line number), so saving
    # back over a richer file can warn before dropping it.
    unsupported: tuple[str, ...] = field(default=(), compare=False)

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts)

    def __len__(self) -> int:
        return len(self.concepts)

    def get(self, concept_id: str) -> Concept | None:
        return next((c for c in self.concepts if c.id == concept_id), None)

    def languages(self) -> list[str]:
        """Every language with at least one term, source first."""
        seen = dict.fromkeys([self.source_lang])
        for concept in self.concepts:
            seen.update(dict.fromkeys(concept.languages()))
        return list(seen)

    def covers(self, tgt: str) -> list[Concept]:
        """Concepts with an approved rendering in `tgt` (the ones MT must enforce)."""
        return [c for c in self.concepts if c.preferred(tgt, Role.FULL)]

    def replace_concept(self, concept: Concept) -> Glossary:
        """A copy with the concept of the same id replaced, or appended if new; re-checked."""
        concepts = list(self.concepts)
        for i, existing in enumerate(concepts):
            if existing.id == concept.id:
                concepts[i] = concept
                break
        else:
            concepts.append(concept)
        return build_glossary(
            concepts, title=self.title, source_lang=self.source_lang, unsupported=self.unsupported
        )

    def merge(self, other: Glossary) -> Glossary:
        """This glossary with `other`'s concepts replacing or added to its own (by id)."""
        merged = self
        for concept in other.concepts:
            merged = merged.replace_concept(concept)
        return merged


class GlossaryError(WorkbenchError):
    """A glossary that breaks a rule; `concept_id` lets file readers point at the line."""

    def __init__(self, message: str, concept_id: str | None = None):
        super().__init__(message)
        self.concept_id = concept_id


def canonical_language(code: str) -> str:
    """Workbench spelling of a language tag (`fa-af` -> `fa-AF`); other tags kept as given."""
    code = code.strip()
    if code.lower().startswith("en-"):
        return "en"  # en-US, en-GB: the workbench has one English, the source of every concept
    if code.lower() in {c.lower() for c in LANGUAGES}:
        return get_language(code).code
    if not _LANG_TAG.match(code):
        raise GlossaryError(f"invalid language tag {code!r}")
    return code


def check_concept(concept: Concept, source_lang: str = SOURCE_LANGUAGE) -> None:
    """Raise `GlossaryError` if a concept breaks a rule that matching or restoring relies on."""
    cid = concept.id
    if not _CONCEPT_ID.match(cid):
        raise GlossaryError(
            f"concept id {cid!r} must start with a letter and hold only letters, digits, "
            "'.', '_' or '-'",
            cid,
        )
    source_terms = concept.terms_in(source_lang)
    if not [t for t in source_terms if t.status is not Status.DEPRECATED]:
        raise GlossaryError(f"concept {cid} has no {source_lang} term to match", cid)
    for lang, terms in concept.terms.items():
        seen: set[str] = set()
        folded: dict[str, str] = {}
        for term in terms:
            if not term.text.strip() or term.text != " ".join(term.text.split()):
                raise GlossaryError(
                    f"concept {cid}: {lang} term {term.text!r} is empty or has stray spaces", cid
                )
            if term.text in seen:
                raise GlossaryError(f"concept {cid}: {lang} term {term.text!r} is repeated", cid)
            seen.add(term.text)
            key = fold(term.text)
            if key in folded:
                raise GlossaryError(
                    f"concept {cid}: {lang} terms {folded[key]!r} and {term.text!r} differ only "
                    "in letter variants or spacing",
                    cid,
                )
            folded[key] = term.text
        for role in Role:
            preferred = [t.text for t in terms if t.role is role and t.status is Status.PREFERRED]
            if len(preferred) > 1:
                raise GlossaryError(
                    f"concept {cid}: {lang} has {len(preferred)} preferred {role} forms "
                    f"({', '.join(preferred)}); keep one, mark the others admitted",
                    cid,
                )
        if lang != source_lang and terms and not concept.preferred(lang, Role.FULL):
            raise GlossaryError(f"concept {cid}: {lang} has terms but no preferred full form", cid)


def build_glossary(
    concepts: Iterable[Concept],
    title: str = "",
    source_lang: str = SOURCE_LANGUAGE,
    unsupported: Iterable[str] = (),
) -> Glossary:
    """Check every concept and the rules across concepts; raise `GlossaryError` on the first."""
    concepts = tuple(concepts)
    ids: set[str] = set()
    owner: dict[str, str] = {}  # source term, case-folded -> concept id
    for concept in concepts:
        check_concept(concept, source_lang)
        if concept.id in ids:
            raise GlossaryError(f"concept id {concept.id} is used twice", concept.id)
        ids.add(concept.id)
        for term in concept.terms_in(source_lang):
            key = term.text.casefold()
            if key in owner and owner[key] != concept.id:
                raise GlossaryError(
                    f"{source_lang} term {term.text!r} belongs to both {owner[key]} and "
                    f"{concept.id}",
                    concept.id,
                )
            owner[key] = concept.id
    return Glossary(concepts, title, source_lang, tuple(unsupported))
