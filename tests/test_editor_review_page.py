"""Review on the editor page in team mode (AppTest): what the grid is told each person may do,
the review tools of the open sentence, and review events acted on as the signed-in person."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.fixtures.editor_app import APP
from tests.fixtures.editor_grid import grid_data, open_sentence, row_of, send
from workbench import config
from workbench.auth.passwords import hash_password
from workbench.identity import Actor, Role
from workbench.store import RevisionStatus, Store, open_store
from workbench.store.accounts import Accounts
from workbench.store.comments import Comments

PASSWORD = "correct horse battery"
AMINA = Actor("amina", frozenset({Role.TRANSLATOR}))
HEADLINE = "پاک افغان تعلقات میں نئی گراوٹ"


@pytest.fixture
def team(tmp_path, monkeypatch) -> Store:
    """A password-mode desk: amina translates, omar reviews; the sample's headline is
    confirmed by amina."""
    url = f"sqlite:///{tmp_path / 'team.db'}"
    store = open_store(url)
    accounts = Accounts(store)
    accounts.add_user("amina", {Role.TRANSLATOR}, hash_password(PASSWORD))
    accounts.add_user("omar", {Role.REVIEWER}, hash_password(PASSWORD))
    document = store.import_document(
        config.SAMPLE_DOCUMENT.name, config.SAMPLE_DOCUMENT.read_text(encoding="utf-8")
    )
    first = store.segments(document.id)[0]
    store.confirm(first.id, "ur", "amina", None, text=HEADLINE, actor=AMINA)
    monkeypatch.setenv("WORKBENCH_DB", url)
    monkeypatch.setenv("WORKBENCH_AUTH", "password")
    return store


def signed_in(name: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.text_input[0].input(name)
    at.text_input[1].input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception and not at.error
    return at


def test_the_grid_offers_review_to_a_reviewer_and_locks_approved_rows_for_a_translator(team):
    assert grid_data(signed_in("omar"))["review"] == {
        "team": True,
        "mode": True,
        "approve": True,
        "unlock": True,
        "locked": False,
    }
    rights = grid_data(signed_in("amina"))["review"]
    assert (rights["mode"], rights["approve"], rights["locked"]) == (False, False, True)


def test_the_open_sentence_shows_its_status_changes_and_comments(team):
    at = signed_in("omar")
    tools = open_sentence(at, 1)
    assert (tools["status"]["status"], tools["status"]["by"]) == ("confirmed", "amina")
    assert tools["threads"] == []
    assert row_of(at, 1)["status"] == "confirmed"


def test_a_reviewer_sends_back_from_the_page_as_himself(team):
    at = signed_in("omar")
    row = row_of(at, 1)
    op = {"op": "review", "id": "r1", "seg": row["id"], "action": "reject", "base": row["rev"]}
    [answer] = send(at, {**op, "comment": "Headline style: no verb."})["answers"]
    assert answer["outcome"] == "saved"
    head = team.current_revision(row["id"], "ur")
    assert (head.status, head.author) == (RevisionStatus.REJECTED, "omar")
    [thread] = Comments(team).threads(row["id"], "ur")
    assert thread.comments[0].author == "omar"
    tools = open_sentence(at, 1)  # the tools are looked up again, with the new thread
    assert [t["comments"][0]["text"] for t in tools["threads"]] == ["Headline style: no verb."]


def test_a_translators_approval_sent_from_the_page_is_refused_by_the_store(team):
    at = signed_in("amina")
    row = row_of(at, 1)
    op = {"op": "review", "id": "r1", "seg": row["id"], "action": "approve", "base": row["rev"]}
    [answer] = send(at, op)["answers"]
    assert answer["outcome"] == "refused"
    assert "amina (translator) may not approve segments" in answer["message"]
    assert team.current_revision(row["id"], "ur").id == row["rev"]
