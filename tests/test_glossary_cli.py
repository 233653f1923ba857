"""`workbench glossary ...`, `workbench qa` and `workbench translate --glossary`."""

from __future__ import annotations

import csv
import io
import shutil

import pytest

from workbench import config
from workbench.cli import main
from workbench.engines import argos
from workbench.glossary import Role, load_glossary

HOUSE_TBX = config.GLOSSARIES_DIR / "security.tbx"
HOUSE_CSV = config.GLOSSARIES_DIR / "security.csv"


@pytest.fixture(autouse=True)
def _fresh_model_cache():
    argos.clear_model_cache()


@pytest.fixture
def house_copy(tmp_path):
    """A private copy of the house glossary pair (TBX + CSV twin) to edit."""
    for path in (HOUSE_TBX, HOUSE_CSV):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path / HOUSE_TBX.name


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter="\t"))


def test_show_lists_concepts_with_the_target_renderings(capsys):
    assert main(["glossary", "show", "--file", str(HOUSE_TBX), "--to", "ps"]) == 0
    out = capsys.readouterr().out
    assert "TTP\tTehreek-i-Taliban Pakistan (TTP)" in out
    assert "\tps\tتحریک طالبان پاکستان / ټي ټي پي" in out
    assert "\tur\t" not in out


def test_check_reports_counts_for_a_valid_file(capsys):
    assert main(["glossary", "check", str(HOUSE_CSV)]) == 0
    assert "15 concepts; renderings: en 15, ur 15, fa-AF 15, ps 15" in capsys.readouterr().out


def test_check_of_a_malformed_file_exits_2_naming_the_line(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("concept,lang,full\nTTP,en,TTP\nTTP,en,Other\n", encoding="utf-8")
    assert main(["glossary", "check", str(bad)]) == 2
    assert (
        capsys.readouterr().err == f"workbench: error: {bad}:3: a second en row for concept TTP\n"
    )


@pytest.mark.parametrize("version", ["2", "3"])
def test_convert_tbx_to_csv_and_back_keeps_the_glossary(tmp_path, version):
    csv_path, tbx_path = tmp_path / "g.csv", tmp_path / "g.tbx"
    assert main(["glossary", "convert", str(HOUSE_TBX), str(csv_path)]) == 0
    args = ["glossary", "convert", str(csv_path), str(tbx_path), "--tbx-version", version]
    assert main(args) == 0
    assert load_glossary(tbx_path).concepts == load_glossary(HOUSE_TBX).concepts


def test_find_lists_every_occurrence_of_the_sample_with_its_rendering(capsys):
    args = ["glossary", "find", str(config.SAMPLE_DOCUMENT), "--file", str(HOUSE_TBX)]
    assert main([*args, "--to", "fa-AF"]) == 0
    captured = capsys.readouterr()
    found = rows(captured.out)
    assert len(found) == 31
    assert ["TTP", "TTP", "short", "تی‌تی‌پی"] in [r[1:] for r in found]
    assert "31 term occurrences" in captured.err


def test_set_changes_a_rendering_and_saves_file_and_twin(house_copy, capsys):
    args = ["glossary", "set", "khost", "ps", "--full", "د خوست ولایت", "--file", str(house_copy)]
    assert main(args) == 0
    assert "saved" in capsys.readouterr().err
    for path in (house_copy, house_copy.with_suffix(".csv")):
        assert load_glossary(path).get("khost").preferred("ps", Role.FULL) == "د خوست ولایت"


def test_set_for_an_unknown_concept_exits_2_and_changes_nothing(house_copy, capsys):
    before = house_copy.read_bytes()
    args = ["glossary", "set", "nope", "ur", "--full", "x", "--file", str(house_copy)]
    assert main(args) == 2
    assert "no concept 'nope'" in capsys.readouterr().err
    assert house_copy.read_bytes() == before


def test_translate_with_glossary_enforces_terms_and_adds_qa_column(
    argos_en_ur_copy, tmp_path, capsys
):
    doc = tmp_path / "doc.txt"
    doc.write_text("Dar met the TTP in Khost.\n", encoding="utf-8")
    assert main(["translate", str(doc), "--to", "ur", "--glossary", str(HOUSE_TBX)]) == 0
    captured = capsys.readouterr()
    header, row = rows(captured.out)
    assert header == ["paragraph", "sentence", "source", "target", "qa"]
    assert row[3] == "ڈار met the ٹی ٹی پی in خوست."
    # The copy model keeps "met the ... in" (English left in the target, issue 18) and "."
    # where Urdu wants "۔".
    assert row[4] == "latin-residue,punctuation"
    assert "glossary: 3 term occurrences, 3 enforced, 0 flagged" in captured.err


def test_qa_command_prints_one_line_per_flag(tmp_path, capsys):
    tsv = tmp_path / "ur.tsv"
    tsv.write_text(
        "paragraph\tsentence\tsource\ttarget\n"
        "1\t1\tThe TTP killed 16 people.\tطالبان نے لوگوں کو مار دیا۔\n"
        "1\t2\tDar left.\tڈار چلے گئے۔\n",
        encoding="utf-8",
    )
    assert main(["qa", str(tsv), "--to", "ur", "--glossary", str(HOUSE_TBX)]) == 0
    captured = capsys.readouterr()
    flags = rows(captured.out)
    assert [(f[0], f[1]) for f in flags] == [("1", "glossary-missing"), ("1", "number-missing")]
    assert "2 sentences checked" in captured.err


def test_qa_command_with_a_bad_header_exits_2(tmp_path, capsys):
    tsv = tmp_path / "x.tsv"
    tsv.write_text("a\tb\n1\t2\n", encoding="utf-8")
    assert main(["qa", str(tsv), "--to", "ur"]) == 2
    assert f"{tsv}:1: the header must name" in capsys.readouterr().err
