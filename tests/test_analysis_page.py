"""The Analysis page in Streamlit's AppTest: bands of the chosen document, CSV download."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from workbench.store import open_store
from workbench.ui import state
from workbench.workflows.analyze import CSV_HEADER


def _analysis_page() -> None:
    from workbench.ui import analysis_page, sidebar, state

    state.init()
    sidebar.render()
    analysis_page.render()


def test_the_page_counts_the_chosen_documents_bands():
    store = open_store()
    store.add_document("other.txt", "Trade fell.")
    repeated = store.add_document(
        "repeated.txt", "Talks were held in Kabul.\n\nTalks were held in Kabul."
    )
    at = AppTest.from_function(_analysis_page, default_timeout=60)
    at.run()
    at.selectbox(key=state.ANALYSIS_DOCUMENT).set_value(repeated.id).run()
    assert not at.exception and not at.error
    table = at.dataframe[0].value
    rows = {band: (segments, words) for band, segments, words in zip(
        table["Band"], table["Sentences"], table["Words"], strict=True
    )}  # fmt: skip
    assert rows["repetition"] == (1, 5)
    assert rows["no match"] == (1, 5)
    assert rows["total"] == (2, 10)


def test_the_page_says_so_when_nothing_is_stored():
    at = AppTest.from_function(_analysis_page, default_timeout=60)
    at.run()
    assert not at.exception
    assert "No stored documents yet" in at.info[0].value


def test_the_csv_download_has_the_cli_columns():
    from workbench.memory.index import TranslationMemory
    from workbench.ui.analysis_page import analysis_csv
    from workbench.workflows.analyze import analyze_document

    store = open_store()
    document = store.add_document("one.txt", "Talks were held.")
    analysis = analyze_document(store, document.id, "ur", TranslationMemory())
    lines = analysis_csv(analysis).decode().splitlines()
    assert lines[0] == ",".join(CSV_HEADER)
    assert lines[-1] == "no match,1,3,3"
    assert len(lines) == 9


def test_the_total_rows_weight_is_the_documents_weighted_words_per_word():
    store = open_store()
    repeated = store.add_document(
        "repeated.txt", "Talks were held in Kabul.\n\nTalks were held in Kabul."
    )
    at = AppTest.from_function(_analysis_page, default_timeout=60)
    at.run()
    at.selectbox(key=state.ANALYSIS_DOCUMENT).set_value(repeated.id).run()
    table = at.dataframe[0].value
    total = table[table["Band"] == "total"].iloc[0]
    assert total["Weight %"] == round(100 * total["Weighted words"] / total["Words"], 1)
