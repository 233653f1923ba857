"""The engine registry: which engines cover a target, and which one translates by default."""

from __future__ import annotations

import pytest

from workbench.engines import packages, registry
from workbench.engines.nllb import NllbEngine
from workbench.errors import MissingModelError, WorkbenchError


def test_both_engines_are_offered_for_every_target_argos_first():
    for status in registry.target_statuses():
        assert [c.name for c in status.choices] == ["argos", "nllb"]


def test_without_models_no_target_is_installed_and_each_choice_says_how(no_argos_packages):
    for status in registry.target_statuses():
        assert not status.installed
        assert status.default is None
        argos, nllb = status.choices
        assert "workbench packages install" in argos.setup_hint
        assert "add-nllb DIR" in nllb.setup_hint


def test_registered_nllb_covers_pashto_and_dari_and_is_their_default(
    registered_nllb, no_argos_packages
):
    by_code = {s.language.code: s for s in registry.target_statuses()}
    for code in ("ps", "fa-AF"):
        assert by_code[code].default.name == "nllb"
        assert by_code[code].model_ids == ("nllb:nllb-200-tiny-copy",)


def test_engine_for_picks_the_default_when_none_is_named(registered_nllb, no_argos_packages):
    assert isinstance(registry.engine_for("en", "ps"), NllbEngine)


def test_engine_for_without_any_model_is_a_missing_model_error(no_argos_packages):
    with pytest.raises(MissingModelError, match="no model for en → ps is installed"):
        registry.engine_for("en", "ps")


def test_a_named_engine_is_used_even_when_another_is_the_default(registered_nllb):
    assert registry.engine_for("en", "ps", "argos").name == "argos"


def test_unknown_engine_name_is_an_error():
    with pytest.raises(WorkbenchError, match="unknown engine 'google'"):
        registry.get_engine("google")


def test_argos_is_the_default_where_both_engines_cover_the_target(
    registered_nllb, no_argos_packages, make_argos_package
):
    make_argos_package("en", "ur", "copy")
    urdu = next(s for s in registry.target_statuses() if s.language.code == "ur")
    assert urdu.default.name == "argos"
    assert [c.installed for c in urdu.choices] == [True, True]
    assert registry.engine_for("en", "ur").name == "argos"


def test_nllb_stays_the_default_for_pashto_when_argos_covers_only_urdu(
    registered_nllb, no_argos_packages, make_argos_package
):
    make_argos_package("en", "ur", "copy")
    assert registry.default_engine_name("en", "ps") == "nllb"


def test_installed_state_changes_when_an_nllb_model_is_registered(nllb_model_dir):
    before = registry.installed_state()
    packages.add_nllb(nllb_model_dir)
    assert registry.installed_state() != before
