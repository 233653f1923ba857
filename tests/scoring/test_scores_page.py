"""The scores page in AppTest, on the small stored document of conftest.py."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.fixtures.markdown import shown
from tests.scoring.conftest import EDIT_1
from workbench.engines.base import Hypothesis
from workbench.ui import state


def _scores_app():
    from workbench.ui import scores_page, sidebar, state

    state.init()
    sidebar.render()
    scores_page.render()


@pytest.fixture
def page(document) -> AppTest:
    at = AppTest.from_function(_scores_app, default_timeout=60).run()
    assert not at.exception
    return at


def test_headline_shows_bleu_chrf_and_hter_with_signatures(page):
    assert [m.label for m in page.metric] == ["BLEU", "chrF", "HTER"]
    assert page.metric[2].value == f"{100 * 4 / 24:.1f}"
    signatures = page.code[0].value.splitlines()
    assert [line.split("|")[0] for line in signatures] == ["BLEU", "chrF2", "TER"]
    assert all("|version:2.6.0 = " in line for line in signatures)


def test_headline_says_what_was_normalized(page):
    assert any("ur:norm=nfc+bidi+yeh+kaf+digits" in c.value for c in page.caption)


def test_sentence_table_puts_the_most_edited_first(page):
    table = page.dataframe[0].value

    assert table["#"].tolist() == [1, 2, 4, 3]
    assert table["Final"].iloc[0] == EDIT_1


def test_charts_render(page):
    charts = page.get("vega_lite_chart")

    assert len(charts) == 3  # distribution, per editor, over time
    assert all(chart.proto.spec for chart in charts)


def test_sentence_and_revision_tables_offer_a_csv_download(page):
    buttons = {b.key: b.proto.url for b in page.get("download_button")}

    assert set(buttons) == {"download_sentences", "download_revisions"}
    assert all(url.endswith(".csv") for url in buttons.values())


def test_confirmed_scope_scores_fewer_sentences(page):
    page.radio[0].set_value("confirmed").run()

    assert not page.exception
    assert "2 of 4 sentences scored" in page.caption[0].value


def test_document_without_translation_says_so(document, store):
    other = store.add_document("other.txt", "One sentence here.")
    at = AppTest.from_function(_scores_app, default_timeout=60)
    at.session_state[state.SCORE_DOCUMENT] = other.id
    at.run()

    assert not at.exception
    assert shown(at.info[0].value) == "other.txt has no Urdu translation yet."


def test_empty_store_points_to_the_editor(db_url):
    at = AppTest.from_function(_scores_app, default_timeout=60).run()

    assert not at.exception
    assert "No document is stored yet" in shown(at.info[0].value)


def test_document_without_machine_translation_says_where_its_texts_came_from(store):
    doc = store.add_document("aligned.txt", "An old sentence.")
    segment = store.segments(doc.id)[0]
    store.append_revisions("ur", {segment.id: "ایک پرانا جملہ۔"}, "aligner", origin="aligned")

    at = AppTest.from_function(_scores_app, default_timeout=60).run()

    assert not at.exception
    assert shown(at.info[0].value).startswith(
        "No sentence was post-edited from a machine translation (1 from an alignment)"
    )


def test_scores_open_on_the_document_open_in_the_editor(document, store):
    other = store.add_document("other.txt", "One sentence here.")
    at = AppTest.from_function(_scores_app, default_timeout=60)
    at.session_state[state.DOCUMENT_ID] = other.id
    at.run()

    assert at.selectbox(key=state.SCORE_DOCUMENT_PICKER).value == other.id
    assert shown(at.info[0].value) == "other.txt has no Urdu translation yet."


def test_sentence_table_says_each_final_text_started_from_the_mt(page):
    table = page.dataframe[0].value

    assert table["Started from"].tolist() == ["mt"] * 4


def test_sentence_table_names_the_signature_of_its_sentence_bleu(page):
    caption = next(c.value for c in page.caption if c.value.startswith("Sentence scores: "))

    assert "BLEU|nrefs:1|case:mixed|eff:yes|tok:intl|" in caption
    assert caption.endswith("ur:norm=nfc+bidi+yeh+kaf+digits,ter-pretok=intl")


def test_per_editor_and_per_revision_scores_name_their_signatures(page):
    captions = [c.value for c in page.caption]
    editors = next(c for c in captions if c.startswith("Per editor, corpus scores: "))
    revisions = next(c for c in captions if c.startswith("Per revision, sentence scores: "))

    assert "BLEU|nrefs:1|case:mixed|eff:no|tok:intl|" in editors
    assert "BLEU|nrefs:1|case:mixed|eff:yes|tok:intl|" in revisions


def test_compare_tab_tests_the_first_edit_against_mt_on_post_edited_sentences(page):
    assert page.selectbox(key=state.SCORE_BASELINE).value == "mt"
    assert page.selectbox(key=state.SCORE_SYSTEM).value == "first-edit"
    assert any(m.value == "3 post-edited sentences have both texts." for m in page.markdown)
    table = page.dataframe[-1].value

    assert table["Metric"].tolist() == ["BLEU", "chrF2", "TER"]
    assert list(table.columns[1:3]) == ["MT (the editor's start)", "First editor pass"]
    assert table["p-value"].between(0, 1).all()


def test_compare_tab_offers_each_engine_that_translated_the_document(page, document, store):
    store.add_machine_translations(
        document.id, "ur", "nllb", "m2", [[Hypothesis("کچھ اور۔", -0.2)]] * 4
    )
    page.run()
    options = page.selectbox(key=state.SCORE_SYSTEM).options

    assert options[-2:] == ["argos (newest run)", "nllb (newest run)"]
