"""Scores of a small stored document are what a hand computation gives (see conftest.py)."""

from __future__ import annotations

import math

import pytest

from tests.scoring.conftest import EDIT_1, EDIT_2, MT
from workbench.engines.base import Hypothesis
from workbench.scoring.document import compare, score_against_reference, score_document
from workbench.scoring.references import reference_from_lines
from workbench.scoring.stored import engine_names, load_histories


@pytest.fixture
def report(store, document):
    return score_document(load_histories(store, document, "ur"), "ur", n_bootstrap=0)


def by_metric(scores):
    return {s.metric: s.score for s in scores}


def test_only_post_edited_sentences_are_scored(report):
    assert [s.number for s in report.segments if s.scores] == [1, 2, 4]
    assert report.scored == 3 and report.total == 4


def test_sentence_hter_is_edits_over_final_tokens(report):
    ter = {s.number: s.scores.ter for s in report.segments if s.scores}

    assert ter == pytest.approx({1: 100 * 3 / 9, 2: 100 * 1 / 8, 4: 0.0})


def test_sentence_bleu_of_sentence_2_by_hand(report):
    # 1- to 4-gram matches 7/7, 5/6, 3/5, 1/4; brevity penalty exp(1 - 8/7).
    expected = 100 * math.exp(1 - 8 / 7) * (7 / 7 * 5 / 6 * 3 / 5 * 1 / 4) ** 0.25

    assert report.segments[1].scores.bleu == pytest.approx(expected)


def test_document_hter_sums_edits_and_lengths_over_sentences(report):
    assert by_metric(report.mt_vs_final)["ter"] == pytest.approx(100 * (3 + 1 + 0) / (9 + 8 + 7))


def test_document_bleu_sums_ngram_counts_over_sentences(report):
    # matches / hypothesis n-grams, summed over sentences 1, 2, 4; lengths 24 = 24, no penalty
    expected = (
        100 * ((7 + 7 + 7) / 24 * (5 + 5 + 6) / 21 * (4 + 3 + 5) / 18 * (3 + 1 + 4) / 15) ** 0.25
    )

    assert by_metric(report.mt_vs_final)["bleu"] == pytest.approx(expected)


def test_edit_distance_counts_characters(report):
    assert report.segments[1].edit_distance == len("بھی ")


def test_most_edited_sentences_come_first(report):
    assert [s.number for s in report.most_edited()] == [1, 2, 4]


def test_each_revision_is_scored_against_the_previous_and_the_final_text(report):
    first = {(r.segment, r.revision): r for r in report.revisions}

    assert first[1, 1].vs_previous is None
    assert first[1, 1].vs_final.ter == pytest.approx(100 * 3 / 9)
    assert first[1, 2].vs_previous.ter == pytest.approx(100 * 3 / 9)
    assert first[1, 2].vs_final.ter == 0.0
    assert first[1, 3].vs_previous.ter == 0.0 and first[1, 3].vs_final is None


def test_per_editor_scores_are_corpus_scores_of_their_revisions(report):
    editors = {g.key: (g.revisions, by_metric(g.scores)["ter"]) for g in report.per_editor}

    assert editors == {"amna": (3, pytest.approx(100 * 4 / 24)), "bilal": (1, 0.0)}


def test_confirmed_scope_leaves_out_drafts(store, document):
    report = score_document(
        load_histories(store, document, "ur"), "ur", scope="confirmed", n_bootstrap=0
    )

    assert [s.number for s in report.segments if s.scores] == [1, 4]


def test_document_scores_carry_a_bootstrap_interval(store, document):
    report = score_document(load_histories(store, document, "ur"), "ur", n_bootstrap=200)

    assert all(s.ci_halfwidth is not None for s in report.mt_vs_final)
    assert all("|bs:200|seed:12345|" in s.signature for s in report.mt_vs_final)


def test_mt_and_final_against_an_external_reference(store, document):
    reference = reference_from_lines([EDIT_1, EDIT_2, MT[2], MT[3]], "ref.txt", 4)
    against = score_against_reference(
        load_histories(store, document, "ur"), reference, "ur", n_bootstrap=0
    )

    assert by_metric(against.final)["ter"] == 0.0
    assert by_metric(against.mt)["ter"] == pytest.approx(100 * (3 + 1 + 0 + 0) / (9 + 8 + 6 + 7))


def test_two_engines_are_compared_on_the_same_sentences(store, document):
    other = [t.replace("۔", "") for t in MT]  # an engine that drops every full stop
    store.add_machine_translations(
        document.id, "ur", "other", "m2", [[Hypothesis(t, -0.2)] for t in other]
    )
    histories = load_histories(store, document, "ur", engines=True)

    count, results = compare(histories, "ur", "engine:argos", "engine:other", n_samples=100)

    assert engine_names(histories) == ["argos", "other"]
    assert count == 3  # sentences 1, 2, 4 have a post-edited final text
    ter = {r.metric: (r.baseline, r.system) for r in results}["ter"]
    # without the stop: sentence 1 ends "بات چیت کی" for "مذاکرات کیے ۔", 3 substitutions;
    # sentence 2 needs the insertion plus the stop (2), sentence 4 the stop (1)
    assert ter == pytest.approx((100 * 4 / 24, 100 * (3 + 2 + 1) / 24))
