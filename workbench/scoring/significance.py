"""Is system B really different from system A on the same segments? sacrebleu's paired tests.

Two engines, or two revisions of a document, are scored against the same references; the
paired bootstrap (`bs`, Koehn 2004, sacrebleu's `--paired-bs`) or approximate randomization
(`ar`, Riezler and Maxwell 2005, `--paired-ar`) estimates how likely the difference is by
chance. Both run on the statistics sacrebleu extracts, so the p-values equal its command
line's for the same text and seed (`SACREBLEU_SEED`, 12345 unless set).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sacrebleu.significance import PairedTest

from workbench.errors import WorkbenchError
from workbench.scoring.metrics import Scorer

PAIRED_METHODS = {"bs": "paired bootstrap resampling", "ar": "approximate randomization"}
SIGNIFICANCE_LEVEL = 0.05


@dataclass(frozen=True)
class PairedResult:
    """One metric of a paired comparison: both scores and the p-value of their difference."""

    metric: str  # "bleu", "chrf", "ter"
    name: str  # sacrebleu's name: BLEU, chrF2, TER
    method: str  # "bs" or "ar"
    baseline: float
    system: float
    p_value: float
    signature: str
    prep: str
    baseline_mean: float | None = None  # bootstrap estimate and 95% half-width (bs only)
    baseline_ci: float | None = None
    system_mean: float | None = None
    system_ci: float | None = None

    @property
    def significant(self) -> bool:
        """Whether the difference is unlikely to be chance at the 0.05 level."""
        return self.p_value < SIGNIFICANCE_LEVEL


def paired_test(
    scorer: Scorer,
    baseline: Sequence[str],
    system: Sequence[str],
    references: Sequence[str],
    method: str = "bs",
    n_samples: int = 0,
) -> list[PairedResult]:
    """Compare `system` with `baseline` on the same `references`, one result per metric.

    `n_samples` 0 takes sacrebleu's defaults: 1000 resamples (`bs`), 10000 trials (`ar`).
    """
    if method not in PAIRED_METHODS:
        raise WorkbenchError(f"unknown paired test {method!r}; known: {', '.join(PAIRED_METHODS)}")
    if not len(baseline) == len(system) == len(references):
        raise WorkbenchError(
            f"a paired test needs the same segments: {len(baseline)} baseline, "
            f"{len(system)} system and {len(references)} reference lines"
        )
    if not references:
        raise WorkbenchError("nothing to compare: no segments")
    norm = scorer.normalize
    metrics = {name: scorer.new_metric(name) for name in scorer.metrics}
    test = PairedTest(
        [("baseline", [norm(h) for h in baseline]), ("system", [norm(h) for h in system])],
        metrics,
        [[norm(r) for r in references]],
        test_type=method,
        n_samples=n_samples,
    )
    signatures, table = test()
    key_of = {id(metric): key for key, metric in metrics.items()}
    results = []
    for name, metric in test.metrics.items():
        base, other = table[name]
        results.append(
            PairedResult(
                metric=key_of[id(metric)],
                name=name,
                method=method,
                baseline=float(base.score),
                system=float(other.score),
                p_value=float(other.p_value),
                signature=signatures[name].format(),
                prep=scorer.prep,
                baseline_mean=_maybe_float(base.mean),
                baseline_ci=_maybe_float(base.ci),
                system_mean=_maybe_float(other.mean),
                system_ci=_maybe_float(other.ci),
            )
        )
    return results


def _maybe_float(value: float | None) -> float | None:
    return None if value is None else float(value)
