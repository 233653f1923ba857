"""Review in the grid: what approve, send back, unlock, comment and resolve events do to the
store and the rows, what the store refuses, and what reviewers and translators are shown."""

from __future__ import annotations

import pytest

from workbench.editing.review import (
    add_review_fields,
    changes,
    first_sent_back,
    phrase_diff,
    review_rights,
    review_tools,
    reviewer_of,
)
from workbench.editing.session import OpenGrid
from workbench.identity import Actor, Role
from workbench.store import Store
from workbench.store.comments import Comments
from workbench.vocabulary import Origin, RevisionStatus

AMINA = Actor("amina", frozenset({Role.TRANSLATOR}))
OMAR = Actor("omar", frozenset({Role.REVIEWER}))
ZARA = Actor("zara", frozenset({Role.MANAGER}))
MT_TEXT = "مذاکرات میں ٹی ٹی پی پر بات ہوئی۔"
AMINA_TEXT = "مذاکرات میں ٹی ٹی پی پر تفصیل سے بات ہوئی۔"


@pytest.fixture
def team(store: Store) -> Store:
    return store.requiring_actor()


def as_person(team: Store, actor: Actor) -> Store:
    return team.acting_as(actor)


def grid_for(store: Store, document, actor: Actor) -> OpenGrid:
    grid = OpenGrid(store.acting_as(actor), document.id, "ur")
    grid.reload()
    return grid


def confirmed_by_amina(team: Store, segment_id: int):
    """MT, then Amina's edit confirmed: a sentence waiting for review."""
    amina = as_person(team, AMINA)
    mt = amina.save_revision(segment_id, "ur", MT_TEXT, "mt:argos", None, origin=Origin.MT)
    return amina.confirm(segment_id, "ur", "amina", mt.id, text=AMINA_TEXT)


def review_op(segment_id, action, base, comment=None, op_id="r1"):
    op = {"op": "review", "id": op_id, "seg": segment_id, "action": action, "base": base}
    if comment is not None:
        op["comment"] = comment
    return op


def save_op(segment_id, text, base, action="draft"):
    return {
        "op": "save",
        "id": "s1",
        "seg": segment_id,
        "action": action,
        "text": text,
        "base": base,
    }


def handle(grid: OpenGrid, *ops, author: str = "") -> list[dict]:
    grid.handle({"batch": f"b{grid.review_version}-{len(ops)}", "ops": list(ops)}, author)
    return grid.answers


# ---- approve, send back, unlock ----------------------------------------------------------


def test_a_reviewer_approves_with_one_event_and_the_row_shows_it(team, document, segment_ids):
    confirmed = confirmed_by_amina(team, segment_ids[0])
    grid = grid_for(team, document, OMAR)
    [answer] = handle(grid, review_op(segment_ids[0], "approve", confirmed.id), author="omar")
    head = team.current_revision(segment_ids[0], "ur")
    assert (head.status, head.author, head.text) == (RevisionStatus.APPROVED, "omar", AMINA_TEXT)
    assert answer["outcome"] == "saved"
    assert (answer["row"]["status"], answer["row"]["rev"]) == ("approved", head.id)
    assert grid.row(segment_ids[0])["status"] == "approved"


def test_a_translators_approval_is_refused_by_the_store_in_one_line(team, document, segment_ids):
    confirmed = confirmed_by_amina(team, segment_ids[0])
    grid = grid_for(team, document, AMINA)
    [answer] = handle(grid, review_op(segment_ids[0], "approve", confirmed.id), author="amina")
    assert answer["outcome"] == "refused"
    assert "amina (translator) may not approve segments" in answer["message"]
    assert "\n" not in answer["message"]
    assert team.current_revision(segment_ids[0], "ur").id == confirmed.id


