"""The CLI with the NLLB engine: `packages add-nllb`, `packages list`, `translate --to ps`."""

from __future__ import annotations

import csv
import io

from workbench import config
from workbench.cli import main
from workbench.segment import segment_document


def test_add_nllb_registers_the_directory_and_says_for_which_targets(nllb_model_dir, capsys):
    assert main(["packages", "add-nllb", str(nllb_model_dir)]) == 0
    out = capsys.readouterr().out
    assert "registered nllb:nllb-200-tiny-copy" in out
    assert "ps" in out and "fa-AF" in out


def test_add_nllb_with_a_wrong_directory_exits_2_with_one_line(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert main(["packages", "add-nllb", str(tmp_path / "empty")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "missing model.bin" in err


def test_packages_list_shows_the_nllb_model_for_pashto(registered_nllb, capsys, no_argos_packages):
    assert main(["packages", "list"]) == 0
    out = capsys.readouterr().out
    pashto = next(line for line in out.splitlines() if "Pashto" in line)
    assert pashto.lstrip().startswith("✓")
    assert "nllb: nllb:nllb-200-tiny-copy (default)" in pashto
    assert "No Argos packages installed." in out
    assert f"NLLB-200 model: nllb:nllb-200-tiny-copy  {registered_nllb.path}" in out


def test_packages_list_shows_argos_and_nllb_side_by_side(registered_nllb, argos_en_ur_copy, capsys):
    assert main(["packages", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    urdu = next(line for line in lines if "Urdu" in line)
    assert "argos: argos:translate-en_ur@0.0.1 (default) · nllb: nllb:nllb-200-tiny-copy" in urdu
    assert any(line.strip().startswith("en → ur  argos:translate-en_ur@0.0.1") for line in lines)
    assert any(line.startswith("NLLB-200 model: nllb:nllb-200-tiny-copy") for line in lines)


def test_packages_list_without_models_says_how_to_add_nllb(capsys, no_argos_packages):
    assert main(["packages", "list"]) == 0
    out = capsys.readouterr().out
    assert f"No NLLB-200 model registered (settings: {config.engines_file()})." in out
    assert "add-nllb DIR" in out


def test_translate_to_pashto_uses_nllb_by_default_when_no_argos_package_covers_it(
    registered_nllb, capsys, no_argos_packages
):
    sample = config.SAMPLE_DOCUMENT
    assert main(["translate", str(sample), "--to", "ps"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out), delimiter="\t"))
    segments = segment_document(sample.read_text(encoding="utf-8"), "en")
    assert rows[0] == ["paragraph", "sentence", "source", "target"]
    assert len(rows) == len(segments) + 1
    # The copy model gives back each source sentence (on one line): order is kept.
    assert [row[3] for row in rows[1:]] == [" ".join(s.text.split()) for s in segments]


def test_translate_with_engine_nllb_and_no_model_exits_2_naming_add_nllb(capsys):
    assert main(["translate", str(config.SAMPLE_DOCUMENT), "--to", "ps", "--engine", "nllb"]) == 2
    assert "add-nllb DIR" in capsys.readouterr().err


def test_translate_with_no_model_at_all_names_both_ways_to_get_one(capsys, no_argos_packages):
    assert main(["translate", str(config.SAMPLE_DOCUMENT), "--to", "ps"]) == 2
    err = capsys.readouterr().err
    assert "workbench packages install en ps" in err
    assert "add-nllb DIR" in err
