"""Specification of `workbench.documents`: how document files and uploads are decoded."""

from __future__ import annotations

import pytest

from workbench.documents import decode_document, read_document
from workbench.errors import InputError


def test_utf8_text_is_decoded_unchanged():
    text = "Headline\r\n“Quoted” text, پاکستان۔\n"
    assert decode_document(text.encode("utf-8"), "a.txt") == text


def test_a_utf8_byte_order_mark_is_removed():
    assert decode_document(b"\xef\xbb\xbfHello.", "a.txt") == "Hello."


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_a_byte_order_mark_is_accepted(encoding):
    text = "پاکستان نے کہا۔\nSecond line."
    data = text.encode(encoding)
    if encoding != "utf-16":
        bom = b"\xff\xfe" if encoding.endswith("le") else b"\xfe\xff"
        data = bom + data
    assert decode_document(data, "u16.txt") == text


def test_utf32_with_a_byte_order_mark_is_accepted():
    assert decode_document("Hello, دنیا.".encode("utf-32"), "u32.txt") == "Hello, دنیا."


def test_invalid_utf8_names_the_file_and_the_line_of_the_first_bad_byte():
    data = b"line one\nline two\nline \xe9 three\nline \xff four\n"
    with pytest.raises(InputError) as err:
        decode_document(data, "upload.txt")
    assert err.value.path == "upload.txt"
    assert err.value.line == 3
    assert str(err.value).startswith("upload.txt:3: not valid UTF-8 text: byte 0xe9")


def test_invalid_byte_on_the_first_line_is_line_1():
    with pytest.raises(InputError) as err:
        decode_document(b"\x80abc", "x.txt")
    assert err.value.line == 1


def test_utf16_without_a_byte_order_mark_is_refused_with_a_hint():
    with pytest.raises(InputError, match="UTF-16 without a byte-order mark"):
        decode_document("Hello.".encode("utf-16-le"), "nobom.txt")


def test_broken_utf16_names_the_line():
    data = b"\xff\xfe" + "ok\nok\n".encode("utf-16-le") + b"\x00\xd8"  # lone high surrogate
    with pytest.raises(InputError) as err:
        decode_document(data, "bad16.txt")
    assert err.value.line == 3
    assert "not valid UTF-16" in str(err.value)


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf \n"])
def test_an_empty_or_blank_document_is_refused(data):
    with pytest.raises(InputError, match=r"^empty\.txt: the document is empty$"):
        decode_document(data, "empty.txt")


def test_read_document_reads_a_file_and_keeps_line_endings(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_bytes(b"\xef\xbb\xbfTitle\r\nBody.\r\n")
    assert read_document(path) == "Title\r\nBody.\r\n"
    assert read_document(str(path)) == "Title\r\nBody.\r\n"


def test_read_document_names_the_file_in_a_decoding_error(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Café\n".encode("latin-1"))
    with pytest.raises(InputError, match=rf"^{path}:1: "):
        read_document(path)


def test_read_document_refuses_an_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(InputError, match="the document is empty"):
        read_document(path)


def test_read_document_reports_a_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "missing.txt")


def test_read_document_reports_a_directory(tmp_path):
    with pytest.raises(InputError, match="is a directory"):
        read_document(tmp_path)
