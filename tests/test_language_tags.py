"""BCP 47 tags as other tools write them, and which tags serve which target."""

from __future__ import annotations

import pytest

from workbench.errors import InputError
from workbench.languages import language_matches, normalize_language_tag, workbench_target


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ur", "ur"),
        ("UR-pk", "ur-PK"),
        ("fa_af", "fa-AF"),
        ("PS", "ps"),
        ("zh-hant-tw", "zh-Hant-TW"),
        ("es-419", "es-419"),
        (" en-US ", "en-US"),
    ],
)
def test_tags_are_normalized_to_conventional_case(raw, expected):
    assert normalize_language_tag(raw) == expected


@pytest.mark.parametrize(
    ("tag", "wanted", "serves"),
    [
        ("ur-PK", "ur", True),
        ("ur", "ur", True),
        ("fa-AF", "fa-af", True),
        ("fa-IR", "fa-AF", False),
        ("fa", "fa-AF", False),
        ("ps-AF", "ps", True),
        ("pa", "ps", False),
    ],
)
def test_a_tag_serves_its_own_language_and_regional_variants(tag, wanted, serves):
    assert language_matches(tag, wanted) is serves


@pytest.mark.parametrize(
    ("tag", "target"),
    [
        ("ur", "ur"),
        ("ur-PK", "ur"),
        ("UR_pk", "ur"),
        ("ur-Arab-PK", "ur"),
        ("fa-AF", "fa-AF"),
        ("FA-af", "fa-AF"),
        ("fa-Arab-AF", "fa-AF"),
        ("ps-AF", "ps"),
        ("ps", "ps"),
        ("fa-IR", "fa"),
    ],
)
def test_regional_tags_map_onto_the_workbench_target(tag, target):
    assert workbench_target(tag) == target


@pytest.mark.parametrize("tag", ["de", "en", "en-US", "ar", "", "pa-PK"])
def test_a_tag_that_is_no_workbench_target_is_refused_with_one_line(tag):
    with pytest.raises(InputError, match=r"^f\.xlf: .* is not a target language of the workbench"):
        workbench_target(tag, path="f.xlf")
