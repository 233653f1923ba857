"""The TM matches panel and the export/import panel, in Streamlit's AppTest."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from workbench.tm import DiffSpan
from workbench.ui.tm_panel import source_diff_html


def tm_panel_script() -> None:
    import streamlit as st

    from workbench.tm import TmEntry, TranslationMemory
    from workbench.ui.tm_panel import render_matches

    memory = TranslationMemory(
        [TmEntry("Talks were held in <Kabul> on Monday.", "پیر کو <کابل> میں بات چیت ہوئی۔", "ur",
                 origin="legacy.tmx")]
    )  # fmt: skip
    matches = memory.lookup("Talks were held in <Kabul> on Tuesday.", "ur")

    def use(segment_id: int, text: str) -> None:
        st.session_state["used"] = (segment_id, text)

    render_matches(matches, "ur", "row-7", use, args=(7,))


def test_a_fuzzy_match_shows_score_origin_diff_and_target_escaped():
    at = AppTest.from_function(tm_panel_script).run()
    assert not at.exception
    html = " ".join(h.proto.body for h in at.get("html"))
    assert "TM 86%" in html and "legacy.tmx" in html  # 1 of 7 words changed (markup aside)
    assert "<del>Monday</del><ins>Tuesday</ins>." in html
    assert "&lt;Kabul&gt;" in html and "<Kabul>" not in html
    assert 'dir="rtl"' in html and "&lt;کابل&gt;" in html


def test_use_hands_the_match_target_to_the_rows_save_callback():
    at = AppTest.from_function(tm_panel_script).run()
    at.button(key="row-7-tm-use-0").click().run()
    assert at.session_state["used"] == (7, "پیر کو <کابل> میں بات چیت ہوئی۔")


def test_the_diff_html_escapes_markup_in_every_span():
    html = source_diff_html(
        (DiffSpan("equal", "<b>"), DiffSpan("delete", "<i>"), DiffSpan("insert", "&"))
    )
    assert html.endswith("&lt;b&gt;<del>&lt;i&gt;</del><ins>&amp;</ins></div>")


def exchange_script() -> None:
    import os

    from workbench.store import open_store
    from workbench.ui import exchange_panel, state

    state.init()
    store = open_store(os.environ["WORKBENCH_DB"])
    exchange_panel.render(store, store.document("talks.txt"), "ur", "reviewer")


def test_the_exchange_panel_offers_every_format_and_both_imports(db_url, translated, monkeypatch):
    monkeypatch.setenv("WORKBENCH_DB", db_url)
    at = AppTest.from_function(exchange_script).run()
    assert not at.exception
    assert at.radio(key="tmx_scope").value == "confirmed"
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["TMX", "XLIFF 2", "TSV", "CSV (Excel)"]
    uploads = [u.proto.label for u in at.get("file_uploader")]
    assert len(uploads) == 2 and "XLIFF" in uploads[0] and "TMX" in uploads[1]
