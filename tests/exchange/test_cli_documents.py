"""End to end on the command line: a Word file, a web page and a text go in with
`workbench translate`, come out translated with `workbench export --out`, in their own
format; missing targets are refused or filled with the source as the user says; a text in
another encoding is read only with the encoding the user confirms."""

from __future__ import annotations

import io
from contextlib import closing
from pathlib import Path

import docx as python_docx
import lxml.html
import pytest
from lxml import etree

from tests.fixtures.formatted import (
    BOLD_WORDS,
    ITALIC_WORDS,
    LINK_WORDS,
    editorial_docx,
    editorial_html,
)
from workbench import config
from workbench.cli import main
from workbench.engines import argos
from workbench.store import RevisionStatus, open_store
from workbench.workflows.document_files import import_file, load_file

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SCHEMA = Path(__file__).parents[1] / "fixtures" / "xliff12" / "xliff-core-1.2-strict.xsd"


@pytest.fixture(autouse=True)
def _fresh_model_cache():
    argos.clear_model_cache()


@pytest.fixture
def db_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


def translate(path, db_url, *extra) -> int:
    """`workbench translate PATH`, its TSV beside the test's database (never beside PATH)."""
    tsv = Path(db_url.removeprefix("sqlite:///")).with_name(Path(path).name + ".tsv")
    return main(["translate", str(path), "--to", "ur", "--db", db_url, "--out", str(tsv), *extra])


def export(doc, db_url, *extra) -> int:
    return main(["export", doc, "--to", "ur", "--db", db_url, *extra])


def test_a_word_file_goes_in_and_comes_out_as_word_with_its_formatting(
    argos_en_ur_copy, db_url, tmp_path, capsys
):
    source = tmp_path / "editorial.docx"
    source.write_bytes(editorial_docx())
    assert translate(source, db_url) == 0
    assert "⟨1⟩transit agreement⟨/1⟩" in (tmp_path / "editorial.docx.tsv").read_text()
    out = tmp_path / "article.ur.docx"
    assert export("editorial.docx", db_url, "--out", str(out)) == 0
    assert "not confirmed" in capsys.readouterr().err
    body = python_docx.Document(io.BytesIO(out.read_bytes())).element.body
    runs = {"".join(t.text for t in r.iter(f"{W}t")): r for r in body.iter(f"{W}r")}
    assert runs[BOLD_WORDS].find(f"{W}rPr/{W}b") is not None
    assert runs[ITALIC_WORDS].find(f"{W}rPr/{W}i") is not None
    assert body.find(f".//{W}hyperlink//{W}t").text == LINK_WORDS
    assert all(p.find(f"{W}pPr/{W}bidi") is not None for p in body.iter(f"{W}p"))


def test_a_web_page_goes_in_and_comes_out_as_a_right_to_left_page(
    argos_en_ur_copy, db_url, tmp_path
):
    source = tmp_path / "editorial.html"
    source.write_bytes(editorial_html())
    assert translate(source, db_url) == 0
    assert export("editorial.html", db_url, "--out", str(tmp_path / "a.html")) == 0
    root = lxml.html.document_fromstring((tmp_path / "a.html").read_bytes())
    assert (root.get("lang"), root.get("dir")) == ("ur", "rtl")
    assert root.find(".//b").text == BOLD_WORDS


def test_the_translated_sample_text_has_its_paragraphs_in_order(argos_en_ur_copy, db_url, tmp_path):
    assert translate(config.SAMPLE_DOCUMENT, db_url) == 0
    out = tmp_path / "sample.ur.txt"
    assert export(config.SAMPLE_DOCUMENT.name, db_url, "--out", str(out)) == 0
    source = config.SAMPLE_DOCUMENT.read_text(encoding="utf-8").splitlines()
    target = out.read_text(encoding="utf-8").splitlines()
    assert [line.split() for line in target] == [line.split() for line in source]


def test_a_word_file_can_be_exported_as_plain_text(argos_en_ur_copy, db_url, tmp_path):
    source = tmp_path / "editorial.docx"
    source.write_bytes(editorial_docx())
    translate(source, db_url)
    assert (
        export("editorial.docx", db_url, "--format", "text", "--out", str(tmp_path / "a.txt")) == 0
    )
    text = (tmp_path / "a.txt").read_text(encoding="utf-8")
    assert f"the {BOLD_WORDS} matters" in text and "\uf000" not in text


def stored_untranslated(db_url, name: str, data: bytes):
    with closing(open_store(db_url)) as store:
        return import_file(store, load_file(data, name))


def test_missing_targets_refuse_the_export_with_their_count(db_url, tmp_path, capsys):
    document = stored_untranslated(db_url, "notes.txt", b"One sentence. Two sentences.\n")
    out = tmp_path / "notes.ur.txt"
    assert export(document.name, db_url, "--out", str(out)) == 2
    error = capsys.readouterr().err
    assert "2 of 2 segments have no Urdu target yet" in error
    assert "--missing source" in error
    assert not out.exists()


