"""External references: plain text by line, TMX by source sentence; hostile files refused."""

from __future__ import annotations

import pytest

from workbench.errors import InputError
from workbench.scoring.references import read_reference

SOURCES = ["Talks are the only way.", "Trade may suffer further.", "Talks are the only way."]


def tmx(*units: tuple[str, str], target_lang: str = "ur", doctype: str = "") -> bytes:
    body = "".join(
        f'<tu><tuv xml:lang="en"><seg>{src}</seg></tuv>'
        f'<tuv xml:lang="{target_lang}"><seg>{tgt}</seg></tuv></tu>'
        for src, tgt in units
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<tmx version="1.4">'
        f'<header srclang="en" segtype="sentence" datatype="plaintext" adminlang="en" '
        f'creationtool="test" creationtoolversion="1" o-tmf="test"/><body>{body}</body></tmx>'
    ).encode()


def test_plain_text_reference_gives_one_line_per_sentence():
    reference = read_reference("ایک\nدو\nتین\n".encode(), "ref.txt", SOURCES, "ur")

    assert reference.texts == {0: "ایک", 1: "دو", 2: "تین"}
    assert reference.missing == 0


def test_plain_text_reference_with_wrong_line_count_names_both_counts():
    with pytest.raises(InputError, match=r"ref.txt: has 2 lines but the document has 3 sentences"):
        read_reference("ایک\nدو\n".encode(), "ref.txt", SOURCES, "ur")


def test_tmx_reference_matches_sentences_by_source_text_and_counts_the_rest():
    data = tmx(
        ("Talks  are the only way.", "مذاکرات ہی واحد راستہ ہیں۔"), ("Unrelated.", "غیر متعلق")
    )

    reference = read_reference(data, "ref.tmx", SOURCES, "ur")

    assert reference.texts == {0: "مذاکرات ہی واحد راستہ ہیں۔", 2: "مذاکرات ہی واحد راستہ ہیں۔"}
    assert reference.missing == 1


def test_tmx_target_matches_the_primary_language_of_dari():
    data = tmx(("Trade may suffer further.", "تجارت بیشتر آسیب ببیند."), target_lang="fa")

    assert read_reference(data, "ref.tmx", SOURCES, "fa-AF").texts == {1: "تجارت بیشتر آسیب ببیند."}


def test_tmx_without_the_target_language_lists_the_languages_it_has():
    data = tmx(("Trade may suffer further.", "Handel"), target_lang="de")

    with pytest.raises(
        InputError, match=r"no translation unit .* with ur \(languages in the file: de, en\)"
    ):
        read_reference(data, "ref.tmx", SOURCES, "ur")


def test_tmx_inline_codes_are_not_part_of_the_reference_text():
    data = tmx(
        (
            "Trade may suffer further.",
            'تجارت <bpt i="1">&lt;b&gt;</bpt>مزید<ept i="1">&lt;/b&gt;</ept> متاثر',
        )
    )

    assert read_reference(data, "ref.tmx", SOURCES, "ur").texts == {1: "تجارت مزید متاثر"}


def test_tmx_with_an_external_doctype_is_read():
    data = tmx(("Trade may suffer further.", "تجارت"), doctype='<!DOCTYPE tmx SYSTEM "tmx14.dtd">')

    assert read_reference(data, "ref.tmx", SOURCES, "ur").texts == {1: "تجارت"}


def test_tmx_declaring_entities_is_refused_without_expanding_them():
    laughs = '<!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    data = tmx(("Trade may suffer further.", "&b;"), doctype=laughs)

    with pytest.raises(InputError, match="declares XML entities: refused"):
        read_reference(data, "ref.tmx", SOURCES, "ur")


def test_tmx_with_an_external_entity_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret", "utf-8")
    xxe = f'<!DOCTYPE tmx [<!ENTITY x SYSTEM "file://{secret}">]>'
    data = tmx(("Trade may suffer further.", "&x;"), doctype=xxe)

    with pytest.raises(InputError, match="declares XML entities"):
        read_reference(data, "ref.tmx", SOURCES, "ur")


def test_malformed_tmx_names_the_line():
    with pytest.raises(InputError, match=r"ref.tmx:2: not well-formed XML"):
        read_reference(b"<tmx>\n<body><tu></body></tmx>", "ref.tmx", SOURCES, "ur")


def test_xml_that_is_not_tmx_is_refused():
    with pytest.raises(InputError, match=r"not a TMX file: the root element is <xliff>"):
        read_reference(b"<xliff/>", "ref.xml", SOURCES, "ur")
