"""BLEU, chrF and TER on sacrebleu, computed once per segment and summed for any corpus.

sacrebleu computes every corpus score from per-segment sufficient statistics (n-gram
matches, character n-gram matches, edit counts). We extract those statistics once per
hypothesis/reference pair and then aggregate them for whatever set of segments is asked
for: a document, one editor's segments, a bootstrap resample. A corpus score is therefore
never an average of sentence scores, and the numbers are sacrebleu's own (the tests compare
them with the `sacrebleu` command line to the last printed digit).

Sentence BLEU uses effective order (sacrebleu's `-sl` setting), so a short sentence
without any 4-gram match is not scored 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sacrebleu.metrics import BLEU, CHRF, TER
from sacrebleu.metrics.base import Metric, Score
from sacrebleu.significance import _bootstrap_resample

from workbench.errors import WorkbenchError
from workbench.scoring.normalize import NO_NORMALIZATION, Normalization
from workbench.scoring.profiles import ScoringProfile, profile_for

METRICS: tuple[str, ...] = ("bleu", "chrf", "ter")
# Where a higher number means a closer match; TER counts edits, so lower is closer.
HIGHER_IS_BETTER = {"bleu": True, "chrf": True, "ter": False}
DEFAULT_BOOTSTRAP = 1000  # sacrebleu's --confidence-n default
_NAMES = {"bleu": "BLEU", "chrf": "chrF2", "ter": "TER"}  # sacrebleu's names (default settings)


class PretokenizedTER(TER):
    """sacrebleu's TER reading text split by a sacrebleu tokenizer first (see `profiles`)."""

    def __init__(self, pretokenizer: str):
        super().__init__()
        self.pretokenizer_name = pretokenizer
        self._pretokenize = BLEU(tokenize=pretokenizer).tokenizer

    def _preprocess_segment(self, sent: str) -> str:
        return super()._preprocess_segment(self._pretokenize(sent.rstrip()))


def check_metrics(names: Iterable[str]) -> tuple[str, ...]:
    """Validate metric names (case-insensitive), keeping their order, without repeats."""
    chosen: list[str] = []
    for raw in names:
        name = raw.strip().lower()
        if name not in METRICS:
            raise WorkbenchError(f"unknown metric {raw!r}; known: {', '.join(METRICS)}")
        if name not in chosen:
            chosen.append(name)
    if not chosen:
        raise WorkbenchError("no metric chosen; known: " + ", ".join(METRICS))
    return tuple(chosen)


@dataclass(frozen=True)
class CorpusScore:
    """One metric over a set of segments, with everything needed to reproduce it."""

    metric: str  # "bleu", "chrf" or "ter"
    name: str  # sacrebleu's name: BLEU, chrF2, TER
    score: float
    signature: str  # sacrebleu's signature, verbatim
    prep: str  # what the workbench did to the text before sacrebleu saw it
    details: str = ""  # BLEU: n-gram precisions, brevity penalty, lengths
    ci_mean: float | None = None  # bootstrap mean (sacrebleu's μ)
    ci_halfwidth: float | None = None  # half the 95% interval (sacrebleu's ±)
    _sacrebleu_score: Score | None = field(default=None, repr=False, compare=False)

    def line(self, width: int = 1) -> str:
        """The score as `sacrebleu -f text` prints it: `NAME|signature = score [details]`."""
        if self._sacrebleu_score is not None:
            return self._sacrebleu_score.format(width, signature=self.signature)
        text = f"{self.name}|{self.signature} = {self.score:.{width}f}"
        return f"{text} {self.details}" if self.details else text

    def as_dict(self, width: int = 1) -> dict[str, Any]:
        """JSON-ready: sacrebleu's fields (score rounded to `width` like its CLI) plus `prep`."""
        data: dict[str, Any] = {
            "metric": self.metric,
            "name": self.name,
            "score": round(self.score, width),
            "signature": self.signature,
            "prep": self.prep,
        }
        if self.details:
            data["verbose_score"] = self.details
        if self.ci_mean is not None and self.ci_halfwidth is not None:
            data["confidence_mean"] = round(self.ci_mean, width)
            data["confidence_var"] = round(self.ci_halfwidth, width)
        return data


@dataclass(frozen=True)
class SegmentScore:
    """Sentence-level scores of one hypothesis against its reference."""

    bleu: float | None  # sentence BLEU, effective order
    chrf: float | None
    ter: float | None  # with the post-edit as reference, this is HTER
    ter_edits: float | None  # TER's edit count (insertions, deletions, substitutions, shifts)

    def get(self, metric: str) -> float | None:
        return getattr(self, metric)


