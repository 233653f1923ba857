"""The `workbench` command: translate, packages, exit codes and one-line errors."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from workbench import config
from workbench.cli import main
from workbench.engines import argos
from workbench.segment import segment_text

SAMPLE = config.SAMPLE_DOCUMENT


@pytest.fixture(autouse=True)
def _fresh_model_cache():
    argos.clear_model_cache()


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter="\t"))


def test_translate_writes_one_row_per_source_sentence_in_order(argos_en_ur_copy, tmp_path):
    out = tmp_path / "ur.tsv"
    assert main(["translate", str(SAMPLE), "--to", "ur", "--out", str(out)]) == 0
    header, *rows = _rows(out.read_text(encoding="utf-8"))
    segments = segment_text(SAMPLE.read_text(encoding="utf-8"), "en")
    assert header == ["paragraph", "sentence", "source", "target"]
    assert len(rows) == len(segments)
    assert [r[2] for r in rows] == [s.text for s in segments]
    assert [int(r[1]) for r in rows] == list(range(1, len(segments) + 1))
    assert [int(r[0]) for r in rows] == [s.paragraph + 1 for s in segments]
    assert [r[3] for r in rows] == [r[2] for r in rows]  # the copy model


def test_translate_prints_tsv_to_stdout_without_out(argos_en_ur_copy, tmp_path, capsys):
    doc = tmp_path / "doc.txt"
    doc.write_text("First sentence here. Second one there.\n", encoding="utf-8")
    assert main(["translate", str(doc), "--to", "ur"]) == 0
    rows = _rows(capsys.readouterr().out)
    assert rows[1:] == [
        ["1", "1", "First sentence here.", "First sentence here."],
        ["1", "2", "Second one there.", "Second one there."],
    ]


def test_translate_n_best_adds_alternative_columns(argos_en_ur_copy, tmp_path, capsys):
    doc = tmp_path / "doc.txt"
    doc.write_text("Pakistan and Afghanistan.\n", encoding="utf-8")
    assert main(["translate", str(doc), "--to", "ur", "--n-best", "3"]) == 0
    header, row = _rows(capsys.readouterr().out)
    assert header == ["paragraph", "sentence", "source", "target", "target_2", "target_3"]
    assert row[3] == "Pakistan and Afghanistan."
    assert len(row) == 6


def test_translate_with_missing_model_exits_2_with_one_line(no_argos_packages, capsys):
    assert main(["translate", str(SAMPLE), "--to", "ur"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "en → ur" in err and "Traceback" not in err


def test_translate_unknown_target_is_a_clear_error(capsys):
    assert main(["translate", str(SAMPLE), "--to", "xx"]) == 2
    assert "unknown language 'xx'" in capsys.readouterr().err


def test_translate_undecodable_file_names_file_and_line(tmp_path, capsys):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("First line.\nCaf\xe9 second line.\n".encode("latin-1"))
    assert main(["translate", str(bad), "--to", "ur"]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:2:" in err


def test_translate_empty_file_is_a_clear_error(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n", encoding="utf-8")
    assert main(["translate", str(empty), "--to", "ur"]) == 2
    assert "empty" in capsys.readouterr().err


def test_missing_arguments_exit_2():
    with pytest.raises(SystemExit) as exc:
        main(["translate"])
    assert exc.value.code == 2


def test_no_command_prints_help_and_exits_2(capsys):
    assert main([]) == 2
    assert "translate" in capsys.readouterr().err


def test_python_dash_m_workbench_runs_the_same_cli():
    result = subprocess.run(
        [sys.executable, "-m", "workbench", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert result.stdout.startswith("workbench ")


# --------------------------------------------------------------------------- packages


def test_packages_list_shows_each_target_and_whether_it_is_installed(argos_en_ur_copy, capsys):
    assert main(["packages", "list"]) == 0
    out = capsys.readouterr().out
    urdu = next(line for line in out.splitlines() if "Urdu" in line)
    pashto = next(line for line in out.splitlines() if "Pashto" in line)
    assert "✓" in urdu and "argos:translate-en_ur" in urdu
    assert "✗" in pashto and "no model installed" in pashto


def test_packages_install_from_file(no_argos_packages, tmp_path, capsys):
    from tests.fixtures.argos_package import build_argos_package

    archive = build_argos_package(tmp_path, from_code="en", to_code="fa", kind="copy")
    assert main(["packages", "install", str(archive)]) == 0
    assert "installed argos:translate-en_fa" in capsys.readouterr().out
    assert argos.find_route("en", "fa-AF")[0].path.parent == no_argos_packages


def test_packages_install_rejects_a_file_that_is_not_a_zip(no_argos_packages, tmp_path, capsys):
    bogus = tmp_path / "model.argosmodel"
    bogus.write_text("not a zip", encoding="utf-8")
    assert main(["packages", "install", str(bogus)]) == 2
    assert "not an Argos package" in capsys.readouterr().err
    assert list(no_argos_packages.iterdir()) == []


def test_packages_install_refuses_paths_that_escape_the_package_dir(
    no_argos_packages, tmp_path, capsys
):
    evil = tmp_path / "evil.argosmodel"
    with zipfile.ZipFile(evil, "w") as archive:
        archive.writestr("pkg/metadata.json", '{"from_code": "en", "to_code": "ur"}')
        archive.writestr("pkg/../../escaped.txt", "gotcha")
    assert main(["packages", "install", str(evil)]) == 2
    assert "unsafe path" in capsys.readouterr().err
    assert not (no_argos_packages.parent / "escaped.txt").exists()


def test_packages_install_rejects_a_zip_without_a_model(no_argos_packages, tmp_path, capsys):
    incomplete = tmp_path / "incomplete.argosmodel"
    with zipfile.ZipFile(incomplete, "w") as archive:
        archive.writestr("pkg/metadata.json", '{"from_code": "en", "to_code": "ur"}')
    assert main(["packages", "install", str(incomplete)]) == 2
    assert "lacks model" in capsys.readouterr().err
    assert list(no_argos_packages.iterdir()) == []


def test_packages_install_from_index_offline_fails_fast_with_advice(network_attempts, capsys):
    assert main(["packages", "install", "en", "ur"]) == 2
    err = capsys.readouterr().err
    assert "cannot reach the Argos package index" in err
    assert "packages install FILE.argosmodel" in err
    assert network_attempts  # it tried the index, and the guard refused like a dead network


def test_install_defaults_offline_says_how_to_add_models_and_succeeds(
    no_argos_packages, network_attempts, capsys
):
    assert main(["packages", "install-defaults"]) == 0
    err = capsys.readouterr().err
    assert "The app starts anyway" in err
    assert "packages install FILE.argosmodel" in err


def test_packages_remove_uninstalls_the_pair(no_argos_packages, make_argos_package, capsys):
    make_argos_package("en", "ur", "copy")
    assert main(["packages", "remove", "en", "ur"]) == 0
    assert not argos.installed_packages()[0]


def test_broken_package_directory_is_reported_not_fatal(no_argos_packages, capsys):
    (no_argos_packages / "translate-broken").mkdir()
    assert main(["packages", "list"]) == 0
    assert "broken:" in capsys.readouterr().out


def test_packages_dir_is_the_fixture_dir(argos_packages_dir):
    assert Path(argos.argos_package_dirs()[0]) == argos_packages_dir


def test_output_cut_short_by_a_closed_pipe_ends_quietly(tmp_path):
    """`workbench segment FILE | head -1` must not print a traceback."""
    big = tmp_path / "big.txt"  # far more output than a pipe buffers
    big.write_text(SAMPLE.read_text(encoding="utf-8") * 60, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "workbench", "segment", str(big)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert "Traceback" not in err
