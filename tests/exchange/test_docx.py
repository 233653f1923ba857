"""Word files in and out: blocks and tags read, formatting on the same words after MT,
right-to-left paragraphs, runs and tables in the written file, checked as a reader would."""

from __future__ import annotations

import io
import subprocess
import zipfile

import docx as python_docx
import pytest
from lxml import etree

from tests.exchange.conftest import machine_translate
from tests.fixtures import formatted
from tests.fixtures.formatted import (
    BOLD_WORDS,
    FIRST,
    HEADLINE,
    ITALIC_WORDS,
    LINK_URL,
    LINK_WORDS,
    editorial_docx,
)
from workbench import qa
from workbench.errors import InputError
from workbench.exchange.document import BlockKind, SegmentText, TagKind
from workbench.exchange.document_formats import DOCX, translated_document
from workbench.exchange.docx import read_docx, write_docx
from workbench.exchange.inline import close_char, open_char, standalone_char, strip_tags

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def body_paragraphs(data: bytes) -> list[etree._Element]:
    return list(python_docx.Document(io.BytesIO(data)).element.body.iter(f"{W}p"))


def paragraph_text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(f"{W}t"))


def runs_with(p: etree._Element, words: str) -> list[etree._Element]:
    return [r for r in p.iter(f"{W}r") if "".join(t.text or "" for t in r.iter(f"{W}t")) == words]


# --- reading ------------------------------------------------------------------------------


def test_reading_lists_heading_paragraphs_cells_header_and_footer_in_order():
    document = read_docx(editorial_docx())
    kinds = [b.kind for b in document.blocks]
    assert kinds[0] is BlockKind.HEADING
    assert kinds[1:4] == [BlockKind.PARAGRAPH] * 3
    assert kinds.count(BlockKind.TABLE_CELL) == 6
    assert kinds[-2:] == [BlockKind.HEADER, BlockKind.FOOTER]
    assert document.blocks[0].text == HEADLINE
    assert document.blocks[-2].text == formatted.HEADER_TEXT


def test_bold_and_italic_words_become_tag_pairs_around_the_same_words():
    second = read_docx(editorial_docx()).blocks[2]
    assert second.text == (
        f"Traders said the {open_char(0)}{BOLD_WORDS}{close_char(0)} matters for "
        f"{open_char(1)}{ITALIC_WORDS}{close_char(1)}."
    )
    assert [(t.kind, t.paired) for t in second.tags] == [
        (TagKind.BOLD, True),
        (TagKind.ITALIC, True),
    ]


def test_a_hyperlink_is_a_tag_pair_that_knows_its_address():
    linked = read_docx(editorial_docx()).blocks[3]
    assert f"{open_char(0)}{LINK_WORDS}{close_char(0)}" in linked.text
    assert (linked.tags[0].kind, linked.tags[0].detail) == (TagKind.LINK, LINK_URL)


def test_a_line_break_is_a_standalone_tag_and_no_line_break_reaches_the_text():
    document = python_docx.Document()
    paragraph = document.add_paragraph("First line")
    paragraph.add_run().add_break()
    paragraph.add_run("second line")
    out = io.BytesIO()
    document.save(out)
    block = read_docx(out.getvalue()).blocks[0]
    assert "\n" not in block.text
    assert strip_tags(block.text) == "First linesecond line"
    assert [t.kind for t in block.tags] == [TagKind.BREAK]


def test_runs_split_by_word_revision_ids_are_one_stretch_of_text():
    document = python_docx.Document()
    paragraph = document.add_paragraph()
    for word in ("Split ", "into ", "runs."):
        run = paragraph.add_run(word)
        run._r.set(f"{W}rsidR", "00AB12CD")
    out = io.BytesIO()
    document.save(out)
    assert read_docx(out.getvalue()).blocks[0].text == "Split into runs."


def test_a_file_that_is_not_a_docx_is_refused_with_one_line():
    with pytest.raises(InputError, match=r"old\.doc\.docx: not a Word \.docx file"):
        read_docx(b"\xd0\xcf\x11\xe0 an old binary .doc", "old.doc.docx")


