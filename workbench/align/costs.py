"""Costs (negative log-probabilities, in nats) of every bead at every cell of the band.

A bead's cost adds its shape's prior, the length cost, the evidence of shared anchors (a
bonus, so negative), a bonus for ending where both texts start a paragraph, and, when MT
similarity is known, its bonus. Everything is computed for the whole band at once.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

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
# Evidence that an alignment is right where it passes a point at which both texts start a
# paragraph. A paragraph break the path does not honour so goes without it: that is the cost
# of a bead straddling a break, or of starting a paragraph on one side only (a left-out
# sentence at the start of a paragraph still honours it: 1-0 then 1-1).
PARAGRAPH_BONUS = 4.0
DEFAULT_VARIANCE = 6.8  # Gale & Church's s² (characters), used until the texts give their own
_PRIOR_UNITS = 10
_BAD = 1e6  # cost of a bead that cannot exist at a cell (finite, so sums stay finite)

# Not counted in a sentence's length: spaces, invisible format characters (ZWNJ is how Persian
# and Urdu separate parts of a word) and vowel marks, which Urdu and Dari writers mostly omit.
_NOT_COUNTED = re.compile(
    r"[\s\u00ad\u034f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff"
    r"\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]"
)


def char_length(text: str) -> int:
    """Characters that carry the text: letters, digits, punctuation."""
    return len(text) - len(_NOT_COUNTED.findall(text))


@dataclass(frozen=True)
class LengthModel:
    """How long a translation is, given what it translates; estimated from the texts.

    Target length given source length is Gaussian with mean `ratio` x source and variance
    `variance` x (mean of both lengths), as in Gale & Church (1993), but costed as a density:
    a bead that leaves a source sentence out then costs only its prior, while a target
    sentence with no source costs the density of its length among the target's sentences
    (log-normal). That keeps "merged into a neighbour" and "left out" comparable, where
    Gale-Church's tail probability charges a left-out sentence for its whole length.
    """

    ratio: float  # target characters per source character
    variance: float  # Gale-Church s²
    log_mean: float  # log-normal length of a target sentence with no source
    log_sd: float

    def cost(self, l1: np.ndarray, l2: np.ndarray, di: int, dj: int) -> np.ndarray:
        """-log density of target length(s) l2 for a bead of shape (di, dj) over l1."""
        if dj == 0:
            return np.zeros(np.broadcast_shapes(np.shape(l1), np.shape(l2)))
        length = np.maximum(l2, 1.0)
        if di == 0:
            z = (np.log(length) - self.log_mean) / self.log_sd
            return np.log(length * self.log_sd * _SQRT_2PI) + z * z / 2
        mean = np.maximum((l1 + l2 / self.ratio) / 2, 1.0)
        spread = np.sqrt(self.variance * mean)
        z = (self.ratio * l1 - l2) / spread
        cost = np.log(spread * _SQRT_2PI) + z * z / 2
        if dj == 2:  # where the total splits into two sentences: uniform
            cost = cost + np.log(length)
        return cost


_SQRT_2PI = math.sqrt(2 * math.pi)


def length_model(
    src_lengths: np.ndarray, tgt_lengths: np.ndarray, variance: float = DEFAULT_VARIANCE
) -> LengthModel:
    """The model with the length ratio and sentence-length spread of these texts."""
    ratio = max(float(tgt_lengths.sum()), 1.0) / max(float(src_lengths.sum()), 1.0)
    logs = np.log(np.maximum(tgt_lengths, 1.0))
    return LengthModel(ratio, variance, float(logs.mean()), max(float(logs.std()), 0.25))


def estimate_variance(l1: np.ndarray, l2: np.ndarray, ratio: float) -> float:
    """Gale-Church s² from units believed to be translations of each other.

    The median of delta² (chi-square, one degree of freedom, median 0.455) resists the few
    pairs that are not; the estimate is shrunk towards Gale & Church's 6.8 as if that had
    been seen `_PRIOR_UNITS` times, so a short text does not make the model overconfident.
    """
    mean = (l1 + l2 / ratio) / 2
    keep = mean > 0
    if not keep.any():
        return DEFAULT_VARIANCE
    squared = (ratio * l1[keep] - l2[keep]) ** 2 / mean[keep]
    seen = int(keep.sum())
    estimate = float(np.median(squared)) / 0.455
    shrunk = (_PRIOR_UNITS * DEFAULT_VARIANCE + seen * estimate) / (_PRIOR_UNITS + seen)
    return float(np.clip(shrunk, 1.0, 60.0))


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


def _within_one_block(
    rows: np.ndarray,
    cols: np.ndarray,
    di: int,
    dj: int,
    src_blocks: np.ndarray,
    tgt_blocks: np.ndarray,
) -> np.ndarray:
    """Whether the bead (di, dj) ending at each cell covers sentences of a single block."""
    ends = []
    if di:
        ends += [src_blocks[np.clip(rows - di, 0, None)], src_blocks[np.clip(rows - 1, 0, None)]]
    if dj:
        ends += [tgt_blocks[np.clip(cols - dj, 0, None)], tgt_blocks[np.clip(cols - 1, 0, None)]]
    first = np.broadcast_to(ends[0], cols.shape)
    return np.logical_and.reduce([np.broadcast_to(e, cols.shape) == first for e in ends[1:]])


def bead_costs(
    band: Band,
    src_lengths: Sequence[int],
    tgt_lengths: Sequence[int],
    lengths: LengthModel,
    anchors: Anchors | None = None,
    src_paragraphs: Sequence[int] | None = None,
    tgt_paragraphs: Sequence[int] | None = None,
    src_blocks: np.ndarray | None = None,
    tgt_blocks: np.ndarray | None = None,
    extra: dict[Shape, np.ndarray] | None = None,
) -> dict[Shape, np.ndarray]:
    """Cost of each bead shape ending at each cell of the band.

    `*_blocks` number the sentences of both texts so that equal numbers must be aligned with
    each other: a bead that would mix blocks cannot exist.
    """
    rows = np.arange(band.n + 1)[:, None]
    cols = band.columns()
    src_prefix, tgt_prefix = _prefix(src_lengths), _prefix(tgt_lengths)
    shared = _anchor_matrix(band, anchors) if anchors is not None else None
    if anchors is not None:
        src_weight = _prefix([anchors.weight(a) for a in anchors.source])
        tgt_weight = _prefix([anchors.weight(a) for a in anchors.target])
    both_start = None
    if src_paragraphs is not None and tgt_paragraphs is not None:
        both_start = _starts(src_paragraphs)[rows] & _starts(tgt_paragraphs)[cols]
    costs: dict[Shape, np.ndarray] = {}
    for di, dj in BEAD_SHAPES:
        possible = (rows >= di) & (cols >= dj)
        if src_blocks is not None and tgt_blocks is not None:
            possible = possible & _within_one_block(rows, cols, di, dj, src_blocks, tgt_blocks)
        r0, c0 = np.maximum(rows - di, 0), np.maximum(cols - dj, 0)
        l1 = np.broadcast_to(src_prefix[rows] - src_prefix[r0], cols.shape)
        l2 = tgt_prefix[cols] - tgt_prefix[c0]
        cost = PRIOR_COST[(di, dj)] + lengths.cost(l1, l2, di, dj)
        if shared is not None and di and dj:
            matched = _block_sum(band, shared, di, dj)
            most = np.minimum(src_weight[rows] - src_weight[r0], tgt_weight[cols] - tgt_weight[c0])
            cost -= np.minimum(matched, most)
        if both_start is not None:  # the bead ends where both texts start a paragraph
            cost -= PARAGRAPH_BONUS * both_start
        if extra is not None and (di, dj) in extra:
            cost += extra[(di, dj)]
        costs[(di, dj)] = np.where(possible, cost, _BAD)
    return costs
