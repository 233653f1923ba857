"""The test infrastructure itself: tiny Argos packages, isolated dirs, the network guard."""

from __future__ import annotations

import json
import os
import socket
import threading
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

import pytest

from tests.conftest import SESSION_DIR
from tests.fixtures import network
from tests.fixtures.argos_package import (
    EOS,
    SPECIAL_TOKENS,
    _train_sentencepiece,
    build_argos_package,
    ct2_vocabulary,
    pad_sentencepiece,
    sample_sentences,
    train_sentencepiece,
)

# Short and long, with digits, punctuation and typographic quotes.
SENTENCES = [
    "New low in Pak-Afghan ties",
    "He said cross-border attacks from Afghanistan were unacceptable.",
    "In April 2024, 17 people (aged 18–65) were killed; 3,250 fled.",
    "“Why?” asked the minister — twice! Then: 42% agreed, 7.5% didn’t.",
    "a",
]


def _long_sentence(min_pieces: int, sp) -> str:
    words: list[str] = []
    text = " ".join(sample_sentences())
    for word in text.split():
        words.append(word)
        if len(sp.encode(" ".join(words))) >= min_pieces:
            break
    return " ".join(words)


@pytest.fixture(scope="module")
def copy_translator(make_argos_package):
    import ctranslate2
    import sentencepiece

    path = make_argos_package("en", "ur", "copy")
    translator = ctranslate2.Translator(str(path / "model"), intra_threads=1)
    sp = sentencepiece.SentencePieceProcessor(model_file=str(path / "sentencepiece.model"))
    return translator, sp


# --------------------------------------------------------------------------- isolation


def test_data_dirs_are_private_to_the_session():
    for name in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        assert Path(os.environ[name]).is_relative_to(SESSION_DIR), name
    from argostranslate import settings

    assert Path(settings.package_data_dir) == Path(os.environ["ARGOS_PACKAGES_DIR"])
    assert Path(settings.package_data_dir).is_relative_to(SESSION_DIR)
    assert Path(settings.cache_dir).is_relative_to(SESSION_DIR)
    assert settings.chunk_type == settings.ChunkType.SPACY


def test_workbench_database_is_a_temp_file():
    from workbench import config

    assert config.database_url() == f"sqlite:///{SESSION_DIR / 'workbench.db'}"


# --------------------------------------------------------------------------- SentencePiece


def test_sentencepiece_training_is_deterministic_and_sized():
    import sentencepiece

    args = (tuple(sample_sentences()), 500, ("__ur__",))
    first = _train_sentencepiece.__wrapped__(*args)  # bypass the in-process cache
    assert first == _train_sentencepiece.__wrapped__(*args)
    assert first == train_sentencepiece(sample_sentences(), 500, ["__ur__"])
    sp = sentencepiece.SentencePieceProcessor(model_proto=first)
    assert sp.get_piece_size() == 500
    assert "__ur__" in sp.encode("__ur__ Kabul", out_type=str)  # one piece
    # Digits and punctuation are in the character set even where the text lacks them.
    for char in "0123456789%;!?@#":
        assert not sp.is_unknown(sp.piece_to_id(char)), char


def test_small_text_caps_the_vocabulary_and_padding_fills_it():
    import sentencepiece

    small = train_sentencepiece(sample_sentences()[:3], 32000)
    sp = sentencepiece.SentencePieceProcessor(model_proto=small)
    assert 100 < sp.get_piece_size() < 32000
    padded = sentencepiece.SentencePieceProcessor(model_proto=pad_sentencepiece(small, 2000))
    assert padded.get_piece_size() == 2000
    text = sample_sentences()[1]
    assert padded.encode(text, out_type=str) == sp.encode(text, out_type=str)
    pieces = sp.encode("Kabul", out_type=str)
    assert padded.decode_pieces([*pieces, "▁⟦7⟧"]) == sp.decode_pieces(pieces) + " ⟦7⟧"
    vocab = ct2_vocabulary(pad_sentencepiece(small, 2000))
    assert vocab[:4] == list(SPECIAL_TOKENS)
    assert len(vocab) == len(set(vocab)) == 2000 + 1  # + <blank>


# --------------------------------------------------------------------------- packages


def test_package_layout_is_what_argos_expects(tmp_path: Path):
    archive = build_argos_package(tmp_path, from_code="en", to_code="ur", target_prefix="__ur__")
    assert archive.suffix == ".argosmodel"
    with zipfile.ZipFile(archive) as zf:
        names = set(zf.namelist())
    top = {name.split("/")[0] for name in names}
    assert top == {archive.stem}
    for required in (
        "metadata.json",
        "README.md",
        "sentencepiece.model",
        "model/model.bin",
        "model/config.json",
        "model/shared_vocabulary.json",
    ):
        assert f"{archive.stem}/{required}" in names, required
    pkg = tmp_path / archive.stem
    meta = json.loads((pkg / "metadata.json").read_text())
    assert meta["from_code"] == "en" and meta["to_code"] == "ur"
    assert meta["from_name"] == "English" and meta["to_name"] == "Urdu"
    assert meta["target_prefix"] == "__ur__"
    assert meta["package_version"] and meta["argos_version"]
    config = json.loads((pkg / "model" / "config.json").read_text())
    assert config["add_source_eos"] is True
    vocab = json.loads((pkg / "model" / "shared_vocabulary.json").read_text())
    assert vocab[:4] == ["<unk>", "<blank>", "<s>", "</s>"]
    assert "__ur__" in vocab


