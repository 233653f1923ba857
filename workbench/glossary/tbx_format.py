"""The glossary as TBX, the ISO 30042 TermBase eXchange format CAT tools import.

Written as TBX-Basic in the TBX v2 core structure (`martif` > `termEntry` > `langSet` >
`tig`), which OmegaT, MateCat, memoQ and Trados all read, or, on request, TBX v3
(`tbx` > `conceptEntry` > `langSec` > `termSec`, namespace urn:iso:std:iso:30042:ed-2,
DCA style). Both are read. Roles travel as `termType` (`fullForm`; `abbreviation`,
`acronym`, `shortForm`... for short forms; `variant` for an admitted full form) and status
as `administrativeStatus` (`preferredTerm-admn-sts`, `admittedTerm-admn-sts`,
`deprecatedTerm-admn-sts`).

Parsing goes through the one safe parser (`workbench.exchange.xmlparse.parse_document`): no
DTD is loaded, no entity is resolved, no network is touched, and a file that declares
entities or other DTD content is rejected outright.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from workbench.errors import InputError
from workbench.exchange.xmlparse import XML_LANG, parse_document
from workbench.glossary.model import (
    SOURCE_LANGUAGE,
    Concept,
    Glossary,
    GlossaryError,
    Role,
    Status,
    Term,
    build_glossary,
    canonical_language,
)

TBX3_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
DEFAULT_TITLE = "House glossary"

_ROLE_BY_TERM_TYPE = {
    "fullform": (Role.FULL, None),
    "variant": (Role.FULL, Status.ADMITTED),
    "abbreviation": (Role.SHORT, None),
    "acronym": (Role.SHORT, None),
    "initialism": (Role.SHORT, None),
    "shortform": (Role.SHORT, None),
    "clippedterm": (Role.SHORT, None),
}
_STATUS_BY_VALUE = {
    "preferredterm-admn-sts": Status.PREFERRED,
    "admittedterm-admn-sts": Status.ADMITTED,
    "deprecatedterm-admn-sts": Status.DEPRECATED,
    "supersededterm-admn-sts": Status.DEPRECATED,
    "preferred": Status.PREFERRED,
    "admitted": Status.ADMITTED,
    "deprecated": Status.DEPRECATED,
    "superseded": Status.DEPRECATED,
}
_TERM_TYPE_BY_ROLE = {Role.FULL: "fullForm", Role.SHORT: "abbreviation"}
_STATUS_VALUE = {
    Status.PREFERRED: "preferredTerm-admn-sts",
    Status.ADMITTED: "admittedTerm-admn-sts",
    Status.DEPRECATED: "deprecatedTerm-admn-sts",
}


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


@dataclass
class _Reader:
    name: str
    v3: bool
    unsupported: list[str] = field(default_factory=list)

    def tag(self, local: str) -> str:
        return f"{{{TBX3_NAMESPACE}}}{local}" if self.v3 else local

    def error(self, message: str, element: etree._Element) -> InputError:
        return InputError(message, path=self.name, line=element.sourceline)

    def skip(self, element: etree._Element) -> None:
        label = _local(element)
        if element.get("type"):
            label += f" type={element.get('type')}"
        self.unsupported.append(f"line {element.sourceline}: <{label}> is not kept")

    def concept(self, entry: etree._Element, index: int) -> Concept:
        cid = (entry.get("id") or "").strip() or f"c{index}"
        definition, note = "", ""
        terms: dict[str, tuple[Term, ...]] = {}
        lang_tag, term_tag = ("langSec", "termSec") if self.v3 else ("langSet", "tig")
        for child in entry:
            kind = _local(child)
            if kind == lang_tag:
                lang, lang_terms, lang_definition = self.language(child, term_tag)
                if lang in terms:
                    raise self.error(f"a second {lang} section in concept {cid}", child)
                terms[lang] = lang_terms
                definition = definition or lang_definition
            elif kind == "note":
                note = _text(child)
            elif kind == "descrip" and child.get("type") == "definition":
                definition = _text(child)
            elif kind:
                self.skip(child)
        return Concept(cid, terms, definition, note)

    def language(self, section: etree._Element, term_tag: str) -> tuple[str, tuple[Term, ...], str]:
        raw_lang = section.get(XML_LANG)
        if not raw_lang:
            raise self.error(f"<{_local(section)}> has no xml:lang", section)
        try:
            lang = canonical_language(raw_lang)
        except GlossaryError as exc:
            raise self.error(str(exc), section) from exc
        drafts: list[tuple[str, Role, Status | None, etree._Element]] = []
        definition = ""
        for child in section:
            kind = _local(child)
            if kind in (term_tag, "ntig"):
                drafts.append(self.term(child))
            elif kind == "descrip" and child.get("type") == "definition":
                definition = _text(child)
            elif kind:
                self.skip(child)
        if not drafts:
            raise self.error(f"the {lang} section has no term", section)
        # A term without a status is preferred if nothing else is preferred for its role.
        taken = {role for _, role, status, _ in drafts if status is Status.PREFERRED}
        terms: list[Term] = []
        for text, role, status, _ in drafts:
            if status is None:
                status = Status.ADMITTED if role in taken else Status.PREFERRED
                taken.add(role)
            terms.append(Term(text, role, status))
        return lang, tuple(terms), definition

    def term(self, group: etree._Element) -> tuple[str, Role, Status | None, etree._Element]:
        holder = group.find(self.tag("termGrp")) if _local(group) == "ntig" else group
        holder = group if holder is None else holder
        term_elements = holder.findall(self.tag("term"))
        if len(term_elements) != 1:
            raise self.error(f"<{_local(group)}> must hold exactly one <term>", group)
        text = " ".join(_text(term_elements[0]).split())
        if not text:
            raise self.error("empty <term>", term_elements[0])
        role, status = Role.FULL, None
        notes = [n for n in holder.iter(self.tag("termNote"))]
        for note in notes:
            kind, value = note.get("type", ""), _text(note).strip()
            if kind == "termType":
                if value.lower() not in _ROLE_BY_TERM_TYPE:
                    known = "fullForm, variant, abbreviation, acronym, initialism, shortForm"
                    raise self.error(f"termType {value!r} is not supported (use {known})", note)
                role, implied = _ROLE_BY_TERM_TYPE[value.lower()]
                status = status or implied
            elif kind == "administrativeStatus":
                if value.lower() not in _STATUS_BY_VALUE:
                    raise self.error(f"administrativeStatus {value!r} is not known", note)
                status = _STATUS_BY_VALUE[value.lower()]
            else:
                self.skip(note)
        for child in group:
            if _local(child) not in ("term", "termNote", "termGrp", "termNoteGrp", ""):
                self.skip(child)
        return text, role, status, group


def _text(element: etree._Element) -> str:
    return "".join(element.itertext()).strip()


def read_tbx(data: bytes, name: str = "glossary.tbx") -> Glossary:
    """Parse TBX v2 (`martif`) or v3 (`tbx`); any problem is an `InputError` naming the line."""
    root = parse_document(data, name)
    kind = _local(root)
    if kind not in ("martif", "tbx"):
        raise InputError(f"not a TBX file (root element <{kind}>)", path=name, line=root.sourceline)
    v3 = kind == "tbx"
    if v3 and etree.QName(root).namespace != TBX3_NAMESPACE:
        raise InputError(
            f"a TBX v3 root must be in namespace {TBX3_NAMESPACE}", path=name, line=root.sourceline
        )
    reader = _Reader(name, v3)
    body = root.find(f"{reader.tag('text')}/{reader.tag('body')}")
    if body is None:
        raise InputError("no <text><body> in the TBX file", path=name, line=root.sourceline)
    header = root.find(reader.tag("tbxHeader" if v3 else "martifHeader"))
    title_el = None if header is None else header.find(f".//{reader.tag('title')}")
    title = _text(title_el) if title_el is not None else ""
    source_lang = canonical_language(root.get(XML_LANG) or SOURCE_LANGUAGE)
    entry_tag = reader.tag("conceptEntry" if v3 else "termEntry")
    entries = [child for child in body if _local(child)]
    lines: dict[str, int] = {}
    concepts = []
    for index, entry in enumerate(entries, start=1):
        if entry.tag != entry_tag:
            raise reader.error(f"unexpected <{_local(entry)}> in <body>", entry)
        concept = reader.concept(entry, index)
        lines[concept.id] = entry.sourceline  # the later entry, where a duplicate id is
        concepts.append(concept)
    if not concepts:
        raise InputError("the TBX file has no concepts", path=name)
    try:
        return build_glossary(concepts, title, source_lang, reader.unsupported)
    except GlossaryError as exc:
        raise InputError(str(exc), path=name, line=lines.get(exc.concept_id or "")) from exc


def write_tbx(glossary: Glossary, version: int = 2) -> bytes:
    """The glossary as TBX-Basic: v2 (`martif`, the default) or v3 (`tbx`)."""
    if version not in (2, 3):
        raise ValueError(f"TBX version must be 2 or 3, not {version}")
    v3 = version == 3

    def el(parent: etree._Element | None, local: str, text: str = "", **attrs: str):
        tag = f"{{{TBX3_NAMESPACE}}}{local}" if v3 else local
        element = (
            etree.Element(tag, nsmap={None: TBX3_NAMESPACE} if v3 else None)
            if (parent is None)
            else etree.SubElement(parent, tag)
        )
        for key, value in attrs.items():
            element.set(XML_LANG if key == "lang" else key, value)
        if text:
            element.text = text
        return element

    title = glossary.title or DEFAULT_TITLE
    source = "Written by the translation workbench (workbench glossary)."
    if v3:
        root = el(None, "tbx", type="TBX-Basic", style="dca", lang=glossary.source_lang)
        file_desc = el(el(root, "tbxHeader"), "fileDesc")
    else:
        root = el(None, "martif", type="TBX-Basic", lang=glossary.source_lang)
        header = el(root, "martifHeader")
        file_desc = el(header, "fileDesc")
    el(el(file_desc, "titleStmt"), "title", title)
    el(el(file_desc, "sourceDesc"), "p", source)
    if not v3:
        el(el(header, "encodingDesc"), "p", "TBXBasicXCSV02.xcs", type="XCSURI")
    body = el(el(root, "text"), "body")
    for concept in glossary:
        entry = el(body, "conceptEntry" if v3 else "termEntry", id=concept.id)
        if concept.note:
            el(entry, "note", concept.note)
        langs = sorted(concept.terms, key=lambda lang: lang != glossary.source_lang)
        for lang in langs:
            section = el(entry, "langSec" if v3 else "langSet", lang=lang)
            if concept.definition and lang == glossary.source_lang:
                el(section, "descrip", concept.definition, type="definition")
            for term in concept.terms[lang]:
                group = el(section, "termSec" if v3 else "tig")
                el(group, "term", term.text)
                el(group, "termNote", _TERM_TYPE_BY_ROLE[term.role], type="termType")
                el(group, "termNote", _STATUS_VALUE[term.status], type="administrativeStatus")
    doctype = None if v3 else '<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">'
    return etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", pretty_print=True, doctype=doctype
    )
