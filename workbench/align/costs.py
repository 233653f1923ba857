"""Costs (negative log-probabilities, in nats) of every bead at every cell of the band.

A bead's cost adds its shape's prior, the Gale-Church length cost, the evidence of shared
anchors (a bonus, so negative), a penalty for beads that disagree with paragraph breaks, and,
when MT similarity is known, its bonus. Everything is computed for the whole band at once.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import numpy as np

from workbench.align.anchors import Anchors
from workbench.align.band import Band
from workbench.align.model import BEAD_SHAPES

Shape = tuple[int, int]

# Gale & Church (1993) bead priors: 1-1 0.89, 1-0 + 0-1 0.0099, 2-1 + 1-2 0.089, 2-2 0.011.
PRIOR_COST: dict[Shape, float] = {
    (1, 1): -math.log(0.89),
    (1, 0): -math.log(0.0099 / 2),
    (0, 1): -math.log(0.0099 / 2),
    (2, 1): -math.log(0.089 / 2),
    (1, 2): -math.log(0.089 / 2),
    (2, 2): -math.log(0.011),
}
# A bead that straddles a paragraph break, or starts a paragraph on one side only.
PARAGRAPH_PENALTY = 3.0
DEFAULT_VARIANCE = 6.8  # Gale & Church's s² (characters), used until the texts give their own
_BAD = 1e6  # cost of a bead that cannot exist at a cell (finite, so sums stay finite)

# Numerical Recipes' erfc approximation (fractional error < 1.2e-7), written in log form so
# the length cost stays finite for lengths far apart.
_ERFC_POLY = (
    0.17087277,
    -0.82215223,
    1.48851587,
    -1.13520398,
    0.27886807,
    -0.18628806,
    0.09678418,
    0.37409196,
    1.00002368,
    -1.26551223,
)


# Not counted in a sentence's length: spaces, invisible format characters (ZWNJ is how Persian
# and Urdu separate parts of a word) and vowel marks, which Urdu and Dari writers mostly omit.
_NOT_COUNTED = re.compile(
    r"[\s\u00ad\u034f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff"
    r"\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]"
)


def char_length(text: str) -> int:
    """Characters that carry the text: letters, digits, punctuation."""
    return len(text) - len(_NOT_COUNTED.findall(text))


def log_erfc(x: np.ndarray) -> np.ndarray:
    """log(erfc(x)) for x >= 0."""
    t = 1.0 / (1.0 + 0.5 * x)
    poly = np.zeros_like(x)
    for coefficient in _ERFC_POLY:
        poly = poly * t + coefficient
    return np.log(t) - x * x + poly


def length_cost(l1: np.ndarray, l2: np.ndarray, ratio: float, variance: float) -> np.ndarray:
    """-log P(|delta| this large) for l1 source and l2 target characters (Gale-Church)."""
    mean = (l1 + l2 / ratio) / 2
    delta = np.abs(ratio * l1 - l2) / np.sqrt(variance * np.maximum(mean, 1e-9))
    return -log_erfc(delta / math.sqrt(2))


def estimate_variance(l1: np.ndarray, l2: np.ndarray, ratio: float) -> float:
    """Gale-Church s² from units believed to be translations of each other.

    The median of delta² (chi-square, one degree of freedom, median 0.455) resists the
    few pairs that are not.
    """
    mean = (l1 + l2 / ratio) / 2
    keep = mean > 0
    if keep.sum() < 3:
        return DEFAULT_VARIANCE
    squared = (ratio * l1[keep] - l2[keep]) ** 2 / mean[keep]
    return float(np.clip(np.median(squared) / 0.455, 1.0, 60.0))


def _prefix(values: Sequence[float]) -> np.ndarray:
    return np.concatenate([[0.0], np.cumsum(np.asarray(values, dtype=np.float64))])


def _anchor_matrix(band: Band, anchors: Anchors) -> np.ndarray:
    """Node (i, j) holds the bonus shared by source sentence i-1 and target sentence j-1."""
    shared = np.zeros((band.n + 1, band.width))
    postings: dict[str, list[int]] = {}
    for t, found in enumerate(anchors.target):
        for anchor in found:
            postings.setdefault(anchor, []).append(t)
    for s, found in enumerate(anchors.source):
        row = s + 1
        first = int(band.lo[row]) - 1  # target sentence of the row's first column
        for anchor in found:
            targets = np.asarray(postings.get(anchor, ()), dtype=np.int64)
            targets = targets[(targets >= first) & (targets < first + band.width)]
            shared[row, targets - first] += anchors.bonus[anchor]
    return shared


def _block_sum(band: Band, node_values: np.ndarray, di: int, dj: int) -> np.ndarray:
    """Sum of a per-sentence-pair node matrix over the di x dj block a bead covers."""
    total = np.zeros_like(node_values)
    for a in range(di):
        for b in range(dj):
            total += node_values if (a, b) == (0, 0) else band.shifted(node_values, a, b, 0.0)
    return total


def _starts(paragraphs: Sequence[int]) -> np.ndarray:
    """starts[k]: sentence k begins a paragraph; one extra entry for the end of the text."""
    para = np.asarray(paragraphs)
    return np.concatenate([[True], para[1:] != para[:-1], [True]])


def bead_costs(
    band: Band,
    src_lengths: Sequence[int],
    tgt_lengths: Sequence[int],
    ratio: float,
    variance: float,
    anchors: Anchors | None = None,
    src_paragraphs: Sequence[int] | None = None,
    tgt_paragraphs: Sequence[int] | None = None,
    extra: dict[Shape, np.ndarray] | None = None,
) -> dict[Shape, np.ndarray]:
    """Cost of each bead shape ending at each cell of the band."""
    rows = np.arange(band.n + 1)[:, None]
    cols = band.columns()
    src_prefix, tgt_prefix = _prefix(src_lengths), _prefix(tgt_lengths)
    shared = _anchor_matrix(band, anchors) if anchors is not None else None
    if anchors is not None:
        src_weight = _prefix([anchors.weight(a) for a in anchors.source])
        tgt_weight = _prefix([anchors.weight(a) for a in anchors.target])
    src_start = _starts(src_paragraphs) if src_paragraphs is not None else None
    tgt_start = _starts(tgt_paragraphs) if tgt_paragraphs is not None else None
    costs: dict[Shape, np.ndarray] = {}
    for di, dj in BEAD_SHAPES:
        possible = (rows >= di) & (cols >= dj)
        r0, c0 = np.maximum(rows - di, 0), np.maximum(cols - dj, 0)
        l1 = np.broadcast_to(src_prefix[rows] - src_prefix[r0], cols.shape)
        l2 = tgt_prefix[cols] - tgt_prefix[c0]
        cost = PRIOR_COST[(di, dj)] + length_cost(l1, l2, ratio, variance)
        if shared is not None and di and dj:
            matched = _block_sum(band, shared, di, dj)
            most = np.minimum(src_weight[rows] - src_weight[r0], tgt_weight[cols] - tgt_weight[c0])
            cost -= np.minimum(matched, most)
        if src_start is not None and tgt_start is not None:
            crossings = np.zeros(cols.shape)
            for k in range(1, di):  # a break inside the bead
                crossings += np.broadcast_to(src_start[np.maximum(rows - di + k, 0)], cols.shape)
            for k in range(1, dj):
                crossings += tgt_start[np.maximum(cols - dj + k, 0)]
            if di and dj:  # starts a paragraph on one side only
                crossings += np.broadcast_to(src_start[r0], cols.shape) != tgt_start[c0]
            cost += PARAGRAPH_PENALTY * crossings
        if extra is not None and (di, dj) in extra:
            cost += extra[(di, dj)]
        costs[(di, dj)] = np.where(possible, cost, _BAD)
    return costs
