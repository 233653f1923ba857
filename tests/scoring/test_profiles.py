"""Each target is tokenized as its script needs; the evidence for the choice is checked here."""

from __future__ import annotations

import pytest
from sacrebleu.tokenizers.tokenizer_13a import Tokenizer13a
from sacrebleu.tokenizers.tokenizer_intl import TokenizerV14International

from workbench.errors import WorkbenchError
from workbench.scoring import Scorer, profile_for

URDU = "پاکستان نے کہا، افغانستان کیوں؟ یہ ہوا۔"


def test_13a_leaves_urdu_full_stop_comma_and_question_mark_glued_to_words():
    assert Tokenizer13a()(URDU).split() == [
        "پاکستان",
        "نے",
        "کہا،",
        "افغانستان",
        "کیوں؟",
        "یہ",
        "ہوا۔",
    ]


def test_intl_splits_urdu_full_stop_comma_and_question_mark_into_tokens():
    tokens = TokenizerV14International()(URDU).split()

    assert tokens == ["پاکستان", "نے", "کہا", "،", "افغانستان", "کیوں", "؟", "یہ", "ہوا", "۔"]


def test_intl_keeps_a_decimal_separator_between_digits():
    assert TokenizerV14International()("شرح ۱۲٫۵ فیصد ہے۔").split() == [
        "شرح",
        "۱۲٫۵",
        "فیصد",
        "ہے",
        "۔",
    ]


@pytest.mark.parametrize("target", ["ur", "fa-AF", "fa", "ps"])
def test_arabic_script_targets_score_bleu_with_intl(target):
    bleu = Scorer(target, ["bleu"]).score(["الف ب۔"], ["الف ب۔"]).corpus()[0]

    assert profile_for(target).bleu_tokenizer == "intl"
    assert "|tok:intl|" in bleu.signature


def test_english_target_scores_bleu_with_13a():
    bleu = Scorer("en", ["bleu"]).score(["The cat sat."], ["The cat sat."]).corpus()[0]

    assert "|tok:13a|" in bleu.signature


def test_language_codes_are_matched_case_insensitively():
    assert profile_for("FA-af").language == "fa-AF"


def test_unknown_target_is_a_clear_error():
    with pytest.raises(WorkbenchError, match="unknown language 'xx'"):
        Scorer("xx")


def test_a_missing_urdu_full_stop_costs_one_token_not_a_whole_word():
    # With 13a, `ہوا` vs `ہوا۔` is a wrong word; with intl only the stop is missing.
    hyp, ref = ["یہ واقعہ کل ہوا"], ["یہ واقعہ کل ہوا۔"]
    segment = Scorer("ur", ["bleu"]).score(hyp, ref).segment(0)

    assert segment.bleu == pytest.approx(100 * 0.7788, abs=0.01)  # BP = exp(1 - 5/4), all match


def test_urdu_ter_counts_an_inserted_word_before_the_full_stop_as_one_edit():
    segment = Scorer("ur", ["ter"]).score(["یہ کل ہوا۔"], ["یہ کل ہوا تھا۔"]).segment(0)

    assert segment.ter_edits == 1  # one insertion
    assert segment.ter == pytest.approx(100 / 5)  # reference tokens: یہ کل ہوا تھا ۔


def test_unnormalized_urdu_ter_splits_on_spaces_only_as_sacrebleu_does():
    segment = Scorer("ur", ["ter"], normalize=False).score(["یہ کل ہوا۔"], ["یہ کل ہوا تھا۔"])

    assert segment.segment(0).ter_edits == 2  # ہوا۔ → ہوا, insert تھا۔
