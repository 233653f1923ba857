"""Plain text out: the translated document keeps the source's paragraphs, blank lines and
line endings; text in another encoding is read only with an encoding the user confirmed."""

from __future__ import annotations

import pytest

from tests.exchange.conftest import machine_translate
from workbench import config
from workbench.errors import InputError
from workbench.exchange.document import SegmentText, replace_spans, sentence_joiner
from workbench.exchange.document_formats import MARKDOWN, TEXT, translated_document
from workbench.exchange.text import decode_text_document, guess_encoding, read_text
from workbench.segment import segment_document

SAMPLE = config.SAMPLE_DOCUMENT.read_bytes()
WESTERN = "He said “no” — twice.\nThe café was closed.\n"


def translate_by_hand(data: bytes, targets: dict[str, str], fmt=TEXT) -> str:
    """Write the document with each segment's target from `targets` (by source text)."""
    document = fmt.read(data, "doc.txt")
    segments = segment_document(document.text, "en")
    spans = [SegmentText(s.start, s.end, targets[s.text]) for s in segments]
    return translated_document(fmt, data, document.text, spans, "ur", name="doc.txt").decode()


def test_translated_sample_has_the_sample_paragraph_count_and_reads_in_order(copy_model):
    translation = machine_translate(TEXT, SAMPLE, "ur", "pak-afghan-ties.en.txt")
    source_lines = SAMPLE.decode("utf-8").splitlines()
    target_lines = translation.output.decode("utf-8").splitlines()
    assert len(target_lines) == len(source_lines) == 16
    assert [line.split() for line in target_lines] == [line.split() for line in source_lines]


def test_blank_lines_soft_wraps_and_crlf_stay_where_the_source_had_them():
    data = b"Title line\r\n\r\nFirst one. Second\r\none.\r\n\r\n\r\nLast one.\r\n"
    out = translate_by_hand(
        data,
        {
            "Title line": "عنوان",
            "First one.": "پہلا۔",
            "Second\r\none.": "دوسرا۔",
            "Last one.": "آخری۔",
        },
    )
    assert out == "عنوان\r\n\r\nپہلا۔ دوسرا۔\r\n\r\n\r\nآخری۔\r\n"


def test_markdown_markers_outside_sentences_are_kept():
    data = b"# Heading\n\n- item one\n- item two\n"
    document = MARKDOWN.read(data, "doc.md")
    segments = segment_document(document.text, "en")
    spans = [SegmentText(s.start, s.end, s.text.upper()) for s in segments]
    out = translated_document(MARKDOWN, data, document.text, spans, "ur", name="doc.md")
    assert out.decode() == "# HEADING\n\n- ITEM ONE\n- ITEM TWO\n"


def test_sentences_with_nothing_between_them_get_the_target_joiner():
    text = "第一句。第二句。"
    spans = [SegmentText(0, 4, "One."), SegmentText(4, 8, "Two.")]
    assert replace_spans(text, spans, "ur") == "One. Two."
    assert (
        replace_spans("One.Two.", [SegmentText(0, 4, "一。"), SegmentText(4, 8, "二。")], "zh")
        == "一。二。"
    )
    assert (sentence_joiner("ur"), sentence_joiner("fa-AF"), sentence_joiner("ja")) == (
        " ",
        " ",
        "",
    )


def test_a_target_with_surrounding_spaces_is_put_in_without_them():
    assert (
        replace_spans("A. B.", [SegmentText(0, 2, "  x۔ "), SegmentText(3, 5, "y۔\n")], "ur")
        == "x۔ y۔"
    )


def test_the_translation_is_utf8_even_when_the_source_was_utf16():
    data = "One line.\n".encode("utf-16")
    out = translate_by_hand(data, {"One line.": "ایک سطر۔"}).encode("utf-8")
    assert out == "ایک سطر۔\n".encode()


# --- encodings ----------------------------------------------------------------------------


def test_a_cp1252_file_is_refused_by_default_naming_the_line():
    with pytest.raises(InputError, match=r"doc\.txt:1: not valid UTF-8 text: byte 0x93"):
        read_text(WESTERN.encode("cp1252"), "doc.txt")


def test_the_guess_for_a_western_file_is_cp1252_with_lines_to_confirm_it_by():
    guess = guess_encoding(WESTERN.encode("cp1252"))
    assert guess is not None
    assert guess.encoding == "cp1252"
    assert guess.samples == ((1, "He said “no” — twice."), (2, "The café was closed."))
    assert "it reads as cp1252 (line 1: 'He said “no” — twice.'" in guess.describe()


def test_a_confirmed_encoding_reads_the_file():
    document = read_text(WESTERN.encode("cp1252"), "doc.txt", encoding="cp1252")
    assert document.text == WESTERN


def test_a_wrong_encoding_is_refused_at_the_first_byte_it_cannot_read():
    with pytest.raises(InputError, match=r"doc\.txt:2: not valid ascii text: byte 0xc3"):
        decode_text_document("one\ncafé\n".encode(), "doc.txt", "ascii")


def test_an_unknown_encoding_name_is_one_clear_line():
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        decode_text_document(b"text", "doc.txt", "klingon")
