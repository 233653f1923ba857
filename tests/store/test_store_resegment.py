"""Splitting and merging stored segments (issue 16): old segments are retired with their
history, every listing and export follows the live segments, spans stay exact, and a save
racing a split is a conflict that loses nothing."""

from __future__ import annotations

import csv
import io
import threading

import pytest

from tests.store.conftest import FOUR_SENTENCES
from workbench.errors import InputError
from workbench.exchange.tmx import read_tmx
from workbench.exchange.xliff2 import read_xliff
from workbench.segment import Segment
from workbench.segment.spans import rebuild
from workbench.store import (
    Origin,
    RevisionConflict,
    RevisionStatus,
    SegmentEditKind,
    SegmentRetired,
)
from workbench.workflows.export import export_bytes


def live_texts(store, document) -> list[str]:
    return [s.text for s in store.segments(document.id)]


def as_spans(store, document) -> list[Segment]:
    return [
        Segment(s.index, s.paragraph, s.text, s.start, s.end) for s in store.segments(document.id)
    ]


def test_a_split_replaces_the_segment_by_two_in_its_place(store, document):
    second = store.segments(document.id)[1]
    done = store.split_segment(second.id, len("The TTP"), "bilal")
    assert live_texts(store, document) == [
        "Pakistan and Afghanistan held talks in Kabul.",
        "The TTP",
        "was discussed.",
        "Trade was on the agenda too.",
        "No joint statement was issued.",
    ]
    assert [s.index for s in store.segments(document.id)] == [0, 1, 2, 3, 4]
    assert [s.index for s in done.segments] == [1, 2]
    assert [s.id for s in done.retired] == [second.id]
    assert store.document(document.id).segment_count == 5


def test_the_document_rebuilds_exactly_from_its_live_segments_after_split_and_merge(
    store, document
):
    segments = store.segments(document.id)
    store.split_segment(segments[0].id, len("Pakistan and Afghanistan"), "bilal")
    merged_first = store.segments(document.id)[2]
    store.merge_segments(merged_first.id, "bilal")
    spans = as_spans(store, document)
    assert rebuild(FOUR_SENTENCES, spans) == FOUR_SENTENCES
    translated = rebuild(FOUR_SENTENCES, spans, [f"<{s.index}>" for s in spans])
    assert translated == "<0> <1>\n\n<2>\n\n<3>"


def test_the_old_segments_history_stays_readable_after_a_split(store, translated):
    first = store.segments(translated.id)[0]
    mt = store.current_revision(first.id, "ur")
    edit = store.save_revision(first.id, "ur", "کابل میں مذاکرات۔", "amina", mt.id)
    done = store.split_segment(first.id, len("Pakistan and Afghanistan"), "bilal")
    assert [r.text for r in store.history(first.id, "ur")] == ["MT0", "کابل میں مذاکرات۔"]
    (earlier,) = store.earlier_history(done.segments[1].id, "ur")
    assert earlier.segment.id == first.id and earlier.segment.retired is not None
    assert earlier.became is SegmentEditKind.SPLIT
    assert [r.id for r in earlier.revisions] == [mt.id, edit.id]
    everything = store.document_history(translated.id, "ur", retired=True)
    assert {mt.id, edit.id} <= {r.id for r in everything}
    assert {mt.id, edit.id}.isdisjoint(r.id for r in store.document_history(translated.id, "ur"))


def test_a_split_puts_the_translators_target_on_the_first_part_marked_for_review(store, translated):
    first = store.segments(translated.id)[0]
    edit = store.save_revision(
        first.id, "ur", "کابل میں مذاکرات۔", "amina", store.current_revision(first.id, "ur").id
    )
    store.confirm(first.id, "ur", "amina", edit.id)
    done = store.split_segment(first.id, len("Pakistan and Afghanistan"), "bilal")
    head, tail = done.segments
    carried = store.current_revision(head.id, "ur")
    assert (carried.text, carried.status, carried.origin) == (
        "کابل میں مذاکرات۔",
        RevisionStatus.DRAFT,
        Origin.HUMAN,
    )
    assert store.current_revision(tail.id, "ur") is None
    edits = store.segment_edits(translated.id)
    assert (edits[head.id].needs_review, edits[tail.id].needs_review) == (True, False)
    assert edits[head.id].predecessor_ids == (first.id,)


def test_a_split_does_not_carry_machine_translation_no_one_touched(store, translated):
    first = store.segments(translated.id)[0]
    done = store.split_segment(first.id, len("Pakistan and Afghanistan"), "bilal")
    assert done.carried == ()
    assert all(store.current_revision(s.id, "ur") is None for s in done.segments)


def test_a_split_at_a_target_position_gives_each_part_its_half(store, document):
    first = store.segments(document.id)[0]
    saved = store.save_revision(first.id, "ur", "پاکستان اور افغانستان، کابل میں", "amina", None)
    done = store.split_segment(
        first.id,
        len("Pakistan and Afghanistan"),
        "bilal",
        target_lang="ur",
        base_revision_id=saved.id,
        target_at=len("پاکستان اور افغانستان،"),
    )
    texts = [store.current_revision(s.id, "ur").text for s in done.segments]
    assert texts == ["پاکستان اور افغانستان،", "کابل میں"]
    assert not any(e.needs_review for e in store.segment_edits(document.id).values())


