"""What every CTranslate2 engine shares: loading a model once, and one batched call per document.

Engines differ only in how a sentence becomes source tokens (an Argos package's SentencePiece
pieces; NLLB's language token + pieces + `</s>`), which target prefix they force, and how
output tokens become text. Everything else, the batching, sorting, decoding cap, progress and
per-process model cache, lives here once.
"""

from __future__ import annotations

import functools
import struct
import threading
from collections.abc import Callable, Hashable, Sequence
from pathlib import Path
from typing import Generic, TypeVar

from workbench import config
from workbench.engines import long_input
from workbench.engines.base import ProgressCallback
from workbench.errors import WorkbenchError

# Tokens per CTranslate2 sub-batch: large enough to keep both cores busy, small enough that
# a 100-sentence article does not pad every sentence to the longest one.
MAX_BATCH_TOKENS = 1024
# Decoding is capped relative to the longest source sentence so a bad model cannot run away.
DECODING_LENGTH_RATIO = 2.0
DECODING_LENGTH_SLACK = 10
DECODING_LENGTH_CEILING = 512
# Models without a position table (sinusoidal positions) can take any length; past
# CTranslate2's own default input limit a sentence is cut like one that overflows a table.
DEFAULT_MAX_POSITIONS = 1024
# Source positions kept free for the tokens CTranslate2 adds itself (`<s>`, `</s>`).
SOURCE_RESERVE = 2

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


class TokenResults(list):
    """Per sentence, its hypotheses as output tokens (a list, in the order of the sentences).

    `parts[i]` says how many parts sentence i was translated in (more than 1 when it was
    longer than the model takes); `failures[i]` holds the one-line error of a sentence the
    model could not translate (its hypotheses are then empty), so the others are not lost.
    """

    def __init__(self, results: list[list[TokenHypothesis]], parts: list[int], failures):
        super().__init__(results)
        self.parts = parts
        self.failures: dict[int, WorkbenchError] = failures


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
    max_positions: int | None = None,
) -> TokenResults:
    """Translate every sentence in one asynchronous `translate_batch` call, shortest first.

    Blank sentences are not sent to the model and come back as one empty hypothesis. A
    sentence longer than the model's position table (`max_positions`, default
    `DEFAULT_MAX_POSITIONS`) is cut at clause boundaries, its parts translated in the same
    call and their outputs joined. Decoding stays within the table too. A sentence the model
    still fails on gets no hypotheses and an entry in `failures`; the others are translated.
    Results are in the order of `sentences`; `progress(done, total)` follows completion.
    """
    limit = max_positions or DEFAULT_MAX_POSITIONS
    budget = max(1, limit - SOURCE_RESERVE)
    results: list[list[TokenHypothesis]] = [[([], 0.0)] for _ in sentences]
    parts = [1] * len(sentences)
    failures: dict[int, WorkbenchError] = {}
    todo = [i for i, s in enumerate(sentences) if s.strip()]
    total = len(sentences)
    if not todo:
        if progress:
            progress(total, total)
        return TokenResults(results, parts, failures)
    units: list[tuple[int, list[str]]] = []  # (sentence, source tokens of one part)
    units_of: dict[int, list[int]] = {}
    for i in todo:
        # A soft-wrapped sentence keeps its line breaks; the models want one line.
        line = " ".join(sentences[i].split())
        tokens = encode(line)
        if len(tokens) <= budget:
            pieces_tokens = [tokens]
        else:
            pieces = long_input.split_to_fit(line, lambda t: len(encode(t)), budget)
            pieces_tokens = [encode(piece) for piece in pieces]
            parts[i] = len(pieces)
        units_of[i] = list(range(len(units), len(units) + len(pieces_tokens)))
        units.extend((i, t) for t in pieces_tokens)
    order = sorted(range(len(units)), key=lambda u: len(units[u][1]))
    longest = len(units[order[-1]][1])
    max_len = min(
        DECODING_LENGTH_CEILING,
        limit - 1,
        int(longest * DECODING_LENGTH_RATIO) + DECODING_LENGTH_SLACK + len(target_prefix or ()),
    )
    options = dict(
        max_batch_size=MAX_BATCH_TOKENS,
        batch_type="tokens",
        beam_size=max(beam_size, n_best),
        num_hypotheses=n_best,
        length_penalty=length_penalty,
        max_decoding_length=max_len,
        max_input_length=0,
        return_scores=True,
        replace_unknowns=True,
    )
    pending = translator.translate_batch(
        [units[u][1] for u in order],
        target_prefix=[target_prefix] * len(order) if target_prefix else None,
        asynchronous=True,
        **options,
    )
    unit_hyps: dict[int, list[TokenHypothesis]] = {}
    remaining = {i: parts[i] for i in todo}
    done = total - len(todo)
    for u, handle in zip(order, pending, strict=True):
        sentence = units[u][0]
        try:
            unit_hyps[u] = _hypotheses(handle.result())
        except RuntimeError:
            # One bad input fails its whole sub-batch: translate this one alone to tell.
            try:
                unit_hyps[u] = _translate_alone(translator, units[u][1], target_prefix, options)
            except RuntimeError as exc:
                failures[sentence] = WorkbenchError(
                    f"segment {sentence + 1}: the model could not translate it "
                    f"({' '.join(str(exc).split())})"
                )
        remaining[sentence] -= 1
        if remaining[sentence] == 0:
            done += 1
            if progress:
                progress(done, total)
    for i in todo:
        if i in failures:
            results[i] = []
        elif parts[i] == 1:
            results[i] = unit_hyps[units_of[i][0]]
        else:
            results[i] = _join([unit_hyps[u] for u in units_of[i]], target_prefix, n_best)
    return TokenResults(results, parts, failures)


