"""`workbench score --hyp FILE --ref FILE --tgt LANG`: what a user sees, errors included."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.cli import main

REF = ["پاکستان اور افغانستان کے تعلقات خراب ہیں۔", "مذاکرات ہی واحد راستہ ہیں۔"]
HYP = ["پاکستان اور افغانستان کے تعلقات کمزور ہیں۔", "بات چیت واحد راستہ ہے۔"]


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    return write(tmp_path / "hyp.txt", HYP), write(tmp_path / "ref.txt", REF)


def test_prints_one_line_per_metric_with_its_signature_then_the_normalization(files, capsys):
    hyp, ref = files
    assert main(["score", "--hyp", str(hyp), "--ref", str(ref), "--tgt", "ur"]) == 0
    lines = capsys.readouterr().out.splitlines()

    assert [line.strip().split("|")[0] for line in lines[:3]] == ["BLEU", "chrF2", "TER"]
    assert all("|version:2.6.0 = " in line for line in lines[:3])
    assert lines[3].startswith("# ur:norm=nfc+bidi+yeh+kaf+digits,ter-pretok=intl — normalized")


def test_metrics_option_chooses_and_orders_the_metrics(files, capsys):
    hyp, ref = files
    main(["score", "--hyp", str(hyp), "--ref", str(ref), "--tgt", "ur", "-m", "ter", "bleu"])
    lines = capsys.readouterr().out.splitlines()

    assert [line.strip().split("|")[0] for line in lines[:2]] == ["TER", "BLEU"]


def test_json_output_has_score_signature_and_normalization(files, capsys):
    hyp, ref = files
    main(["score", "--hyp", str(hyp), "--ref", str(ref), "--tgt", "fa-AF", "--json"])
    report = json.loads(capsys.readouterr().out)

    assert report["target"] == "fa-AF"
    scores = report["systems"][0]["scores"]
    assert [s["name"] for s in scores] == ["BLEU", "chrF2", "TER"]
    assert all(s["signature"].startswith("nrefs:1|") for s in scores)
    assert all(s["prep"] == report["prep"] for s in scores)


def test_line_count_mismatch_is_exit_2_naming_both_files(tmp_path, capsys):
    hyp = write(tmp_path / "hyp.txt", HYP[:1])
    ref = write(tmp_path / "ref.txt", REF)

    assert main(["score", "--hyp", str(hyp), "--ref", str(ref), "--tgt", "ur"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"workbench: error: {hyp}: has 1 lines but the reference {ref} has 2: "
        "hypothesis and reference must pair line by line\n"
    )


def test_empty_hypotheses_score_zero_without_a_crash(tmp_path, capsys):
    hyp = write(tmp_path / "hyp.txt", ["", ""])
    ref = write(tmp_path / "ref.txt", REF)

    assert main(["score", "--hyp", str(hyp), "--ref", str(ref), "--tgt", "ur", "--json"]) == 0
    scores = {
        s["name"]: s["score"] for s in json.loads(capsys.readouterr().out)["systems"][0]["scores"]
    }
    assert scores == {"BLEU": 0.0, "chrF2": 0.0, "TER": 100.0}


def test_empty_reference_file_is_exit_2(tmp_path, capsys):
    hyp, ref = write(tmp_path / "hyp.txt", []), write(tmp_path / "ref.txt", [])

    assert main(["score", "--hyp", str(hyp), "--ref", str(ref), "--tgt", "ur"]) == 2
    assert "is empty: nothing to score" in capsys.readouterr().err


def test_invalid_utf8_is_exit_2_naming_file_and_line(tmp_path, files, capsys):
    _, ref = files
    hyp = tmp_path / "latin1.txt"
    hyp.write_bytes("first line\nrésumé\n".encode("latin-1"))

    assert main(["score", "--hyp", str(hyp), "--ref", str(ref), "--tgt", "ur"]) == 2
    assert capsys.readouterr().err.startswith(f"workbench: error: {hyp}:2: not valid UTF-8")


def test_missing_file_is_exit_2(tmp_path, files, capsys):
    hyp, _ = files
    missing = tmp_path / "nope.txt"

    assert main(["score", "--hyp", str(hyp), "--ref", str(missing), "--tgt", "ur"]) == 2
    assert capsys.readouterr().err == f"workbench: error: {missing}: no such file\n"


def test_unknown_metric_is_exit_2(files, capsys):
    hyp, ref = files

    assert main(["score", "--hyp", str(hyp), "--ref", str(ref), "--tgt", "ur", "-m", "meteor"]) == 2
    assert "unknown metric 'meteor'" in capsys.readouterr().err


def test_paired_test_needs_a_second_hypothesis_file(files, capsys):
    hyp, ref = files

    assert (
        main(["score", "--hyp", str(hyp), "--ref", str(ref), "--tgt", "ur", "--paired", "bs"]) == 2
    )
    assert "--paired needs at least two --hyp files" in capsys.readouterr().err


def test_paired_test_prints_both_scores_and_the_p_value(tmp_path, files, capsys):
    hyp, ref = files
    other = write(tmp_path / "other.txt", REF)
    argv = ["score", "--hyp", str(hyp), str(other), "--ref", str(ref), "--tgt", "ur"]

    assert main([*argv, "--paired", "bs", "--paired-n", "100", "-m", "chrf"]) == 0
    out = capsys.readouterr().out
    assert f"# paired bootstrap resampling: {other} against the baseline {hyp}" in out
    assert "chrF2|nrefs:1|bs:100|seed:12345|" in out
    assert "→ 100.0 (μ = 100.0 ± 0.0) (p = " in out


def test_a_utf8_byte_order_mark_is_not_part_of_the_first_segment(tmp_path, files, capsys):
    hyp, _ = files
    ref = tmp_path / "bom.txt"
    ref.write_bytes(b"\xef\xbb\xbf" + "".join(x + "\n" for x in HYP).encode("utf-8"))

    assert main(["score", "--hyp", str(hyp), "--ref", str(ref), "--tgt", "ur", "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)["systems"][0]["scores"]
    assert [s["score"] for s in scores] == [100.0, 100.0, 0.0]