def test_sending_back_writes_the_status_and_the_comment_together(team, document, segment_ids):
    confirmed = confirmed_by_amina(team, segment_ids[0])
    grid = grid_for(team, document, OMAR)
    reason = "ٹی ٹی پی کے لیے لغت کی اصطلاح استعمال کریں۔"
    [answer] = handle(grid, review_op(segment_ids[0], "reject", confirmed.id, reason))
    head = team.current_revision(segment_ids[0], "ur")
    assert head.status == RevisionStatus.REJECTED
    [thread] = Comments(team).threads(segment_ids[0], "ur")
    assert (thread.comments[0].author, thread.comments[0].text) == ("omar", reason)
    assert answer["row"]["notes"] == 1
    assert answer["row"]["reason"]["text"] == reason
    assert answer["row"]["reason"]["by"] == "omar"


def test_sending_back_without_a_reason_is_refused_and_writes_nothing(team, document, segment_ids):
    confirmed = confirmed_by_amina(team, segment_ids[0])
    grid = grid_for(team, document, OMAR)
    [answer] = handle(grid, review_op(segment_ids[0], "reject", confirmed.id, "   "))
    assert answer["outcome"] == "refused"
    assert "comment is empty" in answer["message"]
    assert team.current_revision(segment_ids[0], "ur").id == confirmed.id
    assert Comments(team).threads(segment_ids[0], "ur") == []


def test_a_review_of_a_sentence_changed_meanwhile_is_a_conflict_with_their_text(
    team, document, segment_ids
):
    confirmed = confirmed_by_amina(team, segment_ids[0])
    grid = grid_for(team, document, OMAR)
    theirs = as_person(team, AMINA).confirm(segment_ids[0], "ur", "amina", confirmed.id, "نیا")
    [answer] = handle(grid, review_op(segment_ids[0], "approve", confirmed.id))
    assert answer["outcome"] == "conflict"
    assert answer["theirs"]["tgt"] == "نیا"
    assert (answer["row"]["tgt"], answer["row"]["rev"]) == ("نیا", theirs.id)  # shown now
    assert team.current_revision(segment_ids[0], "ur").id == theirs.id


def test_a_reviewers_edit_saved_in_the_same_batch_is_what_gets_approved(
    team, document, segment_ids
):
    confirmed = confirmed_by_amina(team, segment_ids[0])
    grid = grid_for(team, document, OMAR)
    edit = save_op(segment_ids[0], "بہتر متن", confirmed.id, "confirm")
    answers = handle(grid, edit, review_op(segment_ids[0], "approve", confirmed.id), author="omar")
    assert [a["outcome"] for a in answers] == ["saved", "saved"]
    history = team.history(segment_ids[0], "ur")
    assert [(r.text, r.status, r.author) for r in history[-2:]] == [
        ("بہتر متن", RevisionStatus.CONFIRMED, "omar"),
        ("بہتر متن", RevisionStatus.APPROVED, "omar"),
    ]


def test_a_translators_save_on_an_approved_row_is_refused_and_keeps_the_typing(
    team, document, segment_ids
):
    approved = as_person(team, OMAR).approve(
        segment_ids[0], "ur", OMAR, confirmed_by_amina(team, segment_ids[0]).id
    )
    grid = grid_for(team, document, AMINA)
    [answer] = handle(grid, save_op(segment_ids[0], "میری تبدیلی", approved.id), author="amina")
    assert answer["outcome"] == "refused"
    assert "may not change an approved (locked) segment" in answer["message"]
    assert answer["mine"] == "میری تبدیلی"
    assert team.current_revision(segment_ids[0], "ur").id == approved.id


def test_a_manager_unlocks_an_approved_row_as_a_revision(team, document, segment_ids):
    approved = as_person(team, OMAR).approve(
        segment_ids[0], "ur", OMAR, confirmed_by_amina(team, segment_ids[0]).id
    )
    grid = grid_for(team, document, ZARA)
    [answer] = handle(grid, review_op(segment_ids[0], "unlock", approved.id), author="zara")
    head = team.current_revision(segment_ids[0], "ur")
    assert answer["outcome"] == "saved"
    assert (head.status, head.author, head.text) == (RevisionStatus.CONFIRMED, "zara", AMINA_TEXT)


