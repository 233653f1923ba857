"""HTML for text in any script: direction and font per language, always escaped."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from workbench.glossary import TermHit
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
