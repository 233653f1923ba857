"""QA checks per segment: each with a case that flags and one that passes."""

from __future__ import annotations

import pytest

from workbench import qa
from workbench.glossary import Concept, Role, Status, Term, build_glossary

GLOSSARY = build_glossary(
    [
        Concept(
            "TTP",
            {
                "en": (Term("Tehreek-i-Taliban Pakistan"), Term("TTP", Role.SHORT)),
                "ur": (
                    Term("تحریک طالبان پاکستان"),
                    Term("ٹی ٹی پی", Role.SHORT),
                    Term("پاکستانی طالبان", status=Status.DEPRECATED),
                ),
                "fa-AF": (Term("تحریک طالبان پاکستان"), Term("تی‌تی‌پی", Role.SHORT)),
            },
        ),
        Concept(
            "ishaq-dar",
            {
                "en": (Term("Ishaq Dar"), Term("Dar", Role.SHORT)),
                "ur": (Term("اسحاق ڈار"), Term("ڈار", Role.SHORT)),
            },
        ),
        Concept("khost", {"en": (Term("Khost"),), "ur": (Term("خوست"),)}),
    ]
)


def codes(flags: list[qa.QAFlag]) -> list[str]:
    return [f.code for f in flags]


# --------------------------------------------------------------------------- glossary


def test_term_rendered_with_the_approved_form_passes():
    flags = qa.check_glossary("The TTP attacked.", "ٹی ٹی پی نے حملہ کیا۔", "ur", GLOSSARY)
    assert flags == []


def test_missing_term_is_flagged_naming_term_and_rendering():
    (flag,) = qa.check_glossary("The TTP attacked.", "طالبان نے حملہ کیا۔", "ur", GLOSSARY)
    assert flag.code == qa.GLOSSARY_MISSING and flag.term == "TTP"
    assert "'TTP'" in flag.message and "ٹی ٹی پی" in flag.message


def test_full_form_where_the_abbreviation_is_approved_is_a_wrong_variant():
    target = "تحریک طالبان پاکستان نے حملہ کیا۔"
    (flag,) = qa.check_glossary("The TTP attacked.", target, "ur", GLOSSARY)
    assert flag.code == qa.GLOSSARY_VARIANT and flag.term == "TTP"
    assert "ٹی ٹی پی" in flag.message


def test_both_forms_in_the_source_need_both_forms_in_the_target():
    source = "the TTP (Tehreek-i-Taliban Pakistan)"
    assert qa.check_glossary(source, "ٹی ٹی پی (تحریک طالبان پاکستان)", "ur", GLOSSARY) == []
    assert codes(qa.check_glossary(source, "ٹی ٹی پی", "ur", GLOSSARY)) == [qa.GLOSSARY_MISSING]


def test_repeated_term_needs_as_many_renderings():
    source = "TTP talks failed; the TTP struck."
    (flag,) = qa.check_glossary(source, "ٹی ٹی پی سے مذاکرات ناکام ہوئے۔", "ur", GLOSSARY)
    assert flag.code == qa.GLOSSARY_MISSING and "1 of 2" in flag.message


def test_short_form_inside_the_full_rendering_does_not_count_twice():
    # "ڈار" is inside "اسحاق ڈار": the surname alone is still missing.
    flags = qa.check_glossary("Ishaq Dar met Dar's aides.", "اسحاق ڈار ملے۔", "ur", GLOSSARY)
    assert codes(flags) == [qa.GLOSSARY_MISSING]


def test_deprecated_rendering_is_flagged_as_wrong_variant():
    flags = qa.check_glossary("TTP", "ٹی ٹی پی یعنی پاکستانی طالبان", "ur", GLOSSARY)
    assert codes(flags) == [qa.GLOSSARY_VARIANT]
    assert "deprecated" in flags[0].message


def test_rendering_typed_with_other_letter_variants_or_spaces_counts():
    # Arabic yeh for Farsi yeh and spaces instead of ZWNJ: the same term to a reader.
    assert qa.check_glossary("The TTP said.", "تي تي پي گفت.", "fa-AF", GLOSSARY) == []


def test_concept_without_a_rendering_for_the_target_is_not_checked():
    assert qa.check_glossary("Khost", "", "fa-AF", GLOSSARY) == []


def test_empty_target_still_names_the_missing_terms():
    flags = qa.check("Attack in Khost.", "", "ur", GLOSSARY)
    assert codes(flags) == [qa.TARGET_EMPTY, qa.GLOSSARY_MISSING]
    assert flags[1].term == "khost"


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    "target", ["16 اہلکار ہلاک ہوئے۔", "١٦ اہلکار ہلاک ہوئے۔", "۱۶ اہلکار ہلاک ہوئے۔"]
)
def test_number_in_any_digit_script_passes(target):
    assert qa.check_numbers("It left 16 personnel dead.", target) == []


