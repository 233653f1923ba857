"""The store keeps each imported document's original file beside its text, in the same
transaction, on SQLite and PostgreSQL; documents stored without one still export."""

from __future__ import annotations

import pytest

from tests.fixtures.formatted import editorial_docx
from workbench.errors import InputError
from workbench.store import DocumentOriginal
from workbench.workflows.document_files import import_file, load_file, translated_file


def test_a_word_file_is_stored_with_its_bytes_format_and_no_encoding(store):
    data = editorial_docx()
    document = import_file(store, load_file(data, "editorial.docx"))
    assert store.document_original(document.id) == DocumentOriginal("docx", data, None)
    assert store.original_format(document.id) == "docx"


def test_a_confirmed_encoding_is_stored_with_the_original(store):
    data = "Café “talks”.\n".encode("cp1252")
    document = import_file(store, load_file(data, "old.txt", "cp1252"))
    assert store.document_original(document.id).encoding == "cp1252"
    assert store.document_text(document.id) == "Café “talks”.\n"


def test_a_document_whose_segmenting_fails_stores_no_original_either(store):
    with pytest.raises(InputError):
        store.add_document("blank.txt", "  \n", original=DocumentOriginal("text", b"  \n"))
    assert store.documents() == []


def test_a_document_stored_before_originals_exports_its_text(store):
    document = store.add_document("talks.txt", "One. Two.\n")
    assert store.document_original(document.id) is None
    out = translated_file(store, document, "ur", "source")
    assert out.data == b"One. Two.\n"
    assert (out.segments, out.missing) == (2, 2)
