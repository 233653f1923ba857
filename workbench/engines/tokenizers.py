"""How an Argos package turns a sentence into tokens and tokens back into text.

Argos packages carry either a SentencePiece model (`sentencepiece.model`) or, when converted
from older OpenNMT/OPUS-MT models, a BPE codes file (`bpe.model`) applied after Moses
tokenization. Both work the way argostranslate 1.11 runs them (`argostranslate.tokenizer`):
BPE packages get Moses punctuation normalization and tokenization in the source language,
subword-nmt's BPE with the `@@` separator, and Moses detokenization in the target language.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from workbench.engines import ct2
from workbench.errors import WorkbenchError

SENTENCEPIECE_FILE = "sentencepiece.model"
BPE_FILE = "bpe.model"
TOKENIZER_FILES = (SENTENCEPIECE_FILE, BPE_FILE)
BPE_SEPARATOR = "@@"


class Tokenizer(Protocol):
    def encode(self, text: str) -> list[str]: ...

    def decode(self, tokens: list[str]) -> str: ...


class SentencePieceTokenizer:
    def __init__(self, model_file: Path, what: str):
        self.processor = ct2.load_sentencepiece(model_file, what)

    def encode(self, text: str) -> list[str]:
        return self.processor.encode(text, out_type=str)

    def decode(self, tokens: list[str]) -> str:
        return self.processor.decode_pieces(tokens)


class MosesBpeTokenizer:
    """Moses normalization and tokenization, then BPE; Moses detokenization on the way back."""

    def __init__(self, codes_file: Path, source_lang: str, target_lang: str):
        from argostranslate.apply_bpe import BPE
        from sacremoses import MosesDetokenizer, MosesPunctNormalizer, MosesTokenizer

        _check_bpe_codes(codes_file)
        try:
            with codes_file.open(encoding="utf-8") as fh:
                self.bpe = BPE(fh, separator=BPE_SEPARATOR)
        except (OSError, UnicodeDecodeError, ValueError, SystemExit) as exc:
            raise WorkbenchError(f"{codes_file}: cannot load the BPE codes ({exc})") from None
        self.normalizer = MosesPunctNormalizer(source_lang)
        self.tokenizer = MosesTokenizer(source_lang)
        self.detokenizer = MosesDetokenizer(target_lang)

    def encode(self, text: str) -> list[str]:
        words = self.tokenizer.tokenize(self.normalizer.normalize(text))
        return self.bpe.segment_tokens([w for w in words if w])

    def decode(self, tokens: list[str]) -> str:
        words = " ".join(tokens).replace(f"{BPE_SEPARATOR} ", "").split()
        return self.detokenizer.detokenize(words)


def _check_bpe_codes(codes_file: Path) -> None:
    """Refuse a malformed codes file with file:line (subword-nmt would exit the process)."""
    try:
        lines = codes_file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise WorkbenchError(f"{codes_file}: cannot read the BPE codes ({exc})") from None
    for number, line in enumerate(lines, 1):
        if number == 1 and line.startswith("#version:"):
            continue
        if len(line.strip("\r\n ").split(" ")) != 2:
            raise WorkbenchError(
                f"{codes_file}:{number}: not a BPE merge (two subword units separated by a space)"
            )


def load_argos_tokenizer(package_dir: Path, source_lang: str, target_lang: str) -> Tokenizer:
    """The package's tokenizer: SentencePiece if it has one, else Moses + BPE."""
    if (package_dir / SENTENCEPIECE_FILE).exists():
        return SentencePieceTokenizer(package_dir / SENTENCEPIECE_FILE, "Argos tokenizer")
    if (package_dir / BPE_FILE).exists():
        return MosesBpeTokenizer(package_dir / BPE_FILE, source_lang, target_lang)
    raise WorkbenchError(f"{package_dir}: Argos package lacks {' or '.join(TOKENIZER_FILES)}")
