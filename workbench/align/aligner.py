"""Sentence alignment of a document with its translation.

Paragraphs first: paragraphs are aligned like sentences (their lengths and anchors), and
wherever two neighbouring paragraph pairs are both one-to-one and sure, the break between
them becomes a fixed point: no bead may cross it. Paragraph breaks elsewhere only weigh in
as a cost. Sentences are then aligned by dynamic programming in a band around the diagonal
(widened when the best path runs along its edge): a first pass to learn the length variance
of these texts (and, with MT, how well MT similarity tells pairs apart), a second with them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

import numpy as np

from workbench.align import dp
from workbench.align.anchors import Anchors, TermFinder, find_anchors
from workbench.align.band import Band
from workbench.align.costs import (
    LengthModel,
    Shape,
    bead_costs,
    char_length,
    estimate_variance,
    length_model,
)
from workbench.align.model import Alignment, AlignmentReport, Bead
from workbench.align.omission import omission_probability, ratio_distribution
from workbench.align.similarity import ChrfTable, calibrate, mt_costs
from workbench.errors import InputError

_HALF_WIDTH = 40  # initial band: this many cells either side of the diagonal ...
_HALF_WIDTH_FRACTION = 0.03  # ... or this share of the longer text, whichever is more ...
_HALF_WIDTH_START_MAX = 120  # ... but no more to start with (it widens when it must)
_EDGE_MARGIN = 3
_SURE_PARAGRAPH = 0.9  # paragraph beads this sure fix the alignment at their boundaries
_PARAGRAPHS_TO_LEARN = 8  # 1-1 paragraph pairs needed to take the length model from them
_PAIRS_TO_LEARN = 5  # 1-1 beads needed to take the length ratio from them

ExtraCosts = Callable[[Band], dict[Shape, np.ndarray]]


@dataclass(frozen=True)
class _Texts:
    """What the dynamic programme sees of the two texts."""

    src_lengths: np.ndarray
    tgt_lengths: np.ndarray
    anchors: Anchors | None = None
    src_paragraphs: np.ndarray | None = None
    tgt_paragraphs: np.ndarray | None = None
    src_blocks: np.ndarray | None = None  # beads may not mix sentences of different blocks
    tgt_blocks: np.ndarray | None = None


@dataclass(frozen=True)
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
    use_anchors: bool = True,
    names: tuple[str, str] = ("source", "target"),
) -> Alignment:
    """Align sentences of a text (`source`, language `src`) with its translation.

    `*_paragraphs` give each sentence's paragraph number; `term_finder` finds glossary terms;
    `translations` is the MT of each source sentence, for MT similarity. `use_anchors=False`
    aligns by length alone (to compare). `names` go into the error for an empty side.
    """
    _require_sentences(source, names[0])
    _require_sentences(target, names[1])
    if translations is not None and len(translations) != len(source):
        raise ValueError("translations must have one entry per source sentence")
    if (src_paragraphs is None) != (tgt_paragraphs is None):
        raise ValueError("give paragraph numbers for both sides or for neither")
    src_lengths = np.array([char_length(s) for s in source], dtype=np.float64)
    tgt_lengths = np.array([char_length(t) for t in target], dtype=np.float64)
    lengths = length_model(src_lengths, tgt_lengths)
    anchors = find_anchors(source, target, src, tgt, term_finder) if use_anchors else None
    texts = _Texts(src_lengths, tgt_lengths, anchors)
    notes: list[str] = []
    learnt = None
    if src_paragraphs is not None and tgt_paragraphs is not None:
        texts, learnt = _fix_paragraphs(
            texts, np.asarray(src_paragraphs), np.asarray(tgt_paragraphs)
        )
        if texts.src_blocks is None:
            notes.append("paragraphs do not pair up; their breaks only guide the alignment")
    if learnt is None:  # no paragraph pairs to learn from: a first pass gives 1-1 beads
        learnt = _learn(texts, _solve(texts, lengths), lengths)
    lengths = replace(lengths, ratio=learnt.ratio, variance=learnt.variance)
    solution = _solve(texts, lengths)

    mt_weight = 0.0
    if translations is not None:
        table = ChrfTable(translations, target)
        calibration = calibrate(solution.path.beads, table)
        mt_weight = calibration.separation
        if mt_weight == 0.0:
            notes.append("MT similarity did not tell sentence pairs apart; it was left out")
        else:
            path = solution.path.beads
            sure = dp.posteriors(solution.band, solution.costs, solution.path)
            solution = _solve(
                texts, lengths, lambda band: mt_costs(band, path, sure, table, calibration)
            )

    confidences = dp.posteriors(solution.band, solution.costs, solution.path)
    confidences = _with_omissions(texts, solution.path.beads, confidences)
    beads = tuple(
        Bead(tuple(range(i - di, i)), tuple(range(j - dj, j)), round(confidence, 4))
        for (i, j, (di, dj)), confidence in zip(solution.path.beads, confidences, strict=True)
    )
    report = AlignmentReport(
        length_ratio=round(lengths.ratio, 4),
        length_variance=round(lengths.variance, 3),
        paragraphs_aligned=texts.src_blocks is not None,
        mt_weight=round(mt_weight, 3),
        notes=tuple(notes),
    )
    return Alignment(tuple(source), tuple(target), beads, report)


def _with_omissions(texts: _Texts, path: list, confidences: Sequence[float]) -> list[float]:
    """Posteriors lowered by the evidence that a many-to-one bead hides an untranslated
    sentence (`workbench.align.omission`)."""
    spans = [(tuple(range(i - di, i)), tuple(range(j - dj, j))) for i, j, (di, dj) in path]
    distribution = ratio_distribution(spans, texts.src_lengths, texts.tgt_lengths)
    if distribution is None:
        return list(confidences)
    return [
        confidence
        * (
            1.0
            - omission_probability(
                src, tgt, texts.src_lengths, texts.tgt_lengths, distribution, texts.anchors
            )
        )
        for (src, tgt), confidence in zip(spans, confidences, strict=True)
    ]


def _require_sentences(sentences: Sequence[str], name: str) -> None:
    if not sentences or not any(s.strip() for s in sentences):
        raise InputError("nothing to align: it has no sentences", path=name)


def _solve(texts: _Texts, lengths: LengthModel, extra: ExtraCosts | None = None) -> _Solution:
    """Viterbi in a band that is widened until the best path keeps off its edges."""
    n, m = len(texts.src_lengths), len(texts.tgt_lengths)
    half_width = max(_HALF_WIDTH, min(int(_HALF_WIDTH_FRACTION * max(n, m)), _HALF_WIDTH_START_MAX))
    while True:
        band = Band.around_diagonal(n, m, half_width)
        costs = bead_costs(
            band,
            texts.src_lengths,
            texts.tgt_lengths,
            lengths,
            anchors=texts.anchors,
            src_paragraphs=texts.src_paragraphs,
            tgt_paragraphs=texts.tgt_paragraphs,
            src_blocks=texts.src_blocks,
            tgt_blocks=texts.tgt_blocks,
            extra=extra(band) if extra is not None else None,
        )
        path = dp.viterbi(band, costs)
        if not band.touches_edge([(i, j) for i, j, _ in path.beads], _EDGE_MARGIN):
            return _Solution(band, costs, path)
        half_width *= 2


def _learn(texts: _Texts, solution: _Solution, model: LengthModel) -> LengthModel:
    """The length ratio and variance of the 1-1 beads of a first alignment.

    The ratio of whole texts is off when the translation leaves out or adds much; the
    ratio of the pairs the first pass found is not.
    """
    ones = [(i, j) for i, j, shape in solution.path.beads if shape == (1, 1)]
    l1 = np.array([texts.src_lengths[i - 1] for i, _ in ones])
    l2 = np.array([texts.tgt_lengths[j - 1] for _, j in ones])
    ratio = float(l2.sum() / l1.sum()) if len(ones) >= _PAIRS_TO_LEARN else model.ratio
    return replace(model, ratio=ratio, variance=estimate_variance(l1, l2, ratio))


def _fix_paragraphs(
    texts: _Texts, src_para: np.ndarray, tgt_para: np.ndarray
) -> tuple[_Texts, LengthModel | None]:
    """The texts with paragraph numbers and, where paragraphs pair up surely, blocks.

    Also the length ratio and variance learnt from paragraph pairs (None when too few).
    """
    with_breaks = _Texts(texts.src_lengths, texts.tgt_lengths, texts.anchors, src_para, tgt_para)
    src_groups, tgt_groups = _groups(src_para), _groups(tgt_para)
    if len(src_groups) < 2 or len(tgt_groups) < 2:
        return with_breaks, None
    par_src = np.array([texts.src_lengths[a:b].sum() for a, b in src_groups])
    par_tgt = np.array([texts.tgt_lengths[a:b].sum() for a, b in tgt_groups])
    par_anchors = None
    if texts.anchors is not None:
        par_anchors = Anchors(
            source=tuple(frozenset().union(*texts.anchors.source[a:b]) for a, b in src_groups),
            target=tuple(frozenset().union(*texts.anchors.target[a:b]) for a, b in tgt_groups),
            bonus=texts.anchors.bonus,
        )
    paragraphs = _Texts(par_src, par_tgt, par_anchors)
    model = length_model(par_src, par_tgt)
    model = _learn(paragraphs, _solve(paragraphs, model), model)
    solution = _solve(paragraphs, model)
    confidences = dp.posteriors(solution.band, solution.costs, solution.path)
    beads = solution.path.beads
    src_block, tgt_block = np.zeros(len(par_src), np.int64), np.zeros(len(par_tgt), np.int64)
    block = 0
    for k, (i, j, (di, dj)) in enumerate(beads):
        src_block[i - di : i], tgt_block[j - dj : j] = block, block
        sure = [confidences[k + d] >= _SURE_PARAGRAPH for d in (0, 1) if k + d < len(beads)]
        one_to_one = [beads[k + d][2] == (1, 1) for d in (0, 1) if k + d < len(beads)]
        if all(sure) and all(one_to_one):
            block += 1
    if block < 2:
        return with_breaks, None
    fixed = _Texts(
        texts.src_lengths,
        texts.tgt_lengths,
        texts.anchors,
        src_para,
        tgt_para,
        src_blocks=np.repeat(src_block, [b - a for a, b in src_groups]),
        tgt_blocks=np.repeat(tgt_block, [b - a for a, b in tgt_groups]),
    )
    ones = sum(shape == (1, 1) for _, _, shape in beads)
    return fixed, model if ones >= _PARAGRAPHS_TO_LEARN else None


def _groups(paragraphs: np.ndarray) -> list[tuple[int, int]]:
    """[start, end) sentence ranges of consecutive equal paragraph numbers."""
    breaks = np.flatnonzero(paragraphs[1:] != paragraphs[:-1]) + 1
    edges = [0, *breaks.tolist(), len(paragraphs)]
    return list(pairwise(edges))
