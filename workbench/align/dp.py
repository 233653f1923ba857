"""Dynamic programming over the band: the best path (Viterbi) and bead posteriors.

Rows are processed one at a time with numpy over the columns of the band. Beads that add a
source sentence read earlier rows; the 0-1 bead (a target sentence with no source) reads the
same row, which is a running minimum (or running log-sum-exp) along the row.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from workbench.align.band import Band
from workbench.align.costs import Shape

_SKIP: Shape = (0, 1)


def _row_shift(values: np.ndarray, offset: int, fill: float) -> np.ndarray:
    """out[c] = values[c + offset], or `fill` where that falls outside the row."""
    width = values.shape[0]
    out = np.full(width, fill)
    a, b = max(0, -offset), min(width, width - offset)
    if a < b:
        out[a:b] = values[a + offset : b + offset]
    return out


def _prefix_along_row(skip: np.ndarray) -> np.ndarray:
    """S[c] = skip[1] + ... + skip[c]: the cost of c consecutive 0-1 beads."""
    prefix = np.cumsum(skip)
    return prefix - skip[0]


@dataclass(frozen=True)
class Path:
    beads: list[tuple[int, int, Shape]]  # (i, j) where each bead ends, and its shape
    cost: float


def viterbi(band: Band, costs: dict[Shape, np.ndarray]) -> Path:
    """The cheapest sequence of beads from node (0, 0) to node (n, m)."""
    steps = [s for s in costs if s != _SKIP]
    offsets = {s: band.offsets(*s) for s in steps}
    best = np.full((band.n + 1, band.width), np.inf)
    choice = np.zeros((band.n + 1, band.width), dtype=np.int8)  # index into steps; -1: 0-1
    for i in range(band.n + 1):
        candidates = []
        for di, dj in steps:
            if i < di:
                candidates.append(np.full(band.width, np.inf))
                continue
            prev = _row_shift(best[i - di], int(offsets[(di, dj)][i]), np.inf)
            candidates.append(prev + costs[(di, dj)][i])
        stacked = np.stack(candidates)
        pick = np.argmin(stacked, axis=0)
        arrive = np.take_along_axis(stacked, pick[None, :], axis=0)[0]
        if i == 0 and band.lo[0] == 0:
            arrive[0] = 0.0
        prefix = _prefix_along_row(costs[_SKIP][i])
        row = prefix + np.minimum.accumulate(arrive - prefix)
        skipped = row < arrive - 1e-9
        pick[skipped] = -1
        best[i], choice[i] = row, pick
    return Path(_trace(band, choice, steps), float(best[band.n, band.width - 1]))


def _trace(band: Band, choice: np.ndarray, steps: list[Shape]) -> list[tuple[int, int, Shape]]:
    i, j = band.n, band.m
    beads = []
    while i > 0 or j > 0:
        k = int(choice[i, j - band.lo[i]])
        di, dj = _SKIP if k == -1 else steps[k]
        beads.append((i, j, (di, dj)))
        i, j = i - di, j - dj
    beads.reverse()
    return beads


def _forward(band: Band, costs: dict[Shape, np.ndarray]) -> np.ndarray:
    """log of the summed probability of all paths from (0, 0) to each node."""
    steps = [s for s in costs if s != _SKIP]
    offsets = {s: band.offsets(*s) for s in steps}
    alpha = np.full((band.n + 1, band.width), -np.inf)
    for i in range(band.n + 1):
        arrive = np.full(band.width, -np.inf)
        for di, dj in steps:
            if i >= di:
                prev = _row_shift(alpha[i - di], int(offsets[(di, dj)][i]), -np.inf)
                arrive = np.logaddexp(arrive, prev - costs[(di, dj)][i])
        if i == 0 and band.lo[0] == 0:
            arrive[0] = 0.0
        prefix = _prefix_along_row(costs[_SKIP][i])
        alpha[i] = np.logaddexp.accumulate(arrive + prefix) - prefix
    return alpha


def _backward(band: Band, costs: dict[Shape, np.ndarray]) -> np.ndarray:
    """log of the summed probability of all paths from each node to (n, m)."""
    steps = [s for s in costs if s != _SKIP]
    beta = np.full((band.n + 1, band.width), -np.inf)
    # leave[s][r]: log-probability of reaching row r's cells by bead s and going on from there.
    leave = {s: np.full((band.n + 1, band.width), -np.inf) for s in steps}
    for i in range(band.n, -1, -1):
        onward = np.full(band.width, -np.inf)
        for di, dj in steps:
            if i + di <= band.n:
                offset = int(band.lo[i]) + dj - int(band.lo[i + di])
                onward = np.logaddexp(onward, _row_shift(leave[(di, dj)][i + di], offset, -np.inf))
        if i == band.n:
            onward[band.width - 1] = 0.0
        skip = costs[_SKIP][i]
        prefix = _prefix_along_row(skip)
        beta[i] = np.logaddexp.accumulate((onward - prefix)[::-1])[::-1] + prefix
        for s in steps:
            leave[s][i] = beta[i] - costs[s][i]
    return beta


def posteriors(band: Band, costs: dict[Shape, np.ndarray], path: Path) -> list[float]:
    """Probability, among all alignments in the band, of each bead of `path`."""
    alpha, beta = _forward(band, costs), _backward(band, costs)
    total = alpha[band.n, band.width - 1]
    result = []
    for i, j, (di, dj) in path.beads:
        before = alpha[i - di, j - dj - band.lo[i - di]]
        after = beta[i, j - band.lo[i]]
        log_p = before - costs[(di, dj)][i, j - band.lo[i]] + after - total
        result.append(float(np.exp(min(log_p, 0.0))))
    return result