def test_a_zip_that_unpacks_too_large_is_refused_before_it_is_opened(monkeypatch):
    from workbench.exchange import docx

    monkeypatch.setattr(docx, "MAX_UNPACKED_BYTES", 100_000)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * 200_000)  # a few hundred bytes zipped
    with pytest.raises(InputError, match="unpacks to"):
        read_docx(out.getvalue(), "bomb.docx")


def test_a_document_without_text_is_refused():
    out = io.BytesIO()
    python_docx.Document().save(out)
    with pytest.raises(InputError, match="no text to translate"):
        read_docx(out.getvalue(), "empty.docx")


# --- writing ------------------------------------------------------------------------------


def test_writing_the_source_back_for_english_gives_the_same_blocks():
    original = editorial_docx()
    document = read_docx(original)
    again = read_docx(write_docx(original, [b.text for b in document.blocks], "en"))
    assert [b.text for b in again.blocks] == [b.text for b in document.blocks]


def test_urdu_output_has_rtl_paragraphs_and_runs_with_the_nastaliq_font_and_language():
    original = editorial_docx()
    document = read_docx(original)
    out = write_docx(original, [b.text for b in document.blocks], "ur")
    first = next(p for p in body_paragraphs(out) if paragraph_text(p) == FIRST)
    assert first.find(f"{W}pPr/{W}bidi") is not None
    for run in first.iter(f"{W}r"):
        rpr = run.find(f"{W}rPr")
        assert rpr.find(f"{W}rtl") is not None
        assert rpr.find(f"{W}rFonts").get(f"{W}cs") == "Noto Nastaliq Urdu"
        assert rpr.find(f"{W}lang").get(f"{W}bidi") == "ur-PK"


def test_dari_and_pashto_runs_get_the_naskh_font():
    original = editorial_docx()
    document = read_docx(original)
    for target, locale in (("fa-AF", "fa-AF"), ("ps", "ps-AF")):
        out = write_docx(original, [b.text for b in document.blocks], target)
        run = next(p for p in body_paragraphs(out) if paragraph_text(p) == FIRST).find(f"{W}r")
        assert run.find(f"{W}rPr/{W}rFonts").get(f"{W}cs") == "Noto Naskh Arabic"
        assert run.find(f"{W}rPr/{W}lang").get(f"{W}bidi") == locale


def test_bold_gets_its_complex_script_twin_so_urdu_words_stay_bold():
    original = editorial_docx()
    document = read_docx(original)
    out = write_docx(original, [b.text for b in document.blocks], "ur")
    second = body_paragraphs(out)[2]
    (bold,) = runs_with(second, BOLD_WORDS)
    assert bold.find(f"{W}rPr/{W}b") is not None
    assert bold.find(f"{W}rPr/{W}bCs") is not None
    (italic,) = runs_with(second, ITALIC_WORDS)
    assert italic.find(f"{W}rPr/{W}iCs") is not None


def test_run_properties_are_written_in_schema_order():
    original = editorial_docx()
    out = write_docx(original, [b.text for b in read_docx(original).blocks], "ur")
    order = ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "u", "rtl", "lang"]
    for p in body_paragraphs(out):
        for rpr in p.iter(f"{W}rPr"):
            names = [etree.QName(c).localname for c in rpr if etree.QName(c).localname in order]
            assert names == sorted(names, key=order.index)


def test_tables_are_laid_out_right_to_left_for_urdu():
    original = editorial_docx()
    out = write_docx(original, [b.text for b in read_docx(original).blocks], "ur")
    table = python_docx.Document(io.BytesIO(out)).element.body.find(f"{W}tbl")
    assert table.find(f"{W}tblPr/{W}bidiVisual") is not None


