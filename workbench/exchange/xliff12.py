"""XLIFF 1.2: what OmegaT (through Okapi), Trados and memoQ exchange most, in and out.

An export is one `<file>` per document and one `<trans-unit>` per segment, valid against
the OASIS XLIFF 1.2 strict schema. A confirmed target is `state="final"` and an approved
one `state="signed-off"`, both with `approved="yes"`; a draft is `state="translated"`, a
rejected one `needs-review-translation`, and a segment without a target has no `<target>`.
The workbench's own metadata (origin, status, author, dates, paragraph, the exported
revision) travels in a `<context-group>` of `x-` context types named `workbench:<unit id>`
(group names are unique in a file), which the strict schema allows and tools keep; QA
remarks are `<note from="workbench">`.

Inline formatting placeholders (`workbench.exchange.inline`) are written as XLIFF inline
elements: a tag pair both of whose ends are in the text as `<g id>`, a standalone tag as
`<x id>`, and a pair split across segments as `<bx id>`/`<ex id>`. Reading maps these back,
and also `<ph>`, `<it>` and `<bpt>`/`<ept>` from other tools (their native codes are
not kept: the placeholder stands for the original formatting, which the workbench still has).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from workbench.errors import InputError
from workbench.exchange import xliff2
from workbench.exchange.inline import (
    MAX_TAGS,
    Tag,
    close_char,
    nest,
    open_char,
    standalone_char,
)
from workbench.exchange.units import PROP_STATUS, TranslationUnit, with_status
from workbench.exchange.xmlparse import XmlSource, iter_elements, local_name, release, source_name
from workbench.exchange.xmlwrite import escape_attr, escape_text, xml_output
from workbench.languages import normalize_language_tag
from workbench.timeutil import iso_z, parse_iso
from workbench.vocabulary import FINISHED_STATUSES, RevisionStatus

XLIFF12_NS = "urn:oasis:names:tc:xliff:document:1.2"
CONTEXT_GROUP = "workbench"
NOTE_FROM = "workbench"
# Unit fields without an XLIFF 1.2 attribute travel as contexts of these types.
CONTEXT_AUTHOR, CONTEXT_CHANGED_BY = "x-author", "x-changed-by"
CONTEXT_CREATED, CONTEXT_CHANGED = "x-created", "x-changed"
_UNIT_FIELDS = (CONTEXT_AUTHOR, CONTEXT_CHANGED_BY, CONTEXT_CREATED, CONTEXT_CHANGED)

# Target state for each revision status (XLIFF 1.2 `state` values).
STATES = {
    RevisionStatus.DRAFT: "translated",
    RevisionStatus.CONFIRMED: "final",
    RevisionStatus.APPROVED: "signed-off",
    RevisionStatus.REJECTED: "needs-review-translation",
}
_UNTRANSLATED_STATES = {"new", "needs-translation"}

_TRANS_UNIT = f"{{{XLIFF12_NS}}}trans-unit"
SNIFF_BYTES = 4096
_INLINE_PAIRED = {"g"}
_INLINE_STANDALONE = {"x", "ph", "it"}


# --- writing -----------------------------------------------------------------------------


def write_xliff12(
    units: Iterable[TranslationUnit],
    out: str | Path | BinaryIO,
    *,
    srclang: str,
    trglang: str,
    original: str,
    datatype: str = "plaintext",
) -> int:
    """Write one document's `units` as XLIFF 1.2 (one `<file>`); returns the unit count."""
    src, trg = normalize_language_tag(srclang), normalize_language_tag(trglang)
    count = 0
    with xml_output(out) as stream:
        stream.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<xliff xmlns="{XLIFF12_NS}" version="1.2">\n'
            f' <file original="{escape_attr(original)}" source-language="{escape_attr(src)}" '
            f'target-language="{escape_attr(trg)}" datatype="{escape_attr(datatype)}">\n'
            '  <header><tool tool-id="workbench" tool-name="Translation workbench"/></header>\n'
            "  <body>\n"
        )
        for unit in units:
            count += 1
            stream.write(_format_unit(unit, trg, count))
        stream.write("  </body>\n </file>\n</xliff>\n")
    return count


