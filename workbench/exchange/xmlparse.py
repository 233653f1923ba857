"""Parsing XML from other people's files without trusting them: the one safe parser.

Every XML reader goes through this module: the streaming readers (TMX, XLIFF) through
`iter_elements`, whole-document readers (TBX glossaries, scoring references) through
`parse_document`. lxml never loads a DTD, never touches the network, never expands an entity,
keeps its default limits on tree size, and any entity declaration or entity reference is
refused outright, so billion-laughs and external-entity files fail with a clear message
instead of eating memory or leaking local files. Syntax errors carry the file's line number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from workbench.errors import InputError

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

XmlSource = str | Path | BinaryIO


def source_name(source: XmlSource, name: str | None = None) -> str:
    """What to call the file in error messages."""
    if name is not None:
        return name
    if isinstance(source, str | Path):
        return str(source)
    return getattr(source, "name", None) or "<stream>"


# lxml options every untrusted file is parsed with: no DTD, no network, no entity expansion,
# default tree-size limits; comments and processing instructions dropped.
SAFE_PARSER_OPTIONS = dict(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    huge_tree=False,
    remove_comments=True,
    remove_pis=True,
)


def safe_parser() -> etree.XMLParser:
    """A parser for whole untrusted documents (`etree.fromstring`) with the safe options."""
    return etree.XMLParser(dtd_validation=False, **SAFE_PARSER_OPTIONS)


_DTD_DECLARATION = re.compile(rb"<!(?:ENTITY|ELEMENT|ATTLIST)\b")


def parse_document(data: bytes, name: str) -> etree._Element:
    """Parse a whole untrusted document, refusing entity and other DTD declarations.

    For formats read at once (TBX, reference files); errors name the file and line.
    """
    if not data.strip():
        raise InputError("the file is empty", path=name)
    # Refuse DTD declarations before libxml2 sees them (it would otherwise report a billion
    # laughs as an amplification error); the check after parsing covers other encodings.
    declaration = _DTD_DECLARATION.search(data)
    if declaration:
        raise _dtd_refused(name, data.count(b"\n", 0, declaration.start()) + 1)
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        raise InputError(f"not well-formed XML ({exc.msg})", path=name, line=exc.lineno) from exc
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and (list(dtd.entities()) or list(dtd.iterelements())):
        raise _dtd_refused(name, None)
    for node in root.iter(etree.Entity):
        raise InputError(
            f"entity reference {node.text} is refused", path=name, line=node.sourceline
        )
    return root


def _dtd_refused(name: str, line: int | None) -> InputError:
    return InputError(
        "the file declares DTD entities or elements, which are refused "
        "(entity expansion and external entities are attack vectors)",
        path=name,
        line=line,
    )


def iter_elements(
    source: XmlSource, tags: tuple[str, ...], name: str | None = None
) -> Iterator[tuple[str, etree._Element]]:
    """Yield ("start", root) once, then ("end", element) for each element named in `tags`.

    The caller clears elements it has finished with (`release`) so memory stays flat.
    Raises `InputError` with a line number for malformed or hostile XML.
    """
    label = source_name(source, name)
    if isinstance(source, Path):
        source = str(source)
    try:
        # Only the wanted tags reach Python: per-element events would cost more than parsing.
        context = etree.iterparse(
            source,
            events=("end",),
            tag=tags,
            **SAFE_PARSER_OPTIONS,
        )
        root_seen = False
        for _, element in context:
            if not root_seen:
                root_seen = True
                yield "start", _checked_root(element.getroottree().getroot(), label)
            _refuse_entity_references(element, label)
            yield "end", element
        if not root_seen and context.root is not None:  # no wanted element at all
            yield "start", _checked_root(context.root, label)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"not well-formed XML: {exc.msg}", path=label, line=exc.lineno) from exc
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc}", path=label) from exc


def release(element: etree._Element) -> None:
    """Free a finished element and the siblings before it (streaming without growth)."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def local_name(element: etree._Element) -> str:
    """The tag without its namespace."""
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _checked_root(root: etree._Element, label: str) -> etree._Element:
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is None:
        return root
    for entity in dtd.iterentities():
        raise InputError(
            f"the file declares the XML entity {entity.name!r}; entity declarations are "
            "refused (entity-expansion and external-entity attacks)",
            path=label,
        )
    return root


def _refuse_entity_references(element: etree._Element, label: str) -> None:
    for entity in element.iter(etree.Entity):
        raise InputError(
            f"undefined entity reference {entity.text}; only &lt; &gt; &amp; &quot; &apos; "
            "and numeric character references are allowed",
            path=label,
            line=entity.sourceline or element.sourceline,
        )
