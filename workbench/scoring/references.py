"""External reference translations for a stored document: plain text or TMX.

A plain-text reference has one sentence per line, in document order, exactly as many lines
as the document has sentences. A TMX reference is matched by source text: each `<tu>`
whose source sentence equals a document sentence (after whitespace and Unicode
normalization) gives that sentence its reference; sentences without one are left out of
the reference scores and counted.

The TMX reading here is deliberately small (only `<tu>/<tuv>/<seg>` text). It is safe: lxml
never loads a DTD, never expands an entity, never touches the network, and a file that declares
entities is refused. It lives in `_tmx_units` alone so the project's TMX module can
replace it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from workbench.errors import InputError
from workbench.exchange.xmlparse import XML_LANG, safe_parser
from workbench.languages import get_language
from workbench.scoring.textfiles import decode_lines

# Inline TMX elements whose content is native markup (not text): only their tails count.
_TMX_CODE_ELEMENTS = {"bpt", "ept", "it", "ph", "ut"}


@dataclass(frozen=True)
class Reference:
    """Reference texts for some sentences of a document (0-based sentence index -> text)."""

    name: str
    texts: dict[int, str]
    total: int  # sentences in the document

    @property
    def missing(self) -> int:
        return self.total - len(self.texts)


def read_reference(
    data: bytes, name: str, sources: Sequence[str], target: str, source_lang: str = "en"
) -> Reference:
    """A reference for a document whose sentences are `sources`, from a file's bytes.

    TMX when the name ends in `.tmx` or the content starts like XML; plain text otherwise.
    """
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:5]
    if name.lower().endswith(".tmx") or head.startswith(b"<"):
        return reference_from_tmx(data, name, sources, target, source_lang)
    return reference_from_lines(decode_lines(data, name), name, len(sources))


def reference_from_lines(lines: Sequence[str], name: str, total: int) -> Reference:
    """One reference per line, in document order; the count must match."""
    if len(lines) != total:
        raise InputError(
            f"has {len(lines)} lines but the document has {total} sentences: "
            "a plain-text reference needs one line per sentence, in order",
            path=name,
        )
    return Reference(name, dict(enumerate(lines)), total)


def reference_from_tmx(
    data: bytes, name: str, sources: Sequence[str], target: str, source_lang: str = "en"
) -> Reference:
    """References from the `<tu>`s whose source sentence is one of `sources`."""
    wanted_target = get_language(target).code
    by_source: dict[str, list[int]] = {}
    for index, text in enumerate(sources):
        by_source.setdefault(_match_key(text), []).append(index)
    texts: dict[int, str] = {}
    languages: set[str] = set()
    for variants in _tmx_units(data, name):
        languages.update(variants)
        source = _pick(variants, source_lang)
        translation = _pick(variants, wanted_target)
        if source is None or translation is None:
            continue
        for index in by_source.get(_match_key(source), ()):
            texts.setdefault(index, translation)
    if not texts:
        found = ", ".join(sorted(languages)) or "none"
        raise InputError(
            f"no translation unit pairs a sentence of this document with {wanted_target} "
            f"(languages in the file: {found})",
            path=name,
        )
    return Reference(name, texts, len(sources))


def _match_key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _pick(variants: dict[str, str], language: str) -> str | None:
    """The variant in `language`: the same tag, else the same primary language (`fa`)."""
    lowered = {lang.lower(): text for lang, text in variants.items()}
    if language.lower() in lowered:
        return lowered[language.lower()]
    primary = language.split("-")[0].lower()
    for lang, text in lowered.items():
        if lang.split("-")[0] == primary:
            return text
    return None


def _tmx_units(data: bytes, name: str) -> list[dict[str, str]]:
    """Each `<tu>` as {language tag: segment text}; hostile or malformed XML is refused."""
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        raise InputError(f"not well-formed XML: {exc.msg}", path=name, line=exc.lineno) from None
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise InputError("declares XML entities: refused (TMX files need none)", path=name)
    if root.tag != "tmx":
        raise InputError(
            f"not a TMX file: the root element is <{root.tag}>", path=name, line=root.sourceline
        )
    units = []
    for tu in root.iter("tu"):
        variants: dict[str, str] = {}
        for tuv in tu.iterfind("tuv"):
            lang = tuv.get(XML_LANG) or tuv.get("lang")
            seg = tuv.find("seg")
            if lang and seg is not None and lang not in variants:
                variants[lang] = _segment_text(seg)
        units.append(variants)
    return units


def _segment_text(seg: etree._Element) -> str:
    """The text of a `<seg>` without inline native codes (`<bpt>`, `<ph>`, ...)."""
    parts = [seg.text or ""]
    for child in seg:
        if isinstance(child.tag, str) and child.tag not in _TMX_CODE_ELEMENTS:
            parts.append(_segment_text(child))
        parts.append(child.tail or "")
    return "".join(parts)
