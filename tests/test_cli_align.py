"""`workbench align SRC TGT`: one TSV row per bead, MT when a model is installed, clear errors."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tests.fixtures.parallel_editorial import document, paragraphs
from workbench import config
from workbench.cli import main
from workbench.engines import argos
from workbench.glossary import load_glossary


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


def test_tmx_output_is_refused_until_the_tmx_writer_exists(editorial, tmp_path, capsys):
    code = main(["align", *map(str, editorial), "--tgt", "ur", "--out", str(tmp_path / "p.tmx")])

    assert code == 2
    assert "TMX output is not available yet" in capsys.readouterr().err
    assert not (tmp_path / "p.tmx").exists()


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
