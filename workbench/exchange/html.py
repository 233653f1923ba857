"""Web pages in and out: block elements are paragraphs, inline elements are placeholders.

The page is parsed with lxml's HTML parser, which only builds a tree: nothing in the page
(scripts, styles, frames, images) is run or fetched, here or in the app. Each stretch of
text and inline elements inside a block element (p, h1-h6, li, td, blockquote, title, ...)
is one block; an inline element around words (b, em, a, span) becomes a tag pair, a void
one (br, img) a standalone tag. `script`, `style`, `code`, `pre` and anything marked
`translate="no"` are never translated: inside a block they travel as one standalone tag
and come back exactly as they were.

Writing parses the original again and replaces each block's inline content with its
translated text; the root element gets the target's `lang` and `dir="rtl"`, and a small
style rule gives target-language text the desk's font.
"""

from __future__ import annotations

import codecs
import copy
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from workbench.errors import InputError
from workbench.exchange.decoding import decode_as
from workbench.exchange.document import (
    LINE_BREAKS,
    Block,
    BlockKind,
    InlineTag,
    SourceDocument,
    TagKind,
    is_translatable,
)
from workbench.exchange.inline import (
    MAX_TAGS,
    Span,
    Tag,
    close_char,
    nest,
    open_char,
    standalone_char,
)
from workbench.languages import get_language

MIME_TYPE = "text/html"
FONT_STYLE_ID = "workbench-target-font"


def _names(words: str) -> frozenset[str]:
    return frozenset(words.split())


_BLOCK_KINDS = {
    **{f"h{n}": BlockKind.HEADING for n in range(1, 7)},
    "title": BlockKind.TITLE,
    "li": BlockKind.LIST_ITEM,
    "dt": BlockKind.LIST_ITEM,
    "dd": BlockKind.LIST_ITEM,
    "td": BlockKind.TABLE_CELL,
    "th": BlockKind.TABLE_CELL,
    "blockquote": BlockKind.QUOTE,
    "figcaption": BlockKind.CAPTION,
    "caption": BlockKind.CAPTION,
}
_BLOCKS = set(_BLOCK_KINDS) | _names(
    "html head body p div section article aside header footer nav main address figure ul "
    "ol dl table thead tbody tfoot tr summary details legend fieldset form hr center "
    "option select"
)
_NEVER_TRANSLATED = _names(
    "script style code pre kbd samp var svg math template noscript textarea iframe "
    "object embed canvas audio video"
)
_VOID = _names("br img wbr input hr area col embed source track")
_TAG_KINDS = {
    "b": TagKind.BOLD,
    "strong": TagKind.BOLD,
    "i": TagKind.ITALIC,
    "em": TagKind.ITALIC,
    "u": TagKind.UNDERLINE,
    "a": TagKind.LINK,
    "br": TagKind.BREAK,
    "wbr": TagKind.BREAK,
    "img": TagKind.IMAGE,
}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


# --- decoding and parsing -------------------------------------------------------------------


def decode_html(data: bytes, name: str, encoding: str | None = None) -> str:
    """The page's text: in `encoding` if given, else by its byte-order mark, else its
    `<meta charset>`, else UTF-8."""
    if encoding is None:
        for bom, bom_encoding in _BOMS:
            if data.startswith(bom):
                return data.decode(bom_encoding)
        declared = _META_CHARSET.search(data[:4096])
        encoding = declared.group(1).decode("ascii").lower() if declared else "utf-8"
    return decode_as(data, encoding, name, unknown="the page declares an unknown encoding")


def _parse(data: bytes, name: str, encoding: str | None = None) -> etree._Element:
    text = decode_html(data, name, encoding)
    if not text.strip():
        raise InputError("the page is empty", path=name)
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=False, remove_pis=True)
    try:
        return lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"not a readable HTML page: {exc}", path=name) from None


def _name(element: etree._Element) -> str:
    return element.tag.lower() if isinstance(element.tag, str) else ""


def _untranslated(element: etree._Element) -> bool:
    if not isinstance(element.tag, str):
        return True  # a comment or processing instruction
    return _name(element) in _NEVER_TRANSLATED or (element.get("translate") or "").lower() == "no"


def _is_block(element: etree._Element) -> bool:
    if _name(element) in _BLOCKS:
        return True
    return any(_name(d) in _BLOCKS for d in element.iterdescendants() if isinstance(d.tag, str))


# --- runs: the inline content between block boundaries --------------------------------------


@dataclass
class _Run:
    """Inline content of `parent`: the text in `lead` (parent.text, or the tail of the block
    child `after`) and the inline children that follow, up to the next block child."""

    parent: etree._Element
    after: etree._Element | None  # the block child whose tail starts the run, or None
    children: list[etree._Element] = field(default_factory=list)

    @property
    def lead(self) -> str:
        return (self.after.tail if self.after is not None else self.parent.text) or ""

    def set_lead(self, text: str | None) -> None:
        if self.after is not None:
            self.after.tail = text
        else:
            self.parent.text = text


def _runs(root: etree._Element) -> Iterator[tuple[BlockKind, _Run]]:
    def visit(element: etree._Element, kind: BlockKind) -> Iterator[tuple[BlockKind, _Run]]:
        run = _Run(element, None)
        for node in element:
            if isinstance(node.tag, str) and _is_block(node):
                yield kind, run
                if not _untranslated(node):
                    yield from visit(node, _BLOCK_KINDS.get(_name(node), BlockKind.PARAGRAPH))
                run = _Run(element, node)
            else:
                run.children.append(node)
        yield kind, run

    if not _untranslated(root):
        yield from visit(root, BlockKind.PARAGRAPH)


