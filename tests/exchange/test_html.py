"""Web pages in and out: blocks and inline tags, what is never translated, the target's
language and direction on the output, formatting on the same words after MT."""

from __future__ import annotations

import lxml.html
import pytest

from tests.exchange.conftest import machine_translate
from tests.fixtures import formatted
from tests.fixtures.formatted import (
    BOLD_WORDS,
    CODE_TEXT,
    FIRST,
    HEADLINE,
    ITALIC_WORDS,
    LINK_URL,
    LINK_WORDS,
    NO_TRANSLATE_TEXT,
    editorial_html,
)
from workbench.errors import InputError
from workbench.exchange.document import BlockKind, TagKind
from workbench.exchange.document_formats import HTML
from workbench.exchange.html import read_html, write_html
from workbench.exchange.inline import close_char, open_char, standalone_char, strip_tags


def page(body: str) -> bytes:
    return f"<!DOCTYPE html><html><head></head><body>{body}</body></html>".encode()


def texts(data: bytes) -> list[str]:
    return [b.text for b in read_html(data).blocks]


def test_title_heading_paragraphs_and_cells_are_blocks_in_reading_order():
    document = read_html(editorial_html())
    kinds = [b.kind for b in document.blocks]
    assert kinds[:3] == [BlockKind.TITLE, BlockKind.HEADING, BlockKind.PARAGRAPH]
    assert kinds.count(BlockKind.TABLE_CELL) == 6
    assert [b.text for b in document.blocks[:3]] == [HEADLINE, HEADLINE, FIRST]


def test_inline_elements_are_tag_pairs_around_their_words():
    document = read_html(editorial_html())
    second, linked = document.blocks[3], document.blocks[4]
    assert f"{open_char(0)}{BOLD_WORDS}{close_char(0)}" in second.text
    assert f"{open_char(1)}{ITALIC_WORDS}{close_char(1)}" in second.text
    assert [t.kind for t in second.tags] == [TagKind.BOLD, TagKind.ITALIC]
    assert (linked.tags[0].kind, linked.tags[0].detail) == (TagKind.LINK, LINK_URL)


def test_script_style_code_and_translate_no_are_never_in_the_text():
    document = read_html(editorial_html())
    everything = " ".join(b.text for b in document.blocks)
    for untouched in ("changed by a script", "margin", CODE_TEXT, NO_TRANSLATE_TEXT):
        assert untouched not in everything
    code_paragraph = next(b for b in document.blocks if b.text.startswith("Run"))
    assert code_paragraph.text == f"Run {standalone_char(0)} every morning."
    assert code_paragraph.tags[0].kind is TagKind.CODE


def test_a_br_is_a_standalone_tag_and_source_line_breaks_are_spaces():
    assert texts(page("<p>One\nline<br>two</p>")) == [f"One line{standalone_char(0)}two"]


def test_text_beside_a_nested_block_is_its_own_block():
    assert texts(page("<div>Intro words<p>Inner paragraph.</p>closing words</div>")) == [
        "Intro words",
        "Inner paragraph.",
        "closing words",
    ]


def test_an_inline_element_marked_translate_no_comes_back_unchanged():
    original = page('<p>Say <span translate="no">Torkham</span> twice.</p>')
    (block,) = read_html(original).blocks
    out = write_html(original, [block.text.replace("Say", "کہیں")], "ur")
    assert b'<span translate="no">Torkham</span>' in out


def test_output_carries_the_target_language_direction_font_and_utf8():
    original = editorial_html()
    out = write_html(original, texts(original), "ur")
    root = lxml.html.document_fromstring(out)
    assert (root.get("lang"), root.get("dir")) == ("ur", "rtl")
    assert root.find("head/meta").get("charset") == "utf-8"
    assert "Noto Nastaliq Urdu" in root.find("head/style[@id='workbench-target-font']").text


def test_scripts_and_styles_are_written_back_exactly():
    original = editorial_html()
    out = write_html(original, texts(original), "ps")
    assert b'<script>document.title = "changed by a script";</script>' in out
    assert f"<code>{CODE_TEXT}</code>".encode() in out


