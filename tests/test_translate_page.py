"""The first page in Streamlit's AppTest: the sample loads and translates with the fixture."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from workbench import config
from workbench.engines import argos
from workbench.segment import segment_text

APP = str(config.PROJECT_ROOT / "workbench" / "app.py")


def _app() -> AppTest:
    argos.clear_model_cache()
    return AppTest.from_file(APP, default_timeout=60).run()


def test_page_opens_the_bundled_sample():
    at = _app()
    assert not at.exception
    assert at.title[0].value == config.SAMPLE_DOCUMENT.name
    sentences = segment_text(config.SAMPLE_DOCUMENT.read_text(encoding="utf-8"), "en")
    assert f"{len(sentences)} sentences" in at.caption[0].value


def test_page_translates_the_sample_with_the_installed_package(argos_en_ur_copy):
    at = _app()
    at.button(key="translate").click().run()
    assert not at.exception
    assert not at.error
    html = at.get("html")[0].proto.body
    assert 'dir="rtl"' in html and 'lang="ur"' in html
    assert "Noto Nastaliq Urdu" in html
    first = segment_text(config.SAMPLE_DOCUMENT.read_text(encoding="utf-8"), "en")[1].text
    assert html.count(first.replace("’", "’")) >= 2  # source and (copy-model) target columns


def test_target_without_a_model_disables_translate_and_says_how_to_install(no_argos_packages):
    at = _app()
    assert at.button(key="translate").disabled
    assert "workbench packages install en ur" in at.warning[0].value


def test_document_text_is_escaped_not_rendered_as_html(tmp_path):
    at = AppTest.from_file(APP, default_timeout=60)
    doc = tmp_path / "hostile.txt"
    doc.write_text("A <script>alert(1)</script> headline.\n", encoding="utf-8")
    at.session_state["doc_path"] = doc
    at.run()
    html = at.get("html")[0].proto.body
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
