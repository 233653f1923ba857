"""A person's corrections to an alignment: merge, split, shift a sentence up or down."""

from __future__ import annotations

import itertools
import random

import pytest

from workbench.align import Bead
from workbench.align.edit import EditError, Side, merge_with_next, shift_down, shift_up, split

# Source sentences 0-4, target sentences 0-4: 1-1, 2-1, 0-1, 1-1, 1-2 ... as the aligner gave.
BEADS = (
    Bead((0,), (0,), 0.99),
    Bead((1, 2), (1,), 0.7),
    Bead((), (2,), 0.6),
    Bead((3,), (3,), 0.95),
    Bead((4,), (4, 5), 0.9),
)


def shapes(beads) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(b.src, b.tgt) for b in beads]


def test_merge_with_next_joins_two_rows_and_marks_it_checked():
    merged = merge_with_next(BEADS, 1)

    assert shapes(merged) == [((0,), (0,)), ((1, 2), (1, 2)), ((3,), (3,)), ((4,), (4, 5))]
    assert merged[1].confidence == 1.0
    assert merged[0] == BEADS[0]


def test_split_keeps_the_first_sentences_and_moves_the_rest_below():
    assert shapes(split(BEADS, 1))[1:3] == [((1,), (1,)), ((2,), ())]
    assert shapes(split(BEADS, 4))[4:] == [((4,), (4,)), ((), (5,))]


def test_splitting_a_1_1_row_unpairs_its_sentences():
    assert shapes(split(BEADS, 0))[:2] == [((0,), ()), ((), (0,))]


def test_shifting_a_target_sentence_down_moves_it_to_the_next_row():
    shifted = shift_down(BEADS, 4, Side.TARGET)  # the last row: a new row below

    assert shapes(shifted)[4:] == [((4,), (4,)), ((), (5,))]
    assert shapes(shift_down(BEADS, 0, Side.TARGET))[:2] == [((0,), ()), ((1, 2), (0, 1))]


def test_shifting_a_sentence_up_moves_it_to_the_row_above_and_drops_emptied_rows():
    shifted = shift_up(BEADS, 2, Side.TARGET)

    assert shapes(shifted) == [((0,), (0,)), ((1, 2), (1, 2)), ((3,), (3,)), ((4,), (4, 5))]
    assert shapes(shift_up(BEADS, 3, Side.SOURCE))[2:4] == [((3,), (2,)), ((), (3,))]


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda: merge_with_next(BEADS, 4), "no next row"),
        (lambda: split(BEADS, 2), "single sentence"),
        (lambda: shift_up(BEADS, 2, Side.SOURCE), "no source sentence"),
        (lambda: shift_up(BEADS[2:3], 0, Side.TARGET), "row of its own"),
        (lambda: merge_with_next(BEADS, 7), "no row 8"),
    ],
)
def test_an_edit_that_does_not_apply_says_why(edit, message):
    with pytest.raises(EditError, match=message):
        edit()


def test_any_sequence_of_edits_keeps_every_sentence_once_and_in_order():
    rng = random.Random(5)
    operations = [
        merge_with_next,
        split,
        lambda b, r: shift_up(b, r, Side.SOURCE),
        lambda b, r: shift_up(b, r, Side.TARGET),
        lambda b, r: shift_down(b, r, Side.SOURCE),
        lambda b, r: shift_down(b, r, Side.TARGET),
    ]
    beads = BEADS
    for _ in range(300):
        try:
            beads = rng.choice(operations)(beads, rng.randrange(len(beads)))
        except EditError:
            continue
        assert list(itertools.chain.from_iterable(b.src for b in beads)) == [0, 1, 2, 3, 4]
        assert list(itertools.chain.from_iterable(b.tgt for b in beads)) == [0, 1, 2, 3, 4, 5]
        assert all(b.src or b.tgt for b in beads)
