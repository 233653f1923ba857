"""Dynamic programming over the band: the best path (Viterbi) and bead posteriors.

Rows are processed one at a time with numpy over the columns of the band. Beads that add a
source sentence read earlier rows; the 0-1 bead (a target sentence with no source) reads the
same row, which is a running minimum (or running log-sum-exp) along the row. Rows are stored
with padding on both sides so that reading a neighbouring row at an offset is a slice.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from workbench.align.band import Band
from workbench.align.costs import Shape

_SKIP: Shape = (0, 1)


@dataclass(frozen=True)
class Path:
    beads: list[tuple[int, int, Shape]]  # (i, j) where each bead ends, and its shape
    cost: float


class _Rows:
    """Bead shapes that read earlier rows, with their per-row column offsets as ints."""

    def __init__(self, band: Band, costs: dict[Shape, np.ndarray]):
        self.steps = [s for s in costs if s != _SKIP]
        self.offsets = [band.offsets(*s).tolist() for s in self.steps]
        reachable = [
            o for offs, (di, _) in zip(self.offsets, self.steps, strict=True) for o in offs[di:]
        ]
        self.pad = max((abs(o) for o in reachable), default=0) + 1
        self.costs = [costs[s] for s in self.steps]
        self.skip_prefix = _prefix_along_rows(costs[_SKIP])

    def padded(self, band: Band, fill: float) -> np.ndarray:
        return np.full((band.n + 1, band.width + 2 * self.pad), fill)


def _prefix_along_rows(skip: np.ndarray) -> np.ndarray:
    """S[i, c] = skip[i, 1] + ... + skip[i, c]: the cost of c consecutive 0-1 beads."""
    return np.cumsum(skip, axis=1) - skip[:, :1]


def viterbi(band: Band, costs: dict[Shape, np.ndarray]) -> Path:
    """The cheapest sequence of beads from node (0, 0) to node (n, m)."""
    rows = _Rows(band, costs)
    pad, width = rows.pad, band.width
    best = rows.padded(band, np.inf)
    choice = np.zeros((band.n + 1, width), dtype=np.int8)  # index into steps; -1: 0-1
    candidates = np.empty((len(rows.steps), width))
    for i in range(band.n + 1):
        candidates.fill(np.inf)
        for k, (di, _) in enumerate(rows.steps):
            if i >= di:
                start = pad + rows.offsets[k][i]
                np.add(best[i - di, start : start + width], rows.costs[k][i], out=candidates[k])
        pick = np.argmin(candidates, axis=0)
        arrive = candidates.min(axis=0)
        if i == 0:
            arrive[0] = 0.0
        prefix = rows.skip_prefix[i]
        row = prefix + np.minimum.accumulate(arrive - prefix)
        pick[row < arrive - 1e-9] = -1
        best[i, pad : pad + width], choice[i] = row, pick
    return Path(_trace(band, choice, rows.steps), float(best[band.n, pad + width - 1]))


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


def _forward(band: Band, costs: dict[Shape, np.ndarray], rows: _Rows) -> np.ndarray:
    """log of the summed probability of all paths from (0, 0) to each node (padded rows)."""
    pad, width = rows.pad, band.width
    alpha = rows.padded(band, -np.inf)
    for i in range(band.n + 1):
        arrive = np.full(width, -np.inf)
        for k, (di, _) in enumerate(rows.steps):
            if i >= di:
                start = pad + rows.offsets[k][i]
                np.logaddexp(
                    arrive, alpha[i - di, start : start + width] - rows.costs[k][i], out=arrive
                )
        if i == 0:
            arrive[0] = 0.0
        prefix = rows.skip_prefix[i]
        alpha[i, pad : pad + width] = np.logaddexp.accumulate(arrive + prefix) - prefix
    return alpha


def _backward(band: Band, costs: dict[Shape, np.ndarray], rows: _Rows) -> np.ndarray:
    """log of the summed probability of all paths from each node to (n, m) (padded rows)."""
    pad, width = rows.pad, band.width
    beta = rows.padded(band, -np.inf)
    # leave[k][r]: log-probability of arriving at row r's cells by bead k and going on.
    leave = [rows.padded(band, -np.inf) for _ in rows.steps]
    for i in range(band.n, -1, -1):
        onward = np.full(width, -np.inf)
        for k, (di, _) in enumerate(rows.steps):
            if i + di <= band.n:
                start = pad - rows.offsets[k][i + di]
                np.logaddexp(onward, leave[k][i + di, start : start + width], out=onward)
        if i == band.n:
            onward[width - 1] = 0.0
        prefix = rows.skip_prefix[i]
        row = np.logaddexp.accumulate((onward - prefix)[::-1])[::-1] + prefix
        beta[i, pad : pad + width] = row
        for k in range(len(rows.steps)):
            np.subtract(row, rows.costs[k][i], out=leave[k][i, pad : pad + width])
    return beta


def posteriors(band: Band, costs: dict[Shape, np.ndarray], path: Path) -> list[float]:
    """Probability, among all alignments in the band, of each bead of `path`."""
    rows = _Rows(band, costs)
    alpha, beta = _forward(band, costs, rows), _backward(band, costs, rows)
    pad = rows.pad
    total = alpha[band.n, pad + band.width - 1]
    result = []
    for i, j, (di, dj) in path.beads:
        before = alpha[i - di, pad + j - dj - band.lo[i - di]]
        after = beta[i, pad + j - band.lo[i]]
        log_p = before - costs[(di, dj)][i, j - band.lo[i]] + after - total
        result.append(float(np.exp(min(log_p, 0.0))))
    return result