def test_builds_are_reproducible(tmp_path: Path):
    for kind in ("copy", "random"):
        a = build_argos_package(tmp_path / f"a-{kind}", kind=kind)
        b = build_argos_package(tmp_path / f"b-{kind}", kind=kind)
        for part in ("model/model.bin", "sentencepiece.model", "metadata.json"):
            assert (a.parent / a.stem / part).read_bytes() == (
                b.parent / b.stem / part
            ).read_bytes(), (kind, part)


def test_installed_package_is_recognised_by_argostranslate(argos_en_ur_copy: Path):
    import argostranslate.package
    from argostranslate.tokenizer import SentencePieceTokenizer

    assert argos_en_ur_copy.parent == Path(os.environ["ARGOS_PACKAGES_DIR"])
    packages = argostranslate.package.get_installed_packages()
    [pkg] = [p for p in packages if p.package_path == argos_en_ur_copy]
    assert (pkg.from_code, pkg.to_code, pkg.type) == ("en", "ur", "translate")
    assert pkg.target_prefix == ""
    assert isinstance(pkg.tokenizer, SentencePieceTokenizer)
    assert pkg.get_readme().startswith("# Test package")


def test_factory_installs_one_variant_per_pair(make_argos_package, argos_packages_dir: Path):
    import argostranslate.package

    def en_ur_paths():
        return [
            p.package_path
            for p in argostranslate.package.get_installed_packages()
            if (p.from_code, p.to_code) == ("en", "ur")
        ]

    random_path = make_argos_package("en", "ur", "random")
    assert en_ur_paths() == [random_path]
    copy_path = make_argos_package("en", "ur", "copy")
    assert en_ur_paths() == [copy_path]
    assert make_argos_package("en", "ur", "copy") == copy_path  # already there
    assert not random_path.exists()


# --------------------------------------------------------------------------- the copy model


@pytest.mark.parametrize("sentence", SENTENCES)
@pytest.mark.parametrize("beam_size", [1, 4])
def test_copy_model_outputs_the_source_pieces(copy_translator, sentence: str, beam_size: int):
    translator, sp = copy_translator
    pieces = sp.encode(sentence, out_type=str)
    [result] = translator.translate_batch([pieces], beam_size=beam_size, return_scores=True)
    assert result.hypotheses[0] == pieces
    assert result.scores[0] == pytest.approx(0.0, abs=1e-3)


def test_copy_model_copies_long_sentences_in_one_batch(copy_translator):
    translator, sp = copy_translator
    sentences = [_long_sentence(n, sp) for n in (60, 100, 140)] + sample_sentences()[:4]
    batch = [sp.encode(s, out_type=str) for s in sentences]
    assert max(len(p) for p in batch) >= 140
    results = translator.translate_batch(
        batch, beam_size=4, length_penalty=0.2, max_input_length=0, max_decoding_length=512
    )
    assert [r.hypotheses[0] for r in results] == batch


def test_copy_model_n_best_puts_the_copy_first(copy_translator):
    translator, sp = copy_translator
    pieces = sp.encode(SENTENCES[1], out_type=str)
    [result] = translator.translate_batch(
        [pieces], beam_size=4, num_hypotheses=3, return_scores=True
    )
    assert len(result.hypotheses) == 3
    assert result.hypotheses[0] == pieces
    assert result.scores[0] > result.scores[1] >= result.scores[2]


def test_copy_model_restores_unknown_pieces_with_replace_unknowns(copy_translator):
    translator, _ = copy_translator
    pieces = ["▁Kabul", "▁ژ", "."]  # not in the vocabulary: <unk>
    [plain] = translator.translate_batch([pieces], beam_size=4)
    assert plain.hypotheses[0] == ["▁Kabul", "<unk>", "."]
    [replaced] = translator.translate_batch([pieces], beam_size=4, replace_unknowns=True)
    assert replaced.hypotheses[0] == pieces


def test_copy_model_with_target_prefix(make_argos_package):
    import ctranslate2
    import sentencepiece

    path = make_argos_package("en", "ur", "copy", target_prefix="__ur__")
    assert json.loads((path / "metadata.json").read_text())["target_prefix"] == "__ur__"
    sp = sentencepiece.SentencePieceProcessor(model_file=str(path / "sentencepiece.model"))
    translator = ctranslate2.Translator(str(path / "model"), intra_threads=1)
    batch = [sp.encode(s, out_type=str) for s in SENTENCES]
    results = translator.translate_batch(
        batch, target_prefix=[["__ur__"]] * len(batch), beam_size=4, return_scores=True
    )
    for pieces, result in zip(batch, results, strict=True):
        assert result.hypotheses[0] == ["__ur__", *pieces]


