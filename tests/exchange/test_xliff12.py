"""XLIFF 1.2 export and import: valid against the OASIS strict schema, states, notes and
metadata, inline tags as <g>/<x>/<bx>/<ex>, read back by translate-toolkit, edited there
and read again."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree
from translate.storage.xliff import xlifffile

from tests.fixtures.hostile_xml import billion_laughs, external_entity
from workbench.errors import InputError
from workbench.exchange.inline import close_char, open_char, standalone_char
from workbench.exchange.units import PROP_ORIGIN, PROP_PARAGRAPH, PROP_STATUS, TranslationUnit
from workbench.exchange.xliff12 import (
    XLIFF12_NS,
    is_xliff12,
    read_xliff12,
    read_xliff12_document,
    write_xliff12,
)

SCHEMA_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "xliff12"
NS = {"x": XLIFF12_NS}
CREATED = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)
B0, B1 = open_char(0), close_char(0)

UNITS = [
    TranslationUnit(
        "en",
        f"Relations have hit {B0}another{B1} low & <frustration> mounts.",
        {"ur": f"تعلقات {B0}ایک بار پھر{B1} نچلی سطح پر آ گئے ہیں۔"},
        id="s1",
        created=CREATED,
        author="amna",
        props=((PROP_ORIGIN, "human"), (PROP_PARAGRAPH, "1"), (PROP_STATUS, "confirmed")),
        notes=("QA number-missing: a number in the source does not appear in the target",),
    ),
    TranslationUnit(
        "en",
        f"Two days ago{standalone_char(1)} the prime minister called on Kabul.",
        {"ur": f"دو دن پہلے{standalone_char(1)} وزیر اعظم نے کابل سے مطالبہ کیا۔"},
        id="s2",
        props=((PROP_ORIGIN, "mt"), (PROP_STATUS, "draft")),
    ),
    TranslationUnit("en", f"Bold begins {open_char(2)}here.", {}, id="s3"),
    TranslationUnit("en", f"and ends{close_char(2)} there.", {}, id="s4"),
]


def export(units=UNITS) -> bytes:
    out = io.BytesIO()
    write_xliff12(units, out, srclang="en", trglang="ur", original="pak-afghan-ties.en.txt")
    return out.getvalue()


@pytest.fixture(scope="module")
def strict_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA_DIR / "xliff-core-1.2-strict.xsd")))


def test_export_is_valid_against_the_oasis_strict_schema(strict_schema):
    strict_schema.assertValid(etree.fromstring(export()))


def test_every_unit_kind_is_valid_even_with_hostile_text(strict_schema):
    hostile = TranslationUnit(
        "en", "Quotes \" and ' and ]]> and \x0b control", {"ur": "&amp; <b>"}, id="a b&c"
    )
    strict_schema.assertValid(etree.fromstring(export([hostile, *UNITS])))


def test_one_trans_unit_per_segment_with_file_languages_and_original():
    root = etree.fromstring(export())
    file = root.find("x:file", NS)
    assert (root.get("version"), file.get("source-language"), file.get("target-language")) == (
        "1.2",
        "en",
        "ur",
    )
    assert file.get("original") == "pak-afghan-ties.en.txt"
    assert [u.get("id") for u in root.iterfind(".//x:trans-unit", NS)] == ["s1", "s2", "s3", "s4"]


def test_confirmed_is_final_and_approved_draft_is_translated_and_no_target_has_none():
    units = etree.fromstring(export()).findall(".//x:trans-unit", NS)
    assert [u.get("approved") for u in units] == ["yes", None, None, None]
    assert [u.find("x:target", NS) is None for u in units] == [False, False, True, True]
    assert [u.find("x:target", NS).get("state") for u in units[:2]] == ["final", "translated"]


def test_approved_is_signed_off_and_rejected_needs_review_and_both_read_back():
    units = [
        TranslationUnit("en", "A.", {"ur": "الف۔"}, id="a", props=((PROP_STATUS, "approved"),)),
        TranslationUnit("en", "B.", {"ur": "ب۔"}, id="b", props=((PROP_STATUS, "rejected"),)),
    ]
    data = export(units)
    targets = etree.fromstring(data).findall(".//x:target", NS)
    assert [t.get("state") for t in targets] == ["signed-off", "needs-review-translation"]
    assert list(read_xliff12(io.BytesIO(data))) == units


def test_inline_tags_are_g_x_and_a_pair_split_across_segments_bx_ex():
    units = etree.fromstring(export()).findall(".//x:trans-unit", NS)
    source = [etree.tostring(u.find("x:source", NS), encoding="unicode") for u in units]
    assert '<g id="1">another</g>' in source[0]
    assert '<x id="2"/>' in source[1]
    assert '<bx id="3"/>here.' in source[2]
    assert 'ends<ex id="3"/>' in source[3]


def test_export_round_trips_through_our_reader():
    assert list(read_xliff12(io.BytesIO(export()))) == UNITS


def test_the_document_reader_gives_languages_and_original():
    document = read_xliff12_document(io.BytesIO(export()))
    assert (document.srclang, document.trglang, document.original) == (
        "en",
        "ur",
        "pak-afghan-ties.en.txt",
    )


def test_translate_toolkit_reads_the_export_with_the_same_segments():
    store = xlifffile.parsestring(export())
    # translate-toolkit prefixes ids with the file's `original` and U+0004
    assert [(u.getid().split("\x04")[-1], u.isapproved()) for u in store.units] == [
        ("s1", True),
        ("s2", False),
        ("s3", False),
        ("s4", False),
    ]
    assert store.units[0].source == "Relations have hit another low & <frustration> mounts."
    assert store.units[0].target == "تعلقات ایک بار پھر نچلی سطح پر آ گئے ہیں۔"
    assert "number-missing" in store.units[0].getnotes()


def test_targets_edited_in_another_tool_come_back_with_their_state():
    store = xlifffile.parsestring(export())
    store.units[2].target = "جلی یہاں سے شروع۔"
    store.units[2].markapproved(True)
    store.units[3].target = "اور وہاں ختم۔"
    store.units[3].markapproved(False)  # (translate-toolkit approves a target it sets)
    edited = {u.id: u for u in read_xliff12(io.BytesIO(bytes(store)))}
    assert edited["s3"].targets == {"ur": "جلی یہاں سے شروع۔"}
    assert edited["s3"].prop(PROP_STATUS) == "confirmed"
    assert edited["s4"].prop(PROP_STATUS) == "draft"
    assert edited["s1"] == UNITS[0]  # untouched: text, tags, metadata and notes
    assert edited["s2"] == UNITS[1]


def test_other_tools_inline_codes_become_placeholders_shared_by_source_and_target():
    data = f"""<xliff xmlns="{XLIFF12_NS}" version="1.2"><file original="a.docx"
      source-language="en-US" target-language="ur-PK" datatype="x-docx"><body><group>
      <trans-unit id="7"><source>A <bpt id="a">&lt;b&gt;</bpt>bold<ept id="a">&lt;/b&gt;</ept>
 word<ph id="b">{{br}}</ph>end.</source>
      <target state="signed-off">ایک <bpt id="a">&lt;b&gt;</bpt>جلی<ept id="a">&lt;/b&gt;</ept>
 لفظ<ph id="b">{{br}}</ph>ختم۔</target></trans-unit></group></body></file></xliff>"""
    (unit,) = read_xliff12(io.BytesIO(data.encode()))
    b, br = open_char(0), standalone_char(1)
    assert unit.source == f"A {b}bold{close_char(0)}\n word{br}end."
    assert unit.targets == {"ur-PK": f"ایک {b}جلی{close_char(0)}\n لفظ{br}ختم۔"}
    assert unit.prop(PROP_STATUS) == "approved"  # signed off by a reviewer


def test_a_needs_translation_target_is_no_translation():
    data = f"""<xliff xmlns="{XLIFF12_NS}" version="1.2"><file original="a" source-language="en"
      datatype="plaintext"><body><trans-unit id="1"><source>One.</source>
      <target state="needs-translation">One.</target></trans-unit></body></file></xliff>"""
    (unit,) = read_xliff12(io.BytesIO(data.encode()))
    assert (unit.targets, unit.prop(PROP_STATUS)) == ({}, None)


def test_sniffing_tells_xliff_1_2_from_2_0():
    assert is_xliff12(export()[:512])
    assert not is_xliff12(b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0">')


def test_xliff_2_is_refused_with_the_version_found():
    data = b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"/>'
    with pytest.raises(InputError, match=r"new\.xlf:1: not an XLIFF 1\.x file.*'2\.0'"):
        list(read_xliff12(io.BytesIO(data), name="new.xlf"))


XLIFF_BODY = (
    f'<xliff xmlns="{XLIFF12_NS}" version="1.2"><file original="a" source-language="en" '
    'datatype="plaintext"><body><trans-unit id="u"><source>PAYLOAD</source></trans-unit>'
    "</body></file></xliff>"
)


def test_billion_laughs_is_refused():
    with pytest.raises(InputError, match="entity"):
        list(read_xliff12(io.BytesIO(billion_laughs(XLIFF_BODY))))


def test_external_entity_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    with pytest.raises(InputError, match="entity") as caught:
        list(read_xliff12(io.BytesIO(external_entity(XLIFF_BODY, secret))))
    assert "TOP SECRET" not in str(caught.value)


def test_malformed_xliff_error_names_the_line():
    data = f'<xliff xmlns="{XLIFF12_NS}" version="1.2">\n<file>\n<trans-unit>'
    with pytest.raises(InputError, match=r"^edited\.xlf:3: not well-formed XML"):
        list(read_xliff12(io.BytesIO(data.encode()), name="edited.xlf"))
