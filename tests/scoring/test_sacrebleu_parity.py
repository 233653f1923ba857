"""Our scores are sacrebleu's: the same files give the same printed numbers as its own CLI."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from sacrebleu.tokenizers.tokenizer_intl import TokenizerV14International

from workbench.cli import main
from workbench.scoring import Scorer, paired_test
from workbench.scoring.textfiles import read_lines

FIXTURES = Path(__file__).parent.parent / "fixtures" / "scoring"
MT = FIXTURES / "mt.ur.txt"  # machine translation of ten sentences of the sample
POSTEDIT = FIXTURES / "postedit.ur.txt"  # an editor's post-edit of the same ten
SACREBLEU = Path(sys.executable).parent / "sacrebleu"


def sacrebleu_cli(*args: str | Path) -> str:
    """Run sacrebleu's own command line and return what it printed."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SACREBLEU")}
    done = subprocess.run(
        [str(SACREBLEU), *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=True,
    )
    return done.stdout


def score_lines(output: str) -> list[str]:
    """The score lines of a text report, without alignment and comment lines."""
    return [line.strip() for line in output.splitlines() if " = " in line and line[0] != "#"]


def workbench_score(capsys: pytest.CaptureFixture[str], *args: str | Path) -> str:
    assert main(["score", *map(str, args)]) == 0
    return capsys.readouterr().out


def test_unnormalized_scores_print_exactly_the_sacrebleu_cli_lines(capsys):
    ours = workbench_score(capsys, "--hyp", MT, "--ref", POSTEDIT, "--tgt", "ur", "--no-normalize")
    theirs = sacrebleu_cli(
        POSTEDIT, "-i", MT, "-m", "bleu", "chrf", "ter", "-tok", "intl", "-f", "text"
    )

    assert score_lines(ours) == score_lines(theirs)
    assert len(score_lines(ours)) == 3


def test_bleu_and_chrf_of_text_needing_no_normalization_equal_the_sacrebleu_cli(capsys):
    ours = workbench_score(
        capsys, "--hyp", MT, "--ref", POSTEDIT, "--tgt", "ur", "-m", "bleu", "chrf"
    )
    theirs = sacrebleu_cli(POSTEDIT, "-i", MT, "-m", "bleu", "chrf", "-tok", "intl", "-f", "text")

    assert score_lines(ours) == score_lines(theirs)


def test_urdu_ter_equals_sacrebleu_ter_on_intl_tokenized_text(capsys, tmp_path):
    tokenize = TokenizerV14International()
    for path in (MT, POSTEDIT):
        lines = read_lines(path)
        (tmp_path / path.name).write_text("".join(tokenize(x) + "\n" for x in lines), "utf-8")

    ours = workbench_score(capsys, "--hyp", MT, "--ref", POSTEDIT, "--tgt", "ur", "-m", "ter")
    theirs = sacrebleu_cli(
        tmp_path / POSTEDIT.name, "-i", tmp_path / MT.name, "-m", "ter", "-f", "text"
    )

    assert score_lines(ours) == score_lines(theirs)


def test_confidence_intervals_equal_the_sacrebleu_cli(capsys):
    ours = workbench_score(
        capsys, "--hyp", MT, "--ref", POSTEDIT, "--tgt", "ur", "--no-normalize", "--confidence"
    )
    theirs = sacrebleu_cli(
        POSTEDIT,
        "-i",
        MT,
        "-m",
        "bleu",
        "chrf",
        "ter",
        "-tok",
        "intl",
        "-f",
        "text",
        "--confidence",
    )

    assert score_lines(ours) == score_lines(theirs)
    assert all("bs:1000|seed:12345" in line and "μ = " in line for line in score_lines(ours))


def test_two_decimal_width_equals_the_sacrebleu_cli(capsys):
    ours = workbench_score(
        capsys, "--hyp", MT, "--ref", POSTEDIT, "--tgt", "ur", "--no-normalize", "-w", "2"
    )
    theirs = sacrebleu_cli(
        POSTEDIT, "-i", MT, "-m", "bleu", "chrf", "ter", "-tok", "intl", "-f", "text", "-w", "2"
    )

    assert score_lines(ours) == score_lines(theirs)


@pytest.mark.parametrize("metric", ["bleu", "chrf", "ter"])
def test_sentence_scores_equal_sacrebleu_sentence_level_mode(metric):
    hyps, refs = read_lines(MT), read_lines(POSTEDIT)
    theirs = sacrebleu_cli(POSTEDIT, "-i", MT, "-m", metric, "-tok", "intl", "-sl", "-w", "4")
    printed = [float(line.split(" = ")[1].split()[0]) for line in theirs.splitlines()]

    segments = Scorer("ur", [metric], normalize=False).score(hyps, refs).segments()

    assert [round(s.get(metric), 4) for s in segments] == printed
    assert len(printed) == len(hyps)


@pytest.mark.parametrize("method", ["bs", "ar"])
def test_paired_test_p_values_equal_the_sacrebleu_cli(tmp_path, method):
    hyps, refs = read_lines(MT), read_lines(POSTEDIT)
    # A second system: the MT with the last word of every other sentence dropped.
    other = [" ".join(h.split()[:-1]) if i % 2 else h for i, h in enumerate(hyps)]
    other_path = tmp_path / "other.txt"
    other_path.write_text("".join(x + "\n" for x in other), "utf-8")
    n = "300" if method == "ar" else "1000"
    # Text, not JSON: sacrebleu 2.6.0 cannot write its TER bootstrap results as JSON.
    theirs = sacrebleu_cli(
        POSTEDIT, "-i", MT, other_path, f"--paired-{method}", f"--paired-{method}-n", n,
        "-m", "bleu", "chrf", "ter", "-tok", "intl", "-f", "text",
    )  # fmt: skip
    printed_p = re.findall(r"p = ([0-9.]+)", theirs)

    ours = paired_test(Scorer("ur", normalize=False), hyps, other, refs, method, int(n))

    assert [f"{r.p_value:.4f}" for r in ours] == printed_p
    assert [r.name for r in ours] == ["BLEU", "chrF2", "TER"]
