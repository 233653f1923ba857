"""XLIFF 2.0 export and import: states, metadata, and a round trip through another tool."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from lxml import etree
from translate.storage.xliff2 import Xliff2File

from tests.fixtures.hostile_xml import billion_laughs, external_entity
from workbench.errors import InputError
from workbench.exchange.units import PROP_ORIGIN, PROP_PARAGRAPH, PROP_STATUS, TranslationUnit
from workbench.exchange.xliff2 import XLIFF_NS, read_xliff, write_xliff

NS = {"x": XLIFF_NS}
CREATED = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)

UNITS = [
    TranslationUnit(
        "en",
        "Relations have hit <another> low & frustration mounts.",
        {"ur": "تعلقات ایک بار پھر نچلی سطح پر آ گئے ہیں۔"},
        id="s1",
        created=CREATED,
        author="amna",
        props=((PROP_ORIGIN, "human"), (PROP_STATUS, "confirmed"), (PROP_PARAGRAPH, "1")),
    ),
    TranslationUnit(
        "en",
        "Two days ago, the prime minister called on Kabul.",
        {"ur": "دو دن پہلے وزیر اعظم نے کابل سے مطالبہ کیا۔"},
        id="s2",
        props=((PROP_ORIGIN, "mt"), (PROP_STATUS, "draft")),
    ),
    TranslationUnit("en", "  Not translated yet.  ", {}, id="s3"),
]


def export(units=UNITS) -> bytes:
    out = io.BytesIO()
    write_xliff(units, out, srclang="en", trglang="ur", original="pak-afghan-ties.en.txt")
    return out.getvalue()


def test_export_is_xliff_2_with_one_unit_per_segment():
    root = etree.fromstring(export())
    assert root.tag == f"{{{XLIFF_NS}}}xliff"
    assert (root.get("version"), root.get("srcLang"), root.get("trgLang")) == ("2.0", "en", "ur")
    assert [u.get("id") for u in root.iterfind(".//x:unit", NS)] == ["s1", "s2", "s3"]
    assert root.find("x:file", NS).get("original") == "pak-afghan-ties.en.txt"


def test_segment_state_is_final_for_confirmed_translated_for_draft_initial_without_target():
    root = etree.fromstring(export())
    segments = root.findall(".//x:segment", NS)
    assert [s.get("state") for s in segments] == ["final", "translated", "initial"]
    assert segments[2].find("x:target", NS) is None


def test_export_round_trips_through_our_reader():
    back = list(read_xliff(io.BytesIO(export())))
    assert back == UNITS


def test_translate_toolkit_reads_the_export_with_the_same_segments():
    store = Xliff2File.parsestring(export())
    assert [(u.getid(), u.source, u.target or "") for u in store.units] == [
        ("s1", UNITS[0].source, UNITS[0].targets["ur"]),
        ("s2", UNITS[1].source, UNITS[1].targets["ur"]),
        ("s3", UNITS[2].source, ""),
    ]


def test_targets_edited_in_another_tool_come_back_with_their_state():
    store = Xliff2File.parsestring(export())
    store.units[1].target = "دو روز قبل وزیر اعظم نے کابل سے کہا۔"
    store.units[1].markapproved(True)  # the reviewer's "final"
    store.units[2].target = "ابھی ترجمہ نہیں ہوا۔"
    edited = {u.id: u for u in read_xliff(io.BytesIO(bytes(store)))}
    assert edited["s2"].targets == {"ur": "دو روز قبل وزیر اعظم نے کابل سے کہا۔"}
    assert edited["s2"].prop(PROP_STATUS) == "confirmed"
    assert edited["s3"].prop(PROP_STATUS) is None  # a target was typed, state left initial
    assert edited["s3"].targets == {"ur": "ابھی ترجمہ نہیں ہوا۔"}
    assert edited["s1"] == UNITS[0]  # untouched unit, metadata preserved


def test_a_unit_with_several_segments_gives_one_unit_each():
    data = f"""<xliff xmlns="{XLIFF_NS}" version="2.1" srcLang="en-US" trgLang="ur-PK">
      <file id="f"><unit id="p1">
        <segment id="a" state="reviewed"><source>First <pc id="1">bold</pc>.</source>
          <target>پہلا <pc id="1">جلی</pc>۔</target></segment>
        <ignorable><source> </source></ignorable>
        <segment id="b"><source>Second<ph id="2"/>.</source></segment>
      </unit></file></xliff>""".encode()
    first, second = read_xliff(io.BytesIO(data))
    assert (first.id, first.source, first.targets) == (
        "p1:a",
        "First bold.",
        {"ur-PK": "پہلا جلی۔"},
    )
    assert first.prop(PROP_STATUS) == "confirmed"
    assert (second.id, second.source, second.targets) == ("p1:b", "Second.", {})


def test_xliff_1_2_is_refused_with_the_namespace_expected():
    data = b'<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"/>'
    with pytest.raises(InputError, match="not an XLIFF 2 file"):
        list(read_xliff(io.BytesIO(data), name="old.xlf"))


XLIFF_BODY = (
    f'<xliff xmlns="{XLIFF_NS}" version="2.0" srcLang="en" trgLang="ur"><file id="f">'
    '<unit id="u"><segment><source>PAYLOAD</source></segment></unit></file></xliff>'
)


def test_billion_laughs_is_refused():
    with pytest.raises(InputError, match="entity"):
        list(read_xliff(io.BytesIO(billion_laughs(XLIFF_BODY))))


def test_external_entity_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    with pytest.raises(InputError, match="entity") as caught:
        list(read_xliff(io.BytesIO(external_entity(XLIFF_BODY, secret))))
    assert "TOP SECRET" not in str(caught.value)


def test_malformed_xliff_error_names_the_line():
    data = f'<xliff xmlns="{XLIFF_NS}" version="2.0" srcLang="en">\n<file id="f">\n<unit>'
    with pytest.raises(InputError, match=r"^edited\.xlf:3: not well-formed XML"):
        list(read_xliff(io.BytesIO(data.encode()), name="edited.xlf"))
