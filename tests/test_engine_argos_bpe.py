"""Argos packages with a BPE tokenizer (`bpe.model`: Moses tokenization + BPE, as packages
converted from OPUS-MT ship) translate like SentencePiece ones."""

from __future__ import annotations

import json
import shutil

import pytest

from workbench.engines import argos
from workbench.engines.argos import ArgosEngine, ArgosPackageInfo, find_route
from workbench.engines.tokenizers import MosesBpeTokenizer
from workbench.errors import WorkbenchError

SENTENCES = [
    "He said cross-border attacks from Afghanistan were unacceptable.",
    "Around 1.2 million Afghan refugees have been repatriated so far.",
    "The Taliban promised to take steps to effectively 'contain' the TTP.",
]


pytestmark = pytest.mark.usefixtures("fresh_argos_models")


@pytest.fixture
def bpe_package(make_argos_package):
    """The en→ur copy model with `bpe.model` instead of `sentencepiece.model`, installed."""
    return make_argos_package("en", "ur", "copy", tokenizer="bpe")


def test_a_bpe_package_is_a_usable_package(bpe_package):
    assert (bpe_package / "bpe.model").exists()
    assert not (bpe_package / "sentencepiece.model").exists()
    info = ArgosPackageInfo.from_dir(bpe_package)
    assert (info.from_code, info.to_code) == ("en", "ur")
    assert ArgosEngine().covers("en", "ur")


def test_a_bpe_package_tokenizes_with_moses_and_bpe(bpe_package):
    [route] = find_route("en", "ur")
    tokenizer = argos.load_model(route).tokenizer
    assert isinstance(tokenizer, MosesBpeTokenizer)
    assert tokenizer.encode("attacks.")[-1] == "."  # Moses splits punctuation off words
    assert any(t.endswith("@@") for t in tokenizer.encode("unacceptably"))


def test_moses_normalizes_typographic_quotes_as_the_model_was_trained(bpe_package):
    [[best]] = ArgosEngine().translate_batch(["They ‘contain’ it."], "en", "ur")
    assert best.text == "They 'contain' it."


def test_the_copy_model_gives_every_sentence_back_through_bpe(bpe_package):
    result = ArgosEngine().translate_batch(SENTENCES, "en", "ur")
    assert [hyps[0].text for hyps in result] == SENTENCES


def test_a_package_with_no_tokenizer_is_refused_naming_both_files(bpe_package, tmp_path):
    broken = tmp_path / "translate-en_ur-broken"
    shutil.copytree(bpe_package, broken)
    (broken / "bpe.model").unlink()
    with pytest.raises(WorkbenchError, match=r"lacks sentencepiece\.model or bpe\.model"):
        ArgosPackageInfo.from_dir(broken)


def test_malformed_bpe_codes_are_refused_with_file_and_line(bpe_package, tmp_path):
    broken = tmp_path / "translate-en_ur-badbpe"
    shutil.copytree(bpe_package, broken)
    codes = (broken / "bpe.model").read_text(encoding="utf-8").splitlines()
    codes[3] = "three units here"
    (broken / "bpe.model").write_text("\n".join(codes) + "\n", encoding="utf-8")
    meta = json.loads((broken / "metadata.json").read_text(encoding="utf-8"))
    info = ArgosPackageInfo.from_dir(broken)
    assert info.from_code == meta["from_code"]
    with pytest.raises(WorkbenchError, match=rf"^{broken / 'bpe.model'}:4: not a BPE merge"):
        argos.LoadedModel(info, threads=1)
