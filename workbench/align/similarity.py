"""MT similarity (Bleualign-style): chrF between the MT of source sentences and the target.

A sentence's translation by the installed model resembles its human translation more than it
resembles its neighbours'. chrF is sacrebleu's, computed from character n-gram counts cached
per sentence, so scoring a bead costs one comparison, not a fresh n-gram extraction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sacrebleu.metrics import CHRF
from sacrebleu.metrics.helpers import extract_all_char_ngrams

from workbench.align.band import Band
from workbench.align.costs import Shape

# Beads scored by MT similarity; the others (1-0, 0-1, 2-2) get no bonus.
SCORED_SHAPES: tuple[Shape, ...] = ((1, 1), (2, 1), (1, 2))
_CORRIDOR = 2  # cells either side of the first path that get scored
_SURE = 0.95  # first-pass beads this sure are not rescored with MT
_CALIBRATION_PAIRS = 300  # 1-1 beads of the first pass that calibrate MT similarity
_MIN_SEPARATION = 1.0  # below this (in standard deviations) MT does not tell pairs apart
_MAX_BONUS = 8.0


class ChrfTable:
    """chrF of (MT of source span, target span) pairs, with n-grams cached per span."""

    def __init__(self, translations: Sequence[str], target: Sequence[str]):
        self._metric = CHRF()
        self._mt = list(translations)
        self._target = list(target)
        self._ngrams: dict[tuple[str, int, int], list[tuple[Counter, int]]] = {}
        self._scores: dict[tuple[int, int, int, int], float] = {}

    @property
    def target_count(self) -> int:
        return len(self._target)

    def _span_ngrams(self, side: str, start: int, end: int) -> list[tuple[Counter, int]]:
        """Character n-gram counts of a span per order, with their totals."""
        key = (side, start, end)
        if key not in self._ngrams:
            texts = self._mt if side == "mt" else self._target
            text = " ".join(texts[start:end])
            order = self._metric.char_order
            counts = extract_all_char_ngrams(text, order, self._metric.whitespace)
            self._ngrams[key] = [(c, sum(c.values())) for c in counts]
        return self._ngrams[key]

    def score(self, s0: int, s1: int, t0: int, t1: int) -> float:
        """chrF (0-100) of MT of source sentences [s0, s1) against target sentences [t0, t1)."""
        key = (s0, s1, t0, t1)
        if key not in self._scores:
            hyp, ref = self._span_ngrams("mt", s0, s1), self._span_ngrams("tgt", t0, t1)
            stats: list[int] = []
            for (h, h_total), (r, r_total) in zip(hyp, ref, strict=True):
                # sacrebleu's match statistics, counting over shared n-grams only: most
                # pairs scored here are not translations and share few.
                matches = sum(min(h[g], r[g]) for g in h.keys() & r.keys())
                stats += [h_total if r else 0, r_total, matches]
            self._scores[key] = self._metric._compute_f_score(stats)
        return self._scores[key]


def _corridor(
    band: Band, path: list[tuple[int, int, Shape]], confidences: list[float]
) -> dict[int, tuple[int, int]]:
    """Rows near the path's unsure beads, each with the columns [lo, hi] to score.

    Where the first pass was sure, MT would only confirm it: scoring there costs time and
    changes nothing, so only the neighbourhood of beads below `_SURE` is scored.
    """
    rows: dict[int, tuple[int, int]] = {}
    previous = (0, 0)
    for (i, j, _), confidence in zip(path, confidences, strict=True):
        if confidence < _SURE:
            lo, hi = min(previous[1], j) - _CORRIDOR, max(previous[1], j) + _CORRIDOR
            for row in range(max(previous[0] - _CORRIDOR, 0), min(i + _CORRIDOR, band.n) + 1):
                old = rows.get(row, (lo, hi))
                rows[row] = (max(min(old[0], lo), 0), min(max(old[1], hi), band.m))
        previous = (i, j)
    return rows


@dataclass(frozen=True)
class Calibration:
    """How chrF of true pairs compares with chrF of near misses in these texts."""

    separation: float  # d: standard deviations between the two; 0 when MT is left out
    mean_off: float
    spread: float

    def cost(self, chrf: float) -> float:
        """Bonus (as a negative cost) of a bead whose MT similarity is `chrf`."""
        z = (chrf - self.mean_off) / self.spread
        llr = self.separation * z - self.separation**2 / 2
        return -min(max(llr, 0.0), _MAX_BONUS)


UNINFORMATIVE = Calibration(0.0, 0.0, 1.0)


def calibrate(path: list[tuple[int, int, Shape]], table: ChrfTable) -> Calibration:
    """Compare chrF of a first alignment's 1-1 beads with chrF a few sentences off them.

    The separation d (in standard deviations of the off-path scores) says how well MT tells
    true pairs from near misses; a bead then earns the log-likelihood ratio d*z - d²/2 (z: its
    chrF standardised like the off-path scores), clipped at zero. With d below 1 (a weak or
    unrelated model) MT is left out.
    """
    ones = [(i, j) for i, j, shape in path if shape == (1, 1)]
    ones = ones[:: max(1, len(ones) // _CALIBRATION_PAIRS)]  # evenly spread, enough to tell
    nodes = {(i, j) for i, j, _ in path}
    on_path = [table.score(i - 1, i, j - 1, j) for i, j in ones]
    off_path = [
        table.score(i - 1, i, j + k - 1, j + k)
        for i, j in ones
        for k in (-3, -2, 2, 3)
        if 1 <= j + k <= table.target_count and (i, j + k) not in nodes
    ]
    if len(on_path) < 3 or len(off_path) < 6:
        return UNINFORMATIVE
    mean_off, spread = float(np.mean(off_path)), max(float(np.std(off_path)), 1.0)
    separation = (float(np.median(on_path)) - mean_off) / spread
    if separation < _MIN_SEPARATION:
        return UNINFORMATIVE
    return Calibration(separation, mean_off, spread)


def mt_costs(
    band: Band,
    path: list[tuple[int, int, Shape]],
    confidences: list[float],
    table: ChrfTable,
    calibration: Calibration,
) -> dict[Shape, np.ndarray]:
    """Per shape, the MT bonus (negative cost) of beads near the unsure beads of `path`."""
    extra = {shape: np.zeros((band.n + 1, band.width)) for shape in SCORED_SHAPES}
    if calibration.separation == 0.0:
        return extra
    for i, (lo, hi) in _corridor(band, path, confidences).items():
        first, last = max(lo, int(band.lo[i])), min(hi, int(band.lo[i]) + band.width - 1)
        for j in range(first, last + 1):
            for di, dj in SCORED_SHAPES:
                if i >= di and j >= dj:
                    chrf = table.score(i - di, i, j - dj, j)
                    extra[(di, dj)][i, j - band.lo[i]] = calibration.cost(chrf)
    return extra
