"""What every CTranslate2 engine shares: loading a model once, and one batched call per document.

Engines differ only in how a sentence becomes source tokens (an Argos package's SentencePiece
pieces; NLLB's language token + pieces + `</s>`), which target prefix they force, and how
output tokens become text. Everything else, the batching, sorting, decoding cap, progress and
per-process model cache, lives here once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Sequence
from pathlib import Path
from typing import Generic, TypeVar

from workbench import config
from workbench.engines.base import ProgressCallback
from workbench.errors import WorkbenchError

# Tokens per CTranslate2 sub-batch: large enough to keep both cores busy, small enough that
# a 100-sentence article does not pad every sentence to the longest one.
MAX_BATCH_TOKENS = 1024
# Decoding is capped relative to the longest source sentence so a bad model cannot run away.
DECODING_LENGTH_RATIO = 2.0
DECODING_LENGTH_SLACK = 10
DECODING_LENGTH_CEILING = 512

# One hypothesis as the model produced it: output tokens (prefix included) and score.
TokenHypothesis = tuple[list[str], float]


def load_translator(model_dir: Path, threads: int, what: str, workers: int | None = None):
    """A CPU `ctranslate2.Translator` with `workers` parallel batches of `threads` threads
    each; a broken directory raises `WorkbenchError` naming it."""
    import ctranslate2

    try:
        return ctranslate2.Translator(
            str(model_dir),
            device="cpu",
            compute_type="auto",
            inter_threads=workers or config.ct2_workers(),
            intra_threads=threads,
        )
    except (RuntimeError, OSError, ValueError) as exc:
        raise WorkbenchError(f"{model_dir}: cannot load {what} ({exc})") from exc


def load_sentencepiece(model_file: Path, what: str):
    """A SentencePiece processor; an unreadable file raises `WorkbenchError` naming it."""
    import sentencepiece

    try:
        return sentencepiece.SentencePieceProcessor(model_file=str(model_file))
    except (RuntimeError, OSError, ValueError) as exc:
        raise WorkbenchError(f"{model_file}: cannot load {what} ({exc})") from exc


def translate_tokens(
    translator,
    sentences: Sequence[str],
    encode: Callable[[str], list[str]],
    *,
    target_prefix: list[str] | None,
    n_best: int,
    beam_size: int,
    length_penalty: float,
    progress: ProgressCallback | None = None,
) -> list[list[TokenHypothesis]]:
    """Translate every sentence in one asynchronous `translate_batch` call, shortest first.

    Blank sentences are not sent to the model and come back as one empty hypothesis.
    Results are in the order of `sentences`; `progress(done, total)` follows completion.
    """
    results: list[list[TokenHypothesis]] = [[([], 0.0)] for _ in sentences]
    todo = [i for i, s in enumerate(sentences) if s.strip()]
    total = len(sentences)
    if not todo:
        if progress:
            progress(total, total)
        return results
    # A soft-wrapped sentence keeps its line breaks; the models want one line.
    tokens = {i: encode(" ".join(sentences[i].split())) for i in todo}
    todo.sort(key=lambda i: len(tokens[i]))
    longest = len(tokens[todo[-1]])
    max_len = min(
        DECODING_LENGTH_CEILING,
        int(longest * DECODING_LENGTH_RATIO) + DECODING_LENGTH_SLACK + len(target_prefix or ()),
    )
    pending = translator.translate_batch(
        [tokens[i] for i in todo],
        target_prefix=[target_prefix] * len(todo) if target_prefix else None,
        max_batch_size=MAX_BATCH_TOKENS,
        batch_type="tokens",
        asynchronous=True,
        beam_size=max(beam_size, n_best),
        num_hypotheses=n_best,
        length_penalty=length_penalty,
        max_decoding_length=max_len,
        max_input_length=0,
        return_scores=True,
        replace_unknowns=True,
    )
    done = total - len(todo)
    for i, handle in zip(todo, pending, strict=True):
        result = handle.result()
        results[i] = [
            (list(pieces), float(score))
            for pieces, score in zip(result.hypotheses, result.scores, strict=True)
        ]
        done += 1
        if progress:
            progress(done, total)
    return results


Model = TypeVar("Model")


def model_key(path: Hashable, threads: int | None) -> tuple[Hashable, int, int]:
    """A loaded model's cache key: its path and the thread layout it was loaded with."""
    return (path, threads or config.ct2_threads(), config.ct2_workers())


class ModelCache(Generic[Model]):
    """Loaded models by key, so each loads once per process (the app must not reload on rerun)."""

    def __init__(self) -> None:
        self._models: dict[Hashable, Model] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, load: Callable[[], Model]) -> Model:
        with self._lock:
            if key not in self._models:
                self._models[key] = load()
            return self._models[key]

    def clear(self) -> None:
        with self._lock:
            self._models.clear()
