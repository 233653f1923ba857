"""What the grid component is sent: every row of a document in a compact form, and the tools
of the one active segment (TM matches, MT alternatives with their differences, glossary terms,
QA messages, history).

Plain JSON-ready dicts; every text travels as data and the component puts it into the page
with `textContent`, never as HTML. A Word or HTML source's formatting placeholders travel as
compact tags (⟨1⟩…⟨/1⟩, `exchange.inline.to_display`) that the translator can see, move or
retype; a save turns them back (`from_display`) and QA checks them against the source.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from typing import Any

from workbench.editing import QaCheck, no_qa_checks
from workbench.exchange.inline import from_display, to_display
from workbench.glossary import Glossary, find_terms
from workbench.languages import get_language
from workbench.memory.concordance import ConcordanceHit
from workbench.memory.index import TmEntry, TmMatch
from workbench.store import Revision, SegmentRow, Store
from workbench.store.records import state_of

MATCHES_SHOWN = 3  # TM matches in the active segment's tools, best first

# How a revision's text came about, in the words of the grid's status column.
ORIGIN_LABELS = {
    "mt": "MT",
    "tm": "TM",
    "aligned": "Aligned",
    "human": "Edited",
    "propagated": "Rep",
}
_TOKENS = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


def row_payload(
    row: SegmentRow,
    flags: Sequence[Any] = (),
    paragraph_start: bool = False,
    repetition: str = "",
) -> dict:
    """One grid row: number, source, target, its base revision, status, QA marks and, for a
    source that occurs more than once in the document, which occurrence it is ("2/3")."""
    revision = row.revision
    return {
        "id": row.segment.id,
        "n": row.segment.index + 1,
        "para": paragraph_start,
        "src": to_display(row.segment.text),
        "words": row.segment.word_count,
        "rep": repetition,
        **revision_fields(revision),
        "qa": qa_marks(flags),
    }


def qa_marks(flags: Sequence[Any]) -> list[list[str]]:
    return [[flag.code, flag.message] for flag in flags]


def revision_fields(revision: Revision | None) -> dict:
    """The parts of a row that change with a save: text, base revision id, state, who."""
    return {
        "tgt": to_display(revision.text) if revision else "",
        "rev": revision.id if revision else None,
        "state": state_of(revision).value,
        "status": str(revision.status) if revision else "",
        "origin": ORIGIN_LABELS.get(str(revision.origin), str(revision.origin)) if revision else "",
        "by": revision.author if revision else "",
        "at": f"{revision.created:%Y-%m-%d %H:%M}" if revision else "",
    }


def document_rows(
    store: Store,
    document_id: int,
    target_lang: str,
    qa_check: QaCheck = no_qa_checks,
    repeats: Mapping[int, Sequence[int]] | None = None,
) -> list[dict]:
    """Every row of the document in order, with paragraph starts, QA flags (checked on the
    stored texts, placeholders and all) and, from `repeats` (segment id -> the ids of every
    occurrence of its source, `workflows.propagate.repetitions`), repetition marks."""
    rows = store.segment_rows(document_id, target_lang).rows
    return rows_payload(rows, target_lang, qa_check, repeats)


def rows_payload(
    rows: Sequence[SegmentRow],
    target_lang: str,
    qa_check: QaCheck = no_qa_checks,
    repeats: Mapping[int, Sequence[int]] | None = None,
) -> list[dict]:
    """`document_rows` for rows already read."""
    payload = []
    previous_paragraph = None
    for row in rows:
        flags = qa_check(row.segment.text, row.target_text, target_lang) if row.revision else ()
        start = previous_paragraph is not None and row.segment.paragraph != previous_paragraph
        group = (repeats or {}).get(row.segment.id)
        repetition = f"{list(group).index(row.segment.id) + 1}/{len(group)}" if group else ""
        payload.append(row_payload(row, flags, start, repetition))
        previous_paragraph = row.segment.paragraph
    return payload


def language_fields(lang: str) -> dict:
    """How the component marks text in a language: `lang`, direction and script class."""
    language = get_language(lang)
    html_lang = language.code.split("-")[0]  # fa-AF -> fa: spellcheckers know `fa`
    script = "nastaliq" if language.code == "ur" else ("naskh" if language.rtl else "latin")
    return {"lang": html_lang, "dir": language.direction, "script": script}


def word_diff(old: str, new: str) -> list[list[str]]:
    """`new` against `old` in spans `[op, text]`, op `=` (same), `+` (only in new) or `-`
    (only in old); whole words, so a one-letter change marks the word it is in."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    spans: list[list[str]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _append(spans, "=", "".join(b[j1:j2]))
            continue
        if i2 > i1:
            _append(spans, "-", "".join(a[i1:i2]))
        if j2 > j1:
            _append(spans, "+", "".join(b[j1:j2]))
    return spans


def _append(spans: list[list[str]], op: str, text: str) -> None:
    if spans and spans[-1][0] == op:
        spans[-1][1] += text
    else:
        spans.append([op, text])


