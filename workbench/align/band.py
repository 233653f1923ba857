"""A band of the alignment lattice around its diagonal, stored as a dense (rows, width) array.

Node (i, j) means "the first i source and first j target sentences are aligned". Row i keeps
columns lo[i] .. lo[i] + width - 1 only, so memory and time grow with n x width, not n x m.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Band:
    n: int  # source sentences
    m: int  # target sentences
    width: int
    lo: np.ndarray  # (n + 1,) first column kept in each row

    @classmethod
    def around_diagonal(cls, n: int, m: int, half_width: int) -> Band:
        """Columns within `half_width` of the scaled diagonal j = i * m / n in every row.

        The half width is raised to what the slope needs for neighbouring rows to overlap.
        """
        half_width = max(half_width, math.ceil(m / max(n, 1)) + 2)
        width = min(2 * half_width + 1, m + 1)
        centre = np.rint(np.arange(n + 1) * (m / max(n, 1))).astype(np.int64)
        lo = np.clip(centre - half_width, 0, m + 1 - width)
        return cls(n, m, width, lo)

    @property
    def full(self) -> bool:
        return self.width == self.m + 1

    def columns(self) -> np.ndarray:
        """(n + 1, width) array of the target position j of every cell."""
        return self.lo[:, None] + np.arange(self.width)[None, :]

    def offsets(self, di: int, dj: int) -> np.ndarray:
        """Per row i, what to add to a cell's column to reach node (i - di, j - dj).

        Rows with i < di get an offset that points outside the band.
        """
        offset = np.full(self.n + 1, 2 * self.width, dtype=np.int64)
        offset[di:] = self.lo[di:] - dj - self.lo[: self.n + 1 - di]
        return offset

    def shifted(self, values: np.ndarray, di: int, dj: int, fill: float) -> np.ndarray:
        """`out[i, c]` = `values` at node (i - di, j - dj), or `fill` outside the band."""
        cols = np.arange(self.width)[None, :] + self.offsets(di, dj)[:, None]
        rows = np.arange(self.n + 1)[:, None] - di
        inside = (cols >= 0) & (cols < self.width) & (rows >= 0)
        out = values[np.clip(rows, 0, None), np.clip(cols, 0, self.width - 1)]
        out[~np.broadcast_to(inside, out.shape)] = fill
        return out

    def touches_edge(self, path: list[tuple[int, int]], margin: int) -> bool:
        """Whether a path comes within `margin` of a band edge that is not a matrix edge."""
        if self.full:
            return False
        for i, j in path:
            c = j - int(self.lo[i])
            if c < margin and self.lo[i] > 0:
                return True
            if c > self.width - 1 - margin and self.lo[i] + self.width - 1 < self.m:
                return True
        return False
