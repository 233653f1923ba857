"""`workbench qa FILE.tsv` checks the file as one document."""

from __future__ import annotations

from pathlib import Path

from tests.fixtures.qa_human import human_pairs
from workbench import qa
from workbench.cli import main


def write_tsv(path: Path, pairs: list[tuple[str, str]]) -> Path:
    lines = ["sentence\tsource\ttarget"]
    lines += [f"{i}\t{source}\t{target}" for i, (source, target) in enumerate(pairs, 1)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def flagged(output: str, code: str) -> list[str]:
    return [line.split("\t")[0] for line in output.splitlines() if line.split("\t")[1:2] == [code]]


def test_a_concise_translator_is_judged_against_their_own_document(tmp_path, capsys):
    # Every target cut to 45% of its length: far shorter than the pair usually runs, but
    # uniformly so; only the sentence cut to a tenth stands out in its document.
    pairs = [(source, target[: len(target) * 45 // 100]) for source, target in human_pairs("fa-AF")]
    pairs[6] = (pairs[6][0], human_pairs("fa-AF")[6][1][: len(human_pairs("fa-AF")[6][1]) // 10])
    prior = qa.calibration_model("en", "fa-AF")
    assert sum(bool(qa.check_length_ratio(s, t, prior)) for s, t in pairs) > len(pairs) / 2
    tsv = write_tsv(tmp_path / "fa.tsv", pairs)
    assert main(["qa", str(tsv), "--to", "fa-AF", "--no-glossary"]) == 0
    assert flagged(capsys.readouterr().out, "length-ratio") == ["7"]


def test_good_human_translations_pass_the_qa_command(tmp_path, capsys):
    tsv = write_tsv(tmp_path / "ps.tsv", human_pairs("ps"))
    assert main(["qa", str(tsv), "--to", "ps", "--no-glossary"]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"{len(human_pairs('ps'))} sentences checked: no flags" in captured.err
