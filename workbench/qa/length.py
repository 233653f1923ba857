"""Length ratio, learned per language pair instead of a fixed band.

How long a translation runs depends on the pair, the text type and the translator: concise
Dari news copy runs shorter than Urdu, and a fixed band flags whole documents. So the model
is the document's own: the median and the median absolute deviation (MAD) of
log(target characters / source characters) over its segments, robust to the few bad ones
it is there to find. With fewer than `MIN_SEGMENTS` usable segments a calibration prior for
the pair is used (measured on human news translations, see docs/qa.md). A segment is flagged
when its log ratio is more than `TOLERANCE` robust deviations from the centre; short sources
vary more, so their deviation is widened.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from workbench.qa.registry import WARNING, QAFlag, flag, register
from workbench.qa.text import base_language, visible_length

LENGTH_RATIO = register(
    "length-ratio",
    "the target is far shorter or longer than this document's sentences usually translate to",
    WARNING,
    "length",
)

MIN_SOURCE = 25  # characters; shorter sources vary too much to judge
MIN_SEGMENTS = 8  # fewer usable segments than this: the calibration prior decides
TOLERANCE = 3.0  # robust deviations from the centre before a segment is flagged
MIN_SPREAD = 0.12  # a floor on the deviation: a uniform document still varies this much
SHORT_SOURCE_VARIANCE = 1.0  # added variance per 1/characters: short sources vary more
_MAD_TO_SIGMA = 1.4826  # MAD of a normal distribution times this is its standard deviation


@dataclass(frozen=True)
class LengthModel:
    """Where log(target/source length) sits for a pair, and how far it varies."""

    centre: float  # median log ratio
    spread: float  # robust standard deviation of the log ratio
    segments: int  # how many segments it was learned from; 0 for a calibration prior
    origin: str  # "document" or "calibration"

    def band(self, source_length: int) -> tuple[float, float]:
        """The accepted target/source ratios for a source of this many characters."""
        width = TOLERANCE * math.sqrt(self.spread**2 + SHORT_SOURCE_VARIANCE / source_length)
        return math.exp(self.centre - width), math.exp(self.centre + width)


# Calibration priors per (source, base target language): median and robust deviation of
# the log ratio on human news translations (docs/qa.md says where they come from).
_CALIBRATION: dict[tuple[str, str], tuple[float, float]] = {
    ("en", "ur"): (0.07, 0.2),
    ("en", "fa"): (0.0, 0.2),
    ("en", "ps"): (0.04, 0.2),
}
_UNKNOWN_PAIR = (0.0, 0.3)


def calibration_model(src: str = "en", tgt: str = "") -> LengthModel:
    """The prior for a pair (a wider generic one for pairs without calibration data)."""
    centre, spread = _CALIBRATION.get((base_language(src), base_language(tgt)), _UNKNOWN_PAIR)
    return LengthModel(centre, spread, 0, "calibration")


def learn_length_model(
    pairs: Iterable[tuple[str, str]], src: str = "en", tgt: str = ""
) -> LengthModel:
    """The document's own model from its (source, target) pairs, or the prior when too few
    segments are long enough and translated."""
    logs = [
        math.log(visible_length(target) / visible_length(source))
        for source, target in pairs
        if visible_length(source) >= MIN_SOURCE and visible_length(target) > 0
    ]
    if len(logs) < MIN_SEGMENTS:
        return calibration_model(src, tgt)
    centre = statistics.median(logs)
    mad = statistics.median(abs(x - centre) for x in logs)
    return LengthModel(centre, max(MIN_SPREAD, _MAD_TO_SIGMA * mad), len(logs), "document")


def check_length_ratio(source: str, target: str, model: LengthModel | None = None) -> list[QAFlag]:
    source_length, target_length = visible_length(source), visible_length(target)
    if source_length < MIN_SOURCE or target_length == 0:
        return []
    model = model or calibration_model()
    ratio = target_length / source_length
    low, high = model.band(source_length)
    if low <= ratio <= high:
        return []
    where = "this document's sentences" if model.origin == "document" else "sentences usually"
    return [
        flag(
            LENGTH_RATIO,
            f"the target is {ratio:.2f}x the source length; {where} run {low:.2f}-{high:.2f}x",
        )
    ]
