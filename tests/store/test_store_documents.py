"""Documents and their sentences in the store."""

from __future__ import annotations

import pytest

from workbench.errors import InputError
from workbench.segment import Segment
from workbench.store import AmbiguousDocumentError, UnknownDocumentError

TEXT = "Talks were held in Kabul. Trade was discussed.\n\nNo statement was issued."


def test_adding_a_document_stores_its_sentences_in_order_with_spans_into_the_text(store):
    doc = store.add_document("talks.txt", TEXT)
    segments = store.segments(doc.id)
    assert [s.text for s in segments] == [
        "Talks were held in Kabul.",
        "Trade was discussed.",
        "No statement was issued.",
    ]
    assert [s.index for s in segments] == [0, 1, 2]
    assert [s.paragraph for s in segments] == [0, 0, 1]
    assert all(TEXT[s.start : s.end] == s.text for s in segments)
    assert store.document_text(doc.id) == TEXT
    assert doc.segment_count == 3


def test_segments_given_by_the_caller_are_stored_as_they_are(store):
    text = "Kabul, Islamabad"
    given = [Segment(0, 0, "Kabul,", 0, 6), Segment(1, 0, "Islamabad", 7, 16)]
    doc = store.add_document("pairs.txt", text, segments=given)
    assert [(s.text, s.start, s.end) for s in store.segments(doc.id)] == [
        ("Kabul,", 0, 6),
        ("Islamabad", 7, 16),
    ]


def test_a_document_is_found_by_name_or_by_id(store):
    doc = store.add_document("talks.txt", TEXT)
    assert store.document("talks.txt") == doc
    assert store.document(doc.id) == doc
    assert store.document(str(doc.id)) == doc


def test_a_name_of_digits_is_found_by_name_when_no_document_has_that_id(store):
    doc = store.add_document("2024", TEXT)
    assert store.document("2024") == doc


def test_digits_that_are_one_documents_id_and_anothers_name_are_refused_as_ambiguous(store):
    first = store.add_document("talks.txt", TEXT)
    named_like_an_id = store.add_document(str(first.id), TEXT)
    with pytest.raises(AmbiguousDocumentError, match=r"both the id of 'talks\.txt' and the name"):
        store.document(str(first.id))
    assert store.document(first.id) == first  # an int is an id, never a name
    assert store.document(str(named_like_an_id.id)) == named_like_an_id


def test_an_unknown_document_is_a_clear_error(store):
    with pytest.raises(UnknownDocumentError, match=r"no stored document 'missing\.txt'"):
        store.document("missing.txt")


def test_a_taken_name_gets_a_numbered_suffix(store):
    store.add_document("talks.txt", TEXT)
    second = store.add_document("talks.txt", "Another text entirely.")
    assert second.name == "talks.txt (2)"
    assert store.add_document("talks.txt", "A third.").name == "talks.txt (3)"


def test_importing_the_same_text_again_returns_the_stored_document(store):
    first = store.import_document("talks.txt", TEXT)
    again = store.import_document("talks.txt", TEXT)
    changed = store.import_document("talks.txt", TEXT + " More.")
    assert again.id == first.id
    assert changed.id != first.id
    assert len(store.documents()) == 2


def test_names_with_sql_wildcards_are_matched_literally(store):
    store.add_document("100%_report.txt", TEXT)
    other = store.add_document("100x_report.txt", "Other.")
    assert store.add_document("100%_report.txt", "New.").name == "100%_report.txt (2)"
    assert other.name == "100x_report.txt"


def test_an_empty_document_is_refused_and_nothing_is_stored(store):
    with pytest.raises(InputError, match=r"empty\.txt: the document is empty"):
        store.add_document("empty.txt", "  \n\n ")
    assert store.documents() == []


def test_documents_are_listed_oldest_first_with_their_sentence_counts(store):
    store.add_document("b.txt", "One sentence.")
    store.add_document("a.txt", TEXT)
    assert [(d.name, d.segment_count) for d in store.documents()] == [("b.txt", 1), ("a.txt", 3)]
