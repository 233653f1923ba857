"""The editor's view of a document: states, filters, search, pages and progress."""

from __future__ import annotations

from workbench.store import SegmentFilter, SegmentState


def work_on(store, document) -> list[int]:
    """Segment 0 confirmed, 1 edited, 2 and 3 left as MT. Returns the segment ids."""
    ids = [s.id for s in store.segments(document.id)]
    heads = store.current_revisions(document.id, "ur")
    store.confirm(ids[0], "ur", "amina", heads[ids[0]].id)
    store.save_revision(ids[1], "ur", "Kabul میں 50% بات", "amina", heads[ids[1]].id)
    return ids


def test_each_row_carries_its_state(store, translated):
    work_on(store, translated)
    rows = store.segment_rows(translated.id, "ur").rows
    assert [r.state for r in rows] == [
        SegmentState.CONFIRMED,
        SegmentState.EDITED,
        SegmentState.PRETRANSLATED,
        SegmentState.PRETRANSLATED,
    ]


def test_a_segment_without_any_revision_is_untranslated(store, document):
    rows = store.segment_rows(document.id, "ur").rows
    assert {r.state for r in rows} == {SegmentState.UNTRANSLATED}
    assert rows[0].target_text == ""


def test_filters_select_unedited_edited_and_confirmed_segments(store, translated):
    ids = work_on(store, translated)

    def matching(row_filter: SegmentFilter) -> list[int]:
        return [r.segment.id for r in store.segment_rows(translated.id, "ur", row_filter).rows]

    assert matching(SegmentFilter.ALL) == ids
    assert matching(SegmentFilter.UNEDITED) == ids[2:]
    assert matching(SegmentFilter.EDITED) == [ids[1]]
    assert matching(SegmentFilter.CONFIRMED) == [ids[0]]


def test_search_looks_in_source_and_target_ignoring_case(store, translated):
    ids = work_on(store, translated)
    by_source = store.segment_rows(translated.id, "ur", search="ttp")
    by_target = store.segment_rows(translated.id, "ur", search="میں")
    assert [r.segment.id for r in by_source.rows] == [ids[1]]
    assert [r.segment.id for r in by_target.rows] == [ids[1]]


def test_search_treats_percent_and_underscore_literally(store, translated):
    ids = work_on(store, translated)
    assert [r.segment.id for r in store.segment_rows(translated.id, "ur", search="50%").rows] == [
        ids[1]
    ]
    assert store.segment_rows(translated.id, "ur", search="_").total == 0


def test_pages_slice_the_filtered_rows_and_report_the_total(store, translated):
    ids = [s.id for s in store.segments(translated.id)]
    page = store.segment_rows(translated.id, "ur", offset=2, limit=1)
    assert [r.segment.id for r in page.rows] == [ids[2]]
    assert page.total == 4


def test_progress_counts_states_and_measures_done_by_confirmed_words(store, translated):
    work_on(store, translated)
    progress = store.progress(translated.id, "ur")
    segments = store.segments(translated.id)
    assert (progress.segments, progress.confirmed, progress.edited) == (4, 1, 1)
    assert (progress.pretranslated, progress.untranslated) == (2, 0)
    assert progress.words == sum(s.word_count for s in segments)
    assert progress.percent_done == 100 * segments[0].word_count / progress.words


def test_progress_of_an_untranslated_document(store, document):
    progress = store.progress(document.id, "ps")
    assert (progress.untranslated, progress.confirmed, progress.percent_done) == (4, 0, 0.0)
