"""Glossary files: CSV and TBX read and written, malformed and hostile files refused."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from workbench import config
from workbench.errors import InputError, WorkbenchError
from workbench.glossary import (
    Concept,
    Role,
    Status,
    Term,
    build_glossary,
    file_digest,
    load_glossary,
    parse_glossary,
    save_glossary,
    serialize_glossary,
)
from workbench.glossary.csv_format import read_csv, write_csv
from workbench.glossary.tbx_format import read_tbx, write_tbx

HOUSE_TBX = config.GLOSSARIES_DIR / "security.tbx"
HOUSE_CSV = config.GLOSSARIES_DIR / "security.csv"

GLOSSARY = build_glossary(
    [
        Concept(
            "TTP",
            {
                "en": (
                    Term("Tehreek-i-Taliban Pakistan"),
                    Term("TTP", Role.SHORT),
                    Term("Tehrik-e-Taliban Pakistan", status=Status.ADMITTED),
                ),
                "ur": (Term("تحریک طالبان پاکستان"), Term("ٹی ٹی پی", Role.SHORT)),
                "fa-AF": (
                    Term("تحریک طالبان پاکستان"),
                    Term("تی‌تی‌پی", Role.SHORT),
                    Term("طالبان پاکستانی", status=Status.DEPRECATED),
                ),
            },
            definition="Pakistani Taliban, a banned militant alliance.",
            note='Quotes " and commas, survive',
        ),
        Concept(
            "amir-khan-muttaqi",
            {
                "en": (
                    Term("Amir Khan Muttaqi"),
                    Term("Muttaqi", Role.SHORT),
                    Term("Mutaqqi", Role.SHORT, Status.ADMITTED),
                ),
                "ps": (
                    Term("امیرخان متقي"),
                    Term("متقي", Role.SHORT),
                    Term("امیر خان متقي", status=Status.ADMITTED),
                ),
            },
        ),
    ],
    title="Test glossary",
)

CSV_HEADER = "concept,lang,full,short,full_variants,short_variants,deprecated,definition,note\n"

# --------------------------------------------------------------------------- round trips


def test_csv_round_trip_keeps_every_term_role_and_status():
    assert read_csv(write_csv(GLOSSARY)).concepts == GLOSSARY.concepts


@pytest.mark.parametrize("version", [2, 3])
def test_tbx_round_trip_keeps_every_term_role_status_and_the_title(version):
    assert read_tbx(write_tbx(GLOSSARY, version)) == GLOSSARY


def test_csv_and_tbx_of_the_same_glossary_read_back_equal():
    assert read_csv(write_csv(GLOSSARY)).concepts == read_tbx(write_tbx(GLOSSARY)).concepts


def test_house_glossary_tbx_and_csv_hold_the_same_concepts():
    assert load_glossary(HOUSE_TBX).concepts == load_glossary(HOUSE_CSV).concepts


def test_house_glossary_has_the_issue_renderings_for_every_target():
    glossary = load_glossary(HOUSE_TBX)
    ttp = glossary.get("TTP")
    assert ttp.preferred("ur", Role.SHORT) == "ٹی ٹی پی"
    assert ttp.preferred("fa-AF", Role.SHORT) == "تی‌تی‌پی"
    assert ttp.preferred("ps", Role.SHORT) == "ټي ټي پي"
    aptta = glossary.get("APTTA")
    assert aptta.preferred("ps", Role.FULL) == "د افغانستان او پاکستان د ترانزیټي سوداګرۍ تړون"
    for concept in glossary:
        for tgt in ("ur", "fa-AF", "ps"):
            assert concept.preferred(tgt, Role.FULL), f"{concept.id} has no {tgt} rendering"


def test_written_tbx_is_tbx_basic_v2_core_structure():
    from lxml import etree

    root = etree.fromstring(write_tbx(GLOSSARY))
    assert root.tag == "martif" and root.get("type") == "TBX-Basic"
    assert [child.tag for child in root] == ["martifHeader", "text"]
    assert root.find("martifHeader/fileDesc/sourceDesc/p") is not None
    entries = root.findall("text/body/termEntry")
    assert [e.get("id") for e in entries] == ["TTP", "amir-khan-muttaqi"]
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert [ls.get(xml_lang) for ls in entries[0].findall("langSet")] == ["en", "ur", "fa-AF"]
    tig = entries[0].find("langSet/tig")
    assert [child.tag for child in tig] == ["term", "termNote", "termNote"]
    types = {n.get("type"): n.text for n in tig.findall("termNote")}
    assert types == {"termType": "fullForm", "administrativeStatus": "preferredTerm-admn-sts"}


def test_written_tbx_v3_uses_the_iso_namespace_and_concept_entries():
    from lxml import etree

    root = etree.fromstring(write_tbx(GLOSSARY, 3))
    ns = "{urn:iso:std:iso:30042:ed-2}"
    assert root.tag == f"{ns}tbx" and root.get("type") == "TBX-Basic" and root.get("style")
    assert len(root.findall(f"{ns}text/{ns}body/{ns}conceptEntry/{ns}langSec/{ns}termSec")) == 14


def test_translate_toolkit_reads_our_tbx(tmp_path):
    from translate.storage import tbx

    path = tmp_path / "g.tbx"
    path.write_bytes(write_tbx(GLOSSARY))
    store = tbx.tbxfile.parsefile(str(path))
    assert [unit.source for unit in store.units] == [
        "Tehreek-i-Taliban Pakistan",
        "Amir Khan Muttaqi",
    ]


def test_tbx_from_another_tool_with_acronym_variant_and_no_status_reads():
    data = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">
<martif type="TBX-Basic" xml:lang="en-US">
<martifHeader><fileDesc><sourceDesc><p>other tool</p></sourceDesc></fileDesc></martifHeader>
<text><body>
<termEntry id="c7">
<descrip type="subjectField">security</descrip>
<langSet xml:lang="en-US">
<ntig><termGrp><term>East Turkestan Islamic Movement</term></termGrp></ntig>
<tig><term>ETIM</term><termNote type="termType">acronym</termNote></tig>
<tig><term>Eastern Turkestan Islamic Movement</term>
<termNote type="termType">variant</termNote></tig>
</langSet>
<langSet xml:lang="ur"><tig><term>مشرقی ترکستان اسلامی تحریک</term></tig></langSet>
</termEntry>
</body></text></martif>""".encode()
    glossary = read_tbx(data, "other.tbx")
    concept = glossary.get("c7")
    assert concept.preferred("en", Role.FULL) == "East Turkestan Islamic Movement"
    assert concept.preferred("en", Role.SHORT) == "ETIM"
    assert Term("Eastern Turkestan Islamic Movement", Role.FULL, Status.ADMITTED) in (
        concept.terms_in("en")
    )
    assert concept.preferred("ur", Role.FULL) == "مشرقی ترکستان اسلامی تحریک"
    assert glossary.unsupported == ("line 7: <descrip type=subjectField> is not kept",)


