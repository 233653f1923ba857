"""`workbench assign`, `comments` and `desk`: the desk from a shell, acting as a named user."""

from __future__ import annotations

import pytest

from workbench.cli import main
from workbench.editing import default_author
from workbench.identity import Role
from workbench.store import open_store
from workbench.store.accounts import Accounts

TEXT = "The talks were held in Kabul. Trade was discussed.\n\nNo statement was issued."


@pytest.fixture
def db_url(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'desk.db'}"
    store = open_store(url)
    store.add_document("talks.txt", TEXT)
    accounts = Accounts(store)
    accounts.add_user("zara", {Role.MANAGER})
    accounts.add_user("amina", {Role.TRANSLATOR})
    accounts.add_user("omar", {Role.REVIEWER})
    store.close()
    return url


def test_a_manager_assigns_and_the_desk_lists_it(db_url, capsys):
    args = ["assign", "talks.txt", "--to", "ur", "--translator", "amina", "--reviewer", "omar"]
    assert main([*args, "--due", "2026-12-04", "--as", "zara", "--db", db_url]) == 0
    assert capsys.readouterr().out == (
        "talks.txt (ur): translator amina, reviewer omar, due 2026-12-04.\n"
    )
    assert main(["desk", "--db", db_url]) == 0
    words = len(TEXT.split())
    assert capsys.readouterr().out == (
        f"talks.txt\tur\tamina\tomar\t2026-12-04\t{words}\t0\t0\t0\t0\t{words}\t0%\n"
    )


def test_a_translator_may_not_assign(db_url, capsys):
    args = ["assign", "talks.txt", "--to", "ur", "--translator", "amina", "--as", "amina"]
    assert main([*args, "--db", db_url]) == 2
    assert "amina (translator) may not assign documents" in capsys.readouterr().err


def test_team_mode_needs_to_know_who_acts(db_url, capsys, monkeypatch):
    monkeypatch.setenv("WORKBENCH_AUTH", "password")
    assert main(["comments", "add", "talks.txt", "1", "Hm.", "--to", "ur", "--db", db_url]) == 2
    assert "say who acts with --as USER" in capsys.readouterr().err


def test_acting_as_an_unknown_account_is_refused(db_url, capsys):
    args = ["comments", "add", "talks.txt", "1", "Hm.", "--to", "ur", "--as", "nobody"]
    assert main([*args, "--db", db_url]) == 2
    assert "--as nobody: unknown account" in capsys.readouterr().err


def test_single_user_mode_acts_as_the_os_user(db_url, capsys, monkeypatch):
    monkeypatch.delenv("WORKBENCH_AUTH", raising=False)
    assert main(["comments", "add", "talks.txt", "2", "Check.", "--to", "ur", "--db", db_url]) == 0
    capsys.readouterr()
    assert main(["comments", "list", "talks.txt", "--to", "ur", "--db", db_url]) == 0
    assert f"{default_author()}: Check." in capsys.readouterr().out


def test_a_thread_is_answered_resolved_and_hidden_from_the_open_list(db_url, capsys):
    base = ["--to", "ur", "--db", db_url]
    main(["comments", "add", "talks.txt", "1", "Use the glossary.", "--as", "omar", *base])
    main(["comments", "add", "talks.txt", "1", "Done.", "--reply-to", "1", "--as", "amina", *base])
    capsys.readouterr()
    assert main(["comments", "list", "talks.txt", *base]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "segment 1 · thread 1 · open"
    assert [line.strip().split(" ", 2)[2] for line in lines[1:]] == [
        "omar: Use the glossary.",
        "amina: Done.",
    ]
    assert main(["comments", "resolve", "1", "--as", "omar", "--db", db_url]) == 0
    capsys.readouterr()
    main(["comments", "list", "talks.txt", "--open", *base])
    assert capsys.readouterr().out == ""


def test_a_segment_number_out_of_range_is_one_line(db_url, capsys):
    args = ["comments", "add", "talks.txt", "9", "Hm.", "--to", "ur", "--as", "omar"]
    assert main([*args, "--db", db_url]) == 2
    assert "talks.txt has segments 1 to 3, not 9" in capsys.readouterr().err
