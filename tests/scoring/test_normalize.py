"""Only code-point differences that are not edits are normalized before scoring."""

from __future__ import annotations

import unicodedata

import pytest

from workbench.scoring import Scorer
from workbench.scoring.normalize import Normalization


def chrf(target: str, hyp: str, ref: str, *, normalize: bool = True) -> float:
    return Scorer(target, ["chrf"], normalize=normalize).score([hyp], [ref]).segment(0).chrf


@pytest.mark.parametrize("mark", ["\u200e", "\u200f", "\u061c", "\u202b", "\u2067"])
def test_bidi_control_marks_do_not_count(mark):
    assert chrf("ur", f"{mark}پاکستان اور افغانستان{mark}", "پاکستان اور افغانستان") == 100


def test_arabic_yeh_and_kaf_equal_urdu_yeh_and_keheh():
    arabic_keyboard = "پاکستاني حکومت نے كہا"  # ي U+064A, ك U+0643
    urdu_keyboard = "پاکستانی حکومت نے کہا"

    assert chrf("ur", arabic_keyboard, urdu_keyboard) == 100
    assert chrf("ur", arabic_keyboard, urdu_keyboard, normalize=False) < 100


def test_alef_maksura_equals_farsi_yeh_in_dari():
    assert chrf("fa-AF", "موسى", "موسی") == 100


def test_pashto_keeps_arabic_yeh_and_farsi_yeh_apart():
    # Two letters of the Pashto alphabet: کوي (does) and کوی are different words.
    assert chrf("ps", "کوي", "کوی") < 100
    assert chrf("ps", "كور", "کور") == 100  # Kaf is still unified


@pytest.mark.parametrize("digits", ["۲۰۲۴", "٢٠٢٤"])
def test_persian_and_arabic_indic_digits_equal_ascii_digits(digits):
    assert chrf("ur", f"سال {digits} میں", "سال 2024 میں") == 100


def test_arabic_decimal_separator_equals_a_full_stop_between_digits():
    assert chrf("fa", "۱۲٫۵ درصد", "12.5 درصد") == 100


def test_zero_width_non_joiner_inside_dari_words_is_kept():
    assert chrf("fa-AF", "میشود", "می\u200cشود") < 100


def test_canonically_equivalent_spellings_are_equal():
    composed = "آپ"  # U+0622 ALEF WITH MADDA ABOVE
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed

    assert chrf("ur", decomposed, composed) == 100


def test_urdu_yeh_barree_is_not_touched():
    assert Normalization(("yeh",))("ہے") == "ہے"


def test_every_score_carries_what_was_normalized():
    scores = Scorer("ur").score(["ا"], ["ا"]).corpus()

    assert {s.prep for s in scores} == {"ur:norm=nfc+bidi+yeh+kaf+digits,ter-pretok=intl"}


def test_unnormalized_scores_say_so():
    scorer = Scorer("ur", normalize=False)

    assert scorer.prep == "ur:norm=none"
    assert scorer.prep_description == "scored exactly as given (no normalization)"


def test_unknown_normalization_step_is_refused():
    with pytest.raises(ValueError, match="unknown normalization steps"):
        Normalization(("lowercase",))
