"""The editor's Concordance box: a word or phrase in the memory and every stored document.

Each hit shows the sentence with the match marked, its translation, and where it comes from,
who and when (`workbench.memory.concordance`). Every text is escaped.
"""

from __future__ import annotations

import html

import streamlit as st

from workbench.errors import WorkbenchError
from workbench.languages import get_language
from workbench.memory.concordance import ConcordanceHit
from workbench.ui import state
from workbench.ui.rendering import markdown_text, text_block
from workbench.ui.resources import concordance

SHOWN = 20
STYLE = (
    "<style>"
    ".wb-tm-head{font-size:.85rem;color:#666}"
    ".wb-tm-target{font-size:1.05rem;line-height:2.1}"
    ".wb-cc mark{background:#fff3bf;padding:0 .1em}"
    "</style>"
)


def marked_html(text: str, spans: tuple[tuple[int, int], ...], lang: str) -> str:
    """`text` escaped, each span in <mark>, in a block with the language's direction."""
    parts, at = [], 0
    for start, end in spans:
        parts.append(html.escape(text[at:start]))
        parts.append(f"<mark>{html.escape(text[start:end])}</mark>")
        at = end
    parts.append(html.escape(text[at:]))
    try:
        language = get_language(lang)
        direction, font = language.direction, language.font_stack
    except WorkbenchError:  # a language the workbench does not translate (a TMX's source)
        direction, font = "auto", "inherit"
    return (
        f'<div class="wb-cc" lang="{html.escape(lang, quote=True)}" dir="{direction}" '
        f'style="font-family: {html.escape(font, quote=True)}">{"".join(parts)}</div>'
    )


def hit_html(hit: ConcordanceHit, target_lang: str) -> str:
    unit = hit.unit
    head = f"<div class='wb-tm-head'>{html.escape(unit.about())}</div>"
    if hit.side == "source":
        source = marked_html(unit.source_text, hit.spans, unit.source_lang)
        target = text_block(unit.target_text, target_lang, "wb-tm-target")
    else:
        source = marked_html(unit.source_text, (), unit.source_lang)
        target = marked_html(unit.target_text, hit.spans, target_lang)
    return head + source + target


def render(target_lang: str) -> None:
    """A collapsed "Concordance" box: type a word, see where it was translated before."""
    with st.expander("Concordance", expanded=bool(st.session_state.get(state.CONCORDANCE_QUERY))):
        query_column, side_column = st.columns([4, 1.4], vertical_alignment="bottom")
        query = query_column.text_input(
            "Word or phrase",
            key=state.CONCORDANCE_QUERY,
            help="Searches the translation memory and every stored document. Arabic-script "
            "letter variants, digits, ZWNJ and diacritics do not stop a match.",
        )
        target_side = side_column.checkbox("In translations", key=state.CONCORDANCE_TARGET_SIDE)
        if not query.strip():
            return
        hits = concordance().search(query, target_lang, target_side=target_side, limit=SHOWN)
        if not hits:
            st.caption(markdown_text(f"“{query}” was not found."))
            return
        st.caption(f"{len(hits)} sentences, the most recently stored first (at most {SHOWN}).")
        st.html(STYLE + "<hr>".join(hit_html(hit, target_lang) for hit in hits))
