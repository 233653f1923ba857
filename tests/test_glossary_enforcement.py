"""Glossary terms carried through real CTranslate2 decoding of the fixture Argos packages.

The copy package reproduces its input, so every placeholder must come back and every term
occurrence of the sample must carry the approved Urdu, Dari and Pashto form. The random
package keeps no placeholder; there every occurrence must be flagged instead: zero silent
misses either way.
"""

from __future__ import annotations

import pytest

from tests.fixtures.glossary import copy_with_renderings
from workbench import config, qa
from workbench.engines.argos import ArgosEngine
from workbench.glossary import Role, find_terms, load_glossary, protect, restore
from workbench.languages import get_language
from workbench.pipeline import TranslatedSegment, translate_document

HOUSE = load_glossary(config.GLOSSARIES_DIR / "security.tbx")
SAMPLE = config.SAMPLE_DOCUMENT.read_text(encoding="utf-8")
TARGETS = ("ur", "fa-AF", "ps")
GLOSSARY_CODES = (qa.GLOSSARY_MISSING, qa.GLOSSARY_VARIANT)


def install(make_argos_package, tgt: str, kind: str) -> None:
    make_argos_package("en", get_language(tgt).argos_code, kind)


def expected_copy(source: str, tgt: str) -> str:
    return copy_with_renderings(source, HOUSE, tgt)


def silent_misses(rows: list[TranslatedSegment], tgt: str) -> list[str]:
    """Occurrences whose approved form is not in the MT and whose segment has no flag for it."""
    misses = []
    for row in rows:
        flagged = {f.term for f in row.flags if f.code in GLOSSARY_CODES}
        for hit in row.terms:
            if hit.rendering(tgt) not in row.target and hit.concept.id not in flagged:
                misses.append(f"{row.segment.index}: {hit.text}")
    return misses


# --------------------------------------------------------------------------- protect / restore


def test_each_occurrence_gets_its_own_placeholder_and_the_rest_is_untouched():
    source = "the TTP (Tehreek-i-Taliban Pakistan) and ETIM"
    protected = protect(source, find_terms(source, HOUSE, "ur"))
    placeholders = [ph for ph, _ in protected.slots]
    assert len(set(placeholders)) == 3
    assert protected.text == f"the {placeholders[0]} ({placeholders[1]}) and {placeholders[2]}"


def test_restore_puts_short_for_short_and_full_for_full():
    source = "the TTP (Tehreek-i-Taliban Pakistan)"
    protected = protect(source, find_terms(source, HOUSE, "ur"))
    short, full = (ph for ph, _ in protected.slots)
    result = restore(f"{short} ({full}) نے کہا", protected, "ur")
    assert result.text == "ٹی ٹی پی (تحریک طالبان پاکستان) نے کہا"
    assert len(result.enforced) == 2 and result.lost == ()


def test_dropped_placeholder_is_reported_lost_and_nothing_is_guessed():
    source = "The TTP and ETIM were named."
    protected = protect(source, find_terms(source, HOUSE, "ur"))
    ttp, _etim = (ph for ph, _ in protected.slots)
    result = restore(f"{ttp} کا نام لیا گیا۔", protected, "ur")
    assert result.text == "ٹی ٹی پی کا نام لیا گیا۔"
    assert [hit.text for hit in result.lost] == ["ETIM"]


def test_placeholder_glued_to_a_word_becomes_a_word_of_its_own():
    source = "Dar visited Kabul."
    protected = protect(source, find_terms(source, HOUSE, "ur"))
    (ph,) = (ph for ph, _ in protected.slots)
    assert restore(f"کابل{ph}نے", protected, "ur").text == "کابل ڈار نے"


def test_stray_private_use_characters_never_reach_the_editor():
    protected = protect("Nothing here.", [])
    assert restore("کچھ \ue123 نہیں۔", protected, "ur").text == "کچھ نہیں۔"


def test_private_use_characters_already_in_the_source_are_not_reused():
    source = "\ue000 TTP"
    protected = protect(source, find_terms(source, HOUSE, "ur"))
    assert [ph for ph, _ in protected.slots] == ["\ue001"]


# --------------------------------------------------------------------------- through real MT


@pytest.mark.parametrize("tgt", TARGETS)
def test_copy_model_carries_every_sample_term_with_the_approved_form(make_argos_package, tgt):
    install(make_argos_package, tgt, "copy")
    rows = translate_document(SAMPLE, ArgosEngine(), "en", tgt, glossary=HOUSE)
    occurrences = sum(len(row.terms) for row in rows)
    assert occurrences == 31
    for row in rows:
        assert row.target == expected_copy(row.segment.text, tgt), row.segment.text
        assert row.lost_terms == ()
        assert not [f for f in row.flags if f.code in GLOSSARY_CODES], row.segment.text


def test_copy_model_gives_short_and_full_forms_their_own_rendering(make_argos_package):
    install(make_argos_package, "ps", "copy")
    text = "Two days ago, Shehbaz Sharif named the TTP (Tehreek-i-Taliban Pakistan)."
    (row,) = translate_document(text, ArgosEngine(), "en", "ps", glossary=HOUSE)
    assert row.target == "Two days ago, شهباز شریف named the ټي ټي پي (تحریک طالبان پاکستان)."


def test_copy_model_n_best_hypotheses_are_all_restored(make_argos_package):
    install(make_argos_package, "ur", "copy")
    (row,) = translate_document("The TTP struck.", ArgosEngine(), "en", "ur", 3, glossary=HOUSE)
    assert row.hypotheses and all("\ue000" not in h.text for h in row.hypotheses)
    assert row.target == "The ٹی ٹی پی struck."


@pytest.mark.parametrize("tgt", TARGETS)
def test_random_model_leaves_no_occurrence_silent(make_argos_package, tgt):
    install(make_argos_package, tgt, "random")
    rows = translate_document(SAMPLE, ArgosEngine(), "en", tgt, glossary=HOUSE)
    found = sum(len(row.terms) for row in rows)
    coverage = [
        c for row in rows for c in qa.glossary_coverage(row.segment.text, row.target, tgt, HOUSE)
    ]
    enforced = sum(c.enforced for c in coverage)
    flagged = sum(c.missing for c in coverage)
    assert found == 31
    assert enforced + flagged == found
    assert flagged >= sum(len(row.lost_terms) for row in rows) > 0
    assert silent_misses(rows, tgt) == []
    for row in rows:
        lost = {hit.concept.id for hit in row.lost_terms}
        assert lost <= {f.term for f in row.flags if f.code in GLOSSARY_CODES}


def test_without_a_glossary_terms_pass_through_unprotected(make_argos_package):
    install(make_argos_package, "ur", "copy")
    (row,) = translate_document("The TTP struck.", ArgosEngine(), "en", "ur")
    assert row.target == "The TTP struck." and row.terms == ()
    assert qa.UNTRANSLATED in [f.code for f in row.flags]


def test_house_glossary_covers_both_roles_of_the_sample_people():
    hits = {(h.concept.id, h.role) for h in find_terms(SAMPLE, HOUSE, "ur")}
    assert {("ishaq-dar", Role.FULL), ("ishaq-dar", Role.SHORT)} <= hits
    assert {("amir-khan-muttaqi", Role.FULL), ("amir-khan-muttaqi", Role.SHORT)} <= hits
