"""Argos Translate packages run directly on CTranslate2, one batched call per document.

We use Argos only for its packages (metadata, tokenizer, CTranslate2 model), not
for `argostranslate.translate`: in 1.11 that runs its own sentence splitter (which downloads
resources at first use and fails offline), translates sentence by sentence, and corrupts
`target_prefix` handling by turning `_` into spaces before stripping the prefix.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from workbench import config
from workbench.engines import ct2, tokenizers
from workbench.engines.base import Hypothesis, ProgressCallback, TranslatedBatch
from workbench.errors import MissingModelError, WorkbenchError
from workbench.languages import ENGLISH, get_language

# Argos Translate's own decoding settings, so output matches what users know.
LENGTH_PENALTY = 0.2


@dataclass(frozen=True)
class ArgosPackageInfo:
    """An installed Argos package, read from its metadata without loading the model."""

    path: Path
    from_code: str
    to_code: str
    version: str
    target_prefix: str

    @property
    def model_id(self) -> str:
        return f"argos:translate-{self.from_code}_{self.to_code}@{self.version or '0'}"

    @classmethod
    def from_dir(cls, path: Path) -> ArgosPackageInfo:
        """Read a package directory; a broken one raises `WorkbenchError` naming the problem."""
        meta_path = path / "metadata.json"
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise WorkbenchError(f"{path}: not an Argos package (no metadata.json)") from exc
        except (OSError, ValueError) as exc:
            raise WorkbenchError(f"{meta_path}: unreadable metadata ({exc})") from exc
        missing = [] if (path / "model").exists() else ["model"]
        if not any((path / name).exists() for name in tokenizers.TOKENIZER_FILES):
            missing.append(" or ".join(tokenizers.TOKENIZER_FILES))
        if missing:
            raise WorkbenchError(f"{path}: Argos package lacks {', '.join(missing)}")
        if not meta.get("from_code") or not meta.get("to_code"):
            raise WorkbenchError(f"{meta_path}: metadata has no from_code/to_code")
        return cls(
            path=path,
            from_code=str(meta["from_code"]),
            to_code=str(meta["to_code"]),
            version=str(meta.get("package_version", "")),
            target_prefix=str(meta.get("target_prefix") or ""),
        )


def argos_package_dirs() -> list[Path]:
    """Where Argos looks for installed packages (its settings, read at its import)."""
    from argostranslate import settings

    return [Path(p) for p in settings.package_dirs]


def installed_packages() -> tuple[list[ArgosPackageInfo], list[str]]:
    """All installed translation packages, plus one message per broken package directory."""
    packages: list[ArgosPackageInfo] = []
    problems: list[str] = []
    for root in argos_package_dirs():
        if not root.is_dir():
            continue
        for child in sorted(root.iterdir()):
            if not child.is_dir():
                continue
            meta_path = child / "metadata.json"
            if meta_path.exists():
                try:
                    meta = json.loads(meta_path.read_text(encoding="utf-8"))
                except (OSError, ValueError):
                    meta = {}
                if meta.get("type", "translate") != "translate":
                    continue  # sentence-boundary packages and the like
            try:
                packages.append(ArgosPackageInfo.from_dir(child))
            except WorkbenchError as exc:
                problems.append(str(exc))
    return packages, problems


def find_route(src: str, tgt: str) -> list[ArgosPackageInfo]:
    """The packages that translate src to tgt: a direct one, or two legs through English."""
    src_code = get_language(src).argos_code
    tgt_code = get_language(tgt).argos_code
    packages, _ = installed_packages()
    by_pair = {(p.from_code, p.to_code): p for p in packages}
    if (src_code, tgt_code) in by_pair:
        return [by_pair[(src_code, tgt_code)]]
    pivot = ENGLISH.argos_code
    if pivot not in (src_code, tgt_code):
        first, second = by_pair.get((src_code, pivot)), by_pair.get((pivot, tgt_code))
        if first and second:
            return [first, second]
    raise MissingModelError(missing_model_message(src, tgt))


def missing_model_message(src: str, tgt: str) -> str:
    return f"no Argos model for {src} → {tgt} is installed: {install_hint(src, tgt)}"


def install_hint(src: str, tgt: str) -> str:
    """How to install the Argos package for the pair, online or from a file."""
    src_code = get_language(src).argos_code
    tgt_code = get_language(tgt).argos_code
    return (
        f"run `workbench packages install {src_code} {tgt_code}` when online, or "
        f"`workbench packages install translate-{src_code}_{tgt_code}.argosmodel` with a "
        "downloaded file"
    )


class LoadedModel:
    """A package's CTranslate2 translator and tokenizer, loaded once."""

    def __init__(self, info: ArgosPackageInfo, threads: int):
        self.info = info
        self.translator = ct2.load_translator(info.path / "model", threads, "Argos model")
        self.tokenizer = tokenizers.load_argos_tokenizer(info.path, info.from_code, info.to_code)
        self.max_positions = ct2.position_limit(info.path / "model")

    @property
    def sp(self):
        """The SentencePiece processor (SentencePiece packages only)."""
        return self.tokenizer.processor

    def translate(
        self,
        sentences: Sequence[str],
        n_best: int,
        beam_size: int,
        progress: ProgressCallback | None = None,
    ) -> TranslatedBatch:
        """Translate every sentence in one batched call (see `ct2.translate_tokens`)."""
        prefix = [self.info.target_prefix] if self.info.target_prefix else None
        raw = ct2.translate_tokens(
            self.translator,
            sentences,
            self.tokenizer.encode,
            target_prefix=prefix,
            n_best=n_best,
            beam_size=beam_size,
            length_penalty=LENGTH_PENALTY,
            progress=progress,
            max_positions=self.max_positions,
        )
        return TranslatedBatch(
            [
                [Hypothesis(self._detokenize(p), s, parts) for p, s in hyps]
                for hyps, parts in zip(raw, raw.parts, strict=True)
            ],
            raw.failures,
        )

    def _detokenize(self, pieces: list[str]) -> str:
        if self.info.target_prefix and pieces and pieces[0] == self.info.target_prefix:
            pieces = pieces[1:]
        return self.tokenizer.decode(pieces).strip()