def test_a_review_event_for_an_untranslated_row_is_refused(team, document, segment_ids):
    grid = grid_for(team, document, OMAR)
    [answer] = handle(grid, review_op(segment_ids[1], "approve", None))
    assert answer["outcome"] == "refused"
    assert "no translation to review" in answer["message"]


# ---- comments ------------------------------------------------------------------------------


def test_comments_are_added_replied_to_and_resolved_from_the_grid(team, document, segment_ids):
    grid = grid_for(team, document, AMINA)
    comment = {"op": "comment", "id": "c1", "seg": segment_ids[2], "text": "Is TTP spelt out?"}
    [answer] = handle(grid, comment)
    assert (answer["outcome"], answer["row"]["notes"]) == ("commented", 1)
    [thread] = Comments(team).threads(segment_ids[2], "ur")

    reviewer = grid_for(team, document, OMAR)
    reply = {**comment, "id": "c2", "text": "No: ٹی ٹی پی", "reply_to": thread.id}
    resolve = {"op": "resolve", "id": "c3", "seg": segment_ids[2], "thread": thread.id}
    answers = handle(reviewer, reply, resolve)
    assert [a["outcome"] for a in answers] == ["commented", "resolved"]
    assert answers[-1]["row"]["notes"] == 0
    [thread] = Comments(team).threads(segment_ids[2], "ur")
    assert [c.author for c in thread.comments] == ["amina", "omar"]
    assert (thread.resolved, thread.resolved_by) == (True, "omar")


def test_a_translator_may_not_resolve_a_reviewers_thread(team, document, segment_ids):
    thread = Comments(team).add(segment_ids[0], "ur", OMAR, "Check the numbers.")
    grid = grid_for(team, document, AMINA)
    resolve = {"op": "resolve", "id": "c1", "seg": segment_ids[0], "thread": thread.id}
    [answer] = handle(grid, resolve)
    assert answer["outcome"] == "refused"
    assert "may not resolve or reopen another's comments" in answer["message"]
    assert Comments(team).threads(segment_ids[0], "ur")[0].is_open


def test_an_empty_comment_is_refused_in_one_line(team, document, segment_ids):
    grid = grid_for(team, document, AMINA)
    [answer] = handle(grid, {"op": "comment", "id": "c1", "seg": segment_ids[0], "text": " "})
    assert answer["outcome"] == "refused"
    assert Comments(team).threads(segment_ids[0], "ur") == []


def test_review_and_comment_events_make_the_tools_stale(team, document, segment_ids):
    grid = grid_for(team, document, AMINA)
    before = grid.review_version
    handle(grid, {"op": "comment", "id": "c1", "seg": segment_ids[0], "text": "?"})
    assert grid.review_version > before
    assert grid.saved  # answered before any tools are looked up


# ---- rows and tools --------------------------------------------------------------------------


def test_rows_carry_status_open_comments_and_the_reason_they_were_sent_back(
    team, document, segment_ids
):
    rejected = confirmed_by_amina(team, segment_ids[0])
    as_person(team, OMAR).reject(segment_ids[0], "ur", OMAR, rejected.id, "Use the glossary.")
    Comments(team).add(segment_ids[0], "ur", AMINA, "Which term?")
    Comments(team).add(segment_ids[2], "ur", AMINA, "Source typo?")
    rows = grid_for(team, document, AMINA).rows
    assert [row["status"] for row in rows] == ["rejected", "", ""]
    assert [row["notes"] for row in rows] == [2, 0, 1]
    assert rows[0]["reason"]["text"] == "Use the glossary."  # the reviewer's, not the reply
    assert rows[2]["reason"] is None


def test_a_translator_starts_at_the_first_row_sent_back():
    rows = [{"n": 1, "status": "approved"}, {"n": 2, "status": ""}, {"n": 3, "status": "rejected"}]
    assert first_sent_back(rows) == 3
    assert first_sent_back(rows[:2]) is None


