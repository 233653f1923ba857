"""The NLLB-200 engine on a tiny NLLB-shaped CTranslate2 model whose output copies its input."""

from __future__ import annotations

from workbench import config
from workbench.engines import nllb
from workbench.engines.nllb import NllbEngine, source_tokens
from workbench.segment import segment_text


def _sample_sentences() -> list[str]:
    text = config.SAMPLE_DOCUMENT.read_text(encoding="utf-8")
    return [" ".join(s.text.split()) for s in segment_text(text, "en")]


def test_source_is_language_token_then_pieces_then_end_of_sentence():
    assert source_tokens(["▁Hello", "▁world"], "eng_Latn") == [
        "eng_Latn",
        "▁Hello",
        "▁world",
        "</s>",
    ]


def test_target_language_token_is_forced_as_the_first_output_token(registered_nllb):
    model = nllb.load_model(registered_nllb)
    for tgt, token in (("ps", "pbt_Arab"), ("fa-AF", "prs_Arab"), ("ur", "urd_Arab")):
        [[(tokens, _score)]] = model.translate_tokens(["Two days ago."], "en", tgt, 1, 4)
        assert tokens[0] == token


def test_target_language_token_is_stripped_from_the_translation(registered_nllb):
    [[hypothesis]] = NllbEngine().translate_batch(["Pakistan and Afghanistan."], "en", "ps")
    assert hypothesis.text == "Pakistan and Afghanistan."


def test_every_source_piece_comes_through_after_the_language_token(registered_nllb):
    model = nllb.load_model(registered_nllb)
    sentence = "RELATIONS between Pakistan and Afghanistan have hit another low."
    [[(tokens, _score)]] = model.translate_tokens([sentence], "en", "ps", 1, 4)
    assert tokens[1:] == model.sp.encode(sentence, out_type=str)


def test_batch_keeps_document_order_across_lengths_and_blank_sentences(registered_nllb):
    sentences = _sample_sentences()
    sentences.insert(3, "   ")
    results = NllbEngine().translate_batch(sentences, "en", "ps")
    assert [hyps[0].text for hyps in results] == [s.strip() for s in sentences]


def test_progress_reaches_every_sentence(registered_nllb):
    sentences = _sample_sentences()[:7]
    calls: list[tuple[int, int]] = []
    NllbEngine().translate_batch(sentences, "en", "ps", progress=lambda d, t: calls.append((d, t)))
    assert calls[-1] == (7, 7)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_n_best_gives_alternatives_best_first(registered_nllb):
    [hyps] = NllbEngine(beam_size=4).translate_batch(["Earlier, officials met."], "en", "ps", 3)
    assert len(hyps) == 3
    assert hyps[0].text == "Earlier, officials met."
    assert [h.score for h in hyps] == sorted((h.score for h in hyps), reverse=True)


def test_model_is_loaded_once_per_process(registered_nllb):
    assert nllb.load_model(registered_nllb) is nllb.load_model(registered_nllb)


def test_model_id_names_the_registered_directory(registered_nllb):
    assert NllbEngine().model_id("en", "ps") == "nllb:nllb-200-tiny-copy"