def _format_unit(unit: TranslationUnit, trglang: str, number: int) -> str:
    target = unit.targets.get(trglang)
    status = _status_of(unit)
    approved = ' approved="yes"' if target and status in FINISHED_STATUSES else ""
    unit_id = unit.id or f"u{number}"
    lines = [f'   <trans-unit id="{escape_attr(unit_id)}"{approved} xml:space="preserve">\n']
    lines.append(f"    <source>{inline_xml(unit.source)}</source>\n")
    if target:
        lines.append(f'    <target state="{STATES[status]}">{inline_xml(target)}</target>\n')
    contexts = [(k, v) for k, v in unit.props if k.startswith("x-")]
    for kind, value in (
        (CONTEXT_AUTHOR, unit.author),
        (CONTEXT_CHANGED_BY, unit.changed_by),
        (CONTEXT_CREATED, unit.created and iso_z(unit.created)),
        (CONTEXT_CHANGED, unit.changed and iso_z(unit.changed)),
    ):
        if value:
            contexts.append((kind, value))
    if contexts:
        # Group names are unique in a file: the unit id makes them so.
        group = f"{CONTEXT_GROUP}:{unit_id}"
        lines.append(f'    <context-group name="{escape_attr(group)}" purpose="information">')
        lines.extend(
            f'<context context-type="{escape_attr(kind)}">{escape_text(value)}</context>'
            for kind, value in contexts
        )
        lines.append("</context-group>\n")
    lines.extend(
        f'    <note from="{NOTE_FROM}">{escape_text(note)}</note>\n' for note in unit.notes
    )
    lines.append("   </trans-unit>\n")
    return "".join(lines)


def inline_xml(text: str) -> str:
    """Text with placeholders as XLIFF 1.2 character data and inline elements."""
    return "".join(_inline_nodes(nest(text)))


def _inline_nodes(nodes: list) -> Iterator[str]:
    for node in nodes:
        if isinstance(node, str):
            yield escape_text(node)
        elif isinstance(node, Tag):
            yield f'<x id="{node.number + 1}"/>'
        elif node.opened and node.closed:
            yield f'<g id="{node.number + 1}">'
            yield from _inline_nodes(node.children)
            yield "</g>"
        else:
            yield f'<bx id="{node.number + 1}"/>' if node.opened else ""
            yield from _inline_nodes(node.children)
            yield f'<ex id="{node.number + 1}"/>' if node.closed else ""


def _status_of(unit: TranslationUnit) -> RevisionStatus:
    try:
        return RevisionStatus(unit.prop(PROP_STATUS) or RevisionStatus.DRAFT)
    except ValueError:
        return RevisionStatus.DRAFT


# --- reading -----------------------------------------------------------------------------


@dataclass
class Xliff12Document:
    """A whole XLIFF 1.2 file: its languages, the `original` of its first `<file>`, its units."""

    srclang: str = ""
    trglang: str = ""
    original: str | None = None
    units: list[TranslationUnit] = field(default_factory=list)


_XLIFF1_ROOT = re.compile(r"""<(?:\w+:)?xliff\b[^>]*\bversion\s*=\s*["']1\.""")


def is_xliff12(head: bytes) -> bool:
    """Whether the start of a file is an XLIFF 1.x document (`<xliff version="1.x">`)."""
    for encoding in ("utf-8", "utf-16"):
        if _XLIFF1_ROOT.search(head.decode(encoding, errors="ignore")):
            return True
    return False


def read_xliff12(source: XmlSource, *, name: str | None = None) -> Iterator[TranslationUnit]:
    """Yield one unit per `<trans-unit>`, streaming; see `read_xliff12_document`."""
    yield from _iter(source, source_name(source, name), Xliff12Document())


def read_xliff12_document(source: XmlSource, *, name: str | None = None) -> Xliff12Document:
    """The whole file at once, so a malformed file yields nothing at all.

    A unit's `x-status` is `confirmed` for `approved="yes"` or a `final`/`signed-off`
    target, `draft` for any other target with text, absent without one. Inline elements
    become placeholders numbered by their `id` when it is a number (as written here), else
    in order of appearance in the source.
    """
    document = Xliff12Document()
    document.units = list(_iter(source, source_name(source, name), document))
    return document


def _iter(source: XmlSource, label: str, header: Xliff12Document) -> Iterator[TranslationUnit]:
    tags = (_TRANS_UNIT, "trans-unit")  # XLIFF 1.0/1.1 files may have no namespace
    for event, element in iter_elements(source, tags, name=label):
        if event == "start":
            if local_name(element) != "xliff" or not element.get("version", "").startswith("1."):
                raise InputError(
                    f"not an XLIFF 1.x file: the root element is <{local_name(element)}> "
                    f"version {element.get('version')!r}",
                    path=label,
                    line=element.sourceline,
                )
            continue
        file = next((a for a in element.iterancestors() if local_name(a) == "file"), None)
        if file is None:
            raise InputError(
                "a <trans-unit> outside any <file>", path=label, line=element.sourceline
            )
        if header.original is None:
            header.original = file.get("original")
            header.srclang = normalize_language_tag(file.get("source-language", ""))
            header.trglang = normalize_language_tag(file.get("target-language", ""))
            if not header.srclang:
                raise InputError("the <file> element has no source-language", path=label,
                                 line=file.sourceline)  # fmt: skip
        yield _read_unit(element, header.srclang, header.trglang, label)
        release(element)


