"""Repetitions: a source sentence that occurs more than once in a document.

Two sentences repeat each other when their normalized sources are equal (the translation
memory's exact-match form: Unicode NFKC, typographic quotes and dashes unified, whitespace
collapsed), so a repetition is exactly what would be a 100% match once one of them is
translated. Case counts: "Trade fell." and "trade fell." are not repetitions, as in Trados
and memoQ.
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench.memory.index import normalize_source


def repetition_groups(sources: Sequence[str]) -> list[tuple[int, ...]]:
    """Positions of sentences that share a source, one group per repeated sentence, each
    in document order (the first occurrence first); groups ordered by their first one."""
    groups: dict[str, list[int]] = {}
    for position, source in enumerate(sources):
        key = normalize_source(source)
        if key:
            groups.setdefault(key, []).append(position)
    return [tuple(group) for group in groups.values() if len(group) > 1]