def test_a_lost_tag_leaves_its_words_unformatted_and_no_tag_is_guessed():
    original = page("<p>Said the <b>transit agreement</b> matters.</p>")
    out = write_html(original, ["Said the transit agreement matters."], "ur")
    assert b"<b>" not in out
    assert b"<p>Said the transit agreement matters.</p>" in out


def test_misnested_tags_in_a_translation_are_repaired_into_valid_markup():
    original = page("<p><b>bold <i>both</i></b> end</p>")
    (block,) = read_html(original).blocks
    b, i = 0, 1
    scrambled = f"{open_char(b)}x {open_char(i)}y{close_char(b)} z{close_char(i)}"
    out = write_html(original, [scrambled], "ur")
    assert b"<p><b>x <i>y</i></b><i> z</i></p>" in out
    assert block.text == f"{open_char(b)}bold {open_char(i)}both{close_char(i)}{close_char(b)} end"


def test_a_page_in_a_declared_legacy_encoding_is_read():
    original = '<html><head><meta charset="windows-1252"></head><body><p>café “news”</p>'
    assert texts(original.encode("cp1252")) == ["café “news”"]


def test_a_page_with_no_text_is_refused():
    with pytest.raises(InputError, match="no text to translate"):
        read_html(page("<script>var x = 1;</script>"), "empty.html")


def test_an_undecodable_page_names_the_byte_and_line():
    with pytest.raises(InputError, match=r"bad\.html:2: not valid utf-8 text: byte 0xe9"):
        read_html(b"<p>one</p>\n<p>caf\xe9</p>", "bad.html")


# --- through the copy model, checked as a reader ------------------------------------------


def test_copy_model_brings_inline_formatting_back_on_the_same_words(copy_model):
    translation = machine_translate(HTML, editorial_html(), "ur", "editorial.html")
    assert not [f for row in translation.rows for f in row.flags if f.code.startswith("tag-")]
    root = lxml.html.document_fromstring(translation.output)
    assert root.find(".//b").text == BOLD_WORDS
    assert root.find(".//em").text == ITALIC_WORDS
    link = root.find(".//a")
    assert (link.text, link.get("href")) == (LINK_WORDS, LINK_URL)
    assert root.find(".//code").text == CODE_TEXT
    assert strip_tags(root.find(".//h1").text) == HEADLINE


def test_chromium_shows_the_translated_page_right_to_left(copy_model, tmp_path):
    translation = machine_translate(HTML, editorial_html(), "ur", "editorial.html")
    source_page = tmp_path / "editorial.html"
    source_page.write_bytes(editorial_html())
    target_page = tmp_path / "editorial.ur.html"
    target_page.write_bytes(translation.output)
    target_pdf = formatted.chromium_pdf(target_page, tmp_path)
    shown = formatted.words_only(formatted.pdf_text(target_pdf))
    for words in (HEADLINE, FIRST, BOLD_WORDS, ITALIC_WORDS, LINK_WORDS, NO_TRANSLATE_TEXT):
        assert formatted.words_only(words) in shown
    assert "changed by a script" not in shown  # the title is the page's own
    formatted.pdf_png(target_pdf, tmp_path / "editorial.ur")  # for a person to look at

    def right_edge(pdf, word):
        words, width = formatted.pdf_words(pdf)
        return max(w.x_max for w in words if w.text.strip(".") == word) / width

    source_pdf = formatted.chromium_pdf(source_page, tmp_path)
    assert right_edge(source_pdf, "online") < 0.5
    assert right_edge(target_pdf, "online") > 0.8


def test_reading_and_writing_a_page_fetches_nothing(network_attempts):
    original = page(
        '<link rel="stylesheet" href="http://example.org/site.css">'
        '<p>Look <img src="http://example.org/x.png" onerror="alert(1)"> here.</p>'
        '<iframe src="http://example.org/frame"></iframe>'
    )
    out = write_html(original, texts(original), "ur")
    assert network_attempts == []
    assert b'onerror="alert(1)"' in out  # kept as the page had it, never run here


def test_an_entity_declared_in_the_page_is_not_expanded(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    original = (
        f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        "<html><body><p>Before &xxe; after.</p></body></html>"
    ).encode()
    assert "TOP SECRET" not in " ".join(texts(original))
