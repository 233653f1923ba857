"""Fuzzy translation-memory matches beside a target box: score, diff, target, "Use".

The editor row hands over the matches and the callback that saves a chosen target (it owns
saving and conflicts); this module only draws them. Every text is escaped.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

import streamlit as st

from workbench.memory.index import DiffSpan, TmEntry, TmMatch
from workbench.ui import state
from workbench.ui.rendering import text_block

_DIFF_TAGS = {"delete": "del", "insert": "ins"}
# How an entry from the store got its text, in the words of the editor's status badges.
_REVISION_ORIGINS = {"human": "edited", "aligned": "aligned", "mt": "MT", "tm": "TM"}
STYLE = (
    "<style>"
    ".wb-tm-head{font-size:.85rem;color:#666}"
    ".wb-tm-head b{color:#1f6f43}"
    ".wb-tm-diff{font-size:.9rem;color:#444;line-height:1.5}"
    ".wb-tm-diff del{background:#fde2e1;color:#9b1c1c;text-decoration:line-through}"
    ".wb-tm-diff ins{background:#def7e4;color:#14532d;text-decoration:underline}"
    ".wb-tm-target{font-size:1.05rem;line-height:2.1}"
    "</style>"
)


def source_diff_html(spans: Sequence[DiffSpan]) -> str:
    """The match's source against ours: removed words struck out, added ones underlined."""
    parts = []
    for span in spans:
        text = html.escape(span.text)
        tag = _DIFF_TAGS.get(span.op)
        parts.append(f"<{tag}>{text}</{tag}>" if tag else text)
    return f'<div class="wb-tm-diff" lang="en" dir="ltr">{"".join(parts)}</div>'


def provenance(entry: TmEntry) -> str:
    """Where a match comes from, as a translator asks: the file it was imported from, or
    the stored document and sentence with how its text came about; who; when."""
    parts = [entry.origin]
    if entry.document:
        parts = [entry.document, _REVISION_ORIGINS.get(entry.origin, entry.origin)]
    if entry.author:
        parts.append(entry.author)
    if entry.changed is not None:
        parts.append(f"{entry.changed:%Y-%m-%d}")
    return " · ".join(parts)


def match_html(match: TmMatch, target: str) -> str:
    """Score and provenance, the diff of the sources, then the match's translation."""
    return (
        f"<div class='wb-tm-head'><b>TM {match.score:.0f}%</b> · "
        f"{html.escape(provenance(match.entry))}</div>"
        + source_diff_html(match.diff)
        + text_block(match.entry.target, target, "wb-tm-target")
    )


def render_matches(
    matches: Sequence[TmMatch],
    target: str,
    key: str,
    on_use: Callable[..., None],
    args: tuple = (),
) -> None:
    """One compact bordered block per match; "Use" calls `on_use(*args, target_text)`."""
    for number, match in enumerate(matches):
        with st.container(border=True, key=state.tm_match_key(key, number)):
            text, use = st.columns([10, 1.4], vertical_alignment="center")
            text.html((STYLE if number == 0 else "") + match_html(match, target))
            use.button(
                "Use",
                key=state.tm_use_key(key, number),
                help="Put this translation in the box and save it (origin TM)",
                on_click=on_use,
                args=(*args, match.entry.target),
            )
