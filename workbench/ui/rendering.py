"""HTML for text in any script: direction and font per language, always escaped."""

from __future__ import annotations

import html
from collections.abc import Sequence

from workbench.glossary import TermHit
from workbench.languages import get_language


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


# Row backgrounds by alignment confidence: sure, fine, worth a look.
CONFIDENCE_COLORS = ("#e6f4ea", "#fff8e1", "#fde7e9")


def confidence_color(confidence: float, threshold: float) -> str:
    """Background for a bead row: green when sure, amber when fine, red below `threshold`."""
    if confidence < threshold:
        return CONFIDENCE_COLORS[2]
    return CONFIDENCE_COLORS[0] if confidence >= 0.95 else CONFIDENCE_COLORS[1]


def bead_cell(sentences: list[str], lang: str, color: str) -> str:
    """One side of an aligned row: its sentences one per line, escaped, on `color`.

    An empty side (a sentence the other text left out) shows a dash.
    """
    body = "".join(text_block(s, lang, "wb-sentence") for s in sentences)
    body = body or text_block("—", lang, "wb-sentence wb-none")
    nastaliq = lang == "ur"  # tall letters: more line height and room above
    return (
        f'<div class="wb-bead" style="background:{html.escape(color, quote=True)};'
        f"padding:{'.6rem .7rem .3rem' if nastaliq else '.35rem .6rem'};border-radius:.3rem;"
        f'line-height:{"2.2" if nastaliq else "1.6"};">{body}</div>'
    )


def marked_text(text: str, spans: Sequence[tuple[int, int, str]]) -> str:
    """`text` escaped, each (start, end, title) span wrapped in `<mark>`; spans must not overlap.

    Every slice is escaped before any markup is added, so text can never inject HTML.
    """
    out, pos = [], 0
    for start, end, title in sorted(spans):
        out.append(html.escape(text[pos:start]))
        out.append(
            f'<mark class="wb-term" title="{html.escape(title, quote=True)}">'
            f"{html.escape(text[start:end])}</mark>"
        )
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def term_highlighted_block(text: str, hits: Sequence[TermHit], lang: str, tgt: str) -> str:
    """A source sentence with its glossary terms marked; hovering shows the approved rendering."""
    language = get_language(lang)
    spans = [(h.start, h.end, f"{h.concept.label()} → {h.rendering(tgt)}") for h in hits]
    return (
        f'<div class="wb-text" lang="{language.code}" dir="{language.direction}" '
        f'style="font-family: {html.escape(language.font_stack, quote=True)};">'
        f"{marked_text(text, spans)}</div>"
    )


def term_renderings(hits: Sequence[TermHit], tgt: str) -> str:
    """The approved renderings of a sentence's terms, one line each, for beside the target box."""
    target = get_language(tgt)
    font = html.escape(target.font_stack, quote=True)
    lines = "".join(
        f"<li><span>{html.escape(text)}</span> → "
        f'<span lang="{target.code}" dir="rtl" style="font-family: {font};">'
        f"{html.escape(rendering)}</span></li>"
        for text, rendering in dict.fromkeys((h.text, h.rendering(tgt) or "") for h in hits)
    )
    return f'<ul class="wb-renderings">{lines}</ul>' if lines else ""