def test_missing_number_is_flagged():
    (flag,) = qa.check_numbers("It left 16 personnel dead in 2024.", "۲۰۲۴ میں اہلکار ہلاک ہوئے۔")
    assert flag.code == qa.NUMBER_MISSING and "16" in flag.message and "2024" not in flag.message


def test_decimal_and_grouping_separators_are_normalised():
    assert qa.check_numbers("Around 1.2 million and 3,250 more", "۱٫۲ ملین اور ۳٬۲۵۰ مزید") == []
    # 12 lakh is 1.2 million (the issue-18 case); 12 thousand is not.
    assert qa.check_numbers("Around 1.2 million", "12 لاکھ") == []
    assert codes(qa.check_numbers("Around 1.2 million", "12 ہزار")) == [qa.NUMBER_MISSING]


# --------------------------------------------------------------------------- empty, untranslated


def test_empty_target_is_flagged_and_a_filled_one_is_not():
    assert codes(qa.check("Hello.", "  ", "ur")) == [qa.TARGET_EMPTY]
    assert qa.TARGET_EMPTY not in codes(qa.check("Hello.", "سلام۔", "ur"))


def test_target_identical_to_source_is_untranslated():
    assert codes(qa.check_untranslated("Kabul said no.", "Kabul  said no.", "ur")) == [
        qa.UNTRANSLATED
    ]


def test_mostly_latin_target_is_untranslated_but_a_few_latin_words_pass():
    assert codes(qa.check_untranslated("The TTP said no.", "The TTP نے said no.", "ur")) == [
        qa.UNTRANSLATED
    ]
    assert qa.check_untranslated("The TTP said no.", "TTP نے انکار کر دیا۔", "ur") == []


# --------------------------------------------------------------------------- punctuation


@pytest.mark.parametrize(
    ("source", "target", "tgt"),
    [
        ("He said no.", "اس نے انکار کیا۔", "ur"),
        ("He said no.", "او انکار وکړ.", "ps"),
        ("He said no.", "او انکار وکړ۔", "ps"),
        ("He said no.", "او گفت نه.", "fa-AF"),
        ("Did he?", "کیا اس نے؟", "ur"),
        ("A “provocative act.”", "ایک «اشتعال انگیز عمل»۔", "ur"),
        ("New low in Pak-Afghan ties", "پاک افغان تعلقات میں نئی پستی", "ur"),
    ],
)
def test_matching_final_punctuation_passes(source, target, tgt):
    assert qa.check_final_punctuation(source, target, tgt) == []


@pytest.mark.parametrize(
    ("source", "target", "tgt"),
    [
        ("He said no.", "اس نے انکار کیا.", "ur"),  # Urdu ends with ۔
        ("He said no.", "او گفت نه", "fa-AF"),
        ("Did he?", "کیا اس نے۔", "ur"),
        ("New low in Pak-Afghan ties", "پاک افغان تعلقات میں نئی پستی۔", "ur"),
    ],
)
def test_mismatched_final_punctuation_is_flagged(source, target, tgt):
    assert codes(qa.check_final_punctuation(source, target, tgt)) == [qa.PUNCTUATION]


# --------------------------------------------------------------------------- length


def test_length_ratio_far_outside_the_usual_range_is_flagged():
    source = "Pakistan repeatedly urged Kabul to disarm the TTP and detain its leaders."
    assert codes(qa.check_length_ratio(source, "نہیں۔")) == [qa.LENGTH_RATIO]
    assert codes(qa.check_length_ratio(source, "پاکستان " * 40)) == [qa.LENGTH_RATIO]


def test_usual_length_ratio_and_short_sentences_pass():
    source = "Pakistan repeatedly urged Kabul to disarm the TTP and detain its leaders."
    target = (
        "پاکستان نے بارہا کابل پر زور دیا کہ ٹی ٹی پی کو غیر مسلح کرے "
        "اور اس کے رہنماؤں کو حراست میں لے۔"
    )
    assert qa.check_length_ratio(source, target) == []
    assert qa.check_length_ratio("Yes.", "جی ہاں، بالکل ایسا ہی ہے۔") == []


def test_a_clean_segment_has_no_flags():
    source = "In December 2024, Pakistani jets struck TTP hideouts in Khost."
    target = "دسمبر 2024 میں پاکستانی طیاروں نے خوست میں ٹی ٹی پی کے ٹھکانوں پر حملہ کیا۔"
    assert qa.check(source, target, "ur", GLOSSARY) == []


def test_every_flag_code_is_documented():
    source = "In 2024 the TTP struck Khost."
    flags = qa.check(source, source + " and more text to make it long enough", "ur", GLOSSARY)
    assert flags and all(f.code in qa.CODES for f in flags)


def test_glossary_checks_apply_only_to_sources_in_the_glossary_language():
    assert codes(qa.check("The TTP said.", "ٹی ٹی نے کہا۔", "ur", GLOSSARY)) == [
        qa.GLOSSARY_MISSING
    ]
    assert qa.check("The TTP said.", "ٹی ٹی نے کہا۔", "ur", GLOSSARY, src="fa") == []
