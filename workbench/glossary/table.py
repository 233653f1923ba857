"""The glossary as an editable table: one row per concept, the columns of one target.

The glossary page shows this table in a data editor and hands the edited rows back; the
conversion and its checks live here so the page holds no glossary logic. Multi-valued cells
use `|` between variants, as in the CSV format.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from workbench.glossary.model import (
    Concept,
    Glossary,
    GlossaryError,
    Role,
    Status,
    Term,
    build_glossary,
    canonical_language,
)

SEPARATOR = "|"
# Column -> (language: "source" or "target", role, status) for term columns.
TERM_COLUMNS: dict[str, tuple[str, Role, Status]] = {
    "english": ("source", Role.FULL, Status.PREFERRED),
    "english_short": ("source", Role.SHORT, Status.PREFERRED),
    "full": ("target", Role.FULL, Status.PREFERRED),
    "short": ("target", Role.SHORT, Status.PREFERRED),
    "variants": ("target", Role.FULL, Status.ADMITTED),
    "short_variants": ("target", Role.SHORT, Status.ADMITTED),
    "deprecated": ("target", Role.FULL, Status.DEPRECATED),
    "english_variants": ("source", Role.FULL, Status.ADMITTED),
    "english_short_variants": ("source", Role.SHORT, Status.ADMITTED),
}
COLUMNS = ("concept", *TERM_COLUMNS, "note")


def _cell(terms: Iterable[Term], role: Role, status: Status) -> str:
    return f" {SEPARATOR} ".join(
        t.text
        for t in terms
        if t.status is status and (status is Status.DEPRECATED or t.role is role)
    )


def glossary_rows(glossary: Glossary, tgt: str) -> list[dict[str, str]]:
    """One dict per concept with the `COLUMNS` for target `tgt`."""
    tgt = canonical_language(tgt)
    rows = []
    for concept in glossary:
        row = {"concept": concept.id}
        for column, (side, role, status) in TERM_COLUMNS.items():
            lang = glossary.source_lang if side == "source" else tgt
            row[column] = _cell(concept.terms_in(lang), role, status)
        row["note"] = concept.note
        rows.append(row)
    return rows


def _text(value: Any) -> str:
    """A cell as one-spaced text; the editor gives None (or NaN) for cells never filled."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return " ".join(str(value).split())


def _split(value: Any) -> list[str]:
    return [" ".join(part.split()) for part in _text(value).split(SEPARATOR) if part.strip()]


def apply_rows(glossary: Glossary, tgt: str, rows: Iterable[Mapping[str, Any]]) -> Glossary:
    """The glossary with the source terms and `tgt` renderings of `rows`; other targets kept.

    Concepts missing from `rows` are removed; new ids are added. A problem is a
    `GlossaryError` naming the row (1-based) and concept.
    """
    tgt = canonical_language(tgt)
    concepts: list[Concept] = []
    numbers: dict[str, int] = {}  # concept id -> its (last) row number
    for number, row in enumerate(rows, start=1):
        cid = _text(row.get("concept"))
        if not cid and not any(_split(row.get(c)) for c in TERM_COLUMNS):
            continue  # an empty row the editor added
        if not cid:
            raise GlossaryError(f"row {number}: the concept id is empty")
        base = glossary.get(cid) or Concept(cid)
        concept = base
        for side in ("source", "target"):
            lang = glossary.source_lang if side == "source" else tgt
            terms = [
                Term(text, role, status)
                for column, (col_side, role, status) in TERM_COLUMNS.items()
                if col_side == side
                for text in _split(row.get(column))
            ]
            concept = concept.with_terms(lang, terms)
        concepts.append(Concept(cid, concept.terms, base.definition, _text(row.get("note"))))
        numbers[cid] = number
    try:
        return build_glossary(concepts, glossary.title, glossary.source_lang, glossary.unsupported)
    except GlossaryError as exc:
        where = f"row {numbers[exc.concept_id]}: " if exc.concept_id in numbers else ""
        raise GlossaryError(f"{where}{exc}", exc.concept_id) from exc
