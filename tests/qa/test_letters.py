"""Look-alike letters from Arabic or another language are flagged per language."""

from __future__ import annotations

import pytest

from workbench import qa


@pytest.mark.parametrize(
    ("target", "tgt", "letter"),
    [
        ("پاکستان نے کہا كه وه تيار ہے۔", "ur", "ك"),  # Arabic kaf, heh and yeh in Urdu
        ("پاکستان نے کہا کہ وہ تيار ہے۔", "ur", "ي"),
        ("وزارت نے کہا کہ وه تیار ہے۔", "ur", "ه"),
        ("ایک ضرورة ہے۔", "ur", "ة"),
        ("وزير خارجه گفت.", "fa-AF", "ي"),
        ("او گفت که وہ آماده است.", "fa-AF", "ہ"),  # Urdu heh goal in Dari
        ("كابل ته ولاړ.", "ps", "ك"),
        ("هغه ٹیم ته ولاړ.", "ps", "ٹ"),  # Urdu tteh for Pashto ټ
    ],
)
def test_look_alike_letter_is_flagged_with_the_letter_to_write(target, tgt, letter):
    (flag,) = qa.check_letters(target, tgt)
    assert flag.code == qa.LETTER_VARIANT and repr(letter) in flag.message


@pytest.mark.parametrize(
    ("target", "tgt"),
    [
        ("وزیر خارجہ نے کہا کہ پاکستان تیار ہے۔", "ur"),
        ("وزیر خارجه گفت که پاکستان آماده است.", "fa-AF"),
        # Pashto's own letters, including ي, ې, ۍ, ئ, ټ, ډ, ړ, ږ, ښ, ګ, ڼ: never flagged.
        ("امریکايي ټیم ډېر ښه لوبېږي، ږغ یې اورېدل کېږي، ګډون یې وکړ، ښځینه ۍ ئ ړ ڼ.", "ps"),
    ],
)
def test_each_languages_own_letters_pass(target, tgt):
    assert qa.check_letters(target, tgt) == []


def test_letters_are_not_checked_for_a_latin_target():
    assert qa.check_letters("كاف", "en") == []
