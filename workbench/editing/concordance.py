"""The grid's concordance lookup, without Streamlit: the request the active sentence's tools
sent (`concordance` op: the selected or typed phrase, which side, whole words or not)
searched in the memory and every stored document, answered as `payload.concordance_payload`.

Whole words by default: a translator checking how "Afghan" was rendered does not want every
"Afghanistan" (`memory.concordance` decides word edges on the folded text, so letter
variants, digits, ZWNJ and diacritics never split or join words).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from workbench.editing.payload import concordance_payload
from workbench.memory.concordance import ConcordanceHit

SHOWN = 20  # sentences a lookup from the grid lists, the most recently stored first
QUERY_MAX_CHARS = 200  # a longer selection is not a word or phrase to look up


class ConcordanceSearch(Protocol):
    """What a lookup searches: `memory.concordance.ConcordanceSource` in the app."""

    def search(
        self,
        text: str,
        target_lang: str,
        *,
        target_side: bool = False,
        limit: int = ...,
        whole_word: bool = False,
    ) -> list[ConcordanceHit]: ...


def request_of(op: Mapping[str, Any], segment_id: int | None) -> dict:
    """The grid's `concordance` op as a request: the phrase with its spaces collapsed."""
    return {
        "query": " ".join(str(op.get("query", "")).split()),
        "target": bool(op.get("target")),
        "whole": bool(op.get("whole", True)),
        "seg": segment_id,
    }


def look_up(search: ConcordanceSearch, target_lang: str, request: Mapping[str, Any]) -> dict:
    """Up to `SHOWN` hits for `request`, `more` when there were others; a phrase longer
    than `QUERY_MAX_CHARS` is not searched and says why."""
    query, whole = request["query"], request.get("whole", True)
    hits: list[ConcordanceHit] = []
    message = ""
    if len(query) > QUERY_MAX_CHARS:
        message = f"Select at most {QUERY_MAX_CHARS} characters to look up."
    elif query:
        hits = search.search(
            query,
            target_lang,
            target_side=request["target"],
            limit=SHOWN + 1,
            whole_word=whole,
        )
    payload = concordance_payload(query, request["target"], hits[:SHOWN], request["seg"])
    payload.update(whole=whole, more=len(hits) > SHOWN, message=message)
    return payload
