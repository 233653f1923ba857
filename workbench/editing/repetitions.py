"""Repetitions in the grid: which rows share a source, what the active row's tools say about
its repetitions, and the translator's choice to skip the ones propagation filled.

A row whose source occurs more than once in the document carries `group`: the segment id of
the first occurrence (`workflows.propagate.repetitions` decides what repeats). The grid uses
it to mark the row and, with skipping on (the default, remembered per browser session), to
pass over repetitions when moving: Alt+↓/↑ and confirm-and-next skip rows whose text a
propagation filled, and confirm-and-next also skips the repetitions of the sentence just
confirmed that its propagation is about to fill (`grid.js`, `skipsRow`).
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping, Sequence
from typing import Any


def mark_rows(
    rows: Sequence[MutableMapping[str, Any]], repeats: Mapping[int, Sequence[int]]
) -> None:
    """Give each repeated row its group (the first occurrence's segment id); `repeats` maps
    a segment id to the ids of every occurrence of its source, first first."""
    for row in rows:
        group = repeats.get(row["id"])
        row["group"] = group[0] if group else None


def repetition_tools(rows: Sequence[Mapping[str, Any]], segment_id: int) -> dict | None:
    """What the active row's tools say about its repetitions: how many occurrences, which
    one this is, the first one's number (to go to it) and the others'; None for a source
    that occurs once."""
    group = next((row.get("group") for row in rows if row["id"] == segment_id), None)
    if group is None:
        return None
    members = [row for row in rows if row.get("group") == group]
    place = next(i for i, row in enumerate(members) if row["id"] == segment_id)
    first = members[0]
    return {
        "count": len(members),
        "place": place + 1,
        "first": first["n"],
        "first_id": first["id"],
        "others": [[row["n"], row["id"]] for row in members if row["id"] != segment_id],
    }


def skip_choice(op: Mapping[str, Any]) -> bool:
    """The grid's `skip` op: skip filled repetitions (`on`) or visit every row."""
    return bool(op.get("on"))