# --------------------------------------------------------------------------- malformed files


def tbx_with_body(body: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<martif type="TBX-Basic" xml:lang="en">\n'
        "<martifHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></martifHeader>\n"
        f"<text><body>\n{body}\n</body></text>\n</martif>\n"
    ).encode()


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        (
            '<termEntry id="a">\n<langSet><tig><term>X</term></tig></langSet>\n</termEntry>',
            6,
            "has no xml:lang",
        ),
        (
            '<termEntry id="a">\n<langSet xml:lang="en">\n<tig><term>X</term>'
            '<termNote type="termType">nickname</termNote></tig>\n</langSet></termEntry>',
            7,
            "termType 'nickname'",
        ),
        (
            '<termEntry id="a"><langSet xml:lang="en"><tig><term>X</term></tig>'
            "</langSet></termEntry>\n"
            '<termEntry id="a"><langSet xml:lang="en"><tig><term>Y</term></tig>'
            "</langSet></termEntry>",
            6,
            "used twice",
        ),
        (
            '<termEntry id="a"><langSet xml:lang="en"><tig><term>X</term></tig></langSet>\n'
            '<langSet xml:lang="ur">\n<tig><term>  </term></tig></langSet></termEntry>',
            7,
            "empty <term>",
        ),
        (
            '<termEntry id="a"><langSet xml:lang="en"><tig><term>X</term></tig>\n</langSet>\n'
            "</termEntry>\n<oops/>",
            8,
            "unexpected <oops>",
        ),
    ],
)
def test_malformed_tbx_names_the_line(body, line, message):
    with pytest.raises(InputError, match=message) as error:
        read_tbx(tbx_with_body(body), "bad.tbx")
    assert str(error.value).startswith(f"bad.tbx:{line}: ")