_cache: ct2.ModelCache[LoadedModel] = ct2.ModelCache()


def load_model(info: ArgosPackageInfo, threads: int | None = None) -> LoadedModel:
    """Load a package once per process (keyed by path and thread count)."""
    key = ct2.model_key(info.path.resolve(), threads)
    return _cache.get(key, lambda: LoadedModel(info, key[1]))


def clear_model_cache() -> None:
    """Forget loaded models (after installing or removing packages)."""
    _cache.clear()


class ArgosEngine:
    """Installed Argos packages, with pivoting through English when only two legs exist."""

    name = "argos"

    def __init__(self, threads: int | None = None, beam_size: int | None = None):
        self.threads = threads or config.ct2_threads()
        self.beam_size = beam_size or config.beam_size()

    def covers(self, src: str, tgt: str) -> bool:
        try:
            find_route(src, tgt)
        except MissingModelError:
            return False
        return True

    def model_id(self, src: str, tgt: str) -> str:
        return " + ".join(p.model_id for p in find_route(src, tgt))

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
        route = find_route(src, tgt)
        models = [load_model(info, self.threads) for info in route]
        if len(models) == 1:
            return models[0].translate(sentences, n_best, self.beam_size, progress)
        # Pivot: the best pivot sentence goes on to the second leg, whose n-best we keep;
        # scores add up so hypotheses stay comparable across the two legs.
        total = len(sentences)

        def leg_progress(offset: int) -> ProgressCallback | None:
            if progress is None:
                return None
            return lambda done, _n: progress((offset + done) // 2, total)

        pivot = models[0].translate(sentences, 1, self.beam_size, leg_progress(0))
        final = models[1].translate(
            [hyps[0].text if hyps else "" for hyps in pivot],
            n_best,
            self.beam_size,
            leg_progress(total),
        )
        failures = {**final.failures, **pivot.failures}
        return TranslatedBatch(
            [
                []
                if i in failures
                else [
                    Hypothesis(h.text, h.score + first[0].score, max(h.parts, first[0].parts))
                    for h in hyps
                ]
                for i, (first, hyps) in enumerate(zip(pivot, final, strict=True))
            ],
            failures,
        )
