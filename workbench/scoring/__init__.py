"""Scoring machine translation and revisions with BLEU, chrF and TER (sacrebleu).

- `profiles`: the tokenizer and normalization each target language is scored with.
- `normalize`: the few code-point differences that must not count as edits.
- `metrics`: per-segment statistics, corpus scores, sentence scores, bootstrap intervals.
- `significance`: paired bootstrap and approximate randomization between two systems.
- `textfiles`: hypothesis and reference files, one segment per line.
"""

from workbench.scoring.metrics import (
    METRICS,
    CorpusScore,
    ScoredPairs,
    Scorer,
    SegmentScore,
    check_metrics,
)
from workbench.scoring.profiles import ScoringProfile, profile_for
from workbench.scoring.significance import PairedResult, paired_test

__all__ = [
    "METRICS",
    "CorpusScore",
    "PairedResult",
    "ScoredPairs",
    "Scorer",
    "ScoringProfile",
    "SegmentScore",
    "check_metrics",
    "paired_test",
    "profile_for",
]