def _child(element: etree._Element, name: str) -> etree._Element | None:
    return next((c for c in element if local_name(c) == name), None)


def _read_unit(unit: etree._Element, srclang: str, trglang: str, label: str) -> TranslationUnit:
    numbers: dict[str, int] = {}
    source = _child(unit, "source")
    target = _child(unit, "target")
    source_text = _inline_text(source, numbers, label) if source is not None else ""
    target_text = _inline_text(target, numbers, label) if target is not None else ""
    state = target.get("state", "") if target is not None else ""
    if state in _UNTRANSLATED_STATES:
        target_text = ""
    contexts = [
        (c.get("context-type", ""), c.text or "")
        for group in unit
        if local_name(group) == "context-group"
        and (group.get("name") or "").startswith(CONTEXT_GROUP)
        for c in group
        if local_name(c) == "context"
    ]
    extra = dict(contexts)
    props = [(k, v) for k, v in contexts if k not in _UNIT_FIELDS]
    status = _status_from(state, unit.get("approved") == "yes") if target_text else None
    return_props = with_status(props, status.value if status else None)
    notes = tuple(
        (n.text or "").strip() for n in unit if local_name(n) == "note" and (n.text or "").strip()
    )
    return TranslationUnit(
        source_lang=srclang,
        source=source_text,
        targets={trglang: target_text} if target_text and trglang else {},
        id=unit.get("id"),
        created=parse_iso(extra.get(CONTEXT_CREATED)),
        changed=parse_iso(extra.get(CONTEXT_CHANGED)),
        author=extra.get(CONTEXT_AUTHOR),
        changed_by=extra.get(CONTEXT_CHANGED_BY),
        props=return_props,
        notes=notes,
    )


def _status_from(state: str, approved: bool) -> RevisionStatus:
    """`signed-off` is a reviewer's approval, `final` or `approved="yes"` a confirmation,
    `needs-review-*` a target sent back; any other state with text is a draft."""
    if state == "signed-off":
        return RevisionStatus.APPROVED
    if state == "final" or approved:
        return RevisionStatus.CONFIRMED
    if state.startswith("needs-review"):
        return RevisionStatus.REJECTED
    return RevisionStatus.DRAFT


def _inline_text(element: etree._Element, numbers: dict[str, int], label: str) -> str:
    """An element's text with its inline elements as placeholders. `numbers` maps the
    file's tag ids to placeholder numbers, shared by a unit's source and target."""

    def number_of(node: etree._Element) -> int:
        key = node.get("rid") or node.get("id") or f"#{len(numbers)}"
        if key not in numbers:
            taken = set(numbers.values())
            wanted = int(key) - 1 if key.isdigit() else -1
            if not 0 <= wanted < MAX_TAGS or wanted in taken:
                wanted = next(n for n in range(MAX_TAGS) if n not in taken)
            numbers[key] = wanted
        return numbers[key]

    out: list[str] = [element.text or ""]
    for node in element:
        name = local_name(node)
        if name in _INLINE_PAIRED:
            number = number_of(node)
            out += [open_char(number), _inline_text(node, numbers, label), close_char(number)]
        elif name in _INLINE_STANDALONE:
            out.append(standalone_char(number_of(node)))
        elif name in ("bx", "bpt"):
            out.append(open_char(number_of(node)))
        elif name in ("ex", "ept"):
            out.append(close_char(number_of(node)))
        elif name in ("mrk", "sub"):
            out.append(_inline_text(node, numbers, label))
        out.append(node.tail or "")
    return "".join(out)


def read_any_xliff_document(
    source: XmlSource, *, name: str | None = None
) -> Xliff12Document | xliff2.XliffDocument:
    """An XLIFF file of either version, told apart by its root element (1.x or 2.x); both
    documents have `srclang`, `trglang`, `original` and `units`."""
    if isinstance(source, str | Path):
        with open(source, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
    else:
        head = source.read(SNIFF_BYTES)
        source.seek(0)
    if is_xliff12(head):
        return read_xliff12_document(source, name=name)
    return xliff2.read_xliff_document(source, name=name)


__all__ = [
    "XLIFF12_NS",
    "Xliff12Document",
    "inline_xml",
    "is_xliff12",
    "read_any_xliff_document",
    "read_xliff12",
    "read_xliff12_document",
    "write_xliff12",
]
