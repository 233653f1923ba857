"""A person's corrections to an alignment: merge, split and shift sentences between beads.

Every operation takes the beads and the row to change and returns new beads; rows a person
made get confidence 1.0. Sentences never change order, so any sequence of edits keeps a
valid alignment: every sentence of both texts in exactly one bead, in document order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from enum import StrEnum

from workbench.align.model import Alignment, Bead


class Side(StrEnum):
    SOURCE = "source"
    TARGET = "target"


class EditError(ValueError):
    """The edit does not apply to that row (nothing to merge with, nothing to split, …)."""


def _sides(bead: Bead, side: Side) -> tuple[int, ...]:
    return bead.src if side is Side.SOURCE else bead.tgt


def _with(bead: Bead, side: Side, sentences: tuple[int, ...]) -> Bead:
    if side is Side.SOURCE:
        return Bead(sentences, bead.tgt, 1.0)
    return Bead(bead.src, sentences, 1.0)


def _check_row(beads: Sequence[Bead], row: int) -> None:
    if not 0 <= row < len(beads):
        raise EditError(f"there is no row {row + 1}")


def _non_empty(beads: list[Bead]) -> tuple[Bead, ...]:
    return tuple(b for b in beads if b.src or b.tgt)


def merge_with_next(beads: Sequence[Bead], row: int) -> tuple[Bead, ...]:
    """Row `row` and the row after it become one bead."""
    _check_row(beads, row)
    if row + 1 >= len(beads):
        raise EditError("the last row has no next row to merge with")
    first, second = beads[row], beads[row + 1]
    merged = Bead(first.src + second.src, first.tgt + second.tgt, 1.0)
    return (*beads[:row], merged, *beads[row + 2 :])


def split(beads: Sequence[Bead], row: int) -> tuple[Bead, ...]:
    """The first sentence of each side stays; the rest becomes a new row below.

    A 1-1 row splits into a sentence with no translation and a translation with no source:
    that is how a person says "these two do not belong together".
    """
    _check_row(beads, row)
    bead = beads[row]
    if len(bead.src) + len(bead.tgt) < 2:
        raise EditError("a row with a single sentence cannot be split")
    if len(bead.src) <= 1 and len(bead.tgt) <= 1:
        parts = [Bead(bead.src, (), 1.0), Bead((), bead.tgt, 1.0)]
    else:
        parts = [Bead(bead.src[:1], bead.tgt[:1], 1.0), Bead(bead.src[1:], bead.tgt[1:], 1.0)]
    return (*beads[:row], *_non_empty(parts), *beads[row + 1 :])


def shift_down(beads: Sequence[Bead], row: int, side: Side) -> tuple[Bead, ...]:
    """Move the last sentence of `side` in row `row` to the start of the next row."""
    _check_row(beads, row)
    sentences = _sides(beads[row], side)
    if not sentences:
        raise EditError(f"row {row + 1} has no {side} sentence to move")
    if row + 1 < len(beads):
        below = _with(beads[row + 1], side, sentences[-1:] + _sides(beads[row + 1], side))
        changed = [_with(beads[row], side, sentences[:-1]), below]
        return (*beads[:row], *_non_empty(changed), *beads[row + 2 :])
    if len(sentences) == 1 and not _sides(beads[row], _other(side)):
        raise EditError("the last sentence is already on a row of its own")
    moved = _with(Bead((), (), 1.0), side, sentences[-1:])
    return (*beads[:row], *_non_empty([_with(beads[row], side, sentences[:-1]), moved]))


def shift_up(beads: Sequence[Bead], row: int, side: Side) -> tuple[Bead, ...]:
    """Move the first sentence of `side` in row `row` to the end of the row above."""
    _check_row(beads, row)
    sentences = _sides(beads[row], side)
    if not sentences:
        raise EditError(f"row {row + 1} has no {side} sentence to move")
    if row > 0:
        above = _with(beads[row - 1], side, _sides(beads[row - 1], side) + sentences[:1])
        changed = [above, _with(beads[row], side, sentences[1:])]
        return (*beads[: row - 1], *_non_empty(changed), *beads[row + 1 :])
    if len(sentences) == 1 and not _sides(beads[row], _other(side)):
        raise EditError("the first sentence is already on a row of its own")
    moved = _with(Bead((), (), 1.0), side, sentences[:1])
    return (*_non_empty([moved, _with(beads[row], side, sentences[1:])]), *beads[row + 1 :])


def _other(side: Side) -> Side:
    return Side.TARGET if side is Side.SOURCE else Side.SOURCE


def with_beads(alignment: Alignment, beads: Sequence[Bead]) -> Alignment:
    """The alignment with edited beads (same texts, same report)."""
    return replace(alignment, beads=tuple(beads))
