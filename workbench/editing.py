"""What the editor page needs on top of the store: QA flags, the QA filter, paging, the author.

Page code stays thin: it asks `load_editor_page` for one page of rows and renders them.

QA: every row with a target is checked by `workbench.qa` (with the house glossary when one
is given); the editor shows each row's flags and filters on them.
"""

from __future__ import annotations

import getpass
import math
from collections.abc import Sequence
from dataclasses import dataclass

from workbench import qa
from workbench.glossary import Glossary
from workbench.store import SegmentFilter, SegmentRow, Store

PAGE_SIZES: tuple[int, ...] = (25, 50, 100)
QA_FLAGGED = "qa"  # the editor's extra filter, answered by the QA checks, not the database

# Filter value -> label, in the order the editor offers them.
ROW_FILTERS: dict[str, str] = {
    SegmentFilter.ALL.value: "All",
    SegmentFilter.UNEDITED.value: "Unedited",
    SegmentFilter.EDITED.value: "Edited",
    SegmentFilter.CONFIRMED.value: "Confirmed",
    QA_FLAGGED: "QA flagged",
}


@dataclass(frozen=True)
class EditorRow:
    row: SegmentRow
    flags: tuple[qa.QAFlag, ...]


@dataclass(frozen=True)
class EditorPage:
    rows: tuple[EditorRow, ...]
    total: int  # rows matching the filter and search, on all pages
    page: int  # 1-based, clamped to the pages that exist
    pages: int


def page_count(total: int, page_size: int) -> int:
    return max(1, math.ceil(total / page_size))


def load_editor_page(
    store: Store,
    document_id: int,
    target: str,
    row_filter: str = SegmentFilter.ALL.value,
    search: str = "",
    page: int = 1,
    page_size: int = PAGE_SIZES[0],
    glossary: Glossary | None = None,
    source_lang: str = "en",
) -> EditorPage:
    """One page of rows in document order; a page past the end shows the last page.

    Only the requested page is read from the database (cost does not grow with the
    document), except for the QA filter, which has to check every row. QA checks use
    `glossary` for the terms when one is given.
    """
    checker = _QaChecker(glossary, source_lang)
    if row_filter == QA_FLAGGED:
        everything = store.segment_rows(document_id, target, SegmentFilter.ALL, search).rows
        flagged = [r for r in checker.rows(everything, target) if r.flags]
        pages = page_count(len(flagged), page_size)
        page = min(max(page, 1), pages)
        start = (page - 1) * page_size
        return EditorPage(tuple(flagged[start : start + page_size]), len(flagged), page, pages)
    page = max(page, 1)
    result = store.segment_rows(
        document_id, target, row_filter, search, (page - 1) * page_size, page_size
    )
    pages = page_count(result.total, page_size)
    if page > pages:
        return load_editor_page(
            store, document_id, target, row_filter, search, pages, page_size, glossary, source_lang
        )
    rows = tuple(checker.rows(result.rows, target))
    return EditorPage(rows, result.total, page, pages)


@dataclass(frozen=True)
class _QaChecker:
    glossary: Glossary | None
    source_lang: str

    def rows(self, rows: Sequence[SegmentRow], target_lang: str) -> list[EditorRow]:
        """Each row with its QA flags; a row with no target yet has none."""
        return [EditorRow(row, self._flags(row, target_lang)) for row in rows]

    def _flags(self, row: SegmentRow, target_lang: str) -> tuple[qa.QAFlag, ...]:
        if row.revision is None:
            return ()
        return tuple(
            qa.check(
                row.segment.text, row.target_text, target_lang, self.glossary, self.source_lang
            )
        )


def default_author() -> str:
    """The OS user name, which the sidebar offers until the editor types another."""
    try:
        return getpass.getuser() or "editor"
    except (KeyError, OSError):  # no passwd entry (containers) and no USER variable
        return "editor"
