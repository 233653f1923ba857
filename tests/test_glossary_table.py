"""The glossary as the page's editable table: rows out, edited rows back in."""

from __future__ import annotations

import pytest

from workbench import config
from workbench.glossary import GlossaryError, Role, Status, load_glossary
from workbench.glossary.table import apply_rows, glossary_rows

HOUSE = load_glossary(config.GLOSSARIES_DIR / "security.tbx")


@pytest.mark.parametrize("tgt", ["ur", "fa-AF", "ps"])
def test_unedited_rows_give_back_the_same_glossary(tgt):
    assert apply_rows(HOUSE, tgt, glossary_rows(HOUSE, tgt)) == HOUSE


def test_editing_one_target_keeps_the_other_targets():
    rows = glossary_rows(HOUSE, "ps")
    rows[0]["short"] = "ټ ټ پ"
    edited = apply_rows(HOUSE, "ps", rows)
    assert edited.get("TTP").preferred("ps", Role.SHORT) == "ټ ټ پ"
    assert edited.get("TTP").terms_in("ur") == HOUSE.get("TTP").terms_in("ur")


def test_variant_cells_split_on_bars_into_admitted_terms():
    rows = glossary_rows(HOUSE, "ur")
    rows[0]["variants"] = "پاکستانی طالبان تحریک | تحریک طالبان"
    terms = apply_rows(HOUSE, "ur", rows).get("TTP").terms_in("ur")
    assert [t.text for t in terms if t.status is Status.ADMITTED] == [
        "پاکستانی طالبان تحریک",
        "تحریک طالبان",
    ]


def test_a_new_row_adds_a_concept_and_an_empty_row_is_ignored():
    rows = [
        *glossary_rows(HOUSE, "ur"),
        {"concept": "kabul", "english": "Kabul", "full": "کابل"},
        {"concept": None, "english": None},
    ]
    edited = apply_rows(HOUSE, "ur", rows)
    assert edited.get("kabul").preferred("ur", Role.FULL) == "کابل"
    assert len(edited) == len(HOUSE) + 1


def test_a_deleted_row_removes_its_concept():
    rows = [r for r in glossary_rows(HOUSE, "ur") if r["concept"] != "makin"]
    assert apply_rows(HOUSE, "ur", rows).get("makin") is None


def test_a_bad_row_is_named_by_its_number():
    rows = glossary_rows(HOUSE, "ur")
    rows[2]["full"] = ""
    rows[2]["short"] = "اپٹا"
    with pytest.raises(
        GlossaryError, match=r"^row 3: concept APTTA: ur has terms but no preferred"
    ):
        apply_rows(HOUSE, "ur", rows)
