"""The grid while a translation job runs: polls send only the rows that changed, a selection
is translated again, Cancel stops the jobs, the sentences a job could not do are named, and
an edit saved while MT lands under it is kept (a real tiny Argos model runs the jobs)."""

from __future__ import annotations

import pytest

from workbench.editing import background
from workbench.editing.session import OpenGrid
from workbench.engines.argos import ArgosEngine
from workbench.jobs import start_translation
from workbench.jobs.runner import RunSettings, run_job
from workbench.store.jobs import JobState

ONE_AT_A_TIME = RunSettings(first_batch=1, batch=1)


@pytest.fixture
def engine(argos_en_ur_copy, fresh_argos_models) -> ArgosEngine:
    return ArgosEngine()


def open_grid(store, document, engine=None) -> OpenGrid:
    grid = OpenGrid(store, document.id, "ur")
    if engine is not None:

        def start(segment_ids, first_ids, again):
            return start_translation(
                store,
                document.id,
                "ur",
                engine,
                "amina",
                first_segment_ids=first_ids,
                segment_ids=segment_ids,
                again=again,
            )

        grid.background.start = start
    grid.reload()
    return grid


def poll(grid: OpenGrid, number: int) -> list[dict]:
    grid.handle({"batch": f"poll-{number}", "ops": [{"op": "poll"}]}, "amina")
    return grid.background.patch


def store_mt(store, job, segment_id: int, text: str) -> None:
    from workbench.engines.base import Hypothesis

    store.claim_job(job.id, "test-runner", ONE_AT_A_TIME.stale_after)
    store.store_job_batch(job.id, "test-runner", {segment_id: [Hypothesis(text, -0.5)]})


def test_a_poll_sends_only_the_rows_a_job_filled_since_the_last_poll(
    store, document, segment_ids, engine
):
    grid = open_grid(store, document)
    job = start_translation(store, document.id, "ur", engine, "amina")
    assert poll(grid, 1) == []
    store_mt(store, job, segment_ids[1], "دوسرا")
    [row] = poll(grid, 2)
    assert (row["id"], row["tgt"], row["state"]) == (segment_ids[1], "دوسرا", "pretranslated")
    assert grid.row(segment_ids[1])["tgt"] == "دوسرا"  # the grid's copy is up to date
    assert poll(grid, 3) == []  # sent once


def test_a_poll_answer_is_kept_for_a_batch_sent_again(store, document, segment_ids, engine):
    grid = open_grid(store, document)
    job = start_translation(store, document.id, "ur", engine, "amina")
    store_mt(store, job, segment_ids[0], "پہلا")
    first = poll(grid, 1)
    assert not grid.handle({"batch": "poll-1", "ops": [{"op": "poll"}]}, "amina")
    assert grid.background.patch == first  # the resent batch gets the same answer


def test_the_rows_on_screen_are_translated_first(store, document, segment_ids, engine):
    grid = open_grid(store, document, engine)
    grid.handle({"batch": "b1", "ops": [{"op": "view"}], "view": [segment_ids[2]]}, "amina")
    job = grid.background.start(None, grid.background.first_ids(grid), False)
    assert [s.id for s in store.pending_segments(job.id)] == [
        segment_ids[2],
        segment_ids[0],
        segment_ids[1],
    ]


def test_without_a_view_the_open_row_and_those_after_it_go_first(store, document, segment_ids):
    grid = open_grid(store, document)
    grid.handle({"batch": "b1", "ops": [{"op": "open", "seg": segment_ids[1]}]}, "amina")
    grid.background.view = ()
    assert grid.background.first_ids(grid) == segment_ids[1:]


def test_translate_again_starts_a_job_for_the_selection_even_where_it_has_mt(
    store, document, segment_ids, engine
):
    grid = open_grid(store, document, engine)
    whole = start_translation(store, document.id, "ur", engine, "amina")
    assert run_job(store, whole.id, lambda *_: engine) is JobState.DONE
    ops = [{"op": "again", "segs": [segment_ids[0], segment_ids[2]]}]
    grid.handle({"batch": "b1", "ops": ops}, "amina")
    assert grid.background.notice["kind"] == "busy"
    job = store.job(grid.background.notice["job"])
    assert (job.segment_ids, job.again, job.total) == ((segment_ids[0], segment_ids[2]), True, 2)
    assert background.job_payload(grid)["active"]