def test_int8_copy_model_still_copies(make_argos_package):
    import ctranslate2
    import sentencepiece

    path = make_argos_package("en", "ur", "copy", quantization="int8")
    sp = sentencepiece.SentencePieceProcessor(model_file=str(path / "sentencepiece.model"))
    translator = ctranslate2.Translator(str(path / "model"), intra_threads=1)
    batch = [sp.encode(s, out_type=str) for s in SENTENCES]
    results = translator.translate_batch(batch, beam_size=4)
    assert [r.hypotheses[0] for r in results] == batch


def test_random_model_translates_to_something(make_argos_package):
    import ctranslate2
    import sentencepiece

    path = make_argos_package("en", "ur", "random")
    sp = sentencepiece.SentencePieceProcessor(model_file=str(path / "sentencepiece.model"))
    translator = ctranslate2.Translator(str(path / "model"), intra_threads=1)
    pieces = sp.encode(SENTENCES[1], out_type=str)
    first = translator.translate_batch([pieces], beam_size=2, max_decoding_length=20)
    again = translator.translate_batch([pieces], beam_size=2, max_decoding_length=20)
    assert 0 < len(first[0].hypotheses[0]) <= 20
    assert EOS not in first[0].hypotheses[0]
    assert first[0].hypotheses == again[0].hypotheses


def test_argostranslate_translates_offline_with_packaged_sentence_splitter(
    make_argos_package, network_attempts
):
    import argostranslate.package
    import argostranslate.translate

    from tests.conftest import ARGOS_CACHE_DIR

    # conftest seeded the spaCy cache before argostranslate.sbd could try to download it.
    assert (ARGOS_CACHE_DIR / "spacy" / "senter" / "model").exists()
    path = make_argos_package("en", "ur", "copy", sentence_splitter=True)
    [pkg] = [p for p in argostranslate.package.get_installed_packages() if p.package_path == path]
    assert pkg.packaged_sbd_path == path / "spacy"
    text = "Two days ago, the PM spoke. He said 3 attacks were unacceptable!\nNew low."
    assert argostranslate.translate.translate(text, "en", "ur") == text
    assert network_attempts == []


def test_no_argos_packages_fixture_hides_installed_packages(argos_en_ur_copy, no_argos_packages):
    import argostranslate.package
    import argostranslate.translate

    assert argostranslate.package.get_installed_packages() == []
    assert argostranslate.translate.get_installed_languages() == []
    assert argos_en_ur_copy.exists()  # hidden, not deleted


# --------------------------------------------------------------------------- network guard


@pytest.mark.parametrize(
    "attempt",
    [
        lambda: socket.create_connection(("203.0.113.7", 80), timeout=1),
        lambda: socket.create_connection(("example.com", 443), timeout=1),
        lambda: socket.getaddrinfo("pypi.org", 443),
        lambda: socket.socket(socket.AF_INET, socket.SOCK_STREAM).connect(("192.0.2.1", 80)),
        lambda: socket.socket(socket.AF_INET6, socket.SOCK_STREAM).connect_ex(
            ("2001:db8::1", 80, 0, 0)
        ),
    ],
    ids=["create_connection-ip", "create_connection-name", "getaddrinfo", "connect", "connect6"],
)
def test_network_access_is_blocked(attempt, network_attempts):
    with pytest.raises(network.NetworkBlockedError, match="network access is disabled"):
        attempt()
    assert len(network_attempts) == 1


def test_blocked_network_looks_like_being_offline_to_urllib(network_attempts):
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen("https://raw.githubusercontent.com/argosopentech/x", timeout=1)
    assert network_attempts


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_loopback_is_allowed(host: str, network_attempts):
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    accepted: list[bytes] = []

    def serve() -> None:
        conn, _ = server.accept()
        with conn:
            accepted.append(conn.recv(16))

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    with socket.create_connection((host, port), timeout=5) as client:
        client.sendall(b"ping")
    thread.join(timeout=5)
    server.close()
    assert accepted == [b"ping"]
    assert network_attempts == []


@pytest.mark.parametrize(
    ("host", "local"),
    [
        ("127.0.0.1", True),
        ("127.8.9.1", True),
        ("::1", True),
        ("localhost", True),
        ("0.0.0.0", True),
        ("", True),
        (None, True),
        ("::ffff:127.0.0.1", True),
        ("10.0.0.1", False),
        ("8.8.8.8", False),
        ("example.com", False),
        ("localhost.example.com", False),
    ],
)
def test_is_local_host(host, local: bool):
    assert network.is_local_host(host) is local
