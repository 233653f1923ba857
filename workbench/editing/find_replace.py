"""Find and replace in the targets of a document: a preview first, then each replacement
saved as its own revision on top of the revision the preview was made from."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from workbench.editing.saving import SaveAction, SaveRequest, SaveResult, save
from workbench.exchange.inline import from_display
from workbench.store import Store


@dataclass(frozen=True)
class Replacement:
    segment_id: int
    number: int  # 1-based sentence number
    base_revision_id: int | None
    before: str
    after: str
    confirmed: bool  # the replaced text needs confirming again


def _pattern(find: str, match_case: bool) -> re.Pattern[str]:
    return re.compile(re.escape(find), 0 if match_case else re.IGNORECASE)


def preview(
    rows: Iterable[Mapping], find: str, replace: str, match_case: bool = False
) -> list[Replacement]:
    """Each target (grid rows: `id`, `n`, `rev`, `tgt`, `state`) that would change, in order;
    literal text, never a pattern."""
    if not find:
        return []
    pattern = _pattern(find, match_case)
    found = []
    for row in rows:
        after = pattern.sub(lambda _: replace, row["tgt"])
        if after != row["tgt"]:
            found.append(
                Replacement(
                    row["id"], row["n"], row["rev"], row["tgt"], after, row["state"] == "confirmed"
                )
            )
    return found


def apply(
    store: Store,
    target_lang: str,
    replacements: Sequence[Replacement],
    author: str,
) -> list[SaveResult]:
    """Save each replacement as a draft revision on top of its base; one that someone
    changed meanwhile is refused as a conflict and the others still go through. The texts
    are the grid's (compact tags), saved with their placeholders."""
    return [
        save(
            store,
            SaveRequest(
                r.segment_id,
                target_lang,
                SaveAction.DRAFT,
                from_display(r.after),
                r.base_revision_id,
            ),
            author,
        )
        for r in replacements
    ]


def preview_payload(replacements: Sequence[Replacement], find: str, replace: str) -> dict:
    return {
        "find": find,
        "replace": replace,
        "items": [
            {
                "id": r.segment_id,
                "n": r.number,
                "before": r.before,
                "after": r.after,
                "confirmed": r.confirmed,
            }
            for r in replacements
        ],
    }