class Scorer:
    """Scores hypotheses against references in one target language.

    `normalize=False` scores the text exactly as given, as the `sacrebleu` command line does
    with the same tokenizer (no normalization, TER without pre-tokenization).
    """

    def __init__(
        self, target: str, metrics: Sequence[str] = METRICS, *, normalize: bool = True
    ) -> None:
        self.profile: ScoringProfile = profile_for(target)
        self.metrics = check_metrics(metrics)
        self.normalization: Normalization = (
            self.profile.normalization if normalize else NO_NORMALIZATION
        )
        self.ter_pretokenizer = self.profile.ter_pretokenizer if normalize else None

    @property
    def prep(self) -> str:
        """What happens to text before sacrebleu sees it, compactly (goes with each score)."""
        prep = f"{self.profile.language}:norm={self.normalization.tag}"
        if "ter" in self.metrics and self.ter_pretokenizer:
            prep += f",ter-pretok={self.ter_pretokenizer}"
        return prep

    @property
    def prep_description(self) -> str:
        """The same in words, for the line printed next to the signatures."""
        if not self.normalization.steps and not self.ter_pretokenizer:
            return "scored exactly as given (no normalization)"
        text = f"normalized before scoring: {self.normalization.description}"
        if "ter" in self.metrics and self.ter_pretokenizer:
            text += f"; TER input tokenized with sacrebleu's {self.ter_pretokenizer!r} tokenizer"
        return text

    def new_metric(self, name: str, *, sentence: bool = False) -> Metric:
        """A fresh sacrebleu metric object configured for this target."""
        if name == "bleu":
            return BLEU(tokenize=self.profile.bleu_tokenizer, effective_order=sentence)
        if name == "chrf":
            return CHRF()
        if name == "ter":
            return PretokenizedTER(self.ter_pretokenizer) if self.ter_pretokenizer else TER()
        raise WorkbenchError(f"unknown metric {name!r}")

    def normalize(self, text: str) -> str:
        return self.normalization(text)

    def sentence_signatures(self) -> list[str]:
        """`NAME|signature` of sentence scores (BLEU's says `eff:yes`), one per metric."""
        lines = []
        for name in self.metrics:
            metric = self.new_metric(name, sentence=True)
            metric.num_refs = 1  # sacrebleu sets this when the metric first scores text
            lines.append(f"{_NAMES[name]}|{metric.get_signature().format()}")
        return lines

    def score(self, hypotheses: Sequence[str], references: Sequence[str]) -> ScoredPairs:
        """Extract the statistics of every hypothesis/reference pair, in order."""
        if len(hypotheses) != len(references):
            raise WorkbenchError(
                f"{len(hypotheses)} hypotheses but {len(references)} references: "
                "every hypothesis needs exactly one reference"
            )
        hyps = [self.normalize(h) for h in hypotheses]
        refs = [self.normalize(r) for r in references]
        metrics = {name: self.new_metric(name) for name in self.metrics}
        stats: dict[str, list[list[float]]] = {}
        for name, metric in metrics.items():
            stats[name] = metric._extract_corpus_statistics(hyps, [refs]) if hyps else []
        return ScoredPairs(self, metrics, stats, len(hyps))


class ScoredPairs:
    """Per-segment statistics of a list of pairs; corpus and sentence scores come from them."""

    def __init__(
        self,
        scorer: Scorer,
        metrics: dict[str, Metric],
        stats: dict[str, list[list[float]]],
        size: int,
    ) -> None:
        self.scorer = scorer
        self._metrics = metrics
        self._stats = stats
        self._sentence_bleu = scorer.new_metric("bleu", sentence=True)
        self.size = size

    def __len__(self) -> int:
        return self.size

    def corpus(
        self, indices: Sequence[int] | None = None, n_bootstrap: int = 0
    ) -> list[CorpusScore]:
        """Corpus scores over the pairs at `indices` (all by default), from summed statistics.

        `n_bootstrap` > 1 adds sacrebleu's bootstrap 95% confidence interval (`--confidence`),
        seeded by `SACREBLEU_SEED` (12345 unless set) exactly as its command line is.
        """
        chosen = range(self.size) if indices is None else indices
        if len(chosen) == 0:
            raise WorkbenchError("nothing to score: no segments")
        results = []
        for name, metric in self._metrics.items():
            rows = [self._stats[name][i] for i in chosen]
            score = metric._aggregate_and_compute(rows)
            signature = metric.get_signature()
            if n_bootstrap > 1:
                seed, resampled = _bootstrap_resample(rows, metric, n_bootstrap)
                score.estimate_ci(resampled)
                signature.update("bs", n_bootstrap)
                signature.update("seed", seed)
            results.append(
                _corpus_score(name, score, signature.format(), self.scorer.prep, n_bootstrap > 1)
            )
        return results

    def segment(self, index: int) -> SegmentScore:
        """Sentence scores of one pair (BLEU with effective order)."""
        values: dict[str, float | None] = dict.fromkeys(METRICS)
        edits = None
        for name, metric in self._metrics.items():
            row = self._stats[name][index]
            scorer = self._sentence_bleu if name == "bleu" else metric
            values[name] = float(scorer._compute_score_from_stats(row).score)
            if name == "ter":
                edits = float(row[0])
        return SegmentScore(values["bleu"], values["chrf"], values["ter"], edits)

    def segments(self) -> list[SegmentScore]:
        return [self.segment(i) for i in range(self.size)]


def _corpus_score(
    metric: str, score: Score, signature: str, prep: str, has_ci: bool
) -> CorpusScore:
    return CorpusScore(
        metric=metric,
        name=score.name,
        score=float(score.score),
        signature=signature,
        prep=prep,
        details=score._verbose,
        ci_mean=float(score._mean) if has_ci else None,
        ci_halfwidth=float(score._ci) if has_ci else None,
        _sacrebleu_score=score,
    )
