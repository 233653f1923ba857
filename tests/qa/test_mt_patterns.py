"""Machine-translation failure patterns: decoder loops and English left in the target."""

from __future__ import annotations

import pytest

from workbench import qa
from workbench.glossary import Concept, Term, build_glossary


@pytest.mark.parametrize(
    "target",
    [
        "حکومت نے کے لیے کے لیے فیصلہ کیا۔",  # a phrase twice
        "حکومت نے نے نے فیصلہ کیا۔",  # a word three times
        "د سولې خبرې د سولې خبرې د سولې خبرې پیل شوې.",
    ],
)
def test_decoder_loop_is_flagged(target):
    (flag,) = qa.check_repetition("The government decided to talk.", target)
    assert flag.code == qa.REPETITION


@pytest.mark.parametrize(
    "target",
    [
        "پاکستان نے بار بار مطالبہ کیا۔",  # reduplication is grammar, not a loop
        "قیمتیں آہستہ آہستہ بڑھیں۔",
        "بیې ورو ورو لوړې شوې.",
    ],
)
def test_one_doubled_word_is_reduplication_and_passes(target):
    assert qa.check_repetition("Prices rose again and again.", target) == []


def test_repetition_the_source_has_too_passes():
    assert qa.check_repetition("No, no, no, he said.", "نہیں، نہیں، نہیں، اس نے کہا۔") == []


@pytest.mark.parametrize(
    "target",
    [
        "حکومت نے said کہ مذاکرات جاری رہیں گے۔",
        "The حکومت نے کہا کہ مذاکرات جاری رہیں گے۔",  # a capitalised function word
    ],
)
def test_english_words_left_in_the_target_are_flagged(target):
    (flag,) = qa.check_latin_residue("The government said talks would go on.", target, "ur")
    assert flag.code == qa.LATIN_RESIDUE


@pytest.mark.parametrize(
    "target",
    [
        "TTP اور UNHCR نے COVID-19 پر بات کی۔",  # acronyms
        "ذبیح اللہ مجاہد نے X پر لکھا۔",  # a name kept in Latin
        "مکمل رپورٹ www.unama.org پر اور @UNAMAnews پر ہے۔",  # address and handle
        "20 kg کا تھیلا۔",  # a unit after a number
    ],
)
def test_names_acronyms_addresses_and_units_in_latin_pass(target):
    source = "The TTP, UNHCR and X on COVID-19: www.unama.org, @UNAMAnews, 20 kg."
    assert qa.check_latin_residue(source, target, "ur") == []


def test_a_glossary_term_in_latin_passes():
    glossary = build_glossary([Concept("tehreek", {"en": (Term("tehreek"),)})])
    target = "tehreek نے کہا۔"
    assert qa.check_latin_residue("The tehreek said.", target, "ur", glossary) == []
    assert qa.check_latin_residue("The tehreek said.", target, "ur") != []


def test_latin_residue_is_not_checked_for_a_latin_target():
    assert qa.check_latin_residue("He said.", "he said", "en") == []


def test_mostly_latin_target_is_untranslated_not_residue():
    flags = qa.check("The TTP said no.", "The TTP نے said no.", "ur")
    assert qa.UNTRANSLATED in [f.code for f in flags]
    assert qa.LATIN_RESIDUE not in [f.code for f in flags]


@pytest.mark.parametrize("segment", ["Reuters", "UNHCR", "2024", "www.dawn.com", "(AFP)"])
def test_names_acronyms_numbers_and_addresses_kept_as_they_are_are_not_untranslated(segment):
    assert qa.check_untranslated(segment, segment, "ur") == []


def test_an_english_sentence_kept_as_it_is_is_untranslated():
    (flag,) = qa.check_untranslated("Kabul said no.", "Kabul said no.", "ps")
    assert flag.code == qa.UNTRANSLATED
