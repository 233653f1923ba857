"""HTML for text in any script: direction and font per language, always escaped."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from workbench.languages import get_language
from workbench.store import Revision

_MARKDOWN_SPECIALS = re.compile(r"([!-/:-@\[-`{-~])")


def markdown_text(text: str) -> str:
    """`text` for a Streamlit markdown string (titles, alerts, tooltips) shown as typed.

    Every ASCII punctuation mark is backslash-escaped (CommonMark allows it for all of them),
    which also disarms Streamlit's own `:color[…]`, `:material/…:` and `$…$` syntax; Streamlit
    never renders raw HTML in markdown, so tags come out as text.
    """
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text)


def text_block(text: str, lang: str, css_class: str = "wb-text") -> str:
    """A `<div>` with `lang`, `dir` and the language's font stack; `text` is escaped."""
    language = get_language(lang)
    return (
        f'<div class="{css_class}" lang="{language.code}" dir="{language.direction}" '
        f'style="font-family: {html.escape(language.font_stack, quote=True)}; '
        f'text-align: {"right" if language.rtl else "left"};">'
        f"{html.escape(text)}</div>"
    )


def side_by_side_table(rows: list[tuple[int, str, str]], src: str, tgt: str) -> str:
    """One table row per sentence: number, source (LTR), target (RTL for Arabic script)."""
    target = get_language(tgt)
    body = "".join(
        f"<tr><td class='wb-num'>{number}</td><td>{text_block(source, src)}</td>"
        f"<td>{text_block(translation, tgt)}</td></tr>"
        for number, source, translation in rows
    )
    line_height = "2.2" if target.code == "ur" else "1.8"
    return (
        "<style>"
        ".wb-table{width:100%;border-collapse:collapse;table-layout:fixed}"
        ".wb-table td{vertical-align:top;padding:.45rem .6rem;border-bottom:1px solid #e6e6e6}"
        ".wb-table td.wb-num{width:3rem;color:#888;font-variant-numeric:tabular-nums}"
        f".wb-table td:nth-child(3) .wb-text{{font-size:1.15rem;line-height:{line_height}}}"
        ".wb-table th{text-align:left;padding:.4rem .6rem;border-bottom:2px solid #ccc}"
        "</style>"
        "<table class='wb-table' style='width:100%;table-layout:fixed;border-collapse:collapse'>"
        "<colgroup><col style='width:3.5rem'><col style='width:48%'><col></colgroup>"
        "<thead><tr><th>#</th>"
        f"<th>Source ({get_language(src).label})</th>"
        f"<th style='text-align:right'>{target.label}</th></tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def revision_history_table(revisions: Sequence[Revision], tgt: str) -> str:
    """Newest first: number, when (UTC), who, origin, status, and the text; all escaped."""
    body = "".join(
        "<tr>"
        f"<td>{r.number}</td><td>{r.created:%Y-%m-%d %H:%M}</td>"
        f"<td>{html.escape(r.author)}</td><td>{html.escape(r.origin.value)}</td>"
        f"<td>{html.escape(r.status.value)}</td><td>{text_block(r.text, tgt)}</td>"
        "</tr>"
        for r in reversed(revisions)
    )
    return (
        "<table class='wb-history' style='width:100%;border-collapse:collapse;font-size:.85rem'>"
        "<colgroup><col style='width:2.5rem'><col style='width:9rem'><col style='width:8rem'>"
        "<col style='width:4.5rem'><col style='width:5.5rem'><col></colgroup>"
        "<thead><tr style='text-align:left'><th>#</th><th>When (UTC)</th><th>Who</th>"
        "<th>Origin</th><th>Status</th><th>Text</th></tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )
