"""A crafted file or document name is shown as text on every page: never a link, a remote
image or HTML (issue 19, item 8). The editor's own cases are in test_editor_page.py."""

from __future__ import annotations

import re
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from tests.fixtures.markdown import shown
from tests.fixtures.parallel_editorial import document, paragraphs
from workbench import config
from workbench.store import open_store
from workbench.ui import state
from workbench.ui.rendering import markdown_text

HOSTILE_NAMES = ["[click](http://evil)", "![x](http://evil/x.png)", "<img src=x>"]
_UNESCAPED_MARKUP = re.compile(r"(?<!\\)[\[\]!<>()]")


def assert_shown_as_text(markdown: str, name: str) -> None:
    """`name` reaches the markdown only escaped: it renders as the characters typed."""
    assert markdown_text(name) in markdown
    assert name in shown(markdown)
    assert not _UNESCAPED_MARKUP.search(markdown.replace(markdown_text(name), ""))


def _glossary_page() -> None:
    from workbench.ui import glossary_page, sidebar, state

    state.init()
    sidebar.render()
    glossary_page.render()


def _align_page() -> None:
    from workbench.ui import align_page, sidebar, state

    state.init()
    sidebar.render()
    align_page.render()


def _scores_page() -> None:
    from workbench.ui import scores_page, sidebar, state

    state.init()
    sidebar.render()
    scores_page.render()


@pytest.fixture
def glossary_copy(tmp_path):
    for name in ("security.tbx", "security.csv"):
        shutil.copy(config.GLOSSARIES_DIR / name, tmp_path / name)
    return tmp_path / "security.tbx"


def _glossary_upload(glossary_path, file_name: str, content: bytes) -> AppTest:
    at = AppTest.from_function(_glossary_page, default_timeout=30)
    at.session_state[state.GLOSSARY_PATH] = glossary_path
    at.run()
    at.file_uploader(key=state.GLOSSARY_UPLOAD).upload(file_name, content, "text/csv")
    return at.run()


GOOD_CSV = (
    "concept,lang,full,short,full_variants,short_variants,deprecated,definition,note\n"
    "torkham,en,Torkham,,,,,,\n"
    "torkham,ur,طورخم,,,,,,\n"
).encode()


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_glossary_import_shows_a_hostile_file_name_as_text(glossary_copy, name):
    at = _glossary_upload(glossary_copy, f"{name}.csv", GOOD_CSV)
    assert not at.exception and not at.error
    assert_shown_as_text(at.info[0].value, f"{name}.csv")


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_glossary_import_error_shows_a_hostile_file_name_as_text(glossary_copy, name):
    at = _glossary_upload(glossary_copy, f"{name}.csv", GOOD_CSV + b"torkham,ps,x,,,,,,,extra\n")
    assert not at.exception
    assert_shown_as_text(at.error[0].value, f"{name}.csv")


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_align_error_shows_a_hostile_file_name_as_text(name):
    at = AppTest.from_function(_align_page, default_timeout=60).run()
    at.file_uploader(key=state.ALIGN_SOURCE_FILE).upload(
        f"{name}.txt", b"\x89PNG\r\n\x1a\n\xff\x00", "text/plain"
    )
    at.text_area(key=state.ALIGN_TARGET_TEXT).set_value("ایک جملہ۔")
    at.checkbox(key=state.ALIGN_USE_MT).uncheck()
    at.button(key=state.ALIGN_RUN).click().run()
    assert not at.exception
    assert_shown_as_text(at.error[0].value, f"{name}.txt")


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_align_accept_shows_a_hostile_document_name_as_text(name):
    at = AppTest.from_function(_align_page, default_timeout=60)
    at.session_state[state.AUTHOR] = "amina"  # accepting records a name; none by default
    at.run()
    at.checkbox(key=state.ALIGN_USE_MT).uncheck()
    at.text_area(key=state.ALIGN_SOURCE_TEXT).set_value(document(paragraphs("en")))
    at.text_area(key=state.ALIGN_TARGET_TEXT).set_value(document(paragraphs("ur")))
    at.button(key=state.ALIGN_RUN).click().run()
    at.text_input(key=state.ALIGN_DOC_NAME).set_value(name)
    at.button(key=state.ALIGN_ACCEPT).click().run()
    assert not at.exception and not at.error
    assert_shown_as_text(at.success[0].value, name)


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_scores_page_shows_a_hostile_document_name_as_text(name):
    stored = open_store().import_document(name, "One sentence here.")
    at = AppTest.from_function(_scores_page, default_timeout=60)
    at.session_state[state.SCORE_DOCUMENT] = stored.id
    at.run()
    assert not at.exception
    assert_shown_as_text(at.info[0].value, name)
