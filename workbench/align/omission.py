"""Omission evidence for many-to-one beads: was one sentence of the bead left untranslated?

The dynamic programme may pair two English sentences with one Urdu sentence when the
translator simply left one of them out: a 2-1 bead costs less than a 1-0 bead plus a 1-1
bead, and its posterior can stay at 0.8 (the new-user report: accepted as confirmed memory
without a flag). Two kinds of evidence tell an omission from a genuine merge:

- Length, against the document's own distribution: the log length ratio (target / source)
  of the document's 1-1 beads has a median and a spread (the median absolute deviation,
  scaled to a standard deviation). A merge's joined sentences fit that distribution; when
  the bead fits it badly but fits much better with one sentence taken out, that sentence is
  likely untranslated. Under a normal model the likelihood ratio is exp((z² - z_k²) / 2),
  z for the bead and z_k for the bead without sentence k.
- Anchors on one side only: a number, a name kept in Latin script, a question mark or a
  glossary term of sentence k that the other side of the bead lacks is evidence (its
  anchor bonus, in nats) that k has no translation there; one the other side shares is
  evidence against.

The probability of an omission weighs the best such k against the Gale & Church priors of
the two explanations (a 1-0 bead is about a ninth as likely as a 2-1 bead), and the bead's
confidence becomes posterior x (1 - P(omission)).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence

from workbench.align.anchors import Anchors

# Gale & Church (1993): 1-0 + 0-1 beads 0.0099, 2-1 + 1-2 0.089 of all beads.
PRIOR_OMISSION_TO_MERGE = 0.0099 / 0.089
MIN_PAIRS = 5  # 1-1 beads needed to know the document's length distribution
MIN_SPREAD = 0.05  # floor for the spread of log length ratios (near-identical ratios)
_MAD_TO_SD = 1.4826


def ratio_distribution(
    beads: Sequence[tuple[tuple[int, ...], tuple[int, ...]]],
    src_lengths: Sequence[float],
    tgt_lengths: Sequence[float],
) -> tuple[float, float] | None:
    """Median and robust spread of log(target / source length) over the 1-1 beads, or None
    when there are too few of them to say."""
    ratios = [
        math.log((tgt_lengths[tgt[0]] + 1) / (src_lengths[src[0]] + 1))
        for src, tgt in beads
        if len(src) == 1 and len(tgt) == 1
    ]
    if len(ratios) < MIN_PAIRS:
        return None
    median = statistics.median(ratios)
    spread = statistics.median(abs(r - median) for r in ratios) * _MAD_TO_SD
    return median, max(spread, MIN_SPREAD)


def omission_probability(
    src: Sequence[int],
    tgt: Sequence[int],
    src_lengths: Sequence[float],
    tgt_lengths: Sequence[float],
    distribution: tuple[float, float],
    anchors: Anchors | None = None,
) -> float:
    """How likely it is that one sentence of this bead (on its side with two or more) is
    untranslated rather than merged; 0 for 1-1 and one-sided beads."""
    median, spread = distribution

    def z(src_ids: Sequence[int], tgt_ids: Sequence[int]) -> float:
        source = sum(src_lengths[i] for i in src_ids) + 1
        target = sum(tgt_lengths[j] for j in tgt_ids) + 1
        return (math.log(target / source) - median) / spread

    whole = z(src, tgt)
    best = -math.inf  # log likelihood ratio, omission of the best candidate vs merge
    for side, others in ((src, tgt), (tgt, src)):
        if len(side) < 2 or not others:
            continue
        for k in side:
            rest = [i for i in side if i != k]
            narrowed = z(rest, tgt) if side is src else z(src, rest)
            evidence = (whole * whole - narrowed * narrowed) / 2
            if anchors is not None:
                evidence += _anchor_evidence(k, side is src, others, anchors)
            best = max(best, evidence)
    if best == -math.inf:
        return 0.0
    odds = PRIOR_OMISSION_TO_MERGE * math.exp(min(best, 50.0))
    return odds / (1 + odds)


def _anchor_evidence(k: int, k_in_source: bool, others: Sequence[int], anchors: Anchors) -> float:
    """Nats for "sentence k is untranslated": its anchors the other side lacks, minus
    those it shares."""
    own = anchors.source[k] if k_in_source else anchors.target[k]
    other_sets = anchors.target if k_in_source else anchors.source
    across = frozenset().union(*(other_sets[j] for j in others))
    return anchors.weight(own - across) - anchors.weight(own & across)
