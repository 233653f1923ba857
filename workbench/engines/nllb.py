"""NLLB-200 converted to CTranslate2: Pashto and Dari, which no Argos package covers well.

Token conventions, checked against the CTranslate2 Transformers guide (it feeds the converted
model what Hugging Face's `NllbTokenizer` returns) and the transformers NLLB docs:

- Source: `[src_lang] + pieces + ["</s>"]`, e.g. `["eng_Latn", "▁Hello", "▁world", "</s>"]`.
  `NllbTokenizer` has produced this since transformers 4.29 (April 2023) because the NLLB
  paper prefixes the source with its language; the older `pieces + ["</s>", src_lang]` was a
  tokenizer bug. CTranslate2 adds no special tokens to converted Transformers models
  (`add_source_bos`/`add_source_eos` are false in the converted `config.json`), so we add both.
- Target: decoding starts from `</s>` (the converter's `decoder_start_token`) and the target
  language is forced with `target_prefix=[["pbt_Arab"]]`; the output starts with that token,
  which we strip along with any other special or language token.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from workbench import config
from workbench.engines import ct2, engine_settings
from workbench.engines.base import Hypothesis, ProgressCallback, TranslatedBatch
from workbench.errors import InputError, MissingModelError, WorkbenchError
from workbench.languages import ENGLISH, LANGUAGES, TARGETS, get_language

SENTENCEPIECE_FILE = "sentencepiece.bpe.model"
MODEL_FILES = ("model.bin", "config.json")
SOURCE_END = "</s>"
# Tokens that are never text: NLLB's fairseq specials. Language tokens are matched by shape.
SPECIAL_TOKENS = frozenset({"<s>", "</s>", "<pad>", "<unk>", "<mask>"})
LANGUAGE_TOKEN = re.compile(r"^[a-z]{3}_[A-Z][a-z]{3}$")
# CTranslate2's and Hugging Face's default for NLLB (Argos packages use 0.2).
LENGTH_PENALTY = 1.0
SETUP_HINT = (
    "convert facebook/nllb-200-distilled-600M once when online (README, 'NLLB-200') and run "
    "`workbench packages add-nllb DIR`"
)


def source_tokens(pieces: Sequence[str], src_token: str) -> list[str]:
    """NLLB's source sequence: language token, SentencePiece pieces, end of sentence."""
    return [src_token, *pieces, SOURCE_END]


def text_tokens(tokens: Sequence[str], tgt_token: str) -> list[str]:
    """The output tokens that are text: the forced prefix and special tokens dropped."""
    if tokens and tokens[0] == tgt_token:
        tokens = tokens[1:]
    return [t for t in tokens if t not in SPECIAL_TOKENS and not LANGUAGE_TOKEN.match(t)]


@dataclass(frozen=True)
class NllbModelInfo:
    """A checked NLLB model directory and the workbench languages its vocabulary has tokens for."""

    path: Path
    source_languages: frozenset[str]  # workbench codes usable as source
    target_languages: frozenset[str]  # workbench codes usable as target

    @property
    def model_id(self) -> str:
        return f"nllb:{self.path.name}"

    def covers(self, src: str, tgt: str) -> bool:
        return (
            get_language(src).code in self.source_languages
            and get_language(tgt).code in self.target_languages
        )

    @classmethod
    def from_dir(cls, path: Path) -> NllbModelInfo:
        """Check a directory; anything missing raises `WorkbenchError` naming what it is."""
        path = Path(path).expanduser().resolve()
        if not path.is_dir():
            raise InputError("not a directory", path=str(path))
        stamp = tuple((p.name, p.stat().st_mtime_ns) for p in sorted(path.iterdir()) if p.is_file())
        return _read_model_dir(path, stamp)


@functools.lru_cache(maxsize=8)
def _read_model_dir(path: Path, _stamp: tuple) -> NllbModelInfo:
    """Read once per directory state: a 256k-token vocabulary is slow to parse on every rerun."""
    missing = [name for name in (*MODEL_FILES, SENTENCEPIECE_FILE) if not (path / name).is_file()]
    source_vocab = _find_vocabulary(path, "source")
    target_vocab = _find_vocabulary(path, "target")
    if source_vocab is None or target_vocab is None:
        missing.append("shared_vocabulary.json (or source_/target_vocabulary.json)")
    if missing:
        hint = ""
        if SENTENCEPIECE_FILE in missing:
            hint = (
                f"; copy {SENTENCEPIECE_FILE} from the Hugging Face model "
                f"(ct2-transformers-converter --copy_files {SENTENCEPIECE_FILE})"
            )
        raise WorkbenchError(
            f"{path}: not a CTranslate2 NLLB-200 model directory: missing "
            f"{', '.join(missing)}{hint}"
        )
    assert source_vocab is not None and target_vocab is not None
    source = _languages_in(_read_vocabulary(source_vocab))
    target = (
        source if target_vocab == source_vocab else _languages_in(_read_vocabulary(target_vocab))
    )
    if ENGLISH.code not in source:
        raise WorkbenchError(
            f"{source_vocab}: no {ENGLISH.nllb_code} token in the vocabulary; not an NLLB-200 model"
        )
    if not any(lang.code in target for lang in TARGETS):
        tokens = ", ".join(lang.nllb_code for lang in TARGETS)
        raise WorkbenchError(
            f"{target_vocab}: none of the target language tokens ({tokens}) is in the "
            "vocabulary; not an NLLB-200 model"
        )
    ct2.load_sentencepiece(path / SENTENCEPIECE_FILE, "NLLB SentencePiece model")
    return NllbModelInfo(path, frozenset(source), frozenset(target))