def test_tbx_that_is_not_well_formed_names_the_line():
    with pytest.raises(InputError, match=r"^bad\.tbx:6: not well-formed XML"):
        read_tbx(
            tbx_with_body('<termEntry id="a">\n<langSet xml:lang="en"></termEntry>'), "bad.tbx"
        )


def test_xml_that_is_not_tbx_is_refused():
    with pytest.raises(InputError, match="not a TBX file"):
        read_tbx(b"<tmx version='1.4'><body/></tmx>", "x.tbx")


@pytest.mark.parametrize(
    ("rows", "line", "message"),
    [
        ("TTP,en,Tehreek-i-Taliban Pakistan,TTP,,,,,\nTTP,ur,تحریک,ٹی,,,\n", 3, "7 fields"),
        ("TTP,en,Tehreek-i-Taliban Pakistan,TTP,,,,,\nTTP,xx_bad,a,,,,,,\n", 3, "language tag"),
        ("TTP,en,Tehreek-i-Taliban Pakistan,,,,,,\nTTP,en,Other,,,,,,\n", 3, "second en row"),
        ("TTP,en,A,,,,,,\nETIM,en,B,,,,,,\nETIM,ur,,ای,,,,,\n", 3, "no preferred full form"),
        ("TTP,en,A,,,,,,\nETIM,en,a,,,,,,\n", 3, "belongs to both TTP and ETIM"),
        ("TTP,en,A,,,,,,\n,ur,x,,,,,,\n", 3, "concept column is empty"),
        ('TTP,en,A,,,,,,\nTTP,ur,"x\n', 3, "bad CSV|fields"),
    ],
)
def test_malformed_csv_names_the_line(rows, line, message):
    with pytest.raises(InputError, match=message) as error:
        read_csv(CSV_HEADER + rows, "bad.csv")
    assert str(error.value).startswith(f"bad.csv:{line}: ")


def test_csv_with_an_unknown_column_is_refused_on_line_1():
    with pytest.raises(InputError, match=r"^g\.csv:1: unknown column\(s\) colour"):
        read_csv("concept,lang,full,colour\nTTP,en,TTP,red\n", "g.csv")


def test_csv_in_another_encoding_names_the_line():
    data = (CSV_HEADER + "TTP,en,A,,,,,,\nTTP,ur,").encode() + b"\xd3\xe1\xc7\xe3" + b",,,,,,\n"
    with pytest.raises(InputError, match=r"^g\.csv:3: not UTF-8"):
        parse_glossary(data, "g.csv")


def test_empty_files_are_refused():
    with pytest.raises(InputError, match="empty"):
        parse_glossary(b"", "g.csv")
    with pytest.raises(InputError, match="empty"):
        parse_glossary(b"  \n", "g.tbx")


def test_csv_comments_and_blank_rows_are_skipped():
    glossary = read_csv(CSV_HEADER + "# house terms\n\nTTP,en,A,TTP,,,,,\n")
    assert [c.id for c in glossary] == ["TTP"]


