"""The segmentation rule files: built-in ones load, a desk extends them, bad files are refused."""

from __future__ import annotations

import pytest

from workbench.errors import WorkbenchError
from workbench.segment import rules, segment_text
from workbench.segment.rules import BUILTIN_DIR


def sentences(text: str, lang: str = "en") -> list[str]:
    return [s.text for s in segment_text(text, lang)]


@pytest.fixture
def desk_rules(tmp_path, monkeypatch):
    """An empty desk rules directory, set through WORKBENCH_SEGMENT_RULES."""
    folder = tmp_path / "segmentation"
    folder.mkdir()
    monkeypatch.setenv("WORKBENCH_SEGMENT_RULES", str(folder))
    return folder


@pytest.mark.parametrize("lang", ["en", "ur", "fa", "fa-AF", "ps"])
def test_every_language_has_built_in_rules_that_compile(lang):
    ruleset = rules.rules_for(lang)
    assert ruleset.rules and ruleset.candidate.pattern


def test_urdu_dari_and_pashto_have_their_own_abbreviation_lists():
    for name in ("ur", "fa", "fa-af", "ps"):
        text = (BUILTIN_DIR / f"{name}.toml").read_text(encoding="utf-8")
        assert "abbreviations = [" in text


def test_a_desk_file_adds_abbreviations_to_the_built_in_list(desk_rules):
    assert sentences("Ask Supdt. Khan. He knows.") == ["Ask Supdt.", "Khan.", "He knows."]
    (desk_rules / "en.toml").write_text('[lists]\ntitles = ["Supdt"]\n', encoding="utf-8")
    assert sentences("Ask Supdt. Khan. He knows.") == ["Ask Supdt. Khan.", "He knows."]


def test_a_desk_rule_is_checked_before_the_built_in_ones(desk_rules):
    (desk_rules / "ur.toml").write_text(
        "[[rules]]\nname = \"never after the word ختم\"\nbreak = false\nbefore = 'ختم۔'\n",
        encoding="utf-8",
    )
    assert sentences("بات ختم۔ پھر بھی۔", "ur") == ["بات ختم۔ پھر بھی۔"]


def test_a_desk_file_with_a_bad_regular_expression_is_refused_naming_file_and_rule(desk_rules):
    bad = desk_rules / "en.toml"
    bad.write_text('[[rules]]\nname = "broken"\nbreak = true\nbefore = "(x"\n', encoding="utf-8")
    with pytest.raises(WorkbenchError, match=rf"^{bad}: broken: bad regular expression"):
        segment_text("One. Two.", "en")


def test_a_desk_file_that_is_not_toml_is_refused_naming_it(desk_rules):
    bad = desk_rules / "fa.toml"
    bad.write_text("lists = [unclosed", encoding="utf-8")
    with pytest.raises(WorkbenchError, match=rf"^{bad}: unreadable segmentation rules"):
        segment_text("یک. دو.", "fa")


def test_a_rule_naming_an_unknown_list_is_refused(desk_rules):
    bad = desk_rules / "ps.toml"
    bad.write_text('[[rules]]\nbreak = false\nbefore = "{nothing}"\n', encoding="utf-8")
    with pytest.raises(WorkbenchError, match="no list named 'nothing'"):
        segment_text("یو. دوه.", "ps")
