"""Right-to-left Word properties for a translated paragraph, run, table and style.

Word keeps two sets of character properties: one for Latin text and one for complex
scripts (Arabic, Urdu). A run marked `w:rtl` is shaped with the complex-script set, so
bold there is `w:bCs`, italic `w:iCs`, size `w:szCs` and the font `w:rFonts/@w:cs`; without
them the Urdu words of a bold English run come out plain and in the theme's font. This
module adds the complex-script twin of each Latin property, the target's font and language,
and the paragraph's and table's direction. Elements go where the schema's sequence puts
them (Word refuses a file whose `w:rPr` children are out of order).
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from workbench.languages import Language

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _names(words: str) -> tuple[str, ...]:
    return tuple(words.split())


# Word locale for each workbench target (Word wants a region with Arabic-script languages).
WORD_LOCALES = {"ur": "ur-PK", "fa": "fa-IR", "fa-AF": "fa-AF", "ps": "ps-AF"}

# Child order of w:rPr, w:pPr and w:tblPr (ECMA-376 Part 1, as python-docx lists them).
RPR_ORDER = _names(
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss "
    "imprint noProof snapToGrid vanish webHidden color spacing w kern position sz szCs "
    "highlight u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout "
    "specVanish oMath"
)
PPR_ORDER = _names(
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr "
    "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap "
    "overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid "
    "spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection "
    "textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
)
TBLPR_ORDER = _names(
    "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW "
    "jc tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption "
    "tblDescription tblPrChange"
)
# Latin property -> its complex-script twin.
_CS_TWINS = {"b": "bCs", "i": "iCs", "sz": "szCs"}


def w(name: str) -> str:
    return f"{{{W_NS}}}{name}"


def font_family(language: Language) -> str:
    """The first family of the language's CSS font stack (Noto Nastaliq Urdu for Urdu)."""
    return language.font_stack.split(",")[0].strip().strip("\"'")


def word_locale(language: Language) -> str:
    return WORD_LOCALES.get(language.code, language.code)


def child(parent: etree._Element, name: str, order: Sequence[str]) -> etree._Element:
    """`parent`'s `w:name` child, created in its schema position if missing."""
    found = parent.find(w(name))
    if found is not None:
        return found
    created = etree.Element(w(name))
    later = set(order[order.index(name) + 1 :])
    for index, existing in enumerate(parent):
        if etree.QName(existing).localname in later:
            parent.insert(index, created)
            return created
    parent.append(created)
    return created


def right_to_left_run(rpr: etree._Element, language: Language) -> None:
    """Mark a run's properties right-to-left with the target's font and language."""
    for latin, twin in _CS_TWINS.items():
        source = rpr.find(w(latin))
        if source is not None and rpr.find(w(twin)) is None:
            copy = child(rpr, twin, RPR_ORDER)
            copy.attrib.update(source.attrib)
    fonts = child(rpr, "rFonts", RPR_ORDER)
    fonts.attrib.pop(w("cstheme"), None)  # a theme font would win over w:cs
    fonts.set(w("cs"), font_family(language))
    fonts.set(w("hint"), "cs")
    child(rpr, "rtl", RPR_ORDER)
    child(rpr, "lang", RPR_ORDER).set(w("bidi"), word_locale(language))


def right_to_left_paragraph(ppr: etree._Element, language: Language) -> None:
    """Mark a paragraph right-to-left. Its alignment stays: in a `w:bidi` paragraph Word
    (and LibreOffice) read `left` as "where lines start", so a left-aligned source paragraph
    is right-aligned in the target, a right-aligned dateline moves to the left, and centred
    and justified text stays so."""
    child(ppr, "bidi", PPR_ORDER)
    mark = ppr.find(w("rPr"))
    if mark is None:
        mark = child(ppr, "rPr", PPR_ORDER)
    right_to_left_run(mark, language)


def right_to_left_table(tbl: etree._Element) -> None:
    """Lay a table out right to left (first column on the right)."""
    tblpr = tbl.find(w("tblPr"))
    if tblpr is None:
        tblpr = etree.Element(w("tblPr"))
        tbl.insert(0, tblpr)
    child(tblpr, "bidiVisual", TBLPR_ORDER)


def right_to_left_styles(styles: etree._Element, language: Language) -> None:
    """Give every style's bold, italic and size their complex-script twins, and the
    document defaults the target's font and language, so styled text (a Heading 1) keeps
    its look in the target script."""
    for rpr in styles.iter(w("rPr")):
        for latin, twin in _CS_TWINS.items():
            source = rpr.find(w(latin))
            if source is not None and rpr.find(w(twin)) is None:
                child(rpr, twin, RPR_ORDER).attrib.update(source.attrib)
        fonts = rpr.find(w("rFonts"))
        if fonts is not None:
            fonts.attrib.pop(w("cstheme"), None)
    defaults = styles.find(w("docDefaults"))
    if defaults is None:
        defaults = etree.Element(w("docDefaults"))
        styles.insert(0, defaults)
    run_defaults = defaults.find(w("rPrDefault"))
    if run_defaults is None:
        run_defaults = etree.Element(w("rPrDefault"))
        defaults.insert(0, run_defaults)
    rpr = run_defaults.find(w("rPr"))
    if rpr is None:
        rpr = etree.SubElement(run_defaults, w("rPr"))
    fonts = child(rpr, "rFonts", RPR_ORDER)
    fonts.attrib.pop(w("cstheme"), None)
    fonts.set(w("cs"), font_family(language))
    child(rpr, "lang", RPR_ORDER).set(w("bidi"), word_locale(language))
