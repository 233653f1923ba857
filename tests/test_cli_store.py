"""The CLI and the store: `translate` keeps what it translates, `docs` and `history` show it."""

from __future__ import annotations

import csv
import io

import pytest

from workbench import config
from workbench.cli import main
from workbench.engines import argos
from workbench.store import Origin, open_store

SAMPLE = config.SAMPLE_DOCUMENT


@pytest.fixture(autouse=True)
def _fresh_model_cache():
    argos.clear_model_cache()


@pytest.fixture
def db_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


def tsv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter="\t"))


def test_translate_stores_the_document_named_after_the_file_with_its_mt(
    argos_en_ur_copy, db_url, capsys
):
    assert main(["translate", str(SAMPLE), "--to", "ur", "--db", db_url]) == 0
    store = open_store(db_url)
    document = store.document(SAMPLE.name)
    current = store.current_revisions(document.id, "ur")
    assert len(current) == document.segment_count
    assert {r.origin for r in current.values()} == {Origin.MT}
    segments = store.segments(document.id)
    assert [current[s.id].text for s in segments] == [s.text for s in segments]  # copy model
    assert f"stored as document {SAMPLE.name!r}" in capsys.readouterr().err


def test_translating_the_same_file_again_reuses_the_stored_document(
    argos_en_ur_copy, db_url, capsys
):
    for _ in range(2):
        assert main(["translate", str(SAMPLE), "--to", "ur", "--db", db_url]) == 0
    assert [d.name for d in open_store(db_url).documents()] == [SAMPLE.name]


def test_workbench_db_is_the_default_store(argos_en_ur_copy, db_url, monkeypatch, capsys):
    monkeypatch.setenv("WORKBENCH_DB", db_url)
    assert main(["translate", str(SAMPLE), "--to", "ur"]) == 0
    assert open_store(db_url).document(SAMPLE.name)


def test_a_missing_model_stores_nothing(no_argos_packages, db_url, capsys):
    assert main(["translate", str(SAMPLE), "--to", "ur", "--db", db_url]) == 2
    assert open_store(db_url).documents() == []


def test_a_bad_database_url_is_one_line_and_exit_2(argos_en_ur_copy, capsys):
    assert main(["translate", str(SAMPLE), "--to", "ur", "--db", "no such url"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("workbench: error: not a database URL") and err.count("\n") == 1


def test_docs_lists_documents_with_progress_per_target(argos_en_ur_copy, db_url, capsys):
    main(["translate", str(SAMPLE), "--to", "ur", "--db", db_url])
    store = open_store(db_url)
    document = store.document(SAMPLE.name)
    first = store.segments(document.id)[0]
    store.confirm(first.id, "ur", "amina", store.current_revision(first.id, "ur").id)
    capsys.readouterr()
    assert main(["docs", "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert f"{document.id:>4}  {SAMPLE.name}  ·  {document.segment_count} sentences" in out
    assert "Urdu" in out and f"1 confirmed, 0 edited, {document.segment_count - 1} MT only" in out


def test_docs_on_an_empty_store_says_so(db_url, capsys):
    assert main(["docs", "--db", db_url]) == 0
    assert "No documents" in capsys.readouterr().out


def test_history_prints_every_revision_in_save_order(db_url, capsys):
    store = open_store(db_url)
    document = store.add_document("talks.txt", "Talks were held. Trade was discussed.")
    first, second = store.segments(document.id)
    a = store.save_revision(first.id, "ur", "پہلا", "amina", None)
    store.save_revision(second.id, "ur", "دوسرا", "bilal", None)
    store.confirm(first.id, "ur", "amina", a.id, text="پہلا\tمتن")
    assert main(["history", "talks.txt", "--to", "ur", "--db", db_url]) == 0
    rows = tsv(capsys.readouterr().out)
    assert rows[0] == ["segment", "revision", "time", "author", "origin", "status", "text"]
    assert [(r[0], r[1], r[3], r[4], r[5], r[6]) for r in rows[1:]] == [
        ("1", "1", "amina", "human", "draft", "پہلا"),
        ("2", "1", "bilal", "human", "draft", "دوسرا"),
        ("1", "2", "amina", "human", "confirmed", "پہلا\tمتن"),
    ]


def test_history_takes_a_document_id_too(db_url, capsys):
    store = open_store(db_url)
    document = store.add_document("talks.txt", "Talks were held.")
    assert main(["history", str(document.id), "--to", "fa-AF", "--db", db_url]) == 0
    assert len(tsv(capsys.readouterr().out)) == 1  # the header: nothing translated into Dari


def test_history_of_an_unknown_document_is_one_line_and_exit_2(db_url, capsys):
    assert main(["history", "nope.txt", "--to", "ur", "--db", db_url]) == 2
    assert capsys.readouterr().err == (
        "workbench: error: no stored document 'nope.txt'; `workbench docs` lists them\n"
    )


def test_history_of_digits_naming_one_document_and_numbering_another_is_exit_2(db_url, capsys):
    store = open_store(db_url)
    first = store.add_document("talks.txt", "Talks were held.")
    store.add_document(str(first.id), "Trade was discussed.")
    assert main(["history", str(first.id), "--to", "ur", "--db", db_url]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is both the id of 'talks.txt' and the name" in err


TM_SENTENCE = "He said cross-border attacks from Afghanistan were unacceptable."
TM_URDU = "انہوں نے کہا کہ افغانستان سے سرحد پار حملے ناقابل قبول ہیں۔"


def _memory_with_one_sentence(db_url: str) -> None:
    from workbench.memory.index import TmEntry
    from workbench.memory.source import add_tm_entries

    add_tm_entries(open_store(db_url), [TmEntry(TM_SENTENCE, TM_URDU, "ur", origin="old.tmx")])


def test_translate_fills_exact_memory_matches_first_and_shows_them(
    argos_en_ur_copy, db_url, capsys
):
    _memory_with_one_sentence(db_url)
    assert main(["translate", str(SAMPLE), "--to", "ur", "--db", db_url]) == 0
    out, err = capsys.readouterr()
    targets = {row[2]: row[3] for row in tsv(out)[1:]}
    assert targets[TM_SENTENCE] == TM_URDU
    assert "translation memory: 1 sentence holds an exact match" in err
    store = open_store(db_url)
    document = store.document(SAMPLE.name)
    origins = [r.origin for r in store.current_revisions(document.id, "ur").values()]
    assert origins.count(Origin.TM) == 1


def test_translate_without_the_memory_shows_mt_everywhere(argos_en_ur_copy, db_url, capsys):
    _memory_with_one_sentence(db_url)
    assert main(["translate", str(SAMPLE), "--to", "ur", "--no-tm", "--db", db_url]) == 0
    targets = {row[2]: row[3] for row in tsv(capsys.readouterr().out)[1:]}
    assert targets[TM_SENTENCE] == TM_SENTENCE  # the copy model