def test_the_changes_run_from_mt_to_the_translator_to_the_reviewers_edit(
    team, document, segment_ids
):
    confirmed_by_amina(team, segment_ids[0])
    history = team.history(segment_ids[0], "ur")
    steps = changes(history, AMINA_TEXT.replace("تفصیل سے", "کھل کر"), reviewer="omar")
    assert [(s["from"], s["to"]) for s in steps] == [
        ("MT", "amina (translator)"),
        ("amina (translator)", "omar (reviewer)"),
    ]
    assert ["+", "تفصیل سے "] in steps[0]["diff"]
    assert ["-", "تفصیل سے"] in steps[1]["diff"] and ["+", "کھل کر"] in steps[1]["diff"]


def test_without_a_reviewers_edit_only_the_translators_change_is_shown(team, document, segment_ids):
    confirmed_by_amina(team, segment_ids[0])
    history = team.history(segment_ids[0], "ur")
    steps = changes(history, AMINA_TEXT, reviewer="omar")
    assert [(s["from"], s["to"]) for s in steps] == [("MT", "amina (translator)")]


def test_the_reviewer_is_the_viewer_if_a_reviewer_else_who_approved_or_rejected(team, segment_ids):
    confirmed = confirmed_by_amina(team, segment_ids[0])
    as_person(team, OMAR).approve(segment_ids[0], "ur", OMAR, confirmed.id)
    history = team.history(segment_ids[0], "ur")
    assert reviewer_of(history, AMINA) == "omar"
    assert reviewer_of(history, Actor("noor", frozenset({Role.REVIEWER}))) == "noor"
    assert reviewer_of(history[:-1], AMINA) is None


def test_the_tools_hold_the_threads_the_changes_and_who_set_the_status(team, document, segment_ids):
    confirmed = confirmed_by_amina(team, segment_ids[0])
    as_person(team, OMAR).reject(segment_ids[0], "ur", OMAR, confirmed.id, "Too literal.")
    tools = review_tools(team, segment_ids[0], "ur", AMINA_TEXT, AMINA)
    assert [t["comments"][0]["text"] for t in tools["threads"]] == ["Too literal."]
    assert tools["threads"][0]["open"] is True
    assert (tools["status"]["status"], tools["status"]["by"]) == ("rejected", "omar")
    assert tools["changes"][0]["from"] == "MT"


def test_rows_of_a_store_without_comments_have_none(store, document):
    rows = [{"id": s.id, "status": ""} for s in store.segments(document.id)]
    add_review_fields(store, document.id, "ur", rows)
    assert {row["notes"] for row in rows} == {0}


@pytest.mark.parametrize(
    ("actor", "mode", "approve", "unlock", "locked"),
    [
        (AMINA, False, False, False, True),
        (OMAR, True, True, True, False),
        (ZARA, True, False, True, True),
    ],
)
def test_what_the_grid_offers_each_role(actor, mode, approve, unlock, locked):
    rights = review_rights(actor)
    assert rights == {
        "team": True,
        "mode": mode,
        "approve": approve,
        "unlock": unlock,
        "locked": locked,
    }


def test_a_single_user_desk_has_no_review_in_the_grid():
    assert review_rights(None)["mode"] is False
    assert review_rights(None)["locked"] is False


def test_a_replaced_phrase_reads_as_one_deletion_and_one_insertion():
    assert phrase_diff("ٹی ٹی پی پر بات ہوئی", "تحریک طالبان پاکستان پر بات ہوئی") == [
        ["-", "ٹی ٹی پی"],
        ["+", "تحریک طالبان پاکستان"],
        ["=", " پر بات ہوئی"],
    ]


def test_changes_apart_from_each_other_stay_apart():
    assert phrase_diff("a b c d e", "a x c y e") == [
        ["=", "a "],
        ["-", "b"],
        ["+", "x"],
        ["=", " c "],
        ["-", "d"],
        ["+", "y"],
        ["=", " e"],
    ]
