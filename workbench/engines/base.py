"""The one interface every MT engine implements.

Pages, the CLI and the pipeline only see `TranslationEngine.translate_batch`; Argos packages
and NLLB directories plug in behind it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from workbench.errors import WorkbenchError

# Called with (sentences done, sentences total) while a batch is being translated.
ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True)
class Hypothesis:
    """One MT candidate: its text and the model's length-normalized log-probability."""

    text: str
    score: float
    # How many parts the source was translated in: more than 1 when it was longer than the
    # model can read and was cut at clause boundaries (QA flags it `long-segment`).
    parts: int = 1


class TranslatedBatch(list):
    """What `translate_batch` returns: per sentence, its hypotheses (this is that list).

    `failures` maps the position of each sentence the model could not translate (it has no
    hypotheses) to a one-line error naming it; every other sentence is translated.
    """

    def __init__(
        self,
        results: Sequence[Sequence[Hypothesis]],
        failures: dict[int, WorkbenchError] | None = None,
    ):
        super().__init__(list(hyps) for hyps in results)
        self.failures: dict[int, WorkbenchError] = dict(failures or {})


@runtime_checkable
class TranslationEngine(Protocol):
    """Translates a whole document's sentences in one go."""

    name: str

    def translate_batch(
        self,
        sentences: Sequence[str],
        src: str,
        tgt: str,
        n_best: int = 1,
        progress: ProgressCallback | None = None,
    ) -> list[list[Hypothesis]]:
        """Return, for each sentence in order, up to `n_best` hypotheses, best first.

        One sentence the model fails on must not lose the others: it gets no hypotheses,
        and the result (a `TranslatedBatch`) names it in `failures`.

        `src` and `tgt` are workbench language codes (`en`, `ur`, `fa-AF`, `ps`).
        """
        ...

    def model_id(self, src: str, tgt: str) -> str:
        """A stable id of the model(s) used for the pair, stored with every MT."""
        ...

    def covers(self, src: str, tgt: str) -> bool:
        """Whether an installed model translates the pair (the registry picks defaults by it)."""
        ...
