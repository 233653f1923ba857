"""XLIFF 2.0: a streaming writer and a safe streaming reader, for round trips to CAT tools.

Only XLIFF 2.x: XLIFF 1.2 (another namespace and structure) would be a module of its own.

An export is one `<file>` per document and one `<unit>` per segment with a single
`<segment>` whose `state` says how far it got: `initial` (no target yet), `translated`
(a draft) or `final` (confirmed). The workbench's own metadata (origin, status, author,
dates, paragraph) rides along in the Metadata module (`mda:`), which XLIFF 2 tools must
preserve, so a file edited elsewhere can be imported back onto the same segments.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from workbench.errors import InputError
from workbench.exchange.units import PROP_STATUS, TranslationUnit, with_status
from workbench.exchange.xmlparse import XmlSource, iter_elements, release, source_name
from workbench.exchange.xmlwrite import escape_attr, escape_text, xml_output
from workbench.languages import normalize_language_tag
from workbench.timeutil import iso_z, parse_iso
from workbench.vocabulary import FINISHED_STATUSES, RevisionStatus

XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"
MDA_NS = "urn:oasis:names:tc:xliff:metadata:2.0"
META_CATEGORY = "workbench"
# Unit fields that have no XLIFF core attribute travel as metadata of these types.
META_AUTHOR, META_CHANGED_BY = "x-author", "x-changed-by"
META_CREATED, META_CHANGED = "x-created", "x-changed"

STATE_INITIAL, STATE_TRANSLATED, STATE_REVIEWED, STATE_FINAL = (
    "initial",
    "translated",
    "reviewed",
    "final",
)

_UNIT, _SEGMENT = f"{{{XLIFF_NS}}}unit", f"{{{XLIFF_NS}}}segment"
_SOURCE, _TARGET = f"{{{XLIFF_NS}}}source", f"{{{XLIFF_NS}}}target"
_FILE, _META = f"{{{XLIFF_NS}}}file", f"{{{MDA_NS}}}meta"


def state_for(unit: TranslationUnit, target: str | None) -> str:
    """`initial` without a target, `final` when confirmed or approved, `translated` otherwise."""
    if not target:
        return STATE_INITIAL
    return STATE_FINAL if unit.prop(PROP_STATUS) in FINISHED_STATUSES else STATE_TRANSLATED


# --- writing -----------------------------------------------------------------------------


def write_xliff(
    units: Iterable[TranslationUnit],
    out: str | Path | BinaryIO,
    *,
    srclang: str,
    trglang: str,
    original: str,
) -> int:
    """Write one document's `units` as XLIFF 2.0 (one `<file>`); returns the unit count."""
    src, trg = normalize_language_tag(srclang), normalize_language_tag(trglang)
    count = 0
    with xml_output(out) as stream:
        write = stream.write
        write(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<xliff xmlns="{XLIFF_NS}" xmlns:mda="{MDA_NS}" version="2.0" '
            f'srcLang="{escape_attr(src)}" trgLang="{escape_attr(trg)}">\n'
            f' <file id="f1" original="{escape_attr(original)}" xml:space="preserve">\n'
        )
        for unit in units:
            count += 1
            write(_format_unit(unit, trg, count))
        write(" </file>\n</xliff>\n")
    return count


def _format_unit(unit: TranslationUnit, trglang: str, number: int) -> str:
    target = unit.targets.get(trglang)
    unit_id = _nmtoken(unit.id) if unit.id else f"u{number}"
    meta = list(unit.props)
    for kind, value in (
        (META_AUTHOR, unit.author),
        (META_CHANGED_BY, unit.changed_by),
        (META_CREATED, unit.created and iso_z(unit.created)),
        (META_CHANGED, unit.changed and iso_z(unit.changed)),
    ):
        if value:
            meta.append((kind, value))
    lines = [f'  <unit id="{escape_attr(unit_id)}">\n']
    if meta:
        lines.append(f'   <mda:metadata><mda:metaGroup category="{META_CATEGORY}">')
        lines.extend(
            f'<mda:meta type="{escape_attr(kind)}">{escape_text(value)}</mda:meta>'
            for kind, value in meta
        )
        lines.append("</mda:metaGroup></mda:metadata>\n")
    lines.append(f'   <segment state="{state_for(unit, target)}">\n')
    lines.append(f"    <source>{escape_text(unit.source)}</source>\n")
    if target:
        lines.append(f"    <target>{escape_text(target)}</target>\n")
    lines.append("   </segment>\n  </unit>\n")
    return "".join(lines)


