"""Sentence alignment: quality and speed of workbench.align against Gale-Church (PyPI).

    .venv/bin/python bench/align.py [--sentences 2000] [--seed 7]

All aligners get the same input in the same run: a 2,000-sentence English document and a
pseudo-Urdu translation with a known alignment (built by bench/align_corpus.py; its
docstring says how). Scenarios: paragraph breaks kept by the translator; no paragraph breaks
(a flat list of sentences, the hardest case for a length model); and no breaks with noisier
lengths (log-normal spread 0.25 instead of the one measured on a real translation).

Reported per aligner: precision, recall and F1 of beads (a bead counts when its source and
target sentences are exactly the true ones, 1-0 and 0-1 beads included), seconds (best of
three) and time as a multiple of galechurch's with its defaults in the same run ("x GC").
The "simulated MT" row stands in for an installed model, which cannot be had offline here:
the MT of each source sentence is its true translation with a third of the words replaced
at random (`align_corpus.simulated_mt`); its time excludes translating, which a real model
would add (minutes on CPU for 2,000 sentences). For
workbench.align also how many beads it flagged as low-confidence and how many of the flagged
and unflagged ones are wrong.

Baselines: `galechurch` 0.1.0 (Rust Gale-Church, PyPI), with its default parameters and with
the length ratio of the documents (what our aligner estimates), per paragraph when breaks
are kept (Gale-Church's own setting) and as one block otherwise. hunalign could not be built
here: Debian bookworm has no `hunalign` package (`apt-cache policy hunalign` is empty) and
PyPI has none, so it is not in this comparison.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from itertools import groupby
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import align_corpus
import galechurch

from workbench.align import align_sentences
from workbench.align.costs import char_length

Beads = set[tuple[tuple[int, ...], tuple[int, ...]]]


def score(found: Beads, gold: Beads) -> tuple[float, float, float]:
    right = len(found & gold)
    precision, recall = right / max(len(found), 1), right / max(len(gold), 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    return precision, recall, f1


def run_galechurch(corpus: align_corpus.Corpus, paragraphs: bool, ratio: float | None) -> Beads:
    blocks = [(0, len(corpus.source), 0, len(corpus.target))]
    if paragraphs:
        src_groups = _groups(corpus.src_paragraphs)
        tgt_groups = _groups(corpus.tgt_paragraphs)
        blocks = [(a, b, c, d) for (a, b), (c, d) in zip(src_groups, tgt_groups, strict=True)]
    options = {} if ratio is None else {"mean_xy": ratio}
    beads: Beads = set()
    for a, b, c, d in blocks:
        result = galechurch.align(corpus.source[a:b], corpus.target[c:d], **options)
        for bead in result.beads:
            beads.add(
                (
                    tuple(range(a + bead.source_start, a + bead.source_end)),
                    tuple(range(c + bead.target_start, c + bead.target_end)),
                )
            )
    return beads


def _groups(paragraphs: list[int]) -> list[tuple[int, int]]:
    spans, start = [], 0
    for _, members in groupby(paragraphs):
        size = len(list(members))
        spans.append((start, start + size))
        start += size
    return spans


def timed(action: Callable[[], object], repeat: int = 3) -> tuple[object, float]:
    """The result and the best of `repeat` wall-clock times (the machine is shared)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - start)
    return result, best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    base = align_corpus.build(args.sentences, args.seed)
    noisy = align_corpus.build(args.sentences, args.seed, spread=0.25)
    scenarios = [
        ("paragraph breaks kept", base, True),
        ("no paragraph breaks", base, False),
        ("no breaks, noisier lengths", noisy, False),
    ]
    print(f"{args.sentences} source sentences, seed {args.seed}")
    for title, corpus, paragraphs in scenarios:
        ratio = sum(map(char_length, corpus.target)) / sum(map(char_length, corpus.source))
        print(f"\n## {title}: {len(corpus.source)} x {len(corpus.target)} sentences")
        print(f"{'aligner':44} {'P':>6} {'R':>6} {'F1':>6} {'seconds':>8} {'x GC':>6}")
        para = (
            {"src_paragraphs": corpus.src_paragraphs, "tgt_paragraphs": corpus.tgt_paragraphs}
            if paragraphs
            else {}
        )
        rows: list[tuple[str, Callable[[], Beads]]] = [
            ("galechurch (defaults)", lambda c=corpus, p=paragraphs: run_galechurch(c, p, None)),
            (
                "galechurch (ratio of the documents)",
                lambda c=corpus, p=paragraphs, r=ratio: run_galechurch(c, p, r),
            ),
        ]
        baseline = None
        for name, action in rows:
            found, seconds = timed(action)
            baseline = baseline or seconds
            p, r, f = score(found, corpus.gold)
            print(f"{name:44} {p:6.3f} {r:6.3f} {f:6.3f} {seconds:8.2f} {seconds / baseline:6.2f}")
        mt = align_corpus.simulated_mt(corpus)
        ours = (
            ("workbench.align, length only", False, None),
            ("workbench.align", True, None),
            ("workbench.align + simulated MT (chrF)", True, mt),
        )
        for name, anchors, translations in ours:
            alignment, seconds = timed(
                lambda c=corpus, a=anchors, t=translations, kw=para: align_sentences(
                    c.source, c.target, "en", "ur", use_anchors=a, translations=t, **kw
                ),
                repeat=1 if translations else 3,
            )
            found = {(b.src, b.tgt) for b in alignment.beads}
            p, r, f = score(found, corpus.gold)
            print(f"{name:44} {p:6.3f} {r:6.3f} {f:6.3f} {seconds:8.2f} {seconds / baseline:6.2f}")
            if translations is None:
                without_mt = alignment
        alignment = without_mt
        flagged = [b for b in alignment.beads if b.low_confidence]
        wrong_flagged = sum((b.src, b.tgt) not in corpus.gold for b in flagged)
        wrong_total = sum((b.src, b.tgt) not in corpus.gold for b in alignment.beads)
        print(
            f"  flagged low-confidence: {len(flagged)} of {len(alignment.beads)} beads; "
            f"{wrong_flagged} of the {wrong_total} wrong beads are among them"
        )


if __name__ == "__main__":
    main()
