"""Finding glossary terms in English sources: boundaries, case, variants, longest match."""

from __future__ import annotations

import pytest

from workbench.glossary import Concept, Role, Status, Term, build_glossary, find_terms
from workbench.glossary.matching import TermMatcher

TTP = Concept(
    "TTP",
    {
        "en": (
            Term("Tehreek-i-Taliban Pakistan"),
            Term("TTP", Role.SHORT),
            Term("Tehrik-e-Taliban Pakistan", status=Status.ADMITTED),
        ),
        "ur": (Term("تحریک طالبان پاکستان"), Term("ٹی ٹی پی", Role.SHORT)),
    },
)
APTTA = Concept(
    "APTTA",
    {
        "en": (Term("Afghanistan-Pakistan Transit Trade Agreement"), Term("APTTA", Role.SHORT)),
        "ur": (Term("افغانستان پاکستان ٹرانزٹ ٹریڈ معاہدہ"), Term("اپٹا", Role.SHORT)),
    },
)
TRANSIT_TRADE = Concept(
    "transit-trade", {"en": (Term("transit trade"),), "ur": (Term("ٹرانزٹ تجارت"),)}
)
PAKISTAN = Concept("pakistan", {"en": (Term("Pakistan"),), "ur": (Term("پاکستان"),)})
DAR = Concept(
    "ishaq-dar",
    {"en": (Term("Ishaq Dar"), Term("Dar", Role.SHORT)), "ur": (Term("اسحاق ڈار"),)},
)
GLOSSARY = build_glossary([TTP, APTTA, TRANSIT_TRADE, PAKISTAN, DAR])


def matched(text: str) -> list[tuple[str, str]]:
    return [(hit.concept.id, hit.text) for hit in find_terms(text, GLOSSARY, "ur")]


def test_abbreviation_matches_as_a_whole_word():
    assert matched("Talks with the TTP failed.") == [("TTP", "TTP")]


def test_abbreviation_does_not_match_inside_a_word():
    assert matched("The HTTPS link and TTPX code.") == []


def test_abbreviation_is_case_sensitive():
    assert matched("the ttp and the Ttp") == []


def test_full_form_is_case_insensitive():
    assert matched("TEHREEK-I-TALIBAN PAKISTAN said") == [("TTP", "TEHREEK-I-TALIBAN PAKISTAN")]


def test_spelling_variant_matches_its_concept():
    assert matched("Tehrik-e-Taliban Pakistan claimed it.") == [
        ("TTP", "Tehrik-e-Taliban Pakistan")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "the Afghanistan Pakistan Transit Trade Agreement",
        "the Afghanistan–Pakistan Transit Trade Agreement",
        "the Afghanistan - Pakistan Transit-Trade Agreement",
        "the Afghanistan-Pakistan\nTransit Trade Agreement",
    ],
)
def test_hyphen_dash_space_and_line_break_variants_match(text):
    assert [cid for cid, _ in matched(text)] == ["APTTA"]


@pytest.mark.parametrize("possessive", ["TTP's", "TTP’s"])
def test_possessive_matches_and_stays_outside_the_term(possessive):
    hits = find_terms(f"The {possessive} leaders fled.", GLOSSARY, "ur")
    assert [(h.concept.id, h.text) for h in hits] == [("TTP", "TTP")]


def test_full_form_wins_over_the_shorter_terms_inside_it():
    hits = matched("Both signed the Afghanistan-Pakistan Transit Trade Agreement in 2010.")
    assert hits == [("APTTA", "Afghanistan-Pakistan Transit Trade Agreement")]


def test_longest_match_also_wins_for_a_full_name_over_its_surname():
    assert matched("Ishaq Dar met Dar's aides") == [
        ("ishaq-dar", "Ishaq Dar"),
        ("ishaq-dar", "Dar"),
    ]


def test_surname_short_form_does_not_match_a_longer_word():
    assert matched("Speakers of Dari and Darwin") == []


def test_overlapping_terms_of_different_concepts_leftmost_wins():
    # "Pakistan transit trade": PAKISTAN starts first, so TRANSIT_TRADE still matches after it.
    assert matched("Pakistan transit trade rules") == [
        ("pakistan", "Pakistan"),
        ("transit-trade", "transit trade"),
    ]


def test_the_sample_full_apptta_name_matches_without_its_abbreviation():
    text = (
        "including the Preferential Trade Agreement and the "
        "Afghanistan-Pakistan Transit Trade Agreement, with"
    )
    assert ("APTTA", "Afghanistan-Pakistan Transit Trade Agreement") in matched(text)


def test_hits_carry_spans_and_the_approved_rendering_of_their_role():
    text = "the TTP (Tehreek-i-Taliban Pakistan)"
    full, short = sorted(find_terms(text, GLOSSARY, "ur"), key=lambda h: h.role != Role.FULL)
    assert text[short.start : short.end] == "TTP"
    assert short.rendering("ur") == "ٹی ٹی پی"
    assert text[full.start : full.end] == "Tehreek-i-Taliban Pakistan"
    assert full.rendering("ur") == "تحریک طالبان پاکستان"


def test_short_form_without_a_target_short_rendering_gets_the_full_form():
    (hit,) = find_terms("Dar visited Kabul.", GLOSSARY, "ur")
    assert hit.rendering("ur") == "اسحاق ڈار"


def test_concepts_without_a_rendering_for_the_target_are_not_matched():
    assert find_terms("the TTP", GLOSSARY, "ps") == []
    assert [h.concept.id for h in find_terms("the TTP", GLOSSARY)] == ["TTP"]


def test_deprecated_source_terms_are_not_matched():
    concept = Concept(
        "khost",
        {"en": (Term("Khost"), Term("Khowst", status=Status.DEPRECATED)), "ur": (Term("خوست"),)},
    )
    assert find_terms("Khowst and Khost", build_glossary([concept]), "ur")[0].text == "Khost"
    assert len(find_terms("Khowst and Khost", build_glossary([concept]), "ur")) == 1


def test_target_renderings_match_across_letter_variants_and_zwnj():
    concept = Concept(
        "TTP",
        {
            "en": (Term("TTP", Role.SHORT),),
            "fa-AF": (Term("تحریک طالبان پاکستان"), Term("تی‌تی‌پی", Role.SHORT)),
        },
    )
    matcher = TermMatcher(build_glossary([concept]), "fa-AF")
    # Arabic yeh (U+064A) typed for Farsi yeh, spaces where the glossary has ZWNJ.
    found = matcher.find_renderings("گروه تي تي پي گفت")
    assert [r.term.text for r in found] == ["تی‌تی‌پی"]
