"""Match bands and their weights: how an analysis prices a sentence.

Bands, in report order: repetitions within the document, context matches (101%: an exact
match whose previous and next sentences match too), exact matches (100%), four fuzzy bands
(95–99, 85–94, 75–84, 50–74) and no match. Each band's words are weighted by a percentage
(how much of a new sentence's work it takes). The defaults follow memoQ's documented
example (docs/analysis.md cites it); a desk sets its own with `parse_weights`
(`workbench analyze --weights`, `WORKBENCH_ANALYSIS_WEIGHTS`).
"""

from __future__ import annotations

import enum
import os
from collections.abc import Mapping

from workbench.errors import InputError


class Band(enum.StrEnum):
    REPETITION = "repetition"
    CONTEXT = "101%"
    EXACT = "100%"
    FUZZY_95 = "95-99%"
    FUZZY_85 = "85-94%"
    FUZZY_75 = "75-84%"
    FUZZY_50 = "50-74%"
    NO_MATCH = "no match"


BANDS: tuple[Band, ...] = tuple(Band)

# Percent of a new sentence's price. memoQ's documentation example: no match 100%, lower
# fuzzy 50-70%, higher fuzzy 40%, exact 30%, repetition 20%, context 10%.
MEMOQ_WEIGHTS: Mapping[Band, float] = {
    Band.REPETITION: 20.0,
    Band.CONTEXT: 10.0,
    Band.EXACT: 30.0,
    Band.FUZZY_95: 40.0,
    Band.FUZZY_85: 40.0,
    Band.FUZZY_75: 60.0,
    Band.FUZZY_50: 70.0,
    Band.NO_MATCH: 100.0,
}
DEFAULT_WEIGHTS = MEMOQ_WEIGHTS
LOWEST_FUZZY = 50.0


def band_of(score: float | None, context: bool = False) -> Band:
    """The band of a best match scoring `score` (None: no match at 50% or more)."""
    if score is None or score < LOWEST_FUZZY:
        return Band.NO_MATCH
    if score >= 100.0:
        return Band.CONTEXT if context else Band.EXACT
    for floor, band in ((95, Band.FUZZY_95), (85, Band.FUZZY_85), (75, Band.FUZZY_75)):
        if score >= floor:
            return band
    return Band.FUZZY_50


def parse_weights(text: str, *, origin: str = "--weights") -> dict[Band, float]:
    """`"repetition=10,100%=25,no match=100"` over the defaults; a bad entry is one
    `InputError` naming it."""
    weights = dict(DEFAULT_WEIGHTS)
    for item in filter(None, (part.strip() for part in text.split(","))):
        name, sep, value = item.partition("=")
        try:
            band = Band(name.strip())
            weight = float(value) if sep else float("nan")
        except ValueError:
            known = ", ".join(b.value for b in BANDS)
            raise InputError(f"{origin}: {item!r} is not BAND=PERCENT (bands: {known})") from None
        if not 0.0 <= weight <= 100.0:
            raise InputError(f"{origin}: {item!r}: a weight is a percentage from 0 to 100")
        weights[band] = weight
    return weights


def configured_weights() -> dict[Band, float]:
    """The defaults, overridden by `WORKBENCH_ANALYSIS_WEIGHTS` when set."""
    return parse_weights(
        os.environ.get("WORKBENCH_ANALYSIS_WEIGHTS", ""), origin="WORKBENCH_ANALYSIS_WEIGHTS"
    )
