"""`workbench split` / `merge` in team mode: as a named account (`--as`), whose roles and the
approved-segment lock the store checks; refusals are one line and change nothing."""

from __future__ import annotations

import pytest

from workbench.cli import main
from workbench.identity import Actor, Role
from workbench.store import open_store
from workbench.store.accounts import Accounts

TEXT = "The talks were held in Kabul. Trade was discussed.\n\nNo statement was issued."
AMINA = Actor("amina", frozenset({Role.TRANSLATOR}))
OMAR = Actor("omar", frozenset({Role.REVIEWER}))


@pytest.fixture
def db_url(tmp_path, monkeypatch) -> str:
    """A team desk: amina translates, omar reviews; sentence 2 is approved."""
    monkeypatch.setenv("WORKBENCH_AUTH", "password")
    url = f"sqlite:///{tmp_path / 'team.db'}"
    with open_store(url) as store:
        accounts = Accounts(store)
        accounts.add_user("amina", {Role.TRANSLATOR})
        accounts.add_user("omar", {Role.REVIEWER})
        document = store.add_document("talks.txt", TEXT)
        second = store.segments(document.id)[1]
        confirmed = store.confirm(second.id, "ur", "amina", None, text="تجارت", actor=AMINA)
        store.approve(second.id, "ur", OMAR, confirmed.id)
    return url


def texts(db_url: str) -> list[str]:
    with open_store(db_url) as store:
        return [s.text for s in store.segments(store.document("talks.txt").id)]


def test_a_translator_splits_as_herself(db_url, capsys):
    argv = ["split", "talks.txt", "1", "--at", "in Kabul", "--to", "ur", "--no-mt"]
    assert main([*argv, "--as", "amina", "--db", db_url]) == 0
    assert texts(db_url)[:2] == ["The talks were held", "in Kabul."]
    with open_store(db_url) as store:
        first = store.segments(store.document("talks.txt").id)[0]
        assert store.segment_edit(first.id).author == "amina"


def test_a_translators_merge_into_an_approved_segment_is_one_line(db_url, capsys):
    argv = ["merge", "talks.txt", "1", "--to", "ur", "--no-mt", "--as", "amina", "--db", db_url]
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        "workbench: error: segment 2 is approved in ur and locked: only a reviewer may merge "
        "it (nothing was changed)\n"
    )
    assert len(texts(db_url)) == 3


def test_without_an_account_nothing_is_split(db_url, capsys):
    argv = ["split", "talks.txt", "1", "--at", "in Kabul", "--to", "ur", "--no-mt"]
    assert main([*argv, "--db", db_url]) == 2
    assert "--as" in capsys.readouterr().err
    assert len(texts(db_url)) == 3
