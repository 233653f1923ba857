"""Bidi and other format characters never decide a check."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from workbench import qa
from workbench.qa.text import FORMAT_RANGES, visible

MARKS = ["\u200e", "\u200f", "\u061c", "\u202a", "\u202c", "\u2066", "\u2069", "\u200d", "\ufeff"]


@pytest.mark.parametrize("mark", MARKS)
def test_a_period_followed_by_a_format_mark_is_a_final_mark(mark):
    assert qa.check_final_punctuation("He said no.", "هغه انکار وکړ." + mark, "ps") == []


@pytest.mark.parametrize("mark", MARKS)
def test_a_format_mark_inside_a_number_does_not_hide_it(mark):
    assert qa.check_numbers("It left 16 dead.", f"{mark}۱۶{mark} کسان ووژل شول.", "ps") == []


def test_a_target_of_format_marks_only_is_empty():
    assert [f.code for f in qa.check("Hello.", "\u200e\u200f ", "ur")] == [qa.TARGET_EMPTY]


def test_marks_around_latin_text_do_not_make_it_residue_or_change_other_checks():
    source = "Zabihullah Mujahid rejected the allegations in a post on X."
    target = "ذبیح اللہ مجاہد نے \u2066X\u2069 پر ایک پوسٹ میں الزامات کو مسترد کر دیا۔\u200f"
    assert qa.check(source, target, "ur") == []


def test_every_check_sees_the_same_flags_with_and_without_marks():
    source = "More than 1.2 million people, the UN said."
    target = "اقوام متحدہ نے کہا کہ 12 لاکھ سے زائد افراد"  # no final mark: flagged either way
    marked = "\u200f" + target.replace(" ", " \u200e") + "\u200e"
    assert (
        [f.code for f in qa.check(source, marked, "ur")]
        == [f.code for f in qa.check(source, target, "ur")]
        == [qa.PUNCTUATION]
    )


def test_the_format_ranges_are_exactly_unicodes_format_characters():
    from_ranges = {cp for low, high in FORMAT_RANGES for cp in range(low, high + 1)}
    from_unicode = {cp for cp in range(sys.maxunicode + 1) if unicodedata.category(chr(cp)) == "Cf"}
    assert from_ranges == from_unicode


def test_visible_keeps_zwnj_only_when_asked():
    text = "می\u200cگوید\u200e"
    assert visible(text) == "میگوید"
    assert visible(text, keep_zwnj=True) == "می\u200cگوید"