def _find_vocabulary(path: Path, side: str) -> Path | None:
    for stem in ("shared_vocabulary", f"{side}_vocabulary"):
        for suffix in (".json", ".txt"):
            if (path / f"{stem}{suffix}").is_file():
                return path / f"{stem}{suffix}"
    return None


def _read_vocabulary(file: Path) -> set[str]:
    """CTranslate2 writes a JSON list (4.x) or one token per line (3.x)."""
    try:
        text = file.read_text(encoding="utf-8")
        if file.suffix == ".json":
            tokens = json.loads(text)
            if not isinstance(tokens, list):
                raise ValueError("expected a JSON list of tokens")
            return {str(t) for t in tokens}
        return set(text.splitlines())
    except (OSError, ValueError) as exc:
        raise WorkbenchError(f"{file}: unreadable vocabulary ({exc})") from exc


def _languages_in(vocabulary: set[str]) -> set[str]:
    return {lang.code for lang in LANGUAGES.values() if lang.nllb_code in vocabulary}


def registered_model() -> NllbModelInfo | None:
    """The NLLB model registered with `packages add-nllb`, checked; None when none is."""
    path = engine_settings.nllb_dir()
    if path is None:
        return None
    try:
        return NllbModelInfo.from_dir(path)
    except WorkbenchError as exc:
        raise WorkbenchError(
            f"the registered NLLB model is not usable ({exc}); run "
            "`workbench packages add-nllb DIR` again"
        ) from exc


def register(path: Path) -> NllbModelInfo:
    """Check a directory and record it in the engine settings (replacing any earlier one)."""
    info = NllbModelInfo.from_dir(path)
    engine_settings.set_nllb_dir(info.path)
    clear_model_cache()
    return info


class LoadedNllbModel:
    """The CTranslate2 translator and SentencePiece model of one NLLB directory."""

    def __init__(self, info: NllbModelInfo, threads: int):
        self.info = info
        self.translator = ct2.load_translator(info.path, threads, "NLLB model")
        self.sp = ct2.load_sentencepiece(info.path / SENTENCEPIECE_FILE, "NLLB tokenizer")
        self.max_positions = ct2.position_limit(info.path)

    def translate_tokens(
        self,
        sentences: Sequence[str],
        src: str,
        tgt: str,
        n_best: int,
        beam_size: int,
        progress: ProgressCallback | None = None,
    ) -> ct2.TokenResults:
        """Raw output tokens, target prefix included, in one batched call."""
        src_token = get_language(src).nllb_code
        return ct2.translate_tokens(
            self.translator,
            sentences,
            lambda sentence: source_tokens(self.sp.encode(sentence, out_type=str), src_token),
            target_prefix=[get_language(tgt).nllb_code],
            n_best=n_best,
            beam_size=beam_size,
            length_penalty=LENGTH_PENALTY,
            progress=progress,
            max_positions=self.max_positions,
        )

    def translate(
        self,
        sentences: Sequence[str],
        src: str,
        tgt: str,
        n_best: int,
        beam_size: int,
        progress: ProgressCallback | None = None,
    ) -> TranslatedBatch:
        tgt_token = get_language(tgt).nllb_code
        raw = self.translate_tokens(sentences, src, tgt, n_best, beam_size, progress)
        return TranslatedBatch(
            [
                [
                    Hypothesis(self.sp.decode_pieces(text_tokens(t, tgt_token)).strip(), s, parts)
                    for t, s in hyps
                ]
                for hyps, parts in zip(raw, raw.parts, strict=True)
            ],
            raw.failures,
        )


_cache: ct2.ModelCache[LoadedNllbModel] = ct2.ModelCache()


def load_model(info: NllbModelInfo, threads: int | None = None) -> LoadedNllbModel:
    """Load a directory once per process (keyed by path and thread count)."""
    key = ct2.model_key(info.path, threads)
    return _cache.get(key, lambda: LoadedNllbModel(info, key[1]))


def clear_model_cache() -> None:
    _cache.clear()


class NllbEngine:
    """The registered NLLB-200 directory, for every pair whose language tokens it has."""

    name = "nllb"

    def __init__(self, threads: int | None = None, beam_size: int | None = None):
        self.threads = threads or config.ct2_threads()
        self.beam_size = beam_size or config.beam_size()

    def covers(self, src: str, tgt: str) -> bool:
        try:
            info = registered_model()
        except WorkbenchError:
            return False
        return info is not None and info.covers(src, tgt)

    def model_id(self, src: str, tgt: str) -> str:
        return self._model_for(src, tgt).model_id

    def translate_batch(
        self,
        sentences: Sequence[str],
        src: str,
        tgt: str,
        n_best: int = 1,
        progress: ProgressCallback | None = None,
    ) -> TranslatedBatch:
        if n_best < 1:
            raise WorkbenchError(f"n_best must be at least 1, got {n_best}")
        model = load_model(self._model_for(src, tgt), self.threads)
        return model.translate(sentences, src, tgt, n_best, self.beam_size, progress)

    def _model_for(self, src: str, tgt: str) -> NllbModelInfo:
        info = registered_model()
        if info is None:
            raise MissingModelError(f"no NLLB-200 model is registered: {SETUP_HINT}")
        if not info.covers(src, tgt):
            src_lang, tgt_lang = get_language(src), get_language(tgt)
            raise MissingModelError(
                f"the NLLB model at {info.path} has no language token for "
                f"{src_lang.code} ({src_lang.nllb_code}) → {tgt_lang.code} ({tgt_lang.nllb_code})"
            )
        return info
