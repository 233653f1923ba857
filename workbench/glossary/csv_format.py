"""The glossary as CSV: one row per concept and language, for spreadsheets and review.

Header (order free, the first three required):

    concept,lang,full,short,full_variants,short_variants,deprecated,definition,note

- `concept`: the concept id (`TTP`), the same on all its rows;
- `lang`: `en` for the source terms, `ur`, `fa-AF`, `ps` for renderings;
- `full`, `short`: the preferred full form and abbreviation/short form (either may be empty);
- `full_variants`, `short_variants`: other accepted spellings, separated by `|` (in `en`
  they are matched too; in a target QA accepts them);
- `deprecated`: renderings that must not be used, `|`-separated (QA flags them);
- `definition`, `note`: about the concept; give them on one of its rows.

Rows whose first cell starts with `#` are comments. Cells that start with `=`, `+`, `-`, `@`,
a tab or a carriage return are written with a leading `'` so spreadsheets do not run them as
formulas; reading removes a leading `'` before such a character (or before another `'`).
A bad row is reported with its line number and nothing is loaded.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from workbench.errors import InputError
from workbench.exchange.table import neutralise_cell, restore_cell
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

COLUMNS = (
    "concept",
    "lang",
    "full",
    "short",
    "full_variants",
    "short_variants",
    "deprecated",
    "definition",
    "note",
)
REQUIRED = ("concept", "lang", "full")
VARIANT_SEPARATOR = "|"
# Columns that hold terms: (column, role, status).
_TERM_COLUMNS = (
    ("full", Role.FULL, Status.PREFERRED),
    ("short", Role.SHORT, Status.PREFERRED),
    ("full_variants", Role.FULL, Status.ADMITTED),
    ("short_variants", Role.SHORT, Status.ADMITTED),
    ("deprecated", Role.FULL, Status.DEPRECATED),
)


@dataclass
class _Draft:
    line: int
    terms: dict[str, list[Term]] = field(default_factory=dict)
    definition: str = ""
    note: str = ""


def read_csv(text: str, name: str = "glossary.csv") -> Glossary:
    """Parse CSV text; any problem is an `InputError` naming the line."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise InputError("the glossary is empty", path=name) from None
    except csv.Error as exc:
        raise InputError(f"bad CSV ({exc})", path=name, line=1) from exc
    columns = [c.strip().lower() for c in header]
    unknown = [c for c in columns if c not in COLUMNS]
    missing = [c for c in REQUIRED if c not in columns]
    if unknown or missing or len(set(columns)) != len(columns):
        problem = (
            f"unknown column(s) {', '.join(unknown)}"
            if unknown
            else f"missing column(s) {', '.join(missing)}"
            if missing
            else "a column is repeated"
        )
        raise InputError(
            f"{problem}; the header is {','.join(COLUMNS)} (first three required)",
            path=name,
            line=1,
        )
    drafts: dict[str, _Draft] = {}
    line = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise InputError(f"bad CSV ({exc})", path=name, line=line) from exc
        if row and any(cell.strip() for cell in row) and not row[0].lstrip().startswith("#"):
            _read_row(row, columns, line, drafts, name)
        line = reader.line_num + 1
    if not drafts:
        raise InputError("the glossary has no concepts", path=name)
    concepts = [
        Concept(cid, {lang: tuple(terms) for lang, terms in d.terms.items()}, d.definition, d.note)
        for cid, d in drafts.items()
    ]
    try:
        return build_glossary(concepts)
    except GlossaryError as exc:
        where = drafts[exc.concept_id].line if exc.concept_id in drafts else None
        raise InputError(str(exc), path=name, line=where) from exc


def _read_row(
    row: list[str], columns: list[str], line: int, drafts: dict[str, _Draft], name: str
) -> None:
    if len(row) != len(columns):
        raise InputError(
            f"{len(row)} fields where the header has {len(columns)}", path=name, line=line
        )
    cells = {
        col: " ".join(restore_cell(value).split()) for col, value in zip(columns, row, strict=True)
    }
    cid = cells["concept"]
    if not cid:
        raise InputError("the concept column is empty", path=name, line=line)
    try:
        lang = canonical_language(cells["lang"])
    except GlossaryError as exc:
        raise InputError(str(exc), path=name, line=line) from exc
    draft = drafts.setdefault(cid, _Draft(line))
    if lang in draft.terms:
        raise InputError(f"a second {lang} row for concept {cid}", path=name, line=line)
    terms = [
        Term(text, role, status)
        for column, role, status in _TERM_COLUMNS
        for text in _split(cells.get(column, ""))
    ]
    if not terms:
        raise InputError(f"the {lang} row of concept {cid} has no term", path=name, line=line)
    draft.terms[lang] = terms
    for attr in ("definition", "note"):
        value = cells.get(attr, "")
        if value and getattr(draft, attr) and getattr(draft, attr) != value:
            raise InputError(f"concept {cid} has a second, different {attr}", path=name, line=line)
        if value:
            setattr(draft, attr, value)


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(VARIANT_SEPARATOR) if part.strip()]


def write_csv(glossary: Glossary) -> str:
    """The glossary as CSV text (source rows first per concept; `\\n` line ends).

    A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`...) gets a leading `'`
    (`workbench.exchange.table.neutralise_cell`); `read_csv` removes it again.
    """
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for concept in glossary:
        langs = sorted(concept.terms, key=lambda lang: lang != glossary.source_lang)
        for i, lang in enumerate(langs):
            terms = concept.terms[lang]
            cells = {
                column: VARIANT_SEPARATOR.join(
                    t.text for t in terms if t.role is role and t.status is status
                )
                for column, role, status in _TERM_COLUMNS
            }
            # Deprecated terms of either role share one column.
            cells["deprecated"] = VARIANT_SEPARATOR.join(
                t.text for t in terms if t.status is Status.DEPRECATED
            )
            first = i == 0
            row = [
                concept.id,
                lang,
                *(cells[c] for c, _, _ in _TERM_COLUMNS),
                concept.definition if first else "",
                concept.note if first else "",
            ]
            writer.writerow([neutralise_cell(cell) for cell in row])
    return out.getvalue()
