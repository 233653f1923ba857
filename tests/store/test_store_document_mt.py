"""All stored MT of a document in one read (for scoring a whole document)."""

from __future__ import annotations

from tests.store.conftest import made_up_mt


def test_document_mt_lists_each_segments_results_newest_first(store, document):
    store.add_machine_translations(document.id, "ur", "argos", "m1", made_up_mt(store, document))
    store.add_machine_translations(document.id, "ur", "nllb", "m2", made_up_mt(store, document))
    segments = store.segments(document.id)

    results = store.document_machine_translations(document.id, "ur")

    assert set(results) == {s.id for s in segments}
    assert [mt.engine for mt in results[segments[0].id]] == ["nllb", "argos"]
    assert results[segments[2].id] == store.machine_translations(segments[2].id, "ur")


def test_document_mt_is_per_document_and_target(store, document):
    other = store.add_document("other.txt", "Another sentence.")
    store.add_machine_translations(other.id, "ur", "argos", "m1", made_up_mt(store, other))

    assert store.document_machine_translations(document.id, "ur") == {}
    assert store.document_machine_translations(other.id, "ps") == {}
