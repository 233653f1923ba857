"""The Argos engine: one batched CTranslate2 call per document, exact output with the copy model."""

from __future__ import annotations

import pytest

from tests.fixtures.argos_package import sample_sentences
from tests.fixtures.spies import TranslatorSpy
from workbench import config
from workbench.engines import argos, ct2
from workbench.engines.argos import ArgosEngine, find_route
from workbench.engines.base import Hypothesis, TranslationEngine
from workbench.errors import MissingModelError

SENTENCES = [
    "He said cross-border attacks from Afghanistan were unacceptable.",
    "In April 2024, Islamabad publicly acknowledged Pakistan had carried out air strikes.",
    "Around 1.2 million Afghan refugees have been repatriated so far.",
]


@pytest.fixture(autouse=True)
def _fresh_model_cache():
    argos.clear_model_cache()
    yield
    argos.clear_model_cache()


def test_engine_satisfies_the_engine_interface():
    assert isinstance(ArgosEngine(), TranslationEngine)


def test_copy_model_returns_every_sentence_in_order(argos_en_ur_copy):
    result = ArgosEngine().translate_batch(SENTENCES, "en", "ur")
    assert [hyps[0].text for hyps in result] == SENTENCES


def test_whole_sample_document_round_trips_through_the_copy_model(argos_en_ur_copy):
    sentences = sample_sentences()
    result = ArgosEngine().translate_batch(sentences, "en", "ur")
    assert [hyps[0].text for hyps in result] == sentences


def test_a_document_is_translated_in_one_translate_batch_call(argos_en_ur_copy):
    engine = ArgosEngine()
    [route] = find_route("en", "ur")
    model = argos.load_model(route, engine.threads)
    spy = TranslatorSpy(model.translator)
    model.translator = spy
    engine.translate_batch(sample_sentences(), "en", "ur")
    assert spy.calls == [len(sample_sentences())]


def test_empty_sentences_keep_their_place_and_are_not_sent_to_the_model(argos_en_ur_copy):
    result = ArgosEngine().translate_batch(["", SENTENCES[0], "   "], "en", "ur")
    assert [hyps[0].text for hyps in result] == ["", SENTENCES[0], ""]


def test_soft_wrapped_sentence_is_translated_as_one_line(argos_en_ur_copy):
    wrapped = "He said cross-border attacks\nfrom Afghanistan were unacceptable."
    [[best]] = ArgosEngine().translate_batch([wrapped], "en", "ur")
    assert best.text == SENTENCES[0]


def test_n_best_returns_k_hypotheses_best_first(argos_en_ur_copy):
    result = ArgosEngine().translate_batch(SENTENCES[:2], "en", "ur", n_best=3)
    for sentence, hyps in zip(SENTENCES[:2], result, strict=True):
        assert len(hyps) == 3
        assert hyps[0].text == sentence
        assert all(isinstance(h, Hypothesis) for h in hyps)
        scores = [h.score for h in hyps]
        assert scores == sorted(scores, reverse=True)


def test_target_prefix_token_is_stripped_from_the_output(make_argos_package):
    make_argos_package("en", "ur", "copy", target_prefix="__ur__")
    result = ArgosEngine().translate_batch(SENTENCES, "en", "ur")
    texts = [hyps[0].text for hyps in result]
    assert texts == SENTENCES
    assert not any("__ur__" in t or t.startswith("ur") for t in texts)


def test_target_prefix_with_underscores_survives_where_argostranslate_mangles_it(
    make_argos_package,
):
    """argostranslate turns `_` into spaces before stripping; text with `_` must stay intact."""
    make_argos_package("en", "ur", "copy", target_prefix="__ur__")
    [[best]] = ArgosEngine().translate_batch(["Pakistan and Afghanistan"], "en", "ur")
    assert best.text == "Pakistan and Afghanistan"


def test_pivots_through_english_when_only_two_legs_are_installed(make_argos_package):
    make_argos_package("fa", "en", "copy")
    make_argos_package("en", "ur", "copy")
    route = find_route("fa-AF", "ur")
    assert [(p.from_code, p.to_code) for p in route] == [("fa", "en"), ("en", "ur")]
    result = ArgosEngine().translate_batch(SENTENCES, "fa-AF", "ur")
    assert [hyps[0].text for hyps in result] == SENTENCES


def test_pivot_model_id_names_both_legs(make_argos_package):
    make_argos_package("fa", "en", "copy")
    make_argos_package("en", "ur", "copy")
    assert ArgosEngine().model_id("fa-AF", "ur").count("argos:") == 2


def test_missing_model_error_names_the_pair_and_how_to_install(no_argos_packages):
    with pytest.raises(MissingModelError) as err:
        ArgosEngine().translate_batch(SENTENCES, "en", "ur")
    message = str(err.value)
    assert "en → ur" in message
    assert "workbench packages install en ur" in message
    assert ".argosmodel" in message


def test_dari_uses_the_persian_package(make_argos_package):
    make_argos_package("en", "fa", "copy")
    [route] = find_route("en", "fa-AF")
    assert (route.from_code, route.to_code) == ("en", "fa")


def test_each_model_is_loaded_once_per_process(argos_en_ur_copy):
    engine = ArgosEngine()
    engine.translate_batch(SENTENCES, "en", "ur")
    [route] = find_route("en", "ur")
    first = argos.load_model(route, engine.threads)
    ArgosEngine().translate_batch(SENTENCES, "en", "ur")
    assert argos.load_model(route, engine.threads) is first


def test_decoding_is_capped_relative_to_the_source_length(make_argos_package):
    """A random-weights model never stops on its own; the cap must stop it."""
    make_argos_package("en", "ur", "random")
    engine = ArgosEngine(beam_size=1)
    [route] = find_route("en", "ur")
    model = argos.load_model(route, engine.threads)
    source = "Pakistan"
    [[best]] = engine.translate_batch([source], "en", "ur")
    pieces = model.sp.encode(best.text, out_type=str)
    cap = int(len(model.sp.encode(source)) * ct2.DECODING_LENGTH_RATIO)
    assert len(pieces) <= cap + ct2.DECODING_LENGTH_SLACK


def test_progress_reports_every_sentence_up_to_the_total(argos_en_ur_copy):
    seen: list[tuple[int, int]] = []
    ArgosEngine().translate_batch(SENTENCES, "en", "ur", progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (3, 3)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_n_best_below_one_is_rejected(argos_en_ur_copy):
    with pytest.raises(Exception, match="n_best"):
        ArgosEngine().translate_batch(SENTENCES, "en", "ur", n_best=0)


def test_workers_setting_sets_how_many_batches_run_in_parallel(argos_en_ur_copy, monkeypatch):
    monkeypatch.setenv("WORKBENCH_CT2_WORKERS", "2")
    [route] = find_route("en", "ur")
    assert argos.load_model(route, 1).translator.num_translators == 2


def test_default_workers_is_one_per_usable_core_up_to_four(monkeypatch):
    monkeypatch.delenv("WORKBENCH_CT2_WORKERS", raising=False)
    monkeypatch.setattr(config, "_usable_cores", lambda: 16)
    assert config.ct2_workers() == 4
    monkeypatch.setattr(config, "_usable_cores", lambda: 1)
    assert config.ct2_workers() == 1


def test_parallel_workers_keep_the_document_order(argos_en_ur_copy, monkeypatch):
    monkeypatch.setenv("WORKBENCH_CT2_WORKERS", "2")
    sentences = sample_sentences()
    result = ArgosEngine().translate_batch(sentences, "en", "ur")
    assert [hyps[0].text for hyps in result] == sentences
