"""TMX 1.4b: a streaming writer and a safe streaming reader (TMX 1.1 to 1.4b).

TMX is what every CAT tool (OmegaT, Trados, memoQ, MateCat) reads and writes for
translation memories. The writer formats one `<tu>` at a time (`exchange.xmlwrite`), so
memory does not grow with the number of units; its output validates against the official
TMX 1.4 DTD. The reader accepts what other tools write: `xml:lang` or the old
`lang` attribute, any letter case and `_` in language codes, several target languages in
one `<tu>`, and inline markup (`<bpt>`, `<ept>`, `<ph>`, `<it>`, `<hi>`, `<ut>`, `<sub>`)
whose content is kept as plain text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from workbench import __version__
from workbench.errors import InputError
from workbench.exchange.units import TranslationUnit
from workbench.exchange.xmlparse import XML_LANG, XmlSource, iter_elements, release, source_name
from workbench.exchange.xmlwrite import escape_attr, escape_text, xml_output
from workbench.languages import normalize_language_tag as _tag
from workbench.timeutil import as_utc, utcnow

TMX_DATE_FORMAT = "%Y%m%dT%H%M%SZ"  # TMX 1.4b section 3.2: ISO 8601 basic format, UTC
CREATION_TOOL = "Translation Workbench"
ORIGINAL_FORMAT = "workbench"  # o-tmf: the format of the memory the TMX came from
DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
ALL_LANGUAGES = "*all*"  # srclang value meaning "any variant can be the source"
_BASIC_DATE = re.compile(r"(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z?$")


def format_tmx_date(moment: datetime) -> str:
    """`20250102T030405Z`, the one date format TMX allows (naive datetimes are UTC)."""
    moment = as_utc(moment)
    # isoformat is several times faster than strftime, and export formats two per unit.
    return moment.isoformat(timespec="seconds")[:19].replace("-", "").replace(":", "") + "Z"


@lru_cache(maxsize=4096)  # memories repeat dates: whole batches are stamped at once
def parse_tmx_date(text: str | None) -> datetime | None:
    """A TMX date as an aware UTC datetime; tools that write other formats give `None`."""
    if not text:
        return None
    text = text.strip()
    basic = _BASIC_DATE.match(text)  # the TMX format, without strptime's overhead
    if basic:
        try:
            return datetime(*map(int, basic.groups()), tzinfo=UTC)
        except ValueError:
            return None
    for pattern in (TMX_DATE_FORMAT, "%Y%m%dT%H%M%S", "%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%dT%H:%M:%S"):
        try:
            return datetime.strptime(text, pattern).replace(tzinfo=UTC)
        except ValueError:
            continue
    return None


# --- writing -----------------------------------------------------------------------------


def write_tmx(
    units: Iterable[TranslationUnit],
    out: str | Path | BinaryIO,
    *,
    srclang: str = "en",
    adminlang: str = "en",
    created: datetime | None = None,
) -> int:
    """Write `units` as TMX 1.4b to a path or binary file; returns the number written.

    Units are consumed and written one at a time, so a generator over the store keeps
    memory flat whatever the document size.
    """
    admin, src = escape_attr(_tag(adminlang)), escape_attr(_tag(srclang))
    header = (
        f'<header creationtool="{CREATION_TOOL}" creationtoolversion="{__version__}" '
        f'segtype="sentence" o-tmf="{ORIGINAL_FORMAT}" adminlang="{admin}" srclang="{src}" '
        f'datatype="plaintext" creationdate="{format_tmx_date(created or utcnow())}"/>'
    )
    count = 0
    with xml_output(out) as stream:
        write = stream.write
        write(f'<?xml version="1.0" encoding="UTF-8"?>\n{DOCTYPE}\n<tmx version="1.4">\n')
        write(f"{header}\n<body>\n")
        for unit in units:
            write(_format_tu(unit))
            count += 1
        write("</body>\n</tmx>\n")
    return count


def _format_tu(unit: TranslationUnit) -> str:
    attrs = ""
    if unit.id is not None:
        attrs = f' tuid="{escape_attr(unit.id)}"'
    if unit.created is not None:
        attrs += f' creationdate="{format_tmx_date(unit.created)}"'
    if unit.author:
        attrs += f' creationid="{escape_attr(unit.author)}"'
    if unit.changed is not None:
        attrs += f' changedate="{format_tmx_date(unit.changed)}"'
    if unit.changed_by:
        attrs += f' changeid="{escape_attr(unit.changed_by)}"'
    lines = [f"<tu{attrs}>\n"]
    for note in unit.notes:
        lines.append(f"  <note>{escape_text(note)}</note>\n")
    for kind, value in unit.props:
        lines.append(f'  <prop type="{escape_attr(kind)}">{escape_text(value)}</prop>\n')
    lines.append(_format_tuv(unit.source_lang, unit.source))
    for lang, text in unit.targets.items():
        lines.append(_format_tuv(lang, text))
    lines.append("</tu>\n")
    return "".join(lines)


def _format_tuv(lang: str, text: str) -> str:
    return f'  <tuv xml:lang="{escape_attr(_tag(lang))}"><seg>{escape_text(text)}</seg></tuv>\n'


# --- reading -----------------------------------------------------------------------------


def read_tmx(
    source: XmlSource, *, source_lang: str = "en", name: str | None = None
) -> Iterator[TranslationUnit]:
    """Yield every `<tu>` of a TMX 1.1-1.4b file as a unit, streaming.

    The source variant is the one in the header's (or the `<tu>`'s) `srclang`; when that is
    `*all*` or missing, the one in `source_lang`. A `<tu>` without such a variant comes out
    with an empty `source` and all its variants as targets, so the importer can count it.
    Raises `InputError` (with the line number) on malformed or hostile XML; since this is a
    generator, callers that must import all or nothing collect it fully first.
    """
    label = source_name(source, name)
    header_srclang: str | None = None
    for event, element in iter_elements(source, ("header", "tu"), name=label):
        if event == "start":
            if element.tag != "tmx":
                raise InputError(
                    f"not a TMX file: the root element is <{element.tag}>, not <tmx>",
                    path=label,
                    line=element.sourceline,
                )
            continue
        if element.tag == "header":
            header_srclang = element.get("srclang")
            continue
        unit = _read_tu(element, element.get("srclang") or header_srclang, source_lang)
        release(element)
        yield unit


_UNIT_ATTRS = ("creationdate", "changedate", "creationid", "changeid")


def _read_tu(tu: etree._Element, srclang: str | None, fallback_lang: str) -> TranslationUnit:
    wanted = _tag(fallback_lang if not srclang or srclang == ALL_LANGUAGES else srclang)
    variants: dict[str, str] = {}
    props: list[tuple[str, str]] = []
    notes: list[str] = []
    attrs = {key: tu.get(key) for key in _UNIT_ATTRS}
    for child in tu:  # one pass over the children: this loop is the reader's hot path
        if child.tag == "prop":
            props.append((child.get("type", ""), child.text or ""))
        elif child.tag == "note":
            notes.append(child.text or "")
        elif child.tag == "tuv":
            _read_tuv(child, variants, props, attrs)
    source_key = _pick_source(variants, wanted)
    source = variants.pop(source_key) if source_key is not None else ""
    return TranslationUnit(
        source_lang=source_key or wanted,
        source=source,
        targets=variants,
        id=tu.get("tuid"),
        created=parse_tmx_date(attrs["creationdate"]),
        changed=parse_tmx_date(attrs["changedate"]),
        author=attrs["creationid"],
        changed_by=attrs["changeid"],
        props=tuple(props),
        notes=tuple(notes),
    )


def _read_tuv(
    tuv: etree._Element,
    variants: dict[str, str],
    props: list[tuple[str, str]],
    attrs: dict[str, str | None],
) -> None:
    """One variant's text (inline markup kept as its text) and properties; dates and ids
    the `<tu>` lacks are taken from its variants (some tools put them there)."""
    lang = _tag(tuv.get(XML_LANG) or tuv.get("lang") or "")
    for child in tuv:
        if child.tag == "seg":
            if lang and lang not in variants:
                variants[lang] = "".join(child.itertext()) if len(child) else child.text or ""
        elif child.tag == "prop":
            props.append((child.get("type", ""), child.text or ""))
    for key, value in attrs.items():
        if value is None:
            attrs[key] = tuv.get(key)


def _pick_source(variants: dict[str, str], wanted: str) -> str | None:
    """The variant for `wanted`: the same tag, else the same primary language (`en-US`)."""
    if wanted in variants:
        return wanted
    primary = wanted.split("-")[0]
    for lang in variants:
        if lang.split("-")[0] == primary:
            return lang
    return None
