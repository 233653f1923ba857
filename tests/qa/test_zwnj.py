"""The Persian/Dari zero-width non-joiner: missing where a space splits a word, and stray."""

from __future__ import annotations

import pytest

from workbench import qa

Z = "\u200c"


@pytest.mark.parametrize(
    ("target", "excerpt"),
    [
        ("او می گوید که آماده است.", "می گوید"),
        ("آنها نمی دانند.", "نمی دانند"),
        ("کشور ها توافق کردند.", "کشور ها"),
        ("خانواده های قربانیان آمدند.", "خانواده های"),
    ],
)
def test_space_instead_of_zwnj_in_dari_is_flagged_naming_the_word(target, excerpt):
    (flag,) = qa.check_zwnj(target, "fa-AF")
    assert flag.code == qa.ZWNJ_MISSING and excerpt in flag.message


@pytest.mark.parametrize(
    "target",
    [
        f"او می{Z}گوید که کشور{Z}ها آماده{Z}اند.",
        "او میگوید که کشورها آماده اند.",  # written solid, as Afghan media often do
        "انتخابات در ۱۵ ماه می برگزار خواهد شد.",  # the month of May
    ],
)
def test_zwnj_or_solid_spelling_passes(target):
    assert qa.check_zwnj(target, "fa-AF") == []


def test_spaced_prefix_is_not_a_missing_zwnj_in_urdu():
    assert qa.check_zwnj("وہ می کہتے ہیں۔", "ur") == []


@pytest.mark.parametrize(
    ("target", "tgt"),
    [
        (f"کشور{Z} ها", "fa-AF"),
        (f"می {Z}گوید", "fa-AF"),
        (f"{Z}پاکستان", "ur"),
        (f"a{Z}{Z}b", "ps"),
    ],
)
def test_zwnj_next_to_a_space_doubled_or_at_an_end_is_stray(target, tgt):
    assert qa.ZWNJ_STRAY in [f.code for f in qa.check_zwnj(target, tgt)]
