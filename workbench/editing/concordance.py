"""The grid's concordance: the word or phrase a translator selected (in a source or in the
target box), looked up in the memory and every stored document, and listed in the active
sentence's tools.

The lookup is `workbench.memory.concordance` (letter variants, digits, ZWNJ and diacritics
folded for matching, never for display); from the grid it matches whole words by default,
since a translator checking how "Afghan" was rendered does not want every "Afghanistan".
The answer travels as data: each text split into plain and matched parts (so the grid
never counts characters, which JavaScript counts differently for text outside the BMP),
with the language and direction of each side so the grid can isolate them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from workbench.errors import WorkbenchError
from workbench.languages import get_language
from workbench.memory.concordance import ConcordanceHit, ConcordanceUnit

SHOWN = 20  # hits listed, the most recently stored first
QUERY_MAX_CHARS = 200  # a longer selection is not a word or phrase to look up


class ConcordanceSearch(Protocol):
    """What the lookup needs: `memory.concordance.ConcordanceSource` in the app."""

    def search(
        self,
        text: str,
        target_lang: str,
        *,
        target_side: bool = False,
        limit: int = ...,
        whole_word: bool = False,
    ) -> list[ConcordanceHit]: ...


def about(unit: ConcordanceUnit) -> str:
    """Where a hit comes from, as the concordance lists it: the imported file or the
    document and sentence, how its text came about, its status, who, when."""
    parts = [unit.where]
    if unit.origin != unit.where:
        parts.append(unit.origin)
    if unit.status:
        parts.append(unit.status)
    if unit.author:
        parts.append(unit.author)
    if unit.changed is not None:
        parts.append(f"{unit.changed:%Y-%m-%d}")
    return " · ".join(parts)


def marked_parts(text: str, spans: Sequence[tuple[int, int]]) -> list[list[Any]]:
    """`text` as `[part, matched]` pairs in order, `matched` 1 for a span, 0 between."""
    parts: list[list[Any]] = []
    at = 0
    for start, end in spans:
        if start > at:
            parts.append([text[at:start], 0])
        parts.append([text[start:end], 1])
        at = end
    if at < len(text) or not parts:
        parts.append([text[at:], 0])
    return parts


def text_direction(lang: str) -> dict:
    """`lang` and `dir` for a hit's side; `auto` for a language the workbench does not
    translate (a TMX's source may be any)."""
    try:
        language = get_language(lang)
    except WorkbenchError:
        return {"lang": lang, "dir": "auto"}
    return {"lang": language.code.split("-")[0], "dir": language.direction}


def hit_payload(hit: ConcordanceHit) -> dict:
    unit = hit.unit
    source_spans = hit.spans if hit.side == "source" else ()
    target_spans = hit.spans if hit.side == "target" else ()
    return {
        "src": marked_parts(unit.source_text, source_spans),
        "tgt": marked_parts(unit.target_text, target_spans),
        "src_dir": text_direction(unit.source_lang),
        "from": about(unit),
    }


def lookup(search: ConcordanceSearch | None, target_lang: str, op: Mapping[str, Any]) -> dict:
    """The answer to a grid's `concord` op `{text, side: "source"|"target", whole}`: an
    answer with no segment and a `concordance` of up to `SHOWN` hits (or a message)."""
    query = " ".join(str(op.get("text", "")).split())
    side = "target" if op.get("side") == "target" else "source"
    whole = bool(op.get("whole", True))
    result: dict[str, Any] = {"query": query, "side": side, "whole": whole, "hits": []}
    if not query:
        result["message"] = "Select a word or phrase, or type one."
    elif len(query) > QUERY_MAX_CHARS:
        result["message"] = f"Select at most {QUERY_MAX_CHARS} characters to look up."
    elif search is None:
        result["message"] = "The concordance is not available here."
    else:
        hits = search.search(
            query, target_lang, target_side=side == "target", limit=SHOWN + 1, whole_word=whole
        )
        result["hits"] = [hit_payload(hit) for hit in hits[:SHOWN]]
        result["more"] = len(hits) > SHOWN
        if not hits:
            result["message"] = f"“{query}” was not found."
    return {"id": op.get("id"), "seg": None, "concordance": result}
