"""`workbench review`: approve, send back and unlock from a shell, as a named account whose
roles the store checks."""

from __future__ import annotations

import pytest

from workbench.cli import main
from workbench.identity import Actor, Role
from workbench.store import open_store
from workbench.store.accounts import Accounts
from workbench.store.comments import Comments
from workbench.vocabulary import RevisionStatus

TEXT = "The talks were held in Kabul. Trade was discussed.\n\nNo statement was issued."
AMINA = Actor("amina", frozenset({Role.TRANSLATOR}))


@pytest.fixture
def db_url(tmp_path) -> str:
    """A document whose first segment amina has confirmed in Urdu."""
    url = f"sqlite:///{tmp_path / 'review.db'}"
    with open_store(url) as store:
        accounts = Accounts(store)
        accounts.add_user("amina", {Role.TRANSLATOR})
        accounts.add_user("omar", {Role.REVIEWER})
        accounts.add_user("zara", {Role.MANAGER})
        document = store.add_document("talks.txt", TEXT)
        first = store.segments(document.id)[0]
        store.confirm(first.id, "ur", "amina", None, text="بات چیت", actor=AMINA)
    return url


def head_of_first(db_url: str):
    with open_store(db_url) as store:
        first = store.segments(store.document("talks.txt").id)[0]
        return store.current_revision(first.id, "ur"), Comments(store).threads(first.id, "ur")


def review(db_url: str, *args: str) -> int:
    return main(["review", *args[:1], "talks.txt", "1", "--to", "ur", *args[1:], "--db", db_url])


def test_a_reviewer_approves(db_url, capsys):
    assert review(db_url, "approve", "--as", "omar") == 0
    assert capsys.readouterr().out == "talks.txt segment 1 (ur): approved by omar (revision 2).\n"
    assert head_of_first(db_url)[0].status == RevisionStatus.APPROVED


def test_a_translators_approval_is_refused_in_one_line(db_url, capsys):
    assert review(db_url, "approve", "--as", "amina") == 2
    assert capsys.readouterr().err == (
        "workbench: error: amina (translator) may not approve segments: it needs reviewer\n"
    )
    assert head_of_first(db_url)[0].status == RevisionStatus.CONFIRMED


def test_a_reviewer_sends_back_with_a_comment(db_url):
    assert review(db_url, "reject", "--comment", "Use the glossary.", "--as", "omar") == 0
    head, threads = head_of_first(db_url)
    assert head.status == RevisionStatus.REJECTED
    assert [c.text for c in threads[0].comments] == ["Use the glossary."]


def test_a_manager_unlocks_what_a_reviewer_approved(db_url):
    review(db_url, "approve", "--as", "omar")
    assert review(db_url, "unlock", "--as", "zara") == 0
    head, _ = head_of_first(db_url)
    assert (head.status, head.author) == (RevisionStatus.CONFIRMED, "zara")


def test_in_team_mode_the_command_must_say_who_acts(db_url, capsys, monkeypatch):
    monkeypatch.setenv("WORKBENCH_AUTH", "password")
    assert review(db_url, "approve") == 2
    assert "say who acts with --as USER" in capsys.readouterr().err


def test_in_team_mode_an_xliff_import_without_as_writes_nothing(db_url, capsys, monkeypatch):
    with open_store(db_url) as store:
        first = store.segments(store.document("talks.txt").id)[0]
        monkeypatch.setenv("WORKBENCH_AUTH", "password")
        team = store.requiring_actor()
        with pytest.raises(Exception, match="--as USER"):
            team.save_revision(first.id, "ur", "نیا", "amina", None)
