"""`workbench users`: accounts from a shell; passwords never on the command line or the screen."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from workbench import config
from workbench.cli import main
from workbench.identity import Role
from workbench.store import open_store
from workbench.store.accounts import Accounts

PASSWORD = "correct horse battery"


@pytest.fixture
def db_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'users.db'}"


def run(args: list[str], monkeypatch, stdin: str = "") -> int:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return main(["users", *args])


def stored_user(db_url: str, username: str):
    store = open_store(db_url)
    try:
        return Accounts(store).user(username)
    finally:
        store.close()


def test_add_creates_an_account_with_several_roles(db_url, monkeypatch, capsys):
    args = ["add", "Omar", "--role", "reviewer", "--role", "manager", "--password-stdin"]
    assert run([*args, "--db", db_url], monkeypatch, PASSWORD + "\n") == 0
    assert "Added omar (manager, reviewer)." in capsys.readouterr().out
    assert stored_user(db_url, "omar").roles == {Role.REVIEWER, Role.MANAGER}


def test_list_shows_roles_and_disabled_accounts(db_url, monkeypatch, capsys):
    run(
        ["add", "amina", "--role", "translator", "--password-stdin", "--db", db_url],
        monkeypatch,
        PASSWORD,
    )
    assert run(["disable", "amina", "--db", db_url], monkeypatch) == 0
    capsys.readouterr()
    assert run(["list", "--db", db_url], monkeypatch) == 0
    assert capsys.readouterr().out == "amina\ttranslator\t  (disabled)\n"


def test_a_short_password_is_refused_and_nothing_is_stored(db_url, monkeypatch, capsys):
    args = ["add", "amina", "--role", "translator", "--password-stdin", "--db", db_url]
    assert run(args, monkeypatch, "short\n") == 2
    assert "too short" in capsys.readouterr().err
    assert stored_user(db_url, "amina") is None


def test_an_unknown_role_is_one_line(db_url, monkeypatch, capsys):
    args = ["add", "amina", "--role", "editor", "--password-stdin", "--db", db_url]
    assert run(args, monkeypatch, PASSWORD) == 2
    assert capsys.readouterr().err == (
        "workbench: error: unknown role 'editor' (roles: translator, reviewer, manager)\n"
    )


def test_without_a_terminal_the_password_must_come_from_stdin(db_url, monkeypatch, capsys):
    assert run(["add", "amina", "--role", "translator", "--db", db_url], monkeypatch) == 2
    assert "use --password-stdin" in capsys.readouterr().err


def test_passwd_of_an_unknown_user_says_so(db_url, monkeypatch, capsys):
    assert run(["passwd", "zoe", "--password-stdin", "--db", db_url], monkeypatch, PASSWORD) == 2
    assert "no user 'zoe'" in capsys.readouterr().err


def _converse(argv: list[str], answers: list[str]) -> str:
    """Run the CLI on a pseudo-terminal (its controlling terminal, as a person's shell gives
    it), type each answer when it asks, and return everything the terminal showed."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.fixtures.pty_conversation",
            json.dumps(answers),
            "--",
            sys.executable,
            "-m",
            "workbench",
            *argv,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=config.PROJECT_ROOT,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_the_password_prompt_does_not_echo_what_is_typed(db_url):
    shown = _converse(
        ["users", "add", "amina", "--role", "translator", "--db", db_url], [PASSWORD, PASSWORD]
    )
    assert "New password:" in shown and "Repeat it:" in shown
    assert "Added amina (translator)." in shown
    assert PASSWORD not in shown
    assert stored_user(db_url, "amina").has_password
