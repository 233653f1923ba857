"""The rules of one save from the editor grid (`workbench.editing.saving`)."""

from __future__ import annotations

from workbench.editing.saving import Outcome, SaveAction, SaveRequest, save
from workbench.engines.base import Hypothesis
from workbench.vocabulary import Origin, RevisionStatus


def draft(segment_id, text, base, action=SaveAction.DRAFT, **kwargs):
    return SaveRequest(segment_id, "ur", action, text, base, **kwargs)


def test_a_changed_text_is_saved_as_a_draft_by_the_editor(store, segment_ids):
    result = save(store, draft(segment_ids[0], "متن", None), "amina")
    assert result.outcome == Outcome.SAVED
    head = store.current_revision(segment_ids[0], "ur")
    assert (head.text, head.status, head.author) == ("متن", RevisionStatus.DRAFT, "amina")


def test_saving_the_same_text_again_adds_no_revision(store, segment_ids):
    first = save(store, draft(segment_ids[0], "متن", None), "amina").revision
    result = save(store, draft(segment_ids[0], "متن", first.id), "amina")
    assert result.outcome == Outcome.UNCHANGED
    assert len(store.history(segment_ids[0], "ur")) == 1


def test_a_draft_save_of_unchanged_text_never_demotes_a_confirmed_segment(store, segment_ids):
    confirmed = store.confirm(segment_ids[0], "ur", "bilal", None, text="متن")
    result = save(store, draft(segment_ids[0], "متن", confirmed.id), "amina")
    assert result.outcome == Outcome.UNCHANGED
    assert store.current_revision(segment_ids[0], "ur").status == RevisionStatus.CONFIRMED


def test_a_stale_box_never_touches_a_segment_someone_else_confirmed(store, segment_ids):
    mt = store.save_revision(segment_ids[0], "ur", "مشین", "mt", None, origin=Origin.MT)
    theirs = store.confirm(segment_ids[0], "ur", "bilal", mt.id, text="ان کا متن")
    result = save(store, draft(segment_ids[0], "میرا متن", mt.id), "amina")
    assert result.outcome == Outcome.CONFLICT
    assert result.theirs.id == theirs.id and "bilal" in result.message
    assert store.current_revision(segment_ids[0], "ur").id == theirs.id


def test_a_stale_save_of_the_text_someone_already_saved_is_no_conflict(store, segment_ids):
    mt = store.save_revision(segment_ids[0], "ur", "مشین", "mt", None, origin=Origin.MT)
    store.save_revision(segment_ids[0], "ur", "ایک ہی متن", "bilal", mt.id)
    result = save(store, draft(segment_ids[0], "ایک ہی متن", mt.id), "amina")
    assert result.outcome == Outcome.UNCHANGED


def test_keeping_mine_after_a_conflict_saves_on_top_of_theirs(store, segment_ids):
    mt = store.save_revision(segment_ids[0], "ur", "مشین", "mt", None, origin=Origin.MT)
    theirs = store.save_revision(segment_ids[0], "ur", "ان کا", "bilal", mt.id)
    refused = save(store, draft(segment_ids[0], "میرا", mt.id), "amina")
    kept = save(store, draft(segment_ids[0], "میرا", refused.theirs.id), "amina")
    assert kept.outcome == Outcome.SAVED and kept.revision.number == theirs.number + 1


def test_confirming_marks_the_text_final(store, segment_ids):
    result = save(store, draft(segment_ids[1], "تجارت", None, SaveAction.CONFIRM), "amina")
    assert result.outcome == Outcome.SAVED
    assert result.revision.status == RevisionStatus.CONFIRMED


def test_confirming_unchanged_mt_keeps_its_origin(store, segment_ids):
    mt = store.save_revision(segment_ids[1], "ur", "مشین", "mt", None, origin=Origin.MT)
    result = save(store, draft(segment_ids[1], "مشین", mt.id, SaveAction.CONFIRM), "amina")
    assert (result.revision.status, result.revision.origin) == ("confirmed", Origin.MT)


def test_confirming_a_confirmed_segment_again_adds_nothing(store, segment_ids):
    confirmed = store.confirm(segment_ids[1], "ur", "bilal", None, text="تجارت")
    result = save(store, draft(segment_ids[1], "تجارت", confirmed.id, SaveAction.CONFIRM), "x")
    assert result.outcome == Outcome.UNCHANGED
    assert len(store.history(segment_ids[1], "ur")) == 1


def test_an_empty_target_is_never_confirmed(store, segment_ids):
    result = save(store, draft(segment_ids[1], "  ", None, SaveAction.CONFIRM), "amina")
    assert result.outcome == Outcome.REFUSED and "empty" in result.message
    assert store.history(segment_ids[1], "ur") == []


def test_an_empty_box_over_no_translation_is_not_a_save(store, segment_ids):
    result = save(store, draft(segment_ids[1], "", None), "amina")
    assert result.outcome == Outcome.UNCHANGED and result.revision is None
    assert store.history(segment_ids[1], "ur") == []


def test_without_a_name_nothing_is_saved_and_the_editor_is_asked_for_one(store, segment_ids):
    result = save(store, draft(segment_ids[1], "تجارت", None), "  ")
    assert result.outcome == Outcome.REFUSED and "name" in result.message
    assert store.history(segment_ids[1], "ur") == []


def test_a_chosen_tm_match_is_saved_with_its_origin(store, segment_ids):
    result = save(
        store, draft(segment_ids[2], "کوئی بیان نہیں", None, SaveAction.USE, origin=Origin.TM), "a"
    )
    assert (result.revision.origin, result.revision.status) == (Origin.TM, "draft")


def test_a_chosen_mt_alternative_is_saved_with_its_machine_translation(
    store, document, segment_ids
):
    store.add_machine_translations(
        document.id, "ur", "test", "m1", [[Hypothesis("پہلا", -1.0), Hypothesis("دوسرا", -2.0)]] * 3
    )
    mt = store.machine_translations(segment_ids[2], "ur")[0]
    head = store.current_revision(segment_ids[2], "ur")
    request = draft(segment_ids[2], "دوسرا", head.id, SaveAction.USE, origin=Origin.MT)
    result = save(store, SaveRequest(**{**request.__dict__, "machine_translation_id": mt.id}), "a")
    assert (result.revision.origin, result.revision.machine_translation_id) == (Origin.MT, mt.id)
