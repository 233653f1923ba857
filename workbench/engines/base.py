"""The one interface every MT engine implements.

Pages, the CLI and the pipeline only see `TranslationEngine.translate_batch`; Argos packages
and NLLB directories plug in behind it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

# Called with (sentences done, sentences total) while a batch is being translated.
ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True)
class Hypothesis:
    """One MT candidate: its text and the model's length-normalized log-probability."""

    text: str
    score: float


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

        `src` and `tgt` are workbench language codes (`en`, `ur`, `fa-AF`, `ps`).
        """
        ...

    def model_id(self, src: str, tgt: str) -> str:
        """A stable id of the model(s) used for the pair, stored with every MT."""
        ...

    def covers(self, src: str, tgt: str) -> bool:
        """Whether an installed model translates the pair (the registry picks defaults by it)."""
        ...
