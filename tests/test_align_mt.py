"""MT similarity in alignment, with the tiny real Argos packages of tests/fixtures.

The copy model translates a sentence into itself, so a "translation" made from its output is
exactly what MT similarity should recognise; the random model's output has nothing to do
with its input, so MT similarity must be left out.
"""

from __future__ import annotations

import pytest

from tests.fixtures.argos_package import sample_sentences
from tests.fixtures.parallel_editorial import document, paragraphs
from workbench.align import LOW_CONFIDENCE, align_sentences, align_texts
from workbench.align.anchors import numbers
from workbench.align.costs import char_length
from workbench.engines import argos
from workbench.engines.argos import ArgosEngine
from workbench.segment import segment_text


@pytest.fixture(autouse=True)
def _fresh_model_cache():
    argos.clear_model_cache()
    yield
    argos.clear_model_cache()


def _sample_sentences() -> list[str]:
    return [s.text for s in segment_text("\n".join(sample_sentences()), "en")]


def _closest_neighbours(sentences: list[str]) -> int:
    """k such that sentences k and k+1 are the most alike in length, without numbers."""
    candidates = [
        k
        for k in range(len(sentences) - 1)
        if not numbers(sentences[k]) and not numbers(sentences[k + 1])
    ]
    return min(
        candidates,
        key=lambda k: abs(char_length(sentences[k]) - char_length(sentences[k + 1])),
    )


def test_mt_similarity_places_a_left_out_sentence_that_length_cannot(argos_en_ur_copy):
    source = _sample_sentences()
    mt = [h[0].text for h in ArgosEngine().translate_batch(source, "en", "ur")]
    k = _closest_neighbours(source)
    target = mt[: k + 1] + mt[k + 2 :]  # the translation of sentence k+1 is left out
    truth = {((i,), (i if i <= k else i - 1,)) for i in range(len(source)) if i != k + 1}
    truth.add(((k + 1,), ()))

    by_length = align_sentences(source, target, "en", "ur", use_anchors=False)
    with_mt = align_sentences(source, target, "en", "ur", use_anchors=False, translations=mt)

    assert any(b.low_confidence for b in by_length.beads if set(b.src) & {k, k + 1})
    assert {(b.src, b.tgt) for b in with_mt.beads} == truth
    assert all(b.confidence >= LOW_CONFIDENCE for b in with_mt.beads if set(b.src) & {k, k + 1})
    assert with_mt.report.mt_weight > 0


def test_mt_from_an_unrelated_model_is_left_out(make_argos_package):
    make_argos_package("en", "ur", "random")
    source, target = document(paragraphs("en")), document(paragraphs("ur"))

    with_mt = align_texts(source, target, "en", "ur", engine=ArgosEngine())
    without = align_texts(source, target, "en", "ur")

    assert with_mt.report.mt_weight == 0
    assert any("left out" in note for note in with_mt.report.notes)
    assert with_mt.beads == without.beads


def test_aligning_with_an_engine_translates_the_source_in_one_call(argos_en_ur_copy):
    calls: list[int] = []

    class CountingEngine(ArgosEngine):
        def translate_batch(self, sentences, *args, **kwargs):
            calls.append(len(sentences))
            return super().translate_batch(sentences, *args, **kwargs)

    align_texts(
        document(paragraphs("en")), document(paragraphs("ur")), "en", "ur", engine=CountingEngine()
    )

    assert calls == [16]
