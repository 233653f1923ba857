"""Exporting a stored document: TMX (confirmed or all), XLIFF 2, TSV/CSV, with metadata."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from lxml import etree
from translate.storage.tmx import tmxfile

from workbench.exchange.tmx import read_tmx
from workbench.exchange.xliff2 import XLIFF_NS
from workbench.store.exports import ExportScope, document_units
from workbench.workflows.export import ExportFormat, export_document, export_filename

TMX14_DTD = etree.DTD(str(Path(__file__).parent.parent / "fixtures" / "tmx14.dtd"))
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture
def worked(store, translated):
    """Segment 1 post-edited and confirmed by amina, segment 2 an editor's draft, 3-4 MT."""
    first, second = store.segments(translated.id)[:2]
    edit = store.save_revision(
        first.id, "ur", "کابل میں مذاکرات", "amina", store.current_revision(first.id, "ur").id
    )
    store.confirm(first.id, "ur", "amina", edit.id)
    store.save_revision(
        second.id, "ur", "ٹی ٹی پی", "bilal", store.current_revision(second.id, "ur").id
    )
    return translated


def export(store, document, fmt, scope=None) -> bytes:
    out = io.BytesIO()
    export_document(store, document, "ur", fmt, out, scope)
    return out.getvalue()


def test_tmx_export_takes_confirmed_segments_by_default(store, worked):
    data = export(store, worked, "tmx")
    assert TMX14_DTD.validate(etree.fromstring(data))
    (unit,) = read_tmx(io.BytesIO(data))
    assert (unit.source, unit.targets) == (
        "Pakistan and Afghanistan held talks in Kabul.",
        {"ur": "کابل میں مذاکرات"},
    )


def test_tmx_export_of_all_segments_with_a_target(store, worked):
    data = export(store, worked, "tmx", "translated")
    assert TMX14_DTD.validate(etree.fromstring(data))
    units = list(read_tmx(io.BytesIO(data)))
    assert [u.targets["ur"] for u in units] == ["کابل میں مذاکرات", "ٹی ٹی پی", "MT2", "MT3"]
    assert [(u.prop("x-origin"), u.prop("x-status")) for u in units] == [
        ("human", "confirmed"),
        ("human", "draft"),
        ("mt", "draft"),
        ("mt", "draft"),
    ]


def test_tmx_units_carry_author_dates_document_paragraph_and_mt_model(store, worked):
    tus = etree.fromstring(export(store, worked, "tmx", "translated")).findall("body/tu")
    first, mt = tus[0], tus[2]
    assert first.get("creationid") == "amina"
    assert first.get("creationdate") <= first.get("changedate")
    assert first.get("creationdate").endswith("Z") and len(first.get("creationdate")) == 16
    props = {p.get("type"): p.text for p in mt.findall("prop")}
    assert props == {
        "x-origin": "mt",
        "x-mt-engine": "argos test-model-1",
        "x-status": "draft",
        "x-document": "talks.txt",
        "x-paragraph": "2",
        "x-segment": "3",
    }
    assert mt.get("creationid") == "mt:argos"
    assert [t.get(XML_LANG) for t in mt.iter("tuv")] == ["en", "ur"]


def test_translate_toolkit_reads_the_store_export_with_the_same_segments(store, worked):
    units = tmxfile(export(store, worked, "tmx", "translated")).units
    segments = store.segments(worked.id)
    assert [u.source for u in units] == [s.text for s in segments]


def test_xliff_export_has_every_segment_with_its_state(store, worked):
    root = etree.fromstring(export(store, worked, "xliff"))
    ns = {"x": XLIFF_NS}
    states = [s.get("state") for s in root.iterfind(".//x:segment", ns)]
    assert states == ["final", "translated", "translated", "translated"]
    assert root.get("trgLang") == "ur"
    assert root.find("x:file", ns).get("original") == "talks.txt"


def test_untranslated_segments_are_in_xliff_and_tsv_but_not_tmx(store, document):
    assert list(read_tmx(io.BytesIO(export(store, document, "tmx", "all")))) == []
    root = etree.fromstring(export(store, document, "xliff"))
    assert {s.get("state") for s in root.iter(f"{{{XLIFF_NS}}}segment")} == {"initial"}
    rows = list(csv.reader(io.StringIO(export(store, document, "tsv").decode()), delimiter="\t"))
    assert len(rows) == 1 + document.segment_count


def test_csv_export_opens_in_excel_as_utf8(store, worked):
    data = export(store, worked, "csv")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert (rows[0]["target"], rows[0]["status"], rows[0]["author"]) == (
        "کابل میں مذاکرات",
        "confirmed",
        "amina",
    )


def test_units_are_streamed_in_document_order(store, worked):
    units = document_units(store, worked, "ur", ExportScope.ALL)
    assert next(units).id == "s1"
    assert [u.id for u in units] == ["s2", "s3", "s4"]


def test_export_file_names_say_document_and_target(store, worked):
    assert export_filename(worked, "fa-AF", ExportFormat.XLIFF) == "talks.fa-AF.xlf"
    assert export_filename(worked, "ur", "tmx") == "talks.ur.tmx"
