"""The editor takes Word files and web pages, asks before reading a text in a guessed
encoding, and offers the translated document as a download."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.fixtures.editor_app import heading, open_app
from tests.fixtures.editor_grid import row_of, save
from tests.fixtures.formatted import BOLD_WORDS, editorial_docx, editorial_html
from workbench import config
from workbench.store import Store, open_store
from workbench.ui.rendering import markdown_text

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def store() -> Store:
    return open_store()


def upload(at: AppTest, name: str, data: bytes, mime: str) -> AppTest:
    at.file_uploader(key="upload").upload(name, data, mime).run()
    assert not at.exception
    return at


def download_labels(at: AppTest) -> list[str]:
    return [b.proto.label for b in at.get("download_button")]


def test_an_uploaded_word_file_is_stored_with_its_original_and_opened(store):
    at = upload(open_app(), "editorial.docx", editorial_docx(), DOCX_MIME)
    assert heading(at) == markdown_text("editorial.docx")
    document = store.document("editorial.docx")
    assert store.document_original(document.id).format == "docx"
    bold = next(s for s in store.segments(document.id) if BOLD_WORDS in s.text)
    assert f"⟨1⟩{BOLD_WORDS}⟨/1⟩" in row_of(at, bold.index + 1)["src"]  # between compact tags


def test_an_uploaded_web_page_is_stored_and_opened(store):
    at = upload(open_app(), "editorial.html", editorial_html(), "text/html")
    assert heading(at) == markdown_text("editorial.html")
    assert store.document_original(store.document("editorial.html").id).format == "html"


def test_a_text_in_another_encoding_is_stored_only_after_the_guess_is_confirmed(store):
    data = "He said “no” — twice.\n".encode("cp1252")
    at = upload(open_app(), "old.txt", data, "text/plain")
    assert "read it as cp1252" in at.error[0].value
    assert [d.name for d in store.documents()] == [config.SAMPLE_DOCUMENT.name]
    at.button(key="upload_confirm").click().run()
    assert not at.exception
    document = store.document("old.txt")
    assert store.document_text(document.id) == "He said “no” — twice.\n"


def test_the_translation_download_is_refused_while_targets_are_missing(store):
    at = upload(open_app(), "editorial.docx", editorial_docx(), DOCX_MIME)
    warnings = [w.value for w in at.warning]
    assert any("segments have no Urdu target yet" in w for w in warnings)
    assert not any(label.startswith("Download translation") for label in download_labels(at))


def test_the_translation_download_is_offered_with_the_source_standing_in(store):
    at = upload(open_app(), "editorial.docx", editorial_docx(), DOCX_MIME)
    at.radio(key="missing_targets").set_value("source").run()
    assert "Download translation" in download_labels(at)


def test_after_mt_the_translation_download_counts_what_is_not_confirmed(store, argos_en_ur_copy):
    at = upload(open_app(), "editorial.docx", editorial_docx(), DOCX_MIME)
    at.button(key="translate").click().run()
    assert not at.exception
    segments = store.document("editorial.docx").segment_count
    assert f"Download translation · {segments} not confirmed" in download_labels(at)


def test_the_target_box_shows_tags_the_translator_can_move_and_saves_them(store, argos_en_ur_copy):
    from workbench.exchange.inline import close_char, open_char

    at = upload(open_app("Amina"), "editorial.docx", editorial_docx(), DOCX_MIME)
    at.button(key="translate").click().run()
    document = store.document("editorial.docx")
    bold = next(s for s in store.segments(document.id) if BOLD_WORDS in s.text)
    assert f"⟨1⟩{BOLD_WORDS}⟨/1⟩" in row_of(at, bold.index + 1)["tgt"]
    assert save(at, bold.index + 1, "⟨1⟩تاجروں⟨/1⟩ نے ⟨2⟩کہا⟨/2⟩۔")["outcome"] == "saved"
    saved = store.current_revision(bold.id, "ur").text
    assert saved == f"{open_char(0)}تاجروں{close_char(0)} نے {open_char(1)}کہا{close_char(1)}۔"


def test_an_upload_over_the_size_limit_is_refused_in_one_line_and_nothing_is_stored(
    store, monkeypatch
):
    at = open_app()
    monkeypatch.setenv("WORKBENCH_MAX_FILE_BYTES", "100")
    upload(at, "big.txt", b"A sentence. " * 20, "text/plain")
    [line] = [e.value for e in at.error]
    assert line.startswith(markdown_text("big.txt: the file is 240 bytes; the limit is 100"))
    assert [d.name for d in store.documents()] == [config.SAMPLE_DOCUMENT.name]