def test_a_tag_the_translation_lost_leaves_its_words_plain_and_is_flagged():
    original = editorial_docx()
    document = read_docx(original)
    source = document.blocks[2].text
    target = (
        f"Traders said the {BOLD_WORDS} matters for {open_char(1)}{ITALIC_WORDS}{close_char(1)}."
    )
    texts = [b.text for b in document.blocks]
    texts[2] = target
    second = body_paragraphs(write_docx(original, texts, "ur"))[2]
    assert paragraph_text(second) == strip_tags(target)
    assert all(r.find(f"{W}rPr/{W}b") is None for r in second.iter(f"{W}r"))
    tag_flags = [f for f in qa.check(source, target, "ur") if f.code.startswith("tag-")]
    assert [(f.code, f.severity) for f in tag_flags] == [("tag-missing", qa.ERROR)] * 2
    assert [f.message for f in tag_flags] == [
        "tag ⟨1⟩ is missing from the target",
        "tag ⟨/1⟩ is missing from the target",
    ]


def test_moved_tags_carry_the_formatting_to_the_words_they_now_enclose():
    original = editorial_docx()
    document = read_docx(original)
    texts = [b.text for b in document.blocks]
    texts[2] = f"{open_char(0)}Traders{close_char(0)} said {open_char(1)}it{close_char(1)}."
    second = body_paragraphs(write_docx(original, texts, "ur"))[2]
    (bold,) = runs_with(second, "Traders")
    assert bold.find(f"{W}rPr/{W}b") is not None
    (italic,) = runs_with(second, "it")
    assert italic.find(f"{W}rPr/{W}i") is not None


def test_a_changed_original_is_refused_instead_of_written_on_the_wrong_paragraphs():
    original = editorial_docx()
    with pytest.raises(InputError, match="no longer reads as the stored document text"):
        translated_document(DOCX, original, "other text", [SegmentText(0, 5, "x")], "ur",
                            name="a.docx")  # fmt: skip


# --- through the copy model, checked as a reader ------------------------------------------


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("docx-reader")


def test_copy_model_brings_formatting_back_on_the_same_words(copy_model):
    translation = machine_translate(DOCX, editorial_docx(), "ur", "editorial.docx")
    assert not [f for row in translation.rows for f in row.flags if f.code.startswith("tag-")]
    paragraphs = body_paragraphs(translation.output)
    second = paragraphs[2]
    (bold,) = runs_with(second, BOLD_WORDS)
    assert bold.find(f"{W}rPr/{W}b") is not None
    (italic,) = runs_with(second, ITALIC_WORDS)
    assert italic.find(f"{W}rPr/{W}i") is not None
    link = paragraphs[3].find(f"{W}hyperlink")
    assert paragraph_text(link) == LINK_WORDS
    assert all(p.find(f"{W}pPr/{W}bidi") is not None for p in paragraphs if paragraph_text(p))


def test_libreoffice_shows_the_translation_right_aligned_with_its_words(copy_model, workdir):
    translation = machine_translate(DOCX, editorial_docx(), "ur", "editorial.docx")
    source_path = workdir / "editorial.docx"
    source_path.write_bytes(editorial_docx())
    target_path = workdir / "editorial.ur.docx"
    target_path.write_bytes(translation.output)
    target_pdf = formatted.office_pdf(target_path, workdir)
    # English words in right-to-left paragraphs: the sentence-final full stop is shown at
    # the left end of the line (the bidi algorithm), so words are compared without it.
    page = formatted.words_only(formatted.pdf_text(target_pdf))
    for words in (HEADLINE, FIRST, BOLD_WORDS, ITALIC_WORDS, LINK_WORDS, "Torkham", "1200"):
        assert formatted.words_only(words) in page
    formatted.pdf_png(target_pdf, workdir / "editorial.ur")  # for a person to look at

    def last_word_right_edge(pdf, word):
        words, width = formatted.pdf_words(pdf)
        return max(w.x_max for w in words if w.text.strip(".") == word) / width

    source_pdf = formatted.office_pdf(source_path, workdir)
    assert last_word_right_edge(source_pdf, "online") < 0.5  # left-aligned English
    assert last_word_right_edge(target_pdf, "online") > 0.8  # right-aligned for Urdu


# --- footnotes ----------------------------------------------------------------------------


