"""The one safe XML parser: whole documents (TBX) and streams (TMX, XLIFF) refuse the same
attacks, each with one line naming the file."""

from __future__ import annotations

import io

import pytest

from tests.fixtures.hostile_xml import billion_laughs, external_dtd, external_entity
from workbench.errors import InputError
from workbench.exchange.xmlparse import iter_elements, parse_document

BODY = "<root><item>PAYLOAD</item></root>"


def parse_both(data: bytes, name: str = "f.xml") -> None:
    """Both entry points; each must raise on its own."""
    with pytest.raises(InputError) as whole:
        parse_document(data, name)
    with pytest.raises(InputError) as streamed:
        list(iter_elements(io.BytesIO(data), ("item",), name=name))
    for caught in (whole, streamed):
        assert str(caught.value).startswith(f"{name}")
        assert "\n" not in str(caught.value)


def test_an_entity_bomb_is_refused_by_both_entry_points():
    parse_both(billion_laughs(BODY))


def test_an_external_entity_is_refused_and_the_file_is_not_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("do not leak", encoding="utf-8")
    parse_both(external_entity(BODY, secret))


def test_an_entity_from_an_external_dtd_is_refused(tmp_path):
    parse_both(external_dtd(BODY, tmp_path / "evil.dtd"))


def test_a_malformed_document_names_its_line():
    with pytest.raises(InputError, match=r"^f\.xml:3: not well-formed XML"):
        parse_document(b"<root>\n<item>\n</itme></root>", "f.xml")


def test_an_empty_document_is_refused():
    with pytest.raises(InputError, match=r"^f\.xml: the file is empty$"):
        parse_document(b"  \n", "f.xml")


def test_a_plain_document_parses_with_comments_dropped():
    root = parse_document(b"<root><!-- note --><item>text</item></root>", "f.xml")
    assert [child.tag for child in root] == ["item"]
