"""The store enforces the review rules itself (not only the page), on SQLite and PostgreSQL.

draft → confirmed (translator) → approved (reviewer); a reviewer may send a segment back
(rejected, with a comment); approved segments are locked for translators; a reviewer or
manager may unlock (a revision too); a person's revision carries their own name. Every
refusal writes nothing.
"""

from __future__ import annotations

import pytest

from workbench.identity import Actor, NotPermitted, Role
from workbench.store.comments import Comments
from workbench.store.exports import ExportScope, document_units
from workbench.vocabulary import Origin, RevisionStatus

AMINA = Actor("amina", frozenset({Role.TRANSLATOR}))
OMAR = Actor("omar", frozenset({Role.REVIEWER}))
ZARA = Actor("zara", frozenset({Role.MANAGER}))


@pytest.fixture
def segment_id(store, translated) -> int:
    return store.segments(translated.id)[0].id


@pytest.fixture
def confirmed(store, segment_id):
    head = store.current_revision(segment_id, "ur")
    return store.confirm(segment_id, "ur", "amina", head.id, text="ترجمہ", actor=AMINA)


@pytest.fixture
def approved(store, segment_id, confirmed):
    return store.approve(segment_id, "ur", OMAR, confirmed.id)


def test_a_translator_confirms_and_a_reviewer_approves(store, segment_id, approved):
    history = store.history(segment_id, "ur")
    assert [(r.author, r.status) for r in history[-2:]] == [
        ("amina", RevisionStatus.CONFIRMED),
        ("omar", RevisionStatus.APPROVED),
    ]
    assert approved.text == "ترجمہ"


def test_a_translators_approval_is_refused(store, segment_id, confirmed):
    with pytest.raises(NotPermitted, match="amina \\(translator\\) may not approve segments"):
        store.approve(segment_id, "ur", AMINA, confirmed.id)
    assert store.current_revision(segment_id, "ur") == confirmed


def test_a_translator_may_not_approve_through_save_revision_either(store, segment_id, confirmed):
    with pytest.raises(NotPermitted, match="may not approve"):
        store.save_revision(
            segment_id, "ur", confirmed.text, "amina", confirmed.id,
            status=RevisionStatus.APPROVED, actor=AMINA,
        )  # fmt: skip
    assert store.current_revision(segment_id, "ur") == confirmed


def test_a_revision_authored_by_someone_else_is_refused(store, segment_id, confirmed):
    with pytest.raises(NotPermitted, match="amina may not save a revision as 'omar'"):
        store.save_revision(segment_id, "ur", "نیا", "omar", confirmed.id, actor=AMINA)
    assert store.current_revision(segment_id, "ur") == confirmed


def test_an_approved_segment_is_locked_for_translators(store, segment_id, approved):
    with pytest.raises(NotPermitted, match="may not change an approved \\(locked\\) segment"):
        store.save_revision(segment_id, "ur", "بدلا ہوا", "amina", approved.id, actor=AMINA)
    with pytest.raises(NotPermitted, match="locked"):
        store.confirm(segment_id, "ur", "amina", approved.id, text="بدلا ہوا", actor=AMINA)
    assert store.current_revision(segment_id, "ur") == approved


def test_a_translator_may_not_unlock(store, segment_id, approved):
    with pytest.raises(NotPermitted, match="may not unlock approved segments"):
        store.unlock(segment_id, "ur", AMINA, approved.id)
    assert store.current_revision(segment_id, "ur") == approved


@pytest.mark.parametrize("unlocker", [OMAR, ZARA], ids=["reviewer", "manager"])
def test_a_reviewer_or_manager_unlocks_and_that_is_a_revision(
    store, segment_id, approved, unlocker
):
    unlocked = store.unlock(segment_id, "ur", unlocker, approved.id)
    assert (unlocked.author, unlocked.status, unlocked.text) == (
        unlocker.name,
        RevisionStatus.CONFIRMED,
        approved.text,
    )
    assert store.history(segment_id, "ur")[-2:] == [approved, unlocked]
    edited = store.save_revision(segment_id, "ur", "بہتر", "amina", unlocked.id, actor=AMINA)
    assert edited.status == RevisionStatus.DRAFT


