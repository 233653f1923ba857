"""The format-neutral translation unit that TMX, XLIFF and TSV readers and writers share.

A unit is one source sentence with its translations by language plus the metadata exchange
formats carry (dates, author, typed properties). Store rows become units before export and
imported files become units before they reach the translation memory, so no file format
knows about the database and no database code knows about XML.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

# Property types the workbench writes (TMX `<prop type>`; XLIFF metadata). TMX reserves
# unprefixed types for the standard, so ours start with "x-".
PROP_ORIGIN = "x-origin"  # a workbench.vocabulary.Origin value: mt / human / tm / aligned ...
PROP_MT_ENGINE = "x-mt-engine"  # engine and model id of the machine translation
PROP_STATUS = "x-status"  # a workbench.vocabulary.RevisionStatus value: draft / confirmed ...
PROP_DOCUMENT = "x-document"  # document name
PROP_PARAGRAPH = "x-paragraph"  # 1-based paragraph number in the document
PROP_SEGMENT = "x-segment"  # 1-based sentence number in the document

# Remarks an export attaches to a unit from its source and target text (QA flags).
NoteMaker = Callable[[str, str], Sequence[str]]


@dataclass(frozen=True, slots=True)
class TranslationUnit:
    """One source segment and its translation(s), as every exchange format sees it."""

    source_lang: str  # BCP 47
    source: str
    targets: Mapping[str, str] = field(default_factory=dict)  # BCP 47 code -> text
    id: str | None = None  # TMX tuid / XLIFF unit id
    created: datetime | None = None
    changed: datetime | None = None
    author: str | None = None  # who created it (TMX creationid)
    changed_by: str | None = None  # who changed it last (TMX changeid)
    props: tuple[tuple[str, str], ...] = ()  # (type, value), in file order
    notes: tuple[str, ...] = ()  # free-text remarks (TMX `<note>`), e.g. QA flags

    def prop(self, name: str, default: str | None = None) -> str | None:
        """The first property of this type, or `default`."""
        for key, value in self.props:
            if key == name:
                return value
        return default
