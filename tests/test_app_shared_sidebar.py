"""The app draws the fields every page shares once, in the sidebar: one "Your name", one
target, one engine; each page works on what they say."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from workbench import config
from workbench.ui import state

APP = str(config.PROJECT_ROOT / "workbench" / "app.py")
TITLES = {"Glossary": "Glossary", "Align": "Align an old translation", "Scores": "Scores"}
PAGES = ["Editor", "Glossary", "Align", "Scores"]


def open_page(name: str) -> AppTest:
    """The app on one page. The pages are functions, which `AppTest.switch_page` (files
    only) cannot open, so this picks the page `st.navigation` registered as `name`."""
    at = AppTest.from_file(APP, default_timeout=60).run()
    at._page_hash = next(
        page_hash
        for page_hash, info in at._registered_pages.items()
        if info.get("page_name") == name
    )
    return at.run()


@pytest.mark.parametrize("page", PAGES)
def test_each_page_has_one_name_field_one_target_and_one_engine(page):
    at = open_page(page)
    assert not at.exception
    labels = [w.label for w in (*at.text_input, *at.selectbox)]
    assert labels.count("Your name") == 1
    assert labels.count("Target language") == 1
    assert labels.count("Engine") == 1
    assert [w.key for w in at.sidebar.text_input] == [state.AUTHOR]
    if page in TITLES:
        assert at.get("title")[0].value == TITLES[page]


def test_the_target_picked_in_the_sidebar_is_the_one_every_page_works_on():
    at = open_page("Glossary")
    at.selectbox(key=state.TARGET).set_value("ps").run()
    assert "renderings for Pashto" in at.caption[0].value
    at = open_page("Scores")
    at.selectbox(key=state.TARGET).set_value("fa-AF").run()
    assert at.session_state[state.TARGET] == "fa-AF"
    assert "Dari" in at.info[0].value  # the sample has no Dari translation yet
