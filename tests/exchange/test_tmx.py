"""TMX 1.4b export and TMX 1.1-1.4b import."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from lxml import etree
from translate.storage.tmx import tmxfile

from tests.fixtures.hostile_xml import billion_laughs, external_dtd, external_entity
from workbench.errors import InputError
from workbench.exchange.tmx import format_tmx_date, parse_tmx_date, read_tmx, write_tmx
from workbench.exchange.units import PROP_ORIGIN, PROP_STATUS, TranslationUnit

FIXTURES = Path(__file__).parent.parent / "fixtures"
TMX14_DTD = etree.DTD(str(FIXTURES / "tmx14.dtd"))

UNITS = [
    TranslationUnit(
        "en",
        "Relations between Pakistan & Afghanistan have hit <another> low.",
        {"ur": "پاکستان اور افغانستان کے تعلقات ایک بار پھر نچلی سطح پر آ گئے ہیں۔"},
        id="doc-1",
        created=datetime(2025, 3, 1, 9, 30, tzinfo=UTC),
        changed=datetime(2025, 3, 2, 14, 5, 7, tzinfo=UTC),
        author="amna",
        changed_by="bilal",
        props=((PROP_ORIGIN, "human"), (PROP_STATUS, "confirmed"), ("x-paragraph", "1")),
    ),
    TranslationUnit(
        "en",
        'He said "cross-border attacks"\nwere unacceptable.',
        {
            "fa-AF": "او گفت حملات فرامرزی غیرقابل‌قبول است.",
            "ps": "هغه وویل چې بریدونه د منلو نه دي.",
        },
        id="doc-2",
        created=datetime(2025, 3, 1, 9, 30, tzinfo=UTC),
        author="amna",
        props=((PROP_ORIGIN, "mt"), (PROP_STATUS, "draft")),
        notes=("QA glossary-missing: 'TTP' needs <ٹی ٹی پی>",),
    ),
]


def export(units=UNITS, **kwargs) -> bytes:
    out = io.BytesIO()
    write_tmx(units, out, **kwargs)
    return out.getvalue()


def test_export_validates_against_the_official_tmx14_dtd():
    document = etree.fromstring(export())
    assert TMX14_DTD.validate(document), TMX14_DTD.error_log.filter_from_errors()


def test_export_header_carries_what_cat_tools_require():
    header = etree.fromstring(export(created=datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)))[0]
    assert header.attrib == {
        "creationtool": "Translation Workbench",
        "creationtoolversion": header.get("creationtoolversion"),
        "segtype": "sentence",
        "o-tmf": "workbench",
        "adminlang": "en",
        "srclang": "en",
        "datatype": "plaintext",
        "creationdate": "20250102T030405Z",
    }
    assert header.get("creationtoolversion")


def test_export_writes_one_tu_per_unit_with_dates_author_and_props():
    tu = etree.fromstring(export()).find("body/tu")
    assert tu.get("tuid") == "doc-1"
    assert tu.get("creationdate") == "20250301T093000Z"
    assert tu.get("changedate") == "20250302T140507Z"
    assert tu.get("creationid") == "amna"
    assert tu.get("changeid") == "bilal"
    props = [(p.get("type"), p.text) for p in tu.findall("prop")]
    assert props == [("x-origin", "human"), ("x-status", "confirmed"), ("x-paragraph", "1")]
    langs = [tuv.get("{http://www.w3.org/XML/1998/namespace}lang") for tuv in tu.iter("tuv")]
    assert langs == ["en", "ur"]


def test_export_language_codes_are_bcp47():
    unit = TranslationUnit("EN", "Hello.", {"fa_af": "سلام.", "UR": "ہیلو۔", "PS": "سلام."})
    tuvs = etree.fromstring(export([unit])).iter("tuv")
    assert [t.get("{http://www.w3.org/XML/1998/namespace}lang") for t in tuvs] == [
        "en",
        "fa-AF",
        "ur",
        "ps",
    ]


def test_export_is_read_by_translate_toolkit_with_the_same_segments():
    store = tmxfile(export())
    assert [(u.source, u.target) for u in store.units] == [
        (UNITS[0].source, UNITS[0].targets["ur"]),
        (UNITS[1].source, UNITS[1].targets["fa-AF"]),
    ]


def test_export_round_trips_through_our_reader_unchanged():
    assert list(read_tmx(io.BytesIO(export()))) == UNITS


def test_unicode_round_trips_byte_for_byte():
    dari = "نمی\u200cخواهم"  # zero-width non-joiner inside the word
    unit = TranslationUnit("en", "I do not want.", {"fa-AF": dari, "ps": "زه نه غواړم", "ur": "ۓ"})
    (back,) = read_tmx(io.BytesIO(export([unit])))
    assert back.targets["fa-AF"].encode() == dari.encode()
    assert back.targets == unit.targets


def test_characters_xml_cannot_carry_are_dropped_and_the_file_stays_valid():
    unit = TranslationUnit("en", "Bell\x07 and form feed\x0c.", {"ur": "ٹھیک\r\nہے\tٹیب"})
    data = export([unit])
    assert TMX14_DTD.validate(etree.fromstring(data))
    (back,) = read_tmx(io.BytesIO(data))
    assert back.source == "Bell and form feed."
    assert back.targets["ur"] == "ٹھیک\r\nہے\tٹیب"


def test_notes_are_written_as_tu_notes_before_the_variants():
    tu = etree.fromstring(export()).findall("body/tu")[1]
    assert [child.tag for child in tu][:1] == ["note"]
    assert tu.findtext("note") == "QA glossary-missing: 'TTP' needs <ٹی ٹی پی>"


def test_export_writes_to_a_path(tmp_path):
    path = tmp_path / "out.tmx"
    assert write_tmx(UNITS, path) == 2
    assert [u.source for u in read_tmx(path)] == [u.source for u in UNITS]


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC), "20250102T030405Z"),
        (datetime(2025, 1, 2, 3, 4, 5), "20250102T030405Z"),  # naive: taken as UTC
        (datetime(2025, 1, 2, 8, 34, 5, tzinfo=timezone(timedelta(hours=5, minutes=30))),
         "20250102T030405Z"),
        (datetime(2025, 1, 2, 3, 4, 5, 999999, tzinfo=UTC), "20250102T030405Z"),
    ],
)  # fmt: skip
def test_dates_are_written_in_tmx_format_in_utc(moment, expected):
    assert format_tmx_date(moment) == expected


def test_dates_other_tools_write_are_read_or_ignored():
    assert parse_tmx_date("20250102T030405Z") == datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert parse_tmx_date("2025-01-02T03:04:05Z") == datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert parse_tmx_date("yesterday") is None
    assert parse_tmx_date(None) is None


# --- reading files from other tools -------------------------------------------------------


def test_two_target_languages_and_inline_tags_are_read_as_text():
    units = list(read_tmx(FIXTURES / "tmx" / "two-targets-inline.tmx"))
    first = units[0]
    assert first.source_lang == "en-US"
    assert first.source == "Relations between <b>Pakistan</b> and Afghanistan have hit another low."
    assert first.targets == {
        "ur-PK": "پاکستان اور افغانستان کے تعلقات ایک بار پھر <b>نچلی سطح</b> پر آ گئے ہیں۔",
        "fa-AF": "روابط میان پاکستان و افغانستان بار دیگر به پایین\u200cترین سطح رسیده است.",
    }
    assert first.author == "DESK\\translator"
    assert first.changed_by == "DESK\\reviewer"
    assert first.changed == datetime(2023, 6, 1, 8, 0, tzinfo=UTC)
    assert first.prop("x-Context") == "editorial"
    assert units[1].source == "The TTP claimed the attack.<br/>"
    assert units[2].source == "<i>See page ."
    assert units[2].targets == {"ps-AF": "<i>پاڼه  وګورئ."}


def test_a_tu_without_the_source_language_comes_out_with_an_empty_source():
    units = list(read_tmx(FIXTURES / "tmx" / "two-targets-inline.tmx"))
    assert units[3].source == ""
    assert units[3].targets == {"de-DE": "Nur auf Deutsch.", "ur-PK": "صرف جرمن میں۔"}
    assert units[4].source == "No translation yet." and units[4].targets == {}


def test_tmx_1_1_lang_attribute_and_odd_language_codes_are_read():
    units = list(read_tmx(FIXTURES / "tmx" / "omegat-tmx11.tmx"))
    assert [(u.source_lang, u.source, list(u.targets)) for u in units] == [
        ("en-US", "Two days ago, the prime minister called on Kabul.", ["ur-PK"]),
        ("en-US", "Talks resumed in Doha.", ["ps"]),
    ]


def test_utf16_file_with_bom_is_read():
    text = (
        '<?xml version="1.0" encoding="UTF-16"?>\n<tmx version="1.4"><header srclang="en"/>'
        '<body><tu><tuv xml:lang="en"><seg>Peace.</seg></tuv>'
        '<tuv xml:lang="ur"><seg>امن۔</seg></tuv></tu></body></tmx>'
    )
    (unit,) = read_tmx(io.BytesIO(text.encode("utf-16")))
    assert (unit.source, unit.targets) == ("Peace.", {"ur": "امن۔"})


def test_srclang_all_takes_the_requested_source_language():
    text = (
        '<tmx version="1.4"><header srclang="*all*"/><body><tu>'
        '<tuv xml:lang="ur"><seg>امن۔</seg></tuv><tuv xml:lang="en-GB"><seg>Peace.</seg></tuv>'
        "</tu></body></tmx>"
    )
    (unit,) = read_tmx(io.BytesIO(text.encode()), source_lang="en")
    assert (unit.source_lang, unit.source, unit.targets) == ("en-GB", "Peace.", {"ur": "امن۔"})


# --- hostile and malformed input ----------------------------------------------------------

TMX_BODY = (
    '<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>PAYLOAD</seg>'
    '</tuv><tuv xml:lang="ur"><seg>x</seg></tuv></tu></body></tmx>'
)


def test_billion_laughs_is_refused():
    with pytest.raises(InputError, match="entity"):
        list(read_tmx(io.BytesIO(billion_laughs(TMX_BODY)), name="bomb.tmx"))


def test_external_entity_is_refused_without_reading_the_file(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    with pytest.raises(InputError, match="entity") as caught:
        list(read_tmx(io.BytesIO(external_entity(TMX_BODY, secret)), name="xxe.tmx"))
    assert "TOP SECRET" not in str(caught.value)


def test_entities_from_an_external_dtd_are_refused(tmp_path):
    data = external_dtd(TMX_BODY, tmp_path / "evil.dtd")
    with pytest.raises(InputError, match=r"xxe\.tmx:3: undefined entity reference &secret;"):
        list(read_tmx(io.BytesIO(data), name="xxe.tmx"))


def test_malformed_file_error_names_the_file_and_line(tmp_path):
    path = tmp_path / "broken.tmx"
    path.write_text(
        '<tmx version="1.4">\n<header srclang="en"/>\n<body>\n<tu><tuv xml:lang="en">'
        '<seg>fine</seg></tuv></tu>\n<tu><tuv xml:lang="en"><seg>broken</sex></tuv></tu>\n'
        "</body></tmx>\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=rf"^{path}:5: not well-formed XML: .*seg"):
        list(read_tmx(path))


def test_a_file_that_is_not_tmx_is_refused():
    with pytest.raises(InputError, match="not a TMX file: the root element is <html>"):
        list(read_tmx(io.BytesIO(b"<html><body/></html>"), name="page.html"))


def test_a_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match=r"nothing\.tmx"):
        list(read_tmx(tmp_path / "nothing.tmx"))