@dataclass
class _Flat:
    text: str
    tags: list[InlineTag]
    elements: dict[int, etree._Element]  # tag number -> the element it stands for


def _flatten(run: _Run, name: str) -> _Flat:
    flat = _Flat("", [], {})
    out: list[str] = []

    def new_tag(element: etree._Element, paired: bool) -> int:
        number = len(flat.tags)
        if number >= MAX_TAGS:
            raise InputError(f"a paragraph has more than {MAX_TAGS} inline elements", path=name)
        tag = _name(element)
        kind = TagKind.CODE if _untranslated(element) else _TAG_KINDS.get(tag, TagKind.FORMAT)
        detail = element.get("href", "") if tag == "a" else tag
        flat.tags.append(InlineTag(number, kind, paired, detail))
        flat.elements[number] = element
        return number

    def text(value: str | None) -> None:
        if value:
            for ch in LINE_BREAKS:
                value = value.replace(ch, " ")
            out.append(value)

    def inline(element: etree._Element) -> None:
        if _untranslated(element) or _name(element) in _VOID:
            out.append(standalone_char(new_tag(element, False)))
        else:
            number = new_tag(element, True)
            out.append(open_char(number))
            text(element.text)
            for node in element:
                inline(node)
            out.append(close_char(number))
        text(element.tail)

    text(run.lead)
    for node in run.children:
        inline(node)
    flat.text = "".join(out)
    return flat


def _flat_runs(root: etree._Element, name: str) -> Iterator[tuple[BlockKind, _Run, _Flat]]:
    for kind, run in _runs(root):
        flat = _flatten(run, name)
        if is_translatable(flat.text):
            yield kind, run, flat


# --- reading and writing --------------------------------------------------------------------


def read_html(data: bytes, name: str = "page.html", encoding: str | None = None) -> SourceDocument:
    """The page's translatable blocks; `InputError` for a page with no text. `encoding`
    overrides what the page declares."""
    root = _parse(data, name, encoding)
    blocks = tuple(
        Block(kind, _collapse(flat.text), tuple(flat.tags), _heading_level(run.parent))
        for kind, run, flat in _flat_runs(root, name)
    )
    if not blocks:
        raise InputError("the page has no text to translate", path=name)
    return SourceDocument("html", blocks)


def _collapse(text: str) -> str:
    """HTML whitespace as a reader sees it: runs of spaces are one space."""
    return re.sub(r"[ \t]{2,}", " ", text).strip(" \t")


def _heading_level(element: etree._Element) -> int:
    tag = _name(element)
    return int(tag[1]) if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit() else 0


def write_html(
    data: bytes,
    block_texts: Sequence[str],
    target_lang: str,
    name: str = "page.html",
    encoding: str | None = None,
) -> bytes:
    """The original page with each block's inline content replaced by its entry in
    `block_texts` (as `read_html` listed them), marked with the target's language and
    direction; UTF-8."""
    language = get_language(target_lang)
    root = _parse(data, name, encoding)
    runs = list(_flat_runs(root, name))
    if len(runs) != len(block_texts):
        raise ValueError(f"{len(block_texts)} texts for {len(runs)} blocks")
    for (_, run, flat), text in zip(runs, block_texts, strict=True):
        _refill(run, flat, text)
        if run.parent.get("dir") or run.parent.get("lang"):
            run.parent.set("lang", language.code)
            run.parent.set("dir", language.direction)
    root.set("lang", language.code)
    root.set("dir", language.direction)
    _mark_charset_and_font(root, language)
    return lxml.html.tostring(root, doctype="<!DOCTYPE html>", encoding="utf-8", method="html")


def _refill(run: _Run, flat: _Flat, text: str) -> None:
    parent = run.parent
    index = parent.index(run.children[0]) if run.children else None
    if index is None:
        index = parent.index(run.after) + 1 if run.after is not None else 0
    for node in run.children:
        parent.remove(node)
    holder = etree.Element("holder")
    used: set[int] = set()
    _emit(holder, nest(text), flat, used)
    run.set_lead(holder.text)
    for offset, node in enumerate(list(holder)):
        parent.insert(index + offset, node)


def _emit(parent: etree._Element, nodes: Sequence[str | Tag | Span], flat: _Flat, used) -> None:
    for node in nodes:
        if isinstance(node, str):
            _append_text(parent, node)
        elif isinstance(node, Tag):
            original = flat.elements.get(node.number)
            if original is None:
                continue
            element = copy.deepcopy(original) if node.number in used else original
            used.add(node.number)
            element.tail = None
            parent.append(element)
        else:
            original = flat.elements.get(node.number)
            if original is None:
                _emit(parent, node.children, flat, used)
                continue
            shell = etree.SubElement(parent, original.tag, dict(original.attrib))
            _emit(shell, node.children, flat, used)


def _append_text(parent: etree._Element, value: str) -> None:
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + value
    else:
        parent.text = (parent.text or "") + value


def _mark_charset_and_font(root: etree._Element, language) -> None:
    """Declare UTF-8 (what is written) and give text in the target language its font."""
    head = root.find("head")
    if head is None:
        head = etree.Element("head")
        root.insert(0, head)
    for meta in head.findall("meta"):
        if meta.get("charset") or (meta.get("http-equiv") or "").lower() == "content-type":
            head.remove(meta)
    charset = etree.Element("meta", charset="utf-8")
    head.insert(0, charset)
    for old in head.findall(f"style[@id='{FONT_STYLE_ID}']"):
        head.remove(old)
    style = etree.SubElement(head, "style", id=FONT_STYLE_ID)
    style.text = f":lang({language.code}) {{ font-family: {language.font_stack}; }}"


__all__ = ["MIME_TYPE", "decode_html", "read_html", "write_html"]