def _hypotheses(result) -> list[TokenHypothesis]:
    return [
        (list(pieces), float(score))
        for pieces, score in zip(result.hypotheses, result.scores, strict=True)
    ]


def _translate_alone(
    translator, tokens: list[str], target_prefix, options
) -> list[TokenHypothesis]:
    [result] = translator.translate_batch(
        [tokens], target_prefix=[target_prefix] if target_prefix else None, **options
    )
    return _hypotheses(result)


def _join(
    part_hyps: list[list[TokenHypothesis]], target_prefix: list[str] | None, n_best: int
) -> list[TokenHypothesis]:
    """The parts' outputs end to end: the k-th hypothesis joins each part's k-th (or its last);
    the prefix is kept once; the score is the parts' mean."""
    prefix = list(target_prefix or ())
    joined: list[TokenHypothesis] = []
    for k in range(max(1, min(n_best, max(len(h) for h in part_hyps)))):
        tokens: list[str] = []
        scores = []
        for n, hyps in enumerate(part_hyps):
            pieces, score = hyps[min(k, len(hyps) - 1)]
            if n and prefix and pieces[: len(prefix)] == prefix:
                pieces = pieces[len(prefix) :]
            tokens.extend(pieces)
            scores.append(score)
        joined.append((tokens, sum(scores) / len(scores)))
    return joined


def position_limit(model_dir: Path) -> int | None:
    """How many positions the model's position tables hold (the longest sequence it can
    read or write), from `model.bin`; None when it has no table (sinusoidal positions) or the
    file cannot be read as one."""
    path = Path(model_dir) / "model.bin"
    stat = path.stat()
    return _position_limit(str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=16)
def _position_limit(path: str, _mtime: int, _size: int) -> int | None:
    """Reads only the variable headers of model.bin (see ctranslate2.specs.ModelSpec._serialize)
    and seeks over the weights, so a 2 GB model takes a moment."""
    rows: list[int] = []
    try:
        with open(path, "rb") as fh:
            _unpack(fh, "I")  # binary version
            _read_string(fh)  # spec name
            _unpack(fh, "I")  # revision
            for _ in range(_unpack(fh, "I")):
                name = _read_string(fh)
                rank = _unpack(fh, "B")
                shape = struct.unpack(f"<{rank}I", fh.read(4 * rank)) if rank else ()
                _unpack(fh, "B")  # dtype
                fh.seek(_unpack(fh, "I"), 1)
                if name.endswith("position_encodings/encodings") and shape:
                    rows.append(shape[0])
    except (OSError, struct.error, UnicodeDecodeError, ValueError):
        # A layout this reader does not know (another binary version): loading the model
        # says what is wrong if anything is; here the limit is just unknown.
        return None
    return min(rows) if rows else None


def _unpack(fh, fmt: str) -> int:
    size = struct.calcsize(f"<{fmt}")
    return struct.unpack(f"<{fmt}", fh.read(size))[0]


def _read_string(fh) -> str:
    length = _unpack(fh, "H")
    return fh.read(length)[:-1].decode("utf-8")


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