def test_a_sentence_an_editor_saved_keeps_its_text_when_translated_again(
    store, document, segment_ids, engine
):
    grid = open_grid(store, document, engine)
    store.save_revision(segment_ids[0], "ur", "مترجم کا متن", "amina", None)
    grid.handle({"batch": "b1", "ops": [{"op": "again", "segs": [segment_ids[0]]}]}, "amina")
    assert run_job(store, grid.background.notice["job"], lambda *_: engine) is JobState.DONE
    assert store.current_revision(segment_ids[0], "ur").text == "مترجم کا متن"
    assert len(store.machine_translations(segment_ids[0], "ur")) == 1  # among alternatives


def test_without_an_engine_translate_again_says_so(store, document, segment_ids):
    grid = open_grid(store, document)
    grid.handle({"batch": "b1", "ops": [{"op": "again", "segs": [segment_ids[0]]}]}, "amina")
    assert grid.background.notice == {
        "kind": "error",
        "text": "No engine is installed for this target.",
    }
    assert store.jobs(document.id, "ur") == []


def test_cancel_stops_every_active_job_of_the_document(store, document, segment_ids, engine):
    grid = open_grid(store, document, engine)
    job = start_translation(store, document.id, "ur", engine, "amina")
    grid.handle({"batch": "b1", "ops": [{"op": "cancel"}]}, "amina")
    assert store.job(job.id).state is JobState.CANCELLED  # a queued job stops at once
    payload = background.job_payload(grid)
    assert not payload["active"]
    assert payload["text"].startswith("Translation cancelled after 0 of 3 sentences")


def test_the_job_line_counts_the_running_job(store, document, segment_ids, engine):
    grid = open_grid(store, document)
    job = start_translation(store, document.id, "ur", engine, "amina")
    store_mt(store, job, segment_ids[0], "پہلا")
    payload = background.job_payload(grid)
    assert payload["active"] and (payload["done"], payload["total"]) == (1, 3)
    assert payload["text"] == "Translating in the background: 1 of 3 sentences"


def test_a_sentence_the_engine_could_not_translate_is_named(store, document, segment_ids, engine):
    from workbench.engines.base import Hypothesis

    grid = open_grid(store, document)
    job = start_translation(store, document.id, "ur", engine, "amina")
    store.claim_job(job.id, "test-runner", ONE_AT_A_TIME.stale_after)
    store.store_job_batch(
        job.id,
        "test-runner",
        {segment_ids[0]: [Hypothesis("پہلا", -0.5)], segment_ids[2]: [Hypothesis("تیسرا", -1)]},
        {segment_ids[1]: "the model produced no output"},
    )
    store.finish_job(job.id, JobState.DONE)
    payload = background.job_payload(grid)
    assert payload["failedRows"] == [2]
    assert payload["text"].startswith(
        "Translated 2 sentences; 1 failed (the model produced no output)."
    )


def test_an_edit_saved_while_a_job_fills_its_row_is_kept_not_a_conflict(
    store, document, segment_ids, engine
):
    grid = open_grid(store, document)  # the row is empty when the editor opens it
    job = start_translation(store, document.id, "ur", engine, "amina")
    store_mt(store, job, segment_ids[0], "مشین")  # MT lands before the save arrives
    save = {"op": "save", "id": "s1", "seg": segment_ids[0], "action": "draft"}
    grid.handle({"batch": "b1", "ops": [{**save, "text": "میرا متن", "base": None}]}, "amina")
    [answer] = grid.answers
    assert answer["outcome"] == "saved"
    assert store.current_revision(segment_ids[0], "ur").text == "میرا متن"


def test_a_save_over_a_persons_newer_text_is_still_a_conflict(store, document, segment_ids):
    grid = open_grid(store, document)
    store.save_revision(segment_ids[0], "ur", "بلال کا متن", "bilal", None)
    save = {"op": "save", "id": "s1", "seg": segment_ids[0], "action": "draft"}
    grid.handle({"batch": "b1", "ops": [{**save, "text": "میرا متن", "base": None}]}, "amina")
    assert grid.answers[0]["outcome"] == "conflict"
