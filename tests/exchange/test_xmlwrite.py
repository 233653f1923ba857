"""Escaping for the hand-serializing writers: whatever the text, the XML parses back to it."""

from __future__ import annotations

import pytest
from lxml import etree

from workbench.exchange.xmlwrite import escape_attr, escape_text

HOSTILE = [
    "plain",
    "a & b < c > d",
    "&amp; already escaped",
    "&#60; a reference",
    "]]> end of CDATA",
    "quotes \" and ' apostrophes",
    "line\nbreak, tab\tand CR\r\nLF",
    "</seg><seg>injected",
    "کے درمیان\u200cها",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_parses_back_to_the_same_text(text):
    assert etree.fromstring(f"<seg>{escape_text(text)}</seg>").text == text


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_attribute_parses_back_to_the_same_value(text):
    assert etree.fromstring(f'<tu a="{escape_attr(text)}"/>').get("a") == text


def test_characters_xml_forbids_are_dropped():
    assert escape_text("a\x00b\x1fc\ufffe\ud800d") == "abcd"
    assert escape_attr("a\x0bb") == "ab"
