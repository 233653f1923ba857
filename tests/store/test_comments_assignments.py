"""Comment threads per segment and assignments per document, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

from workbench.errors import InputError
from workbench.identity import Actor, NotPermitted, Role
from workbench.store.accounts import Accounts
from workbench.store.assignments import Assignments
from workbench.store.comments import Comments, UnknownCommentError

AMINA = Actor("amina", frozenset({Role.TRANSLATOR}))
OMAR = Actor("omar", frozenset({Role.REVIEWER}))
ZARA = Actor("zara", frozenset({Role.MANAGER}))
BILAL = Actor("bilal", frozenset({Role.TRANSLATOR}))


@pytest.fixture
def segment_ids(store, document) -> list[int]:
    return [s.id for s in store.segments(document.id)]


def test_a_reply_joins_the_thread_of_the_comment_it_answers(store, segment_ids):
    comments = Comments(store)
    first = comments.add(segment_ids[0], "ur", OMAR, "TTP: use the glossary's rendering.")
    comments.add(segment_ids[0], "ur", AMINA, "Fixed.", reply_to=first.id)
    comments.add(segment_ids[0], "ur", AMINA, "A second question.")
    threads = comments.threads(segment_ids[0], "ur")
    assert [[(c.author, c.text) for c in t.comments] for t in threads] == [
        [("omar", "TTP: use the glossary's rendering."), ("amina", "Fixed.")],
        [("amina", "A second question.")],
    ]
    assert all(t.is_open for t in threads)


def test_comments_are_per_target(store, segment_ids):
    comments = Comments(store)
    comments.add(segment_ids[0], "ur", OMAR, "Urdu only.")
    assert comments.threads(segment_ids[0], "fa-AF") == []


def test_resolving_records_who_and_when_and_can_be_undone(store, segment_ids):
    comments = Comments(store)
    thread = comments.add(segment_ids[1], "ur", OMAR, "Check the number.")
    resolved = comments.resolve(thread.id, OMAR)
    assert (resolved.resolved, resolved.resolved_by) == (True, "omar")
    assert resolved.resolved_at is not None
    reopened = comments.resolve(thread.id, OMAR, resolved=False)
    assert reopened.is_open and reopened.resolved_by is None


def test_a_translator_may_not_resolve_a_reviewers_thread(store, segment_ids):
    comments = Comments(store)
    thread = comments.add(segment_ids[1], "ur", OMAR, "Check the number.")
    with pytest.raises(NotPermitted, match="amina \\(translator\\) may not resolve"):
        comments.resolve(thread.id, AMINA)
    assert comments.threads(segment_ids[1], "ur")[0].is_open


def test_open_threads_are_counted_per_segment(store, document, segment_ids):
    comments = Comments(store)
    done = comments.add(segment_ids[0], "ur", OMAR, "One.")
    comments.add(segment_ids[0], "ur", OMAR, "Two.")
    comments.add(segment_ids[0], "ur", AMINA, "A reply is not a thread.", reply_to=done.id)
    comments.add(segment_ids[2], "ur", OMAR, "Three.")
    comments.resolve(done.id, OMAR)
    assert comments.open_counts(document.id, "ur") == {segment_ids[0]: 1, segment_ids[2]: 1}


def test_an_empty_comment_is_refused(store, segment_ids):
    with pytest.raises(InputError, match="the comment is empty"):
        Comments(store).add(segment_ids[0], "ur", OMAR, "   ")


def test_a_reply_to_an_unknown_comment_is_refused(store, segment_ids):
    with pytest.raises(UnknownCommentError):
        Comments(store).add(segment_ids[0], "ur", OMAR, "Hm.", reply_to=999)


def test_a_manager_assigns_a_translator_and_a_reviewer_with_a_due_date(store, document):
    assignments = Assignments(store)
    made = assignments.assign(
        document.id, "ur", ZARA, translator="amina", reviewer="omar", due=date(2026, 12, 4)
    )
    assert (made.translator, made.reviewer, made.due, made.assigned_by) == (
        "amina",
        "omar",
        date(2026, 12, 4),
        "zara",
    )
    assert assignments.for_document(document.id) == [made]


def test_assigning_again_replaces_the_assignment(store, document):
    assignments = Assignments(store)
    assignments.assign(document.id, "ur", ZARA, translator="amina", reviewer="omar")
    assignments.assign(document.id, "ur", ZARA, translator="bilal", reviewer="omar")
    assert [a.translator for a in assignments.all()] == ["bilal"]


def test_only_managers_assign(store, document):
    with pytest.raises(NotPermitted, match="may not assign documents: it needs manager"):
        Assignments(store).assign(document.id, "ur", OMAR, translator="amina", reviewer="omar")
    assert Assignments(store).all() == []


def test_with_accounts_an_assignee_must_hold_the_role(store, document):
    accounts = Accounts(store)
    accounts.add_user("amina", {Role.TRANSLATOR})
    accounts.add_user("omar", {Role.REVIEWER})
    assignments = Assignments(store)
    with pytest.raises(InputError, match="omar is not a translator"):
        assignments.assign(document.id, "ur", ZARA, translator="omar", reviewer="amina")
    with pytest.raises(InputError, match="no enabled user 'nobody'"):
        assignments.assign(document.id, "ur", ZARA, translator="nobody", reviewer="omar")
    assert assignments.all() == []


def test_assignments_list_soonest_due_first(store, document):
    other = store.add_document("other.txt", "Another text. With two sentences.")
    assignments = Assignments(store)
    assignments.assign(document.id, "ur", ZARA, translator="a", reviewer=None)
    assignments.assign(other.id, "ur", ZARA, translator="b", reviewer=None, due=date(2026, 12, 9))
    assignments.assign(
        document.id, "ps", ZARA, translator="c", reviewer=None, due=date(2026, 12, 2)
    )
    assert [a.translator for a in assignments.all()] == ["c", "b", "a"]
