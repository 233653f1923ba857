"""The app with the NLLB engine: the picker per target, and translating the sample into Pashto."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.fixtures.editor_app import finish_translation
from tests.fixtures.glossary import copy_with_renderings
from workbench import config
from workbench.glossary import load_glossary
from workbench.store import open_store

APP = str(config.PROJECT_ROOT / "workbench" / "app.py")


@pytest.fixture
def app(no_argos_packages) -> AppTest:
    """The app on the sample, with no Argos package installed."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    return at


def test_the_editor_translates_the_sample_into_pashto_with_nllb(registered_nllb, app):
    app.selectbox(key="target").select("ps").run()
    finish_translation(app.button(key="translate").click().run())
    assert not app.exception and not app.error
    store = open_store()
    segments = store.segments(store.document(config.SAMPLE_DOCUMENT.name).id)
    current = store.current_revisions(segments[0].document_id, "ps")
    # The tiny model copies its input: every sentence comes back, in order, in the editor,
    # with the house glossary's Pashto terms in place of the English ones.
    glossary = load_glossary(config.glossary_path())
    expected = [copy_with_renderings(s.text, glossary, "ps") for s in segments]
    assert [current[s.id].text for s in segments] == expected
    assert [box.value for box in app.text_area] == expected[: len(app.text_area)]


def test_the_picker_offers_both_engines_and_defaults_to_the_installed_one(registered_nllb, app):
    app.selectbox(key="target").select("ps").run()
    picker = app.selectbox(key="engine_for_ps")
    assert picker.value == "nllb"
    assert picker.options == ["Argos Translate · not set up", "NLLB-200 · nllb:nllb-200-tiny-copy"]


def test_picking_an_engine_that_is_not_set_up_says_how_and_disables_translate(registered_nllb, app):
    app.selectbox(key="target").select("ps").run()
    app.selectbox(key="engine_for_ps").select("argos").run()
    assert "workbench packages install en ps" in app.warning[0].value
    assert app.button(key="translate").disabled


def test_pashto_with_no_model_at_all_says_how_to_add_nllb(app):
    app.selectbox(key="target").select("ps").run()
    assert app.selectbox(key="engine_for_ps").value == "argos"
    assert "workbench packages install en ps" in app.warning[0].value
    app.selectbox(key="engine_for_ps").select("nllb").run()
    assert "add-nllb DIR" in app.warning[0].value


def test_each_target_remembers_its_own_engine(registered_nllb, app):
    app.selectbox(key="target").select("ps").run()
    app.selectbox(key="engine_for_ps").select("argos").run()
    app.selectbox(key="target").select("fa-AF").run()
    assert app.selectbox(key="engine_for_fa-AF").value == "nllb"
    app.selectbox(key="target").select("ps").run()
    assert app.selectbox(key="engine_for_ps").value == "argos"
