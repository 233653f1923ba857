"""BCP 47 tags as other tools write them, and which tags serve which target."""

from __future__ import annotations

import pytest

from workbench.languages import language_matches, normalize_language_tag


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
