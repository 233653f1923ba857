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
_CORRIDOR = 3  # cells either side of the first path that get scored
_MIN_SEPARATION = 1.0  # below this (in standard deviations) MT does not tell pairs apart
_MAX_BONUS = 8.0


class ChrfTable:
    """chrF of (MT of source span, target span) pairs, with n-grams cached per span."""

    def __init__(self, translations: Sequence[str], target: Sequence[str]):
        self._metric = CHRF()
        self._mt = list(translations)
        self._target = list(target)
        self._ngrams: dict[tuple[str, int, int], list[Counter]] = {}
        self._scores: dict[tuple[int, int, int, int], float] = {}

    @property
    def target_count(self) -> int:
        return len(self._target)

    def _span_ngrams(self, side: str, start: int, end: int) -> list[Counter]:
        key = (side, start, end)
        if key not in self._ngrams:
            texts = self._mt if side == "mt" else self._target
            text = " ".join(texts[start:end])
            order = self._metric.char_order
            self._ngrams[key] = extract_all_char_ngrams(text, order, self._metric.whitespace)
        return self._ngrams[key]

    def score(self, s0: int, s1: int, t0: int, t1: int) -> float:
        """chrF (0-100) of MT of source sentences [s0, s1) against target sentences [t0, t1)."""
        key = (s0, s1, t0, t1)
        if key not in self._scores:
            hyp, ref = self._span_ngrams("mt", s0, s1), self._span_ngrams("tgt", t0, t1)
            stats: list[int] = []
            for h, r in zip(hyp, ref, strict=True):
                stats.extend(self._metric._get_match_statistics(h, r))
            self._scores[key] = self._metric._compute_f_score(stats)
        return self._scores[key]


def _corridor(band: Band, path: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Columns [lo, hi] per row within `_CORRIDOR` of the path."""
    low = np.full(band.n + 1, band.m, dtype=np.int64)
    high = np.zeros(band.n + 1, dtype=np.int64)
    previous = (0, 0)
    for i, j in path:
        for row in range(previous[0], i + 1):  # rows a 2-x bead jumps over
            low[row] = min(low[row], previous[1], j)
            high[row] = max(high[row], previous[1], j)
        previous = (i, j)
    return [
        (max(int(lo) - _CORRIDOR, 0), min(int(hi) + _CORRIDOR, band.m))
        for lo, hi in zip(low, high, strict=True)
    ]


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
    table: ChrfTable,
    calibration: Calibration,
    src_start: int = 0,
    tgt_start: int = 0,
) -> dict[Shape, np.ndarray]:
    """Per shape, the MT bonus (negative cost) of beads near `path` (0 elsewhere).

    `band` and `path` may be those of one paragraph pair starting at sentences
    (`src_start`, `tgt_start`) of the texts in `table`.
    """
    extra = {shape: np.zeros((band.n + 1, band.width)) for shape in SCORED_SHAPES}
    if calibration.separation == 0.0:
        return extra
    for i, (lo, hi) in enumerate(_corridor(band, [(i, j) for i, j, _ in path])):
        first, last = max(lo, int(band.lo[i])), min(hi, int(band.lo[i]) + band.width - 1)
        for j in range(first, last + 1):
            for di, dj in SCORED_SHAPES:
                if i >= di and j >= dj:
                    s, t = src_start + i, tgt_start + j
                    chrf = table.score(s - di, s, t - dj, t)
                    extra[(di, dj)][i, j - band.lo[i]] = calibration.cost(chrf)
    return extra