def test_a_reviewer_sends_a_segment_back_with_a_comment(store, segment_id, confirmed):
    rejected = store.reject(segment_id, "ur", OMAR, confirmed.id, "Use the glossary's TTP.")
    assert (rejected.author, rejected.status, rejected.text) == (
        "omar",
        RevisionStatus.REJECTED,
        confirmed.text,
    )
    (thread,) = Comments(store).threads(segment_id, "ur")
    assert [(c.author, c.text) for c in thread.comments] == [("omar", "Use the glossary's TTP.")]
    fixed = store.confirm(segment_id, "ur", "amina", rejected.id, text="درست", actor=AMINA)
    assert fixed.status == RevisionStatus.CONFIRMED


def test_a_translator_may_not_send_a_segment_back(store, segment_id, confirmed):
    with pytest.raises(NotPermitted, match="may not send segments back"):
        store.reject(segment_id, "ur", AMINA, confirmed.id, "No.")
    assert store.current_revision(segment_id, "ur") == confirmed
    assert Comments(store).threads(segment_id, "ur") == []


def test_sending_back_needs_a_comment_and_writes_nothing_without_one(store, segment_id, confirmed):
    with pytest.raises(Exception, match="the comment is empty"):
        store.reject(segment_id, "ur", OMAR, confirmed.id, "  ")
    assert store.current_revision(segment_id, "ur") == confirmed


def test_a_manager_without_the_translator_role_may_not_edit(store, segment_id, confirmed):
    with pytest.raises(NotPermitted, match="zara \\(manager\\) may not edit or confirm"):
        store.save_revision(segment_id, "ur", "نیا", "zara", confirmed.id, actor=ZARA)


def test_a_team_store_refuses_a_write_with_no_actor(store, segment_id, confirmed):
    team = store.requiring_actor()
    with pytest.raises(NotPermitted, match="needs the person it is written for"):
        team.save_revision(segment_id, "ur", "نیا", "amina", confirmed.id)
    assert store.current_revision(segment_id, "ur") == confirmed


def test_a_store_acting_as_someone_checks_their_roles(store, segment_id, confirmed):
    as_amina = store.requiring_actor().acting_as(AMINA)
    with pytest.raises(NotPermitted, match="may not approve"):
        as_amina.approve(segment_id, "ur", None, confirmed.id)
    saved = as_amina.save_revision(segment_id, "ur", "نیا", "amina", confirmed.id)
    assert saved.author == "amina"


def test_bulk_fills_leave_locked_segments_alone_for_a_translator(store, translated, approved):
    segments = store.segments(translated.id)
    texts = {s.id: f"TM {s.index}" for s in segments}
    added = store.append_revisions("ur", texts, "tm:memory.tmx", Origin.TM, actor=AMINA)
    assert added == len(segments) - 1
    assert store.current_revision(segments[0].id, "ur") == approved


def test_single_user_writes_without_an_actor_keep_working(store, segment_id, confirmed):
    saved = store.save_revision(segment_id, "ur", "نیا", "anyone", confirmed.id)
    assert saved.author == "anyone"


def test_an_approved_only_export_holds_only_what_a_reviewer_signed_off(store, translated, approved):
    second = store.segments(translated.id)[1]
    head = store.current_revision(second.id, "ur")
    store.confirm(second.id, "ur", "amina", head.id, actor=AMINA)
    approved_units = list(document_units(store, translated, "ur", ExportScope.APPROVED))
    confirmed_units = list(document_units(store, translated, "ur", ExportScope.CONFIRMED))
    assert [u.targets["ur"] for u in approved_units] == [approved.text]
    assert len(confirmed_units) == 2