# How an entry from the store got its text, as a TM match's provenance says it.
_MATCH_ORIGINS = {"human": "edited", "aligned": "aligned", "mt": "MT", "tm": "TM"}


def provenance(entry: TmEntry) -> str:
    """Where a match comes from, as a translator asks: the file it was imported from, or
    the stored document and sentence with how its text came about; who; when."""
    parts = [entry.origin]
    if entry.document:
        parts = [entry.document, _MATCH_ORIGINS.get(entry.origin, entry.origin)]
    if entry.draft:
        parts.append("draft, not confirmed")
    if entry.author:
        parts.append(entry.author)
    if entry.changed is not None:
        parts.append(f"{entry.changed:%Y-%m-%d}")
    return " · ".join(parts)


def match_payload(match: TmMatch) -> dict:
    """Score, provenance, the diff of the match's source against ours, its translation."""
    return {
        "score": round(match.score),
        "from": provenance(match.entry),
        "diff": [[span.op, to_display(span.text)] for span in match.diff],
        "tgt": to_display(match.entry.target),
    }


def segment_tools(
    store: Store,
    segment_id: int,
    source_text: str,
    target_lang: str,
    current_text: str,
    matches: Sequence[TmMatch] = (),
    glossary: Glossary | None = None,
    qa_check: QaCheck = no_qa_checks,
) -> dict:
    """Everything the active segment's tools show, numbered as the shortcuts insert them:
    TM matches first, then MT alternatives (whole texts), then glossary renderings.
    `source_text` is the stored source; `current_text` is the box as shown (compact tags)."""
    results = store.machine_translations(segment_id, target_lang)
    latest = results[0] if results else None
    alternatives = [
        {
            "rank": alt.rank,
            "score": round(alt.score, 3),
            "tgt": to_display(alt.text),
            "diff": word_diff(current_text, to_display(alt.text)),
        }
        for alt in (latest.alternatives if latest else ())
    ]
    hits = find_terms(source_text, glossary, target_lang) if glossary is not None else []
    terms = [
        {"src": text, "tgt": rendering}
        for text, rendering in dict.fromkeys((h.text, h.rendering(target_lang) or "") for h in hits)
        if rendering
    ]
    history = store.history(segment_id, target_lang)
    return {
        "id": segment_id,
        "matches": [match_payload(m) for m in matches[:MATCHES_SHOWN]],
        "mt": {"engine": f"{latest.engine} {latest.model_id}", "id": latest.id} if latest else None,
        "alternatives": alternatives,
        "terms": terms,
        "qa": [
            [f.code, f.message]
            for f in (qa_check(source_text, from_display(current_text), target_lang) or ())
        ]
        if current_text
        else [],
        "history": [history_entry(r) for r in reversed(history)],
        "earlier": earlier_history(store, segment_id, target_lang),
    }


def history_entry(revision: Revision) -> dict:
    """One revision as the history list shows it: number, text, who, when, how, status."""
    return {
        "n": revision.number,
        "tgt": to_display(revision.text),
        "by": revision.author,
        "at": f"{revision.created:%Y-%m-%d %H:%M}",
        "origin": ORIGIN_LABELS.get(str(revision.origin), str(revision.origin)),
        "status": str(revision.status),
    }


def earlier_history(store: Store, segment_id: int, target_lang: str) -> list[dict]:
    """The segments a split or merge replaced by this one (nearest first), each with its
    source and revisions, newest first: the history before the repair stays readable."""
    return [
        {
            "became": str(earlier.became),
            "src": to_display(earlier.segment.text),
            "history": [history_entry(r) for r in reversed(earlier.revisions)],
        }
        for earlier in store.earlier_history(segment_id, target_lang)
    ]


def marked_pieces(text: str, spans: Sequence[tuple[int, int]]) -> list[list]:
    """`text` as `[marked, piece]` runs (the spans marked), each piece with compact tags."""
    pieces: list[list] = []
    at = 0
    for start, end in spans:
        if start > at:
            pieces.append([False, to_display(text[at:start])])
        pieces.append([True, to_display(text[start:end])])
        at = end
    if at < len(text) or not pieces:
        pieces.append([False, to_display(text[at:])])
    return pieces


def concordance_payload(
    query: str, target_side: bool, hits: Sequence[ConcordanceHit], segment_id: int | None
) -> dict:
    """A concordance lookup for the active segment's tools: each sentence pair that holds
    `query`, the match marked on the side it was found on, and where it comes from."""
    return {
        "seg": segment_id,
        "query": query,
        "target": target_side,
        "hits": [
            {
                "about": hit.unit.about(),
                "src": marked_pieces(
                    hit.unit.source_text, hit.spans if hit.side == "source" else ()
                ),
                "tgt": marked_pieces(
                    hit.unit.target_text, hit.spans if hit.side == "target" else ()
                ),
            }
            for hit in hits
        ],
    }