def test_footnotes_are_blocks_and_their_reference_a_standalone_tag():
    document = read_docx(formatted.docx_with_footnote())
    body, note = document.blocks
    assert strip_tags(body.text) == f"{formatted.NOTED_SENTENCE}."
    assert [t.kind for t in body.tags] == [TagKind.NOTE_REF]
    assert note.kind is BlockKind.FOOTNOTE
    assert strip_tags(note.text).strip() == formatted.FOOTNOTE_TEXT


def test_a_translated_footnote_is_written_into_the_footnotes_part():
    original = formatted.docx_with_footnote()
    body, note = read_docx(original).blocks
    translated_note = note.text.replace(formatted.FOOTNOTE_TEXT, "ایوان تجارت کے اعداد و شمار۔")
    out = write_docx(original, [body.text, translated_note], "ur")
    with zipfile.ZipFile(io.BytesIO(out)) as archive:
        notes = etree.fromstring(archive.read("word/footnotes.xml"))
        body_xml = archive.read("word/document.xml")
    texts = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in notes.iter(f"{W}p")]
    assert texts[-1].strip() == "ایوان تجارت کے اعداد و شمار۔"
    assert notes.find(f".//{W}footnote[@{W}id='1']//{W}pPr/{W}bidi") is not None
    assert b"footnoteReference" in body_xml


def test_a_word_translation_can_be_written_as_plain_text_one_paragraph_per_block():
    from workbench.exchange.document_formats import TEXT

    original = editorial_docx()
    document = read_docx(original)
    segments = [SegmentText(*span, "x") for span in document.block_spans()]
    text = translated_document(DOCX, original, document.text, segments, "ur", name="a.docx",
                               output=TEXT).decode()  # fmt: skip
    assert text == "\n\n".join(["x"] * len(document.blocks)) + "\n"


def test_a_word_translation_is_not_written_as_html():
    from workbench.exchange.document_formats import HTML

    original = editorial_docx()
    document = read_docx(original)
    with pytest.raises(
        InputError,
        match="this Word document is written as a Word document or as plain text, not as",
    ):
        translated_document(DOCX, original, document.text, [], "ur", name="a.docx", output=HTML)


@pytest.mark.parametrize(
    ("target", "font"), [("ur", "NotoNastaliqUrdu"), ("ps", "NotoNaskhArabic")]
)
def test_libreoffice_sets_target_text_in_the_desk_font(workdir, target, font):
    formatted.require_tools("pdffonts")
    original = editorial_docx()
    document = read_docx(original)
    texts = [b.text for b in document.blocks]
    texts[1] = "وزرا نے پیر کو کابل میں ملاقات کی۔"
    path = workdir / f"fonts.{target}.docx"
    path.write_bytes(write_docx(original, texts, target))
    fonts = subprocess.run(
        ["pdffonts", str(formatted.office_pdf(path, workdir))], capture_output=True, check=True
    ).stdout.decode()
    assert font in fonts


def test_an_inline_image_is_a_standalone_tag_and_comes_back_where_the_tag_is():
    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(picture, format="PNG")
    document = python_docx.Document()
    paragraph = document.add_paragraph("Before the map ")
    paragraph.add_run().add_picture(io.BytesIO(picture.getvalue()))
    paragraph.add_run(" after the map.")
    out = io.BytesIO()
    document.save(out)
    original = out.getvalue()
    (block,) = read_docx(original).blocks
    assert [t.kind for t in block.tags] == [TagKind.IMAGE]
    image = standalone_char(0)
    written = write_docx(original, [f"نقشہ {image} کے بعد۔"], "ur")
    p = body_paragraphs(written)[0]
    texts_around = [
        "".join(t.text or "" for t in r.iter(f"{W}t")) or "IMAGE"
        for r in p.iter(f"{W}r")
        if r.find(f".//{W}drawing") is not None or r.find(f"{W}t") is not None
    ]
    assert texts_around == ["نقشہ ", "IMAGE", " کے بعد۔"]
    with zipfile.ZipFile(io.BytesIO(written)) as archive:
        assert any(n.startswith("word/media/") for n in archive.namelist())
