"""Machine translations in the store: n-best lists, and MT as the first revision."""

from __future__ import annotations

import pytest

from tests.store.conftest import made_up_mt
from workbench.engines.base import Hypothesis
from workbench.store import (
    Alternative,
    DocumentTargets,
    Origin,
    PlannedText,
    RevisionStatus,
    SegmentsChanged,
)


def test_mt_is_stored_with_its_n_best_scores_engine_and_model(store, translated):
    seg = store.segments(translated.id)[1]
    (mt,) = store.machine_translations(seg.id, "ur")
    assert (mt.engine, mt.model_id, mt.target) == ("argos", "test-model-1", "ur")
    assert mt.alternatives == (Alternative(0, "MT1", -0.5), Alternative(1, "MT1 alt1", -1.0))


def test_the_best_hypothesis_becomes_an_mt_draft_revision(store, translated):
    seg = store.segments(translated.id)[1]
    head = store.current_revision(seg.id, "ur")
    assert (head.text, head.origin, head.status, head.author) == (
        "MT1",
        Origin.MT,
        RevisionStatus.DRAFT,
        "mt:argos",
    )
    assert head.machine_translation_id == store.machine_translations(seg.id, "ur")[0].id


def test_translating_again_never_displaces_an_editors_work(store, translated):
    edited, untouched = store.segments(translated.id)[:2]
    head = store.current_revision(edited.id, "ur")
    store.save_revision(edited.id, "ur", "editor's text", "amina", head.id)
    rerun = [[Hypothesis(f"new MT {s.index}", -0.1)] for s in store.segments(translated.id)]
    replaced = store.add_machine_translations(translated.id, "ur", "argos", "model-2", rerun)
    assert replaced == translated.segment_count - 1
    assert store.current_revision(edited.id, "ur").text == "editor's text"
    assert store.current_revision(untouched.id, "ur").text == "new MT 1"
    assert len(store.machine_translations(edited.id, "ur")) == 2


def test_translating_again_with_the_same_output_adds_no_revision(store, translated):
    seg = store.segments(translated.id)[0]
    same = [[Hypothesis(f"MT{s.index}", -0.5)] for s in store.segments(translated.id)]
    assert store.add_machine_translations(translated.id, "ur", "argos", "m", same) == 0
    assert len(store.history(seg.id, "ur")) == 1


def test_mt_for_the_wrong_number_of_segments_is_refused(store, document):
    with pytest.raises(SegmentsChanged, match="1 MT results for 4 segments"):
        store.add_machine_translations(document.id, "ur", "argos", "m", [[Hypothesis("x", 0)]])
    assert store.current_revisions(document.id, "ur") == {}


def test_mt_computed_before_a_split_is_refused_with_one_line_and_stores_nothing(store, document):
    mt = made_up_mt(store, document)  # one n-best list per segment as they were
    store.split_segment(store.segments(document.id)[1].id, 8, "amina")
    with pytest.raises(SegmentsChanged, match="split or merged"):
        store.add_machine_translations(document.id, "ur", "argos", "m", mt)
    assert all(store.machine_translations(s.id, "ur") == [] for s in store.segments(document.id))


def test_texts_for_segments_a_split_and_merge_renumbered_are_refused(store, document):
    """Same count of segments, different segments: the ids the caller read say so."""
    read = tuple(s.id for s in store.segments(document.id))
    first = store.segments(document.id)[1]
    store.split_segment(first.id, 8, "amina")
    store.merge_segments(store.segments(document.id)[2].id, "amina")
    assert len(store.segments(document.id)) == len(read)
    targets = DocumentTargets(
        "ur", (PlannedText(1, "ترجمہ", "amina"),), Origin.TM, segment_ids=read
    )
    with pytest.raises(SegmentsChanged):
        store.add_targets(document.id, targets)
    assert store.current_revisions(document.id, "ur") == {}
