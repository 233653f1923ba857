"""The desk's overview: source words per current status, per document and target."""

from __future__ import annotations

from workbench.store.desk import status_words
from workbench.vocabulary import RevisionStatus


def test_words_are_counted_by_the_status_of_each_segments_newest_revision(store, translated):
    segments = store.segments(translated.id)
    first, second = segments[0], segments[1]
    head = store.current_revision(first.id, "ur")
    store.confirm(first.id, "ur", "amina", head.id)
    head = store.current_revision(second.id, "ur")
    edited = store.save_revision(second.id, "ur", "edited", "amina", head.id)
    store.confirm(second.id, "ur", "amina", edited.id)
    store.save_revision(
        second.id, "ur", "again", "amina", store.current_revision(second.id, "ur").id
    )

    (row,) = status_words(store)
    rest = sum(s.word_count for s in segments[2:])
    assert (row.document_id, row.target_lang, row.words) == (
        translated.id,
        "ur",
        translated.word_count,
    )
    assert row.by_status == {
        RevisionStatus.CONFIRMED: first.word_count,
        RevisionStatus.DRAFT: second.word_count + rest,
    }
    assert row.untranslated == 0 and row.percent_approved == 0.0


def test_segments_without_a_revision_count_as_untranslated(store, document):
    first = store.segments(document.id)[0]
    store.save_revision(first.id, "ps", "text", "amina", None)
    (row,) = status_words(store)
    assert row.untranslated == document.word_count - first.word_count