def test_missing_targets_keep_the_source_text_when_asked(db_url, tmp_path, capsys):
    document = stored_untranslated(db_url, "notes.txt", b"One sentence. Two sentences.\n")
    with closing(open_store(db_url)) as store:
        first = store.segments(document.id)[0]
        store.save_revision(first.id, "ur", "ایک جملہ۔", "amna", base_revision_id=None)
    out = tmp_path / "notes.ur.txt"
    assert export(document.name, db_url, "--out", str(out), "--missing", "source") == 0
    assert out.read_text(encoding="utf-8") == "ایک جملہ۔ Two sentences.\n"
    assert "1 without a target kept their source text, 1 not confirmed" in capsys.readouterr().err


def test_xliff12_export_is_valid_against_the_strict_schema(argos_en_ur_copy, db_url, tmp_path):
    source = tmp_path / "editorial.docx"
    source.write_bytes(editorial_docx())
    translate(source, db_url)
    out = tmp_path / "e.xlf"
    assert export("editorial.docx", db_url, "--format", "xliff12", "--out", str(out)) == 0
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    schema.assertValid(etree.parse(str(out)))
    assert b'<g id="1">transit agreement</g>' in out.read_bytes()


def test_a_cp1252_text_is_refused_with_the_encoding_to_confirm(db_url, tmp_path, capsys):
    source = tmp_path / "old.txt"
    source.write_bytes("He said “no” — twice.\n".encode("cp1252"))
    assert translate(source, db_url) == 2
    error = capsys.readouterr().err
    assert "not valid UTF-8" in error and "run again with --encoding cp1252" in error
    with closing(open_store(db_url)) as store:
        assert store.documents() == []


def test_a_confirmed_encoding_reads_and_stores_the_text(argos_en_ur_copy, db_url, tmp_path):
    source = tmp_path / "old.txt"
    source.write_bytes("He said “no” — twice.\n".encode("cp1252"))
    assert translate(source, db_url, "--encoding", "cp1252") == 0
    with closing(open_store(db_url)) as store:
        (document,) = store.documents()
        assert store.document_text(document.id) == "He said “no” — twice.\n"
        assert store.document_original(document.id).encoding == "cp1252"


def test_an_xliff12_target_edited_in_another_tool_comes_back_as_a_revision(
    argos_en_ur_copy, db_url, tmp_path, capsys
):
    from translate.storage.xliff import xlifffile

    translate(config.SAMPLE_DOCUMENT, db_url)
    exported = tmp_path / "sample.xlf"
    assert (
        export(config.SAMPLE_DOCUMENT.name, db_url, "--format", "xliff12", "--out", str(exported))
        == 0
    )
    store_file = xlifffile.parsestring(exported.read_bytes())
    store_file.units[0].target = "پاک افغان تعلقات میں نئی پستی"
    store_file.units[0].markapproved(True)
    exported.write_bytes(bytes(store_file))
    assert main(["import", str(exported), "--db", db_url, "--author", "amna"]) == 0
    assert "added 1 revisions (1 confirmed)" in capsys.readouterr().out
    with closing(open_store(db_url)) as store:
        document = store.document(config.SAMPLE_DOCUMENT.name)
        first = store.segments(document.id)[0]
        head = store.current_revision(first.id, "ur")
        assert (head.text, head.author, head.status.value) == (
            "پاک افغان تعلقات میں نئی پستی",
            "amna",
            "confirmed",
        )


def test_in_team_mode_the_export_says_how_many_segments_are_not_approved(
    db_url, tmp_path, capsys, monkeypatch
):
    document = stored_untranslated(db_url, "notes.txt", b"One. Two. Three. Four.\n")
    with closing(open_store(db_url)) as store:
        one, two, three, _ = store.segments(document.id)
        store.save_revision(one.id, "ur", "ایک۔", "omar", None, status=RevisionStatus.APPROVED)
        store.save_revision(two.id, "ur", "دو۔", "amna", None, status=RevisionStatus.CONFIRMED)
        store.save_revision(three.id, "ur", "تین۔", "amna", None)
    monkeypatch.setenv("WORKBENCH_AUTH", "password")
    out = tmp_path / "notes.ur.txt"
    assert export(document.name, db_url, "--out", str(out), "--missing", "source") == 0
    message = capsys.readouterr().err
    assert "4 segments, 1 without a target kept their source text, 3 of 4 not approved" in message
    assert "not confirmed" not in message


def test_in_team_mode_a_refused_export_counts_targets_not_approved(
    db_url, tmp_path, capsys, monkeypatch
):
    document = stored_untranslated(db_url, "notes.txt", b"One. Two.\n")
    with closing(open_store(db_url)) as store:
        first = store.segments(document.id)[0]
        store.save_revision(first.id, "ur", "ایک۔", "amna", None, status=RevisionStatus.CONFIRMED)
    monkeypatch.setenv("WORKBENCH_AUTH", "password")
    assert export(document.name, db_url, "--out", str(tmp_path / "n.txt")) == 2
    assert "1 of 2 segments have no Urdu target yet (1 of the others not approved)" in (
        capsys.readouterr().err
    )
