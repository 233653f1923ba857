"""Scores per editor on a team desk: the editors are the signed-in accounts that wrote text;
a reviewer's approval, send-back or unlock changes only a status and is no editor's pass;
approved sentences count as final like confirmed ones."""

from __future__ import annotations

import pytest

from tests.scoring.conftest import EDIT_1, MT
from tests.store.conftest import FOUR_SENTENCES
from workbench.auth.passwords import hash_password
from workbench.engines.base import Hypothesis
from workbench.identity import Actor, NotPermitted, Role
from workbench.scoring.document import is_review_action, score_document
from workbench.scoring.stored import load_histories
from workbench.store.accounts import Accounts
from workbench.vocabulary import RevisionStatus

AMINA = Actor("amina", frozenset({Role.TRANSLATOR}))
OMAR = Actor("omar", frozenset({Role.REVIEWER}))
REVIEWER_EDIT = "پاکستان اور افغانستان نے کابل میں مذاکرات کیے ہیں۔"


def _team_document(store):
    """Four sentences with MT on a team store; amina edits and confirms sentence 1 and
    confirms sentence 4 as it is; omar sends 1 back, amina confirms it again, omar approves
    1 and 4."""
    for actor in (AMINA, OMAR):
        Accounts(store).add_user(actor.name, set(actor.roles), hash_password("a long password"))
    team = store.requiring_actor()
    amina, omar = team.acting_as(AMINA), team.acting_as(OMAR)
    doc = amina.add_document("talks.txt", FOUR_SENTENCES)
    amina.add_machine_translations(doc.id, "ur", "argos", "m1", [[Hypothesis(t, -0.1)] for t in MT])
    s = amina.segments(doc.id)
    edit = amina.confirm(s[0].id, "ur", "amina", amina.current_revision(s[0].id, "ur").id, EDIT_1)
    back = omar.reject(s[0].id, "ur", OMAR, edit.id, "Check the verb.")
    again = amina.confirm(s[0].id, "ur", "amina", back.id)
    omar.approve(s[0].id, "ur", OMAR, again.id)
    as_is = amina.confirm(s[3].id, "ur", "amina", amina.current_revision(s[3].id, "ur").id)
    omar.approve(s[3].id, "ur", OMAR, as_is.id)
    return doc, s, omar


def _report(store, doc, scope="post-edited"):
    return score_document(load_histories(store, doc, "ur"), "ur", scope=scope, n_bootstrap=0)


def test_a_reviewers_approvals_and_send_backs_are_no_editor_passes(store):
    doc, _, _ = _team_document(store)
    report = _report(store, doc)
    assert [group.key for group in report.per_editor] == ["amina"]
    assert {r.author for r in report.revisions if r.editor_pass} == {"amina"}


def test_per_editor_names_are_the_accounts_that_wrote_text(store):
    doc, _, _ = _team_document(store)
    accounts = {user.username for user in Accounts(store).users()}
    assert {group.key for group in _report(store, doc).per_editor} <= accounts


def test_a_team_store_refuses_text_saved_under_another_name(store):
    _, s, omar = _team_document(store)
    head = omar.current_revision(s[1].id, "ur")
    with pytest.raises(NotPermitted, match="may not save a revision as 'amina'"):
        omar.save_revision(s[1].id, "ur", "کچھ اور", "amina", head.id)
    assert store.current_revision(s[1].id, "ur").id == head.id


def test_a_reviewers_own_edit_is_a_pass_of_the_reviewer(store):
    doc, s, omar = _team_document(store)
    approved = omar.current_revision(s[0].id, "ur")
    unlocked = omar.unlock(s[0].id, "ur", OMAR, approved.id)
    omar.confirm(s[0].id, "ur", "omar", unlocked.id, REVIEWER_EDIT)
    report = _report(store, doc)
    assert [group.key for group in report.per_editor] == ["amina", "omar"]
    omar_group = report.per_editor[1]
    assert (omar_group.revisions, omar_group.segments) == (1, 1)


def test_the_editor_of_an_approved_sentence_is_who_wrote_it_not_who_approved_it(store):
    doc, _, _ = _team_document(store)
    report = _report(store, doc)
    assert [s.final_author for s in report.segments] == ["amina", "mt:argos", "mt:argos", "amina"]
    assert [s.final_status for s in report.segments] == ["approved", "draft", "draft", "approved"]


def test_approved_sentences_count_as_confirmed_and_keep_their_mt_start(store):
    doc, _, _ = _team_document(store)
    report = _report(store, doc, scope="confirmed")
    assert report.scored == 2
    assert [s.final_status for s in report.segments if s.scores] == ["approved", "approved"]
    assert report.segments[3].started_from == "mt"  # MT confirmed as is, then approved
    assert report.segments[3].scores.ter == 0.0
    assert report.segments[0].passes == 2  # amina's confirm and her confirm after send-back


def test_a_status_change_on_the_same_text_is_a_review_action(store):
    _, s, _ = _team_document(store)
    history = store.history(s[0].id, "ur")
    actions = [is_review_action(r, history[k - 1] if k else None) for k, r in enumerate(history)]
    statuses = [r.status for r in history]
    assert list(zip(statuses, actions, strict=True)) == [
        (RevisionStatus.DRAFT, False),
        (RevisionStatus.CONFIRMED, False),
        (RevisionStatus.REJECTED, True),
        (RevisionStatus.CONFIRMED, False),
        (RevisionStatus.APPROVED, True),
    ]


def test_the_scores_page_says_editors_are_signed_in_accounts_in_team_mode(store, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from tests.scoring.test_scores_page import _scores_app

    _team_document(store)
    monkeypatch.setenv("WORKBENCH_AUTH", "password")
    at = AppTest.from_function(_scores_app, default_timeout=60).run()
    assert not at.exception
    assert any("Editors are the signed-in accounts" in c.value for c in at.caption)
    per_editor = next(df.value for df in at.dataframe if "Revisions" in df.value.columns)
    assert list(per_editor["Editor"]) == ["amina"]
    sentences = next(df.value for df in at.dataframe if "Final" in df.value.columns)
    assert set(sentences["Editor"]) == {"amina", "mt:argos"}  # who wrote each final text


def test_the_scores_page_says_editors_are_typed_names_on_a_single_user_desk(document):
    from streamlit.testing.v1 import AppTest

    from tests.scoring.test_scores_page import _scores_app

    at = AppTest.from_function(_scores_app, default_timeout=60).run()
    assert any("names typed in the sidebar" in c.value for c in at.caption)