# --------------------------------------------------------------------------- hostile TBX


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE martif [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<martif type="TBX-Basic" xml:lang="en"><martifHeader><fileDesc/></martifHeader>
<text><body><termEntry id="a"><langSet xml:lang="en"><tig><term>&lol9;</term></tig>
</langSet></termEntry></body></text></martif>
"""


def test_billion_laughs_tbx_is_refused_without_expanding():
    with pytest.raises(InputError, match=r"^evil\.tbx:3: .*DTD entities") as error:
        read_tbx(BILLION_LAUGHS, "evil.tbx")
    assert "lol" not in str(error.value)


def test_external_entity_tbx_is_refused_and_the_file_is_not_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    data = (
        f'<?xml version="1.0"?>\n<!DOCTYPE martif [\n<!ENTITY xxe SYSTEM "{secret.as_uri()}">\n]>\n'
        '<martif type="TBX-Basic" xml:lang="en"><martifHeader><fileDesc/></martifHeader>'
        '<text><body><termEntry id="a"><langSet xml:lang="en"><tig><term>&xxe;</term></tig>'
        "</langSet></termEntry></body></text></martif>"
    ).encode()
    with pytest.raises(InputError, match=r"^evil\.tbx:3: ") as error:
        read_tbx(data, "evil.tbx")
    assert "TOP-SECRET" not in str(error.value)


def test_external_dtd_url_is_never_fetched(network_attempts):
    data = tbx_with_body(
        '<termEntry id="a"><langSet xml:lang="en"><tig><term>X</term></tig></langSet></termEntry>'
    ).replace(b"<martif", b'<!DOCTYPE martif SYSTEM "http://example.com/evil.dtd">\n<martif', 1)
    assert [c.id for c in read_tbx(data)] == ["a"]
    assert network_attempts == []


# --------------------------------------------------------------------------- saving


def test_save_writes_the_file_and_its_twin_in_the_other_format(tmp_path):
    tbx, csv = tmp_path / "g.tbx", tmp_path / "g.csv"
    save_glossary(GLOSSARY, tbx, update_twin=False)
    csv.write_text(CSV_HEADER + "X,en,Y,,,,,,\n", encoding="utf-8")
    edited = GLOSSARY.replace_concept(
        GLOSSARY.get("TTP").with_terms(
            "ps", [Term("تحریک طالبان پاکستان"), Term("ټي ټي پي", Role.SHORT)]
        )
    )
    assert save_glossary(edited, tbx, expected_digest=file_digest(tbx)) == [tbx, csv]
    assert load_glossary(tbx) == edited
    assert load_glossary(csv).concepts == edited.concepts


def test_save_refuses_to_overwrite_a_file_changed_since_it_was_loaded(tmp_path):
    path = tmp_path / "g.csv"
    save_glossary(GLOSSARY, path)
    digest = file_digest(path)
    path.write_text(path.read_text(encoding="utf-8") + "X,en,Y,,,,,,\n", encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(WorkbenchError, match="changed on disk"):
        save_glossary(GLOSSARY, path, expected_digest=digest)
    assert path.read_bytes() == before


def test_a_malformed_file_changes_nothing_already_loaded(tmp_path):
    path = tmp_path / "g.csv"
    save_glossary(GLOSSARY, path)
    before = path.read_bytes()
    with pytest.raises(InputError):
        parse_glossary((CSV_HEADER + "TTP,en,A,,,\n").encode(), "upload.csv")
    assert path.read_bytes() == before
    assert load_glossary(path).concepts == GLOSSARY.concepts


def test_unknown_extension_is_refused(tmp_path):
    with pytest.raises(InputError, match=r"use \.tbx or \.csv"):
        serialize_glossary(GLOSSARY, "g.xlsx")
    with pytest.raises(InputError, match="no such glossary file"):
        load_glossary(Path(tmp_path / "missing.tbx"))


def test_merging_an_import_replaces_concepts_by_id_and_appends_new_ones():
    imported = read_csv(
        CSV_HEADER
        + "TTP,en,Tehreek-i-Taliban Pakistan,TTP,,,,,\nTTP,ur,تحریک طالبان پاکستان,ٹی ٹی پی,,,,,\n"
        + "khost,en,Khost,,,,,,\nkhost,ur,خوست,,,,,,\n"
    )
    merged = GLOSSARY.merge(imported)
    assert [c.id for c in merged] == ["TTP", "amir-khan-muttaqi", "khost"]
    assert merged.get("TTP") == imported.get("TTP")
    assert merged.get("amir-khan-muttaqi") == GLOSSARY.get("amir-khan-muttaqi")


def test_glossary_csv_cells_a_spreadsheet_would_run_are_neutralised_and_read_back():
    hostile = read_csv(
        "concept,lang,full,short,note\n"
        'C1,en,=HYPERLINK("http://evil.example"),@TTP,-2 is a note\n'
        "C1,ur,+92 term,,\n"
    )
    written = write_csv(hostile)
    rows = list(csv.reader(io.StringIO(written)))
    assert rows[1][2] == '\'=HYPERLINK("http://evil.example")'
    assert rows[1][3] == "'@TTP"
    assert rows[2][2] == "'+92 term"
    assert write_csv(read_csv(written)) == written
    assert [(c.note, c.terms["en"][0].text) for c in read_csv(written)] == [
        ("-2 is a note", '=HYPERLINK("http://evil.example")')
    ]
