"""Fuzzy translation-memory matches beside a target box: score, diff, target, "Use".

The editor row hands over the matches and the callback that saves a chosen target (it owns
saving and conflicts); this module only draws them. Every text is escaped.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

import streamlit as st

from workbench.store import Store
from workbench.store.memory import MemorySource
from workbench.tm import DiffSpan, TmMatch, TranslationMemory
from workbench.ui.rendering import text_block

_DIFF_TAGS = {"delete": "del", "insert": "ins"}
STYLE = (
    "<style>"
    ".wb-tm-diff{font-size:.9rem;color:#444;line-height:1.5}"
    ".wb-tm-diff del{background:#fde2e1;color:#9b1c1c;text-decoration:line-through}"
    ".wb-tm-diff ins{background:#def7e4;color:#14532d;text-decoration:underline}"
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


@st.cache_resource(show_spinner=False)
def _memory_source(url: str, _store: Store) -> MemorySource:
    return MemorySource(_store)


def app_memory(store: Store) -> TranslationMemory:
    """The store's translation memory, loaded once per server process and brought up to
    date (new imports, new post-edits) on every call."""
    return _memory_source(store.url, store).refresh()


def render_matches(
    matches: Sequence[TmMatch],
    target: str,
    key: str,
    on_use: Callable[..., None],
    args: tuple = (),
) -> None:
    """One compact block per match; "Use" calls `on_use(*args, target_text)`."""
    if not matches:
        return
    st.html(STYLE)
    for number, match in enumerate(matches):
        with st.container(border=True, key=f"{key}-tm-{number}"):
            head, use = st.columns([10, 1.4], vertical_alignment="center")
            head.html(
                f"<b>TM {match.score:.0f}%</b> "
                f"<span style='color:#888'>· {html.escape(match.entry.origin)}</span>"
                + source_diff_html(match.diff)
            )
            use.button(
                "Use",
                key=f"{key}-tm-use-{number}",
                help="Put this translation in the box and save it (origin TM)",
                on_click=on_use,
                args=(*args, match.entry.target),
            )
            st.html(text_block(match.entry.target, target))
