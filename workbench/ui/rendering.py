"""HTML for text in any script: direction and font per language, always escaped."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from workbench.exchange import inline
from workbench.glossary import TermHit
from workbench.languages import get_language

_MARKDOWN_SPECIALS = re.compile(r"([!-/:-@\[-`{-~])")


def markdown_text(text: str) -> str:
    """`text` for a Streamlit markdown string (titles, alerts, tooltips) shown as typed.

    Every ASCII punctuation mark is backslash-escaped (CommonMark allows it for all of them),
    which also disarms Streamlit's own `:color[…]`, `:material/…:` and `$…$` syntax; Streamlit
    never renders raw HTML in markdown, so tags come out as text.
    """
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text)


def text_block(text: str, lang: str, css_class: str = "wb-text") -> str:
    """A `<div>` with `lang`, `dir` and the language's font stack; `text` is escaped and
    a Word or HTML source's formatting placeholders show as compact tags (⟨1⟩ … ⟨/1⟩)."""
    language = get_language(lang)
    return (
        f'<div class="{css_class}" lang="{language.code}" dir="{language.direction}" '
        f'style="font-family: {html.escape(language.font_stack, quote=True)}; '
        f'text-align: {"right" if language.rtl else "left"};">'
        f"{tagged_html(text)}</div>"
    )


def tagged_html(text: str) -> str:
    """Escaped text with each formatting placeholder as a small grey tag."""
    if not inline.has_tags(text):
        return html.escape(text)
    return "".join(
        html.escape(token)
        if isinstance(token, str)
        else f'<span class="wb-tag" dir="ltr" style="{_TAG_STYLE}">'
        f"{html.escape(inline.display_tag(token))}</span>"
        for token in inline.tokens(text)
    )


_TAG_STYLE = (
    "font: .75em/1 sans-serif; color: #555; background: #eee; border-radius: 3px; "
    "padding: 0 2px; unicode-bidi: isolate"
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
