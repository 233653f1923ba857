"""Scoring cost on a long document, against sacrebleu's own corpus_score in the same run.

Baseline (a): sacrebleu BLEU + chrF + TER `corpus_score` on N MT/post-edit pairs.
(b) `Scorer.score(...).corpus()`: the same numbers from statistics extracted once.
(c) (b) plus every sentence score and a 1000-resample bootstrap interval per metric.
(d) 20 sub-corpora (e.g. editors or days) from the cached statistics, against
(e) the same 20 sub-corpora re-scored with sacrebleu's `corpus_score` each time.

Prints each ratio to (a); (d)/(e) shows what aggregating from statistics saves.
Run: .venv/bin/python bench/scoring.py [--quick]
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from sacrebleu.metrics import BLEU, CHRF

from workbench.scoring import Scorer
from workbench.scoring.metrics import PretokenizedTER
from workbench.scoring.textfiles import read_lines

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "scoring"
GROUPS = 20


def make_pairs(n: int, seed: int = 7) -> tuple[list[str], list[str]]:
    """N pairs built from the ten fixture sentences, each MT lightly perturbed."""
    rng = random.Random(seed)
    mt, post = read_lines(FIXTURES / "mt.ur.txt"), read_lines(FIXTURES / "postedit.ur.txt")
    hyps, refs = [], []
    for i in range(n):
        words = mt[i % len(mt)].split()
        if len(words) > 3 and rng.random() < 0.5:
            words.pop(rng.randrange(len(words)))
        hyps.append(" ".join(words))
        refs.append(post[i % len(post)])
    return hyps, refs


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="200 sentences instead of 2000")
    n = 200 if parser.parse_args().quick else 2000
    hyps, refs = make_pairs(n)
    groups = [list(range(g, n, GROUPS)) for g in range(GROUPS)]
    metrics = (BLEU(tokenize="intl"), CHRF(), PretokenizedTER("intl"))

    def sacrebleu_corpus() -> None:
        for metric in metrics:
            metric.corpus_score(hyps, [refs])

    def ours() -> None:
        Scorer("ur").score(hyps, refs).corpus()

    def ours_full() -> None:
        pairs = Scorer("ur").score(hyps, refs)
        pairs.segments()
        pairs.corpus(n_bootstrap=1000)

    pairs = Scorer("ur").score(hyps, refs)

    def groups_from_stats() -> None:
        for members in groups:
            pairs.corpus(members)

    def groups_rescored() -> None:
        for members in groups:
            sub_h, sub_r = [hyps[i] for i in members], [refs[i] for i in members]
            for metric in (BLEU(tokenize="intl"), CHRF(), PretokenizedTER("intl")):
                metric.corpus_score(sub_h, [sub_r])

    baseline = timed(sacrebleu_corpus)
    print(f"{n} sentences; (a) sacrebleu corpus_score BLEU+chrF+TER: {baseline:.2f} s")
    for label, fn in (
        ("(b) Scorer.score().corpus()", ours),
        ("(c) + sentence scores + bootstrap 1000", ours_full),
        (f"(d) {GROUPS} sub-corpora from cached statistics", groups_from_stats),
        (f"(e) {GROUPS} sub-corpora re-scored by sacrebleu", groups_rescored),
    ):
        seconds = timed(fn)
        print(f"{label:48} {seconds:8.3f} s   {seconds / baseline:7.3f} × (a)")


if __name__ == "__main__":
    main()
