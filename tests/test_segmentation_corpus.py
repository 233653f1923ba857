"""Issue 16's goals on the tricky-news corpus in tests/fixtures/segmentation/."""

from __future__ import annotations

import pytest

from tests.fixtures import segmentation_corpus as corpus
from workbench.segment import rebuild, segment_text

RECALL_GOAL = {"en": 0.97, "ur": 0.95, "fa-AF": 0.95, "ps": 0.95}
INSIDE_SPLIT_LIMIT = 0.02


@pytest.mark.parametrize("lang", corpus.LANGUAGES)
def test_sentence_boundaries_found_meet_the_goal(lang):
    result = corpus.score(corpus.load(lang), lang, corpus.workbench_splitter)
    assert result.boundaries >= 40
    assert result.recall >= RECALL_GOAL[lang]


@pytest.mark.parametrize("lang", corpus.LANGUAGES)
def test_splits_inside_sentences_stay_under_two_percent(lang):
    result = corpus.score(corpus.load(lang), lang, corpus.workbench_splitter)
    assert result.inside_rate <= INSIDE_SPLIT_LIMIT


@pytest.mark.parametrize("lang", corpus.LANGUAGES)
def test_every_corpus_case_rebuilds_exactly_from_its_segments(lang):
    for case in corpus.load(lang):
        assert rebuild(case.text, segment_text(case.text, lang)) == case.text


def test_a_marked_case_parses_into_text_and_sentence_starts():
    case = corpus.parse_case("One. ¦Two.\n¦Three.")
    assert (case.text, sorted(case.starts), case.sentences) == ("One. Two.\nThree.", [5, 10], 3)
