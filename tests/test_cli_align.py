"""`workbench align SRC TGT`: one TSV row per bead, MT when a model is installed, clear errors."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from lxml import etree

from tests.fixtures.parallel_editorial import document, paragraphs
from workbench import config
from workbench.cli import main
from workbench.engines import argos
from workbench.exchange.tmx import read_tmx
from workbench.glossary import load_glossary

TMX14_DTD = etree.DTD(str(Path(__file__).parent / "fixtures" / "tmx14.dtd"))


@pytest.fixture(autouse=True)
def _fresh_model_cache():
    argos.clear_model_cache()
    yield
    argos.clear_model_cache()


@pytest.fixture
def editorial(tmp_path: Path) -> tuple[Path, Path]:
    """The test editorial in English and in Urdu, where the translator merged two sentences."""
    urdu = paragraphs("ur")
    urdu[0][1:3] = [urdu[0][1].removesuffix("۔") + " اور " + urdu[0][2]]
    source, target = tmp_path / "editorial.en.txt", tmp_path / "editorial.ur.txt"
    source.write_text(document(paragraphs("en")), encoding="utf-8")
    target.write_text(document(urdu), encoding="utf-8")
    return source, target


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter="\t"))


def test_align_writes_one_tsv_row_per_bead(editorial, tmp_path, no_argos_packages, capsys):
    out = tmp_path / "pairs.tsv"

    code = main(["align", *map(str, editorial), "--src", "en", "--tgt", "ur", "--out", str(out)])

    header, *rows = _rows(out.read_text(encoding="utf-8"))
    english = paragraphs("en")
    assert code == 0
    assert header == ["source", "target", "bead", "confidence"]
    assert len(rows) == 15
    assert rows[1][0] == f"{english[0][1]} {english[0][2]}"
    assert rows[1][1].endswith(paragraphs("ur")[0][2])
    assert [r[2] for r in rows] == ["1-1", "2-1"] + ["1-1"] * 13
    assert all(0 <= float(r[3]) <= 1 for r in rows)
    summary = capsys.readouterr().err
    assert "15 beads" in summary and "no en→ur model installed" in summary


def test_align_prints_tsv_to_stdout_without_out(editorial, no_argos_packages, capsys):
    assert main(["align", *map(str, editorial), "--tgt", "ur"]) == 0

    assert _rows(capsys.readouterr().out)[0] == ["source", "target", "bead", "confidence"]


def test_align_uses_an_installed_model_for_mt_similarity(editorial, argos_en_ur_copy, capsys):
    assert main(["align", *map(str, editorial), "--tgt", "ur"]) == 0

    # The copy model "translates" English into English: no help with Urdu, so it is left out.
    assert "MT: similarity did not tell sentences apart" in capsys.readouterr().err


def test_align_no_mt_skips_the_engine(editorial, argos_en_ur_copy, capsys):
    assert main(["align", *map(str, editorial), "--tgt", "ur", "--no-mt"]) == 0

    assert "MT: not used (--no-mt)" in capsys.readouterr().err


def test_an_empty_translation_exits_2_with_one_line_naming_it(editorial, tmp_path, capsys):
    empty = tmp_path / "empty.ur.txt"
    empty.write_text("\n\n", encoding="utf-8")

    code = main(["align", str(editorial[0]), str(empty), "--tgt", "ur", "--no-mt"])

    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and str(empty) in err and "empty" in err


def test_align_writes_tmx_pairs_and_says_how_many_one_sided_rows_it_left_out(
    editorial, tmp_path, no_argos_packages, capsys
):
    source, target = editorial
    target.write_text(
        target.read_text(encoding="utf-8").replace(paragraphs("ur")[2][0], ""), encoding="utf-8"
    )  # the translator left a sentence out: a 1-0 row
    out = tmp_path / "pairs.tmx"

    code = main(["align", str(source), str(target), "--tgt", "ur", "--out", str(out)])

    root = etree.fromstring(out.read_bytes())
    assert code == 0
    assert TMX14_DTD.validate(root), TMX14_DTD.error_log.filter_from_errors()
    assert root.find("header").get("srclang") == "en"
    units = [(u.source, u.targets["ur"]) for u in read_tmx(out)]
    assert len(units) == 14
    assert units[1] == (
        " ".join(paragraphs("en")[0][1:3]),
        paragraphs("ur")[0][1].removesuffix("۔") + " اور " + paragraphs("ur")[0][2],
    )
    assert {p.text for p in root.iter("prop") if p.get("type") == "x-origin"} == {"aligned"}
    summary = capsys.readouterr().err
    assert "15 beads" in summary and "14 pairs" in summary
    assert "left out of the TMX, rows with one side only (1-0, 0-1): 1" in summary


def test_an_output_that_is_neither_tsv_nor_tmx_exits_2(editorial, tmp_path, capsys):
    code = main(["align", *map(str, editorial), "--tgt", "ur", "--out", str(tmp_path / "p.csv")])

    assert code == 2
    assert "must end in .tsv or .tmx" in capsys.readouterr().err
    assert not (tmp_path / "p.csv").exists()


def test_align_store_accepts_the_pairs_into_the_store_and_the_memory(
    editorial, tmp_path, no_argos_packages, capsys
):
    db = f"sqlite:///{tmp_path / 'store.db'}"
    args = ["--tgt", "ur", "--no-mt", "--store", "--db", db, "--author", "hina"]

    assert main(["align", *map(str, editorial), *args, "--out", str(tmp_path / "p.tsv")]) == 0
    assert "Stored as “editorial.en.txt”: 15 confirmed" in capsys.readouterr().err

    sentence = paragraphs("en")[0][0].replace("another low", "a new low")
    assert main(["tm", "lookup", sentence, "--to", "ur", "--db", db]) == 0
    found = capsys.readouterr().out
    assert "(aligned)" in found and paragraphs("ur")[0][0] in found


def test_an_unknown_language_exits_2(editorial, capsys):
    assert main(["align", *map(str, editorial), "--tgt", "xx"]) == 2
    assert "unknown language" in capsys.readouterr().err


def test_align_uses_the_house_glossary_unless_told_not_to(editorial, no_argos_packages, capsys):
    concepts = len(load_glossary(config.glossary_path()))

    assert main(["align", *map(str, editorial), "--tgt", "ur"]) == 0
    assert f"glossary: {concepts} concepts" in capsys.readouterr().err

    assert main(["align", *map(str, editorial), "--tgt", "ur", "--no-glossary"]) == 0
    assert "glossary: none" in capsys.readouterr().err


def test_a_glossary_file_that_cannot_be_read_exits_2_naming_it(editorial, tmp_path, capsys):
    missing = tmp_path / "terms.csv"

    code = main(["align", *map(str, editorial), "--tgt", "ur", "--glossary", str(missing)])

    assert code == 2
    assert str(missing) in capsys.readouterr().err


def test_an_output_that_cannot_be_written_exits_2_naming_it(editorial, tmp_path, capsys):
    out = tmp_path / "missing-folder" / "pairs.tmx"

    code = main(["align", *map(str, editorial), "--tgt", "ur", "--no-mt", "--out", str(out)])

    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and f"cannot write {out}" in err
