"""Sentence alignment of a document with its translation.

Paragraphs first: when both texts have the same number of paragraphs and a paragraph-level
alignment pairs them one to one, every paragraph break is a fixed point and sentences are
aligned inside each paragraph pair. Otherwise paragraph breaks only weigh in as a cost.
Sentences are then aligned by dynamic programming in a band around the diagonal (widened when
the best path runs along its edge), twice: once to estimate the length variance of these
texts (and, with MT, how well MT similarity tells pairs apart), once with those estimates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from workbench.align import dp
from workbench.align.anchors import Anchors, TermFinder, find_anchors
from workbench.align.band import Band
from workbench.align.costs import (
    DEFAULT_VARIANCE,
    Shape,
    bead_costs,
    char_length,
    estimate_variance,
)
from workbench.align.model import Alignment, AlignmentReport, Bead
from workbench.align.similarity import ChrfTable, calibrate, mt_costs
from workbench.errors import InputError

_HALF_WIDTH = 40  # initial band: this many cells either side of the diagonal ...
_HALF_WIDTH_FRACTION = 0.03  # ... or this share of the longer text, whichever is more
_EDGE_MARGIN = 3


@dataclass(frozen=True)
class _Problem:
    """One independent alignment problem: a whole text, or one pair of paragraphs."""

    src_start: int
    tgt_start: int
    src_lengths: np.ndarray
    tgt_lengths: np.ndarray
    anchors: Anchors | None
    src_paragraphs: np.ndarray | None = None
    tgt_paragraphs: np.ndarray | None = None


@dataclass
class _Solution:
    band: Band
    costs: dict[Shape, np.ndarray]
    path: dp.Path


def align_sentences(
    source: Sequence[str],
    target: Sequence[str],
    src: str,
    tgt: str,
    *,
    src_paragraphs: Sequence[int] | None = None,
    tgt_paragraphs: Sequence[int] | None = None,
    term_finder: TermFinder | None = None,
    translations: Sequence[str] | None = None,
    names: tuple[str, str] = ("source", "target"),
) -> Alignment:
    """Align sentences of a text (`source`, language `src`) with its translation.

    `*_paragraphs` give each sentence's paragraph number; `term_finder` finds glossary terms;
    `translations` is the MT of each source sentence, for MT similarity.
    """
    _require_sentences(source, names[0])
    _require_sentences(target, names[1])
    if translations is not None and len(translations) != len(source):
        raise ValueError("translations must have one entry per source sentence")
    src_lengths = np.array([char_length(s) for s in source], dtype=np.float64)
    tgt_lengths = np.array([char_length(t) for t in target], dtype=np.float64)
    ratio = max(tgt_lengths.sum(), 1.0) / max(src_lengths.sum(), 1.0)
    anchors = find_anchors(source, target, src, tgt, term_finder)
    notes: list[str] = []

    problems, variance = _paragraph_problems(
        src_lengths, tgt_lengths, ratio, anchors, src_paragraphs, tgt_paragraphs
    )
    paragraphs_aligned = len(problems) > 1
    whole = problems[0] if not paragraphs_aligned else None
    if variance is None:  # no paragraph pairs to learn it from: a first pass gives 1-1 beads
        first = [_solve(p, ratio, DEFAULT_VARIANCE) for p in problems]
        variance = _variance_from(problems, first, ratio)
    solutions = [_solve(p, ratio, variance) for p in problems]

    mt_weight = 0.0
    if translations is not None:
        table = ChrfTable(translations, target)
        mt_weight, solutions = _with_mt(problems, solutions, table, ratio, variance)
        if mt_weight == 0.0:
            notes.append("MT similarity did not separate sentence pairs; it was left out")

    beads: list[Bead] = []
    for problem, solution in zip(problems, solutions, strict=True):
        confidences = dp.posteriors(solution.band, solution.costs, solution.path)
        for (i, j, (di, dj)), confidence in zip(solution.path.beads, confidences, strict=True):
            s, t = problem.src_start + i, problem.tgt_start + j
            beads.append(
                Bead(tuple(range(s - di, s)), tuple(range(t - dj, t)), round(confidence, 4))
            )
    if whole is not None and src_paragraphs is not None and tgt_paragraphs is not None:
        notes.append("paragraph counts differ or do not pair up: aligned as one text")
    report = AlignmentReport(
        length_ratio=round(float(ratio), 4),
        length_variance=round(float(variance), 3),
        paragraphs_aligned=paragraphs_aligned,
        mt_weight=round(mt_weight, 3),
        notes=tuple(notes),
    )
    return Alignment(tuple(source), tuple(target), tuple(beads), report)


def _require_sentences(sentences: Sequence[str], name: str) -> None:
    if not sentences or not any(s.strip() for s in sentences):
        raise InputError("nothing to align: it has no sentences", path=name)


def _solve(problem: _Problem, ratio: float, variance: float, extra=None) -> _Solution:
    """Viterbi in a band that is widened until the best path keeps off its edges."""
    n, m = len(problem.src_lengths), len(problem.tgt_lengths)
    half_width = max(_HALF_WIDTH, int(_HALF_WIDTH_FRACTION * max(n, m)))
    while True:
        band = Band.around_diagonal(n, m, half_width)
        costs = bead_costs(
            band,
            problem.src_lengths,
            problem.tgt_lengths,
            ratio,
            variance,
            problem.anchors,
            problem.src_paragraphs,
            problem.tgt_paragraphs,
            extra(band) if extra is not None else None,
        )
        path = dp.viterbi(band, costs)
        nodes = [(i, j) for i, j, _ in path.beads]
        if not band.touches_edge(nodes, _EDGE_MARGIN):
            return _Solution(band, costs, path)
        half_width *= 2


def _variance_from(problems: list[_Problem], solutions: list[_Solution], ratio: float) -> float:
    l1, l2 = [], []
    for problem, solution in zip(problems, solutions, strict=True):
        for i, j, shape in solution.path.beads:
            if shape == (1, 1):
                l1.append(problem.src_lengths[i - 1])
                l2.append(problem.tgt_lengths[j - 1])
    return estimate_variance(np.array(l1), np.array(l2), ratio)


def _with_mt(
    problems: list[_Problem],
    solutions: list[_Solution],
    table: ChrfTable,
    ratio: float,
    variance: float,
) -> tuple[float, list[_Solution]]:
    """Re-solve with MT similarity, if it tells true pairs from near misses in these texts."""
    whole_path = [
        (i + p.src_start, j + p.tgt_start, shape)
        for p, s in zip(problems, solutions, strict=True)
        for i, j, shape in s.path.beads
    ]
    calibration = calibrate(whole_path, table)
    if calibration.separation == 0.0:
        return 0.0, solutions
    result = []
    for problem, solution in zip(problems, solutions, strict=True):

        def extra(band: Band, problem=problem, path=solution.path.beads) -> dict:
            return mt_costs(band, path, table, calibration, problem.src_start, problem.tgt_start)

        result.append(_solve(problem, ratio, variance, extra))
    return calibration.separation, result


def _paragraph_problems(
    src_lengths: np.ndarray,
    tgt_lengths: np.ndarray,
    ratio: float,
    anchors: Anchors,
    src_paragraphs: Sequence[int] | None,
    tgt_paragraphs: Sequence[int] | None,
) -> tuple[list[_Problem], float | None]:
    """Independent problems, one per paragraph pair when paragraphs pair up one to one.

    Also the length variance learnt from the paragraph pairs (None when they do not pair up).
    """
    whole = [_Problem(0, 0, src_lengths, tgt_lengths, anchors)]
    if src_paragraphs is None or tgt_paragraphs is None:
        return whole, None
    src_para, tgt_para = np.asarray(src_paragraphs), np.asarray(tgt_paragraphs)
    whole = [_Problem(0, 0, src_lengths, tgt_lengths, anchors, src_para, tgt_para)]
    src_groups, tgt_groups = _groups(src_para), _groups(tgt_para)
    if len(src_groups) != len(tgt_groups) or len(src_groups) < 2:
        return whole, None
    par_src = np.array([src_lengths[a:b].sum() for a, b in src_groups])
    par_tgt = np.array([tgt_lengths[a:b].sum() for a, b in tgt_groups])
    par_anchors = Anchors(
        source=tuple(frozenset().union(*anchors.source[a:b]) for a, b in src_groups),
        target=tuple(frozenset().union(*anchors.target[a:b]) for a, b in tgt_groups),
        bonus=anchors.bonus,
    )
    variance = estimate_variance(par_src, par_tgt, ratio)
    paragraph_level = _solve(_Problem(0, 0, par_src, par_tgt, par_anchors), ratio, variance)
    if any(shape != (1, 1) for _, _, shape in paragraph_level.path.beads):
        return whole, None
    problems = [
        _Problem(
            a,
            c,
            src_lengths[a:b],
            tgt_lengths[c:d],
            _slice_anchors(anchors, a, b, c, d),
        )
        for (a, b), (c, d) in zip(src_groups, tgt_groups, strict=True)
    ]
    return problems, variance


def _groups(paragraphs: np.ndarray) -> list[tuple[int, int]]:
    """[start, end) sentence ranges of consecutive equal paragraph numbers."""
    breaks = np.flatnonzero(paragraphs[1:] != paragraphs[:-1]) + 1
    edges = [0, *breaks.tolist(), len(paragraphs)]
    return list(pairwise(edges))


def _slice_anchors(anchors: Anchors, a: int, b: int, c: int, d: int) -> Anchors:
    return Anchors(anchors.source[a:b], anchors.target[c:d], anchors.bonus)
