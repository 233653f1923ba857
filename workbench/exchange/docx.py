"""Word (.docx) in and out: paragraphs become blocks, run formatting becomes placeholders.

Read with python-docx (the maintained library for .docx; it opens the package, resolves
parts and relationships and saves them back, and exposes the XML underneath, which is what
formatting-preserving translation needs). Blocks, in reading order: body paragraphs
(headings, list items, table cells, text boxes), then headers, footers, footnotes and
endnotes. Within a paragraph, the character formatting that covers most of its text is its
base; a stretch of text formatted otherwise (bold, italic, a character style) becomes a
paired tag, so does a hyperlink, and breaks, tabs, images, note references and fields
become standalone tags (a field's codes together make one tag, its result text is
translated).

Writing starts again from the original file: each translatable paragraph is emptied (its
properties, bookmarks and comment anchors stay) and refilled from its translated text,
the words between a tag pair getting the formatting (a copy of the run properties) or the
link of that tag, each standalone tag its original element back. For a right-to-left
target, paragraphs, runs, tables and styles get Word's right-to-left properties
(`workbench.exchange.docx_direction`). Everything else (styles, numbering, images,
sections, comments) is the original's.
"""

from __future__ import annotations

import copy
import io
import zipfile
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from lxml import etree

from workbench.errors import InputError
from workbench.exchange.document import (
    LINE_BREAKS,
    Block,
    BlockKind,
    InlineTag,
    SourceDocument,
    TagKind,
    is_translatable,
)
from workbench.exchange.docx_direction import (
    W_NS,
    right_to_left_paragraph,
    right_to_left_run,
    right_to_left_styles,
    right_to_left_table,
    w,
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

MIME_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_UNPACKED_BYTES = 200_000_000  # a zip that unpacks to more is refused (zip bombs)

_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_FOOTNOTES = f"{_REL_NS}/footnotes"
_ENDNOTES = f"{_REL_NS}/endnotes"
_HEADER = f"{_REL_NS}/header"
_FOOTER = f"{_REL_NS}/footer"

# Paragraph children whose content is read as if it were the paragraph's own.
_TRANSPARENT = {w(n) for n in ("ins", "moveTo", "smartTag", "customXml", "dir", "bdo")}
# Paragraph children that are no text: kept where they are (anchors) or dropped.
_ANCHORS = {
    w(n)
    for n in (
        "bookmarkStart",
        "bookmarkEnd",
        "commentRangeStart",
        "commentRangeEnd",
        "permStart",
        "permEnd",
        "moveFromRangeStart",
        "moveFromRangeEnd",
        "moveToRangeStart",
        "moveToRangeEnd",
    )
}
_DROPPED = {w(n) for n in ("del", "moveFrom", "proofErr")}  # tracked deletions, spell marks
_RUN_SKIPPED = {
    w(n) for n in ("rPr", "lastRenderedPageBreak", "delText", "delInstrText", "softHyphen")
}
_RUN_OBJECTS = {
    w("tab"): TagKind.TAB,
    w("ptab"): TagKind.TAB,
    w("br"): TagKind.BREAK,
    w("cr"): TagKind.BREAK,
    w("drawing"): TagKind.IMAGE,
    w("pict"): TagKind.IMAGE,
    w("object"): TagKind.IMAGE,
    w("footnoteReference"): TagKind.NOTE_REF,
    w("endnoteReference"): TagKind.NOTE_REF,
    w("fldChar"): TagKind.FIELD,
    w("instrText"): TagKind.FIELD,
}
# Run properties that differ between runs without the reader seeing a difference.
_INVISIBLE_RPR = {w(n) for n in ("lang", "noProof", "rPrChange", "webHidden")}
_BOLD_ITALIC_UNDERLINE = {
    frozenset({"b"}): TagKind.BOLD,
    frozenset({"b", "bCs"}): TagKind.BOLD,
    frozenset({"i"}): TagKind.ITALIC,
    frozenset({"i", "iCs"}): TagKind.ITALIC,
    frozenset({"u"}): TagKind.UNDERLINE,
}


# --- the parts a document's paragraphs live in -----------------------------------------------


@dataclass
class _Package:
    """An opened .docx and the XML roots whose paragraphs are translated."""

    document: object  # docx.document.Document
    roots: list[tuple[BlockKind | None, etree._Element]]  # None: kind from the paragraph
    raw_parts: list[tuple[object, etree._Element]]  # (Part, root) saved back by hand
    styles: etree._Element | None
    link_targets: dict[str, str]  # relationship id -> address


def _open(data: bytes, name: str) -> _Package:
    import docx  # imported here: only Word users pay for it
    from docx.opc.exceptions import PackageNotFoundError
    from docx.oxml import parse_xml

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise InputError(
            "not a Word .docx file (an old .doc or another format? save it as .docx)", path=name
        ) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise InputError(
            f"the Word file unpacks to {unpacked:,} bytes; more than {MAX_UNPACKED_BYTES:,} "
            "is refused",
            path=name,
        )
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise InputError(f"not a readable Word .docx file: {exc}", path=name) from None
    part = document.part
    roots: list[tuple[BlockKind | None, etree._Element]] = [(None, document.element.body)]
    raw_parts = []
    related = sorted(
        (rel for rel in part.rels.values() if not rel.is_external),
        key=lambda rel: str(rel.target_part.partname),
    )
    for reltype, kind in ((_HEADER, BlockKind.HEADER), (_FOOTER, BlockKind.FOOTER)):
        roots += [(kind, r.target_part.element) for r in related if r.reltype == reltype]
    for reltype, kind in ((_FOOTNOTES, BlockKind.FOOTNOTE), (_ENDNOTES, BlockKind.ENDNOTE)):
        for rel in related:
            if rel.reltype == reltype:
                notes = parse_xml(rel.target_part.blob)
                raw_parts.append((rel.target_part, notes))
                roots.append((kind, notes))
    link_targets = {rel_id: rel.target_ref for rel_id, rel in part.rels.items() if rel.is_external}
    return _Package(document, roots, raw_parts, document.styles.element, link_targets)


def _paragraphs(package: _Package) -> Iterator[tuple[BlockKind, etree._Element]]:
    styles = _style_names(package.styles)
    for kind, root in package.roots:
        for p in root.iter(w("p")):
            if any(a.tag == _MC_FALLBACK for a in p.iterancestors()):
                continue  # the same text box again, for old readers
            if kind in (BlockKind.FOOTNOTE, BlockKind.ENDNOTE):
                note = next(p.iterancestors(w("footnote"), w("endnote")), None)
                if note is not None and note.get(w("type"), "normal") != "normal":
                    continue  # separator lines
            yield kind or _body_kind(p, styles), p


def _style_names(styles: etree._Element | None) -> dict[str, str]:
    if styles is None:
        return {}
    names = {}
    for style in styles.iter(w("style")):
        name = style.find(w("name"))
        names[style.get(w("styleId"), "")] = (
            name.get(w("val"), "") if name is not None else ""
        ).lower()
    return names


def _body_kind(p: etree._Element, styles: dict[str, str]) -> BlockKind:
    ancestors = {a.tag for a in p.iterancestors()}
    if w("txbxContent") in ancestors:
        return BlockKind.TEXT_BOX
    if w("tc") in ancestors:
        return BlockKind.TABLE_CELL
    ppr = p.find(w("pPr"))
    style_id = ppr.find(w("pStyle")) if ppr is not None else None
    style = styles.get(style_id.get(w("val"), ""), "") if style_id is not None else ""
    if style in ("title", "subtitle"):
        return BlockKind.TITLE
    if style.startswith("heading") or (ppr is not None and ppr.find(w("outlineLvl")) is not None):
        return BlockKind.HEADING
    if (ppr is not None and ppr.find(w("numPr")) is not None) or style.startswith("list"):
        return BlockKind.LIST_ITEM
    if "quote" in style:
        return BlockKind.QUOTE
    if style == "caption":
        return BlockKind.CAPTION
    return BlockKind.PARAGRAPH


# --- one paragraph as text with tags --------------------------------------------------------


@dataclass
class _Piece:
    """Text or an object in a paragraph, in reading order, with its formatting and link."""

    text: str | None
    rpr: etree._Element | None
    link: etree._Element | None
    objects: list[tuple[etree._Element, etree._Element | None, bool]] = field(
        default_factory=list
    )  # (element, its run's rPr, inside a run)
    kind: TagKind = TagKind.OTHER


@dataclass
class _Flat:
    """A paragraph flattened: text with placeholders, the tags, and what each stands for."""

    text: str
    tags: list[InlineTag]
    base_rpr: etree._Element | None
    formats: dict[int, etree._Element | None]  # paired format tag -> run properties
    links: dict[int, tuple[etree._Element, etree._Element | None]]  # link tag -> (link, base)
    objects: dict[int, list[tuple[etree._Element, etree._Element | None, bool]]]


def _pieces(p: etree._Element) -> list[_Piece]:
    pieces: list[_Piece] = []

    def add_object(element, rpr, in_run, link, kind) -> None:
        last = pieces[-1] if pieces else None
        if (
            last is not None
            and last.text is None
            and last.link is link
            and kind is last.kind is TagKind.FIELD
        ):
            last.objects.append((element, rpr, in_run))  # a field's codes: one tag
            return
        pieces.append(_Piece(None, None, link, [(element, rpr, in_run)], kind))

    def walk(container: etree._Element, link: etree._Element | None) -> None:
        for node in container:
            tag = node.tag
            if not isinstance(tag, str) or tag == w("pPr") or tag in _ANCHORS | _DROPPED:
                continue
            if tag == w("r"):
                run(node, link)
            elif tag == w("hyperlink"):
                walk(node, link if link is not None else node)
            elif tag in _TRANSPARENT:
                walk(node, link)
            elif tag == w("sdt"):
                content = node.find(w("sdtContent"))
                if content is not None:
                    walk(content, link)
            else:  # a simple field, an equation: kept whole
                add_object(node, None, False, link, TagKind.FIELD)

    def run(r: etree._Element, link: etree._Element | None) -> None:
        rpr = r.find(w("rPr"))
        for node in r:
            tag = node.tag
            if not isinstance(tag, str) or tag in _RUN_SKIPPED:
                continue
            if tag == w("t"):
                text = node.text or ""
                for ch in LINE_BREAKS:
                    text = text.replace(ch, " ")
                pieces.append(_Piece(text, rpr, link))
            elif tag == w("noBreakHyphen"):
                pieces.append(_Piece("\u2011", rpr, link))
            else:
                add_object(node, rpr, True, link, _RUN_OBJECTS.get(tag, TagKind.OTHER))

    walk(p, None)
    return pieces


def _rpr_key(rpr: etree._Element | None) -> bytes:
    """What a reader sees of run properties (revision ids and spelling language aside)."""
    if rpr is None:
        return b""
    visible = copy.deepcopy(rpr)
    for node in list(visible):
        if node.tag in _INVISIBLE_RPR:
            visible.remove(node)
    for node in visible.iter():
        for attr in [a for a in node.attrib if "rsid" in a]:
            del node.attrib[attr]
    return etree.tostring(visible, method="c14n") if len(visible) else b""


def _format_kind(rpr: etree._Element | None, base: etree._Element | None) -> TagKind:
    def props(element):
        if element is None:
            return set()
        return {etree.tostring(n, method="c14n") for n in element if n.tag not in _INVISIBLE_RPR}

    added = props(rpr) - props(base)
    removed = props(base) - props(rpr)
    names = frozenset(etree.QName(etree.fromstring(x)).localname for x in added)
    if not removed:
        return _BOLD_ITALIC_UNDERLINE.get(names, TagKind.FORMAT)
    return TagKind.FORMAT


def _dominant(pieces: Sequence[_Piece]) -> etree._Element | None:
    """The run properties covering the most characters of `pieces`."""
    weights: Counter[bytes] = Counter()
    first: dict[bytes, etree._Element | None] = {}
    for piece in pieces:
        if piece.text is not None:
            key = _rpr_key(piece.rpr)
            weights[key] += len(piece.text)
            first.setdefault(key, piece.rpr)
    if not weights:
        return None
    return first[weights.most_common(1)[0][0]]


def _flatten(p: etree._Element, name: str, link_targets: dict[str, str]) -> _Flat:
    pieces = _pieces(p)
    outside_links = [piece for piece in pieces if piece.link is None and piece.text is not None]
    base = _dominant(outside_links or pieces)
    flat = _Flat("", [], base, {}, {}, {})
    out: list[str] = []
    link_open: tuple[int, etree._Element] | None = None
    format_open: tuple[int, bytes] | None = None
    context_base = base

    def new_tag(kind: TagKind, paired: bool, detail: str = "") -> int:
        number = len(flat.tags)
        if number >= MAX_TAGS:
            raise InputError(
                f"a paragraph has more than {MAX_TAGS} formatting changes; simplify its "
                "formatting in Word (e.g. Clear Formatting) and try again",
                path=name,
            )
        flat.tags.append(InlineTag(number, kind, paired, detail))
        return number

    def close_format() -> None:
        nonlocal format_open
        if format_open is not None:
            out.append(close_char(format_open[0]))
            format_open = None

    link_pieces: dict[int, list[_Piece]] = {}
    for piece in pieces:
        if piece.link is not None:
            link_pieces.setdefault(id(piece.link), []).append(piece)
    for piece in pieces:
        current_link = link_open[1] if link_open else None
        if piece.link is not current_link:
            close_format()
            if link_open is not None:
                out.append(close_char(link_open[0]))
                link_open = None
            context_base = base
            if piece.link is not None:
                context_base = _dominant(link_pieces[id(piece.link)])
                rel_id = piece.link.get(f"{{{_REL_NS}}}id", "")
                target = link_targets.get(rel_id) or "#" + piece.link.get(w("anchor"), "")
                number = new_tag(TagKind.LINK, True, target)
                flat.links[number] = (piece.link, context_base)
                link_open = (number, piece.link)
                out.append(open_char(number))
        if piece.text is None:
            number = new_tag(piece.kind, False)
            flat.objects[number] = piece.objects
            out.append(standalone_char(number))
            continue
        key = _rpr_key(piece.rpr)
        wanted = None if key == _rpr_key(context_base) else key
        if format_open is not None and format_open[1] != wanted:
            close_format()
        if wanted is not None and format_open is None:
            number = new_tag(_format_kind(piece.rpr, context_base), True)
            flat.formats[number] = piece.rpr
            format_open = (number, wanted)
            out.append(open_char(number))
        out.append(piece.text)
    close_format()
    if link_open is not None:
        out.append(close_char(link_open[0]))
    flat.text = "".join(out)
    return flat


# --- reading --------------------------------------------------------------------------------


def _flat_paragraphs(
    package: _Package, name: str
) -> Iterator[tuple[BlockKind, etree._Element, _Flat]]:
    for kind, p in _paragraphs(package):
        flat = _flatten(p, name, package.link_targets)
        if is_translatable(flat.text):
            yield kind, p, flat


def read_docx(
    data: bytes, name: str = "document.docx", encoding: str | None = None
) -> SourceDocument:
    """The Word file's translatable paragraphs as blocks; `InputError` for a file that is
    not a .docx or has no text. (`encoding` is for the text formats: .docx is UTF-8 XML.)"""
    del encoding
    package = _open(data, name)
    blocks = tuple(
        Block(kind, flat.text, tuple(flat.tags), _level(p))
        for kind, p, flat in _flat_paragraphs(package, name)
    )
    if not blocks:
        raise InputError("the Word file has no text to translate", path=name)
    return SourceDocument("docx", blocks)


def _level(p: etree._Element) -> int:
    ppr = p.find(w("pPr"))
    if ppr is None:
        return 0
    for path in (f"{w('numPr')}/{w('ilvl')}", w("outlineLvl")):
        found = ppr.find(path)
        if found is not None and (found.get(w("val")) or "").isdigit():
            return int(found.get(w("val"))) + 1
    return 0


# --- writing --------------------------------------------------------------------------------


def write_docx(
    data: bytes,
    block_texts: Sequence[str],
    target_lang: str,
    name: str = "document.docx",
    encoding: str | None = None,
) -> bytes:
    """The original Word file with each translatable paragraph's text replaced by its entry
    in `block_texts` (as `read_docx` listed them), right to left for such a target."""
    del encoding
    language = get_language(target_lang)
    package = _open(data, name)
    paragraphs = list(_flat_paragraphs(package, name))
    if len(paragraphs) != len(block_texts):
        raise ValueError(f"{len(block_texts)} texts for {len(paragraphs)} paragraphs")
    for (_, p, flat), text in zip(paragraphs, block_texts, strict=True):
        _refill(p, flat, text)
        if language.rtl:
            for rpr in p.iter(w("rPr")):
                if rpr.getparent().tag == w("r"):
                    right_to_left_run(rpr, language)
            for r in p.iter(w("r")):
                if r.find(w("rPr")) is None:
                    rpr = etree.Element(w("rPr"))
                    r.insert(0, rpr)
                    right_to_left_run(rpr, language)
    if language.rtl:
        for _, p in _paragraphs(package):  # all, so an image's paragraph is right-aligned too
            ppr = p.find(w("pPr"))
            if ppr is None:
                ppr = etree.Element(w("pPr"))
                p.insert(0, ppr)
            right_to_left_paragraph(ppr, language)
        for _, root in package.roots:
            for tbl in root.iter(w("tbl")):
                right_to_left_table(tbl)
        if package.styles is not None:
            right_to_left_styles(package.styles, language)
    for part, root in package.raw_parts:
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    out = io.BytesIO()
    package.document.save(out)
    return out.getvalue()


def _refill(p: etree._Element, flat: _Flat, text: str) -> None:
    """Empty the paragraph (keeping properties and anchors) and fill it from `text`."""
    starts, ends = [], []
    for node in list(p):
        if node.tag == w("pPr"):
            continue
        if node.tag in _ANCHORS:
            (ends if node.tag.endswith("End") else starts).append(node)
        p.remove(node)
    p.extend(starts)
    used: set[int] = set()
    _emit(p, nest(text), flat, flat.base_rpr, in_link=False, used=used)
    p.extend(ends)


def _emit(
    parent: etree._Element,
    nodes: Sequence[str | Tag | Span],
    flat: _Flat,
    rpr: etree._Element | None,
    in_link: bool,
    used: set[int],
) -> None:
    for node in nodes:
        if isinstance(node, str):
            if node:
                run = _run(parent, rpr)
                t = etree.SubElement(run, w("t"))
                t.text = node
                t.set(_XML_SPACE, "preserve")
        elif isinstance(node, Tag):
            for element, run_rpr, in_run in flat.objects.get(node.number, []):
                # The original element the first time (a text box keeps its translated
                # paragraphs), a copy if the translator used the tag twice.
                element = copy.deepcopy(element) if node.number in used else element
                (_run(parent, run_rpr) if in_run else parent).append(element)
            used.add(node.number)
        elif node.number in flat.links and not in_link:
            link, link_rpr = flat.links[node.number]
            clone = etree.SubElement(parent, link.tag, dict(link.attrib))
            _emit(clone, node.children, flat, link_rpr, True, used)
        else:
            _emit(parent, node.children, flat, flat.formats.get(node.number, rpr), in_link, used)


def _run(parent: etree._Element, rpr: etree._Element | None) -> etree._Element:
    run = etree.SubElement(parent, w("r"))
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    return run


__all__ = ["MIME_TYPE", "W_NS", "read_docx", "write_docx"]