def test_merged_targets_are_joined_with_the_languages_sentence_joiner(store, document):
    second, third = store.segments(document.id)[1:3]
    store.save_revision(second.id, "ur", "ٹی ٹی پی پر بات ہوئی۔", "amina", None)
    store.save_revision(third.id, "ur", "تجارت بھی ایجنڈے پر تھی۔", "amina", None)
    done = store.merge_segments(second.id, "bilal")
    (merged,) = done.segments
    assert merged.text == "The TTP was discussed. Trade was on the agenda too."
    assert store.current_revision(merged.id, "ur").text == (
        "ٹی ٹی پی پر بات ہوئی۔ تجارت بھی ایجنڈے پر تھی۔"
    )
    assert store.segment_edit(merged.id).predecessor_ids == (second.id, third.id)
    assert live_texts(store, document)[2] == "No joint statement was issued."


def test_a_merge_across_paragraphs_is_refused_and_changes_nothing(store, document):
    before = store.segments(document.id)
    with pytest.raises(InputError, match=r"^segments 1 and 2 are in different paragraphs"):
        store.merge_segments(before[0].id, "bilal")
    assert store.segments(document.id) == before


def test_merging_the_last_segment_is_refused(store, document):
    last = store.segments(document.id)[-1]
    with pytest.raises(InputError, match="segment 4 is the last one"):
        store.merge_segments(last.id, "bilal")


def test_a_split_of_a_segment_whose_target_moved_is_a_conflict(store, document):
    first = store.segments(document.id)[0]
    seen = store.save_revision(first.id, "ur", "پہلا", "amina", None)
    store.save_revision(first.id, "ur", "دوسرا", "chand", seen.id)
    with pytest.raises(RevisionConflict):
        store.split_segment(first.id, 8, "bilal", target_lang="ur", base_revision_id=seen.id)
    assert len(store.segments(document.id)) == 4


def test_a_save_on_a_segment_split_meanwhile_is_a_conflict_carrying_the_text(store, document):
    first = store.segments(document.id)[0]
    seen = store.save_revision(first.id, "ur", "پہلا", "amina", None)
    store.split_segment(first.id, 8, "bilal")
    with pytest.raises(SegmentRetired) as refused:
        store.save_revision(first.id, "ur", "پہلا، بہتر", "amina", seen.id)
    assert refused.value.yours == "پہلا، بہتر"
    assert isinstance(refused.value, RevisionConflict)
    assert [r.text for r in store.history(first.id, "ur")] == ["پہلا"]


def test_a_save_racing_a_split_loses_nothing(store, document):
    """Whichever wins, the editor's text is either stored (and carried to the first part)
    or handed back in the conflict."""
    first = store.segments(document.id)[0]
    seen = store.save_revision(first.id, "ur", "پہلا", "amina", None)
    start = threading.Barrier(2)
    outcome: dict[str, object] = {}

    def save() -> None:
        start.wait()
        try:
            outcome["saved"] = store.save_revision(first.id, "ur", "پہلا، بہتر", "amina", seen.id)
        except RevisionConflict as conflict:
            outcome["refused"] = conflict

    def split() -> None:
        start.wait()
        outcome["split"] = store.split_segment(first.id, 8, "bilal")

    threads = [threading.Thread(target=save), threading.Thread(target=split)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    head = store.segments(document.id)[0]
    carried = store.current_revision(head.id, "ur").text
    if "saved" in outcome:
        assert carried == "پہلا، بہتر"
    else:
        assert carried == "پہلا" and outcome["refused"].yours == "پہلا، بہتر"


def test_listings_and_progress_follow_the_live_segments(store, translated):
    first = store.segments(translated.id)[0]
    done = store.split_segment(first.id, len("Pakistan and Afghanistan"), "bilal")
    rows = store.segment_rows(translated.id, "ur").rows
    assert [r.segment.id for r in rows[:2]] == [s.id for s in done.segments]
    assert [r.revision for r in rows[:2]] == [None, None]
    progress = store.progress(translated.id, "ur")
    assert (progress.segments, progress.untranslated, progress.pretranslated) == (5, 2, 3)
    assert first.id not in store.current_revisions(translated.id, "ur")
    assert first.id not in store.document_machine_translations(translated.id, "ur")


def test_a_translate_job_picks_only_the_new_segments(store, translated):
    first = store.segments(translated.id)[0]
    done = store.split_segment(first.id, len("Pakistan and Afghanistan"), "bilal")
    job = store.create_job(translated.id, "ur", "argos", "test-model-1", "bilal")
    pending = store.pending_segments(job.id)
    assert [s.id for s in pending] == [s.id for s in done.segments]


def test_exports_follow_the_live_segments_after_a_merge(store, document):
    second, third = store.segments(document.id)[1:3]
    store.save_revision(second.id, "ur", "ٹی ٹی پی پر بات ہوئی۔", "amina", None)
    store.save_revision(third.id, "ur", "تجارت بھی ایجنڈے پر تھی۔", "amina", None)
    merged = store.merge_segments(second.id, "bilal").segments[0]
    store.confirm(merged.id, "ur", "bilal", store.current_revision(merged.id, "ur").id)
    joined = "ٹی ٹی پی پر بات ہوئی۔ تجارت بھی ایجنڈے پر تھی۔"
    (tmx_unit,) = read_tmx(io.BytesIO(export_bytes(store, document, "ur", "tmx")))
    assert (tmx_unit.source, tmx_unit.targets["ur"]) == (merged.text, joined)
    units = list(read_xliff(io.BytesIO(export_bytes(store, document, "ur", "xliff"))))
    assert [u.source for u in units] == live_texts(store, document)
    assert units[1].targets["ur"] == joined and units[1].id == "s2"
    rows = list(
        csv.reader(io.StringIO(export_bytes(store, document, "ur", "tsv").decode()), delimiter="\t")
    )
    assert [row[3] for row in rows[1:]] == [
        "Pakistan and Afghanistan held talks in Kabul.",
        merged.text,
        "No joint statement was issued.",
    ]