def _nmtoken(value: str) -> str:
    """An XML NMTOKEN (what XLIFF requires for ids): other characters become `_`."""
    return "".join(c if c.isalnum() or c in "._-:" else "_" for c in value) or "_"


# --- reading -----------------------------------------------------------------------------


@dataclass
class XliffDocument:
    """A whole XLIFF file: its languages, the `original` of its first `<file>`, its units."""

    srclang: str = ""
    trglang: str = ""
    original: str | None = None
    units: list[TranslationUnit] = field(default_factory=list)


def read_xliff(source: XmlSource, *, name: str | None = None) -> Iterator[TranslationUnit]:
    """Yield one unit per `<segment>` of an XLIFF 2.x file, streaming.

    The unit's id is the `<unit>` id (with `:` and the segment id or number when a unit
    has several segments); its `x-status` is `confirmed` for `final` and `reviewed` (what
    tools such as translate-toolkit set on approval), `draft` for `translated`, absent for
    `initial` or no target. Inline markup is kept as its text.
    """
    yield from _iter_xliff(source, source_name(source, name), XliffDocument())


def read_xliff_document(source: XmlSource, *, name: str | None = None) -> XliffDocument:
    """The whole file read at once, so a malformed file yields nothing at all."""
    document = XliffDocument()
    document.units = list(_iter_xliff(source, source_name(source, name), document))
    return document


def _iter_xliff(source: XmlSource, label: str, header: XliffDocument) -> Iterator[TranslationUnit]:
    for event, element in iter_elements(source, (_UNIT,), name=label):
        if event == "start":
            if element.tag != f"{{{XLIFF_NS}}}xliff":
                raise InputError(
                    "not an XLIFF 2 file: the root element is "
                    f"<{etree.QName(element).localname}> in namespace "
                    f"{etree.QName(element).namespace or '(none)'}, expected {XLIFF_NS}",
                    path=label,
                    line=element.sourceline,
                )
            header.srclang = normalize_language_tag(element.get("srcLang", ""))
            header.trglang = normalize_language_tag(element.get("trgLang", ""))
            if not header.srclang:
                raise InputError("the <xliff> element has no srcLang", path=label, line=1)
            continue
        if header.original is None:
            file = next(element.iterancestors(_FILE), None)
            header.original = file.get("original") if file is not None else None
        yield from _read_unit(element, header.srclang, header.trglang)
        release(element)


def _read_unit(unit: etree._Element, srclang: str, trglang: str) -> Iterator[TranslationUnit]:
    meta = [(m.get("type", ""), m.text or "") for m in unit.iter(_META)]
    extra = dict(meta)
    props = [
        (k, v)
        for k, v in meta
        if k not in (META_AUTHOR, META_CHANGED_BY, META_CREATED, META_CHANGED)
    ]
    segments = unit.findall(_SEGMENT)
    unit_id = unit.get("id", "")
    for number, segment in enumerate(segments, start=1):
        source = segment.find(_SOURCE)
        target = segment.find(_TARGET)
        target_text = "".join(target.itertext()) if target is not None else ""
        seg_id = unit_id if len(segments) == 1 else f"{unit_id}:{segment.get('id') or number}"
        yield TranslationUnit(
            source_lang=srclang,
            source="".join(source.itertext()) if source is not None else "",
            targets={trglang: target_text} if target_text and trglang else {},
            id=seg_id,
            created=parse_iso(extra.get(META_CREATED)),
            changed=parse_iso(extra.get(META_CHANGED)),
            author=extra.get(META_AUTHOR),
            changed_by=extra.get(META_CHANGED_BY),
            props=with_status(props, _status(segment.get("state"), target_text)),
        )


def _status(state: str | None, target: str) -> str | None:
    if not target or state == STATE_INITIAL:
        return None
    if state in (STATE_REVIEWED, STATE_FINAL):
        return RevisionStatus.CONFIRMED.value
    return RevisionStatus.DRAFT.value
