"""Split and merge with lookups (issue 16): the memory and MT rerun for the new segments only,
through the workflow and through `workbench split` / `workbench merge`."""

from __future__ import annotations

import pytest

from workbench.cli import main
from workbench.engines import argos
from workbench.engines.argos import ArgosEngine
from workbench.jobs.runner import run_job
from workbench.memory.source import MemorySource
from workbench.store import Origin, open_store
from workbench.store.jobs import JobState
from workbench.workflows.document_files import translated_file
from workbench.workflows.resegment import merge_and_refresh, split_and_refresh

TALKS = (
    "Pakistan and Afghanistan held talks in Kabul. Trade was on the agenda.\n\n"
    "No joint statement was issued."
)


@pytest.fixture(autouse=True)
def _fresh_model_cache():
    argos.clear_model_cache()


@pytest.fixture
def db_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'resegment.db'}"


@pytest.fixture
def store(db_url):
    opened = open_store(db_url)
    yield opened
    opened.close()


@pytest.fixture
def talks(store):
    return store.add_document("talks.txt", TALKS)


def mt_count(store, document) -> dict[str, int]:
    """Source text -> how many MT results its segment has."""
    stored = store.document_machine_translations(document.id, "ur")
    return {s.text: len(stored.get(s.id, [])) for s in store.segments(document.id)}


def test_a_split_fills_the_new_segments_from_the_memory_and_no_others(store, talks):
    other = store.add_document("earlier.txt", "Trade was on the agenda.")
    (segment,) = store.segments(other.id)
    store.confirm(segment.id, "ur", "amina", None, "تجارت ایجنڈے پر تھی۔")
    first = store.segments(talks.id)[0]
    store.save_revision(first.id, "ur", "پرانا", "bilal", None)
    merged = store.merge_segments(first.id, "bilal").segments[0]
    memory = MemorySource(store).refresh()
    result = split_and_refresh(
        store, merged.id, merged.text.index("Trade"), "bilal", "ur", memory=memory
    )
    head, tail = result.edit.segments
    assert result.tm_filled == 1 and result.job is None
    assert store.current_revision(tail.id, "ur").origin is Origin.TM
    assert store.current_revision(head.id, "ur").text.startswith("پرانا")


def test_a_split_translates_only_the_new_segments(store, talks, argos_en_ur_copy):
    engine = ArgosEngine()
    first_job = store.create_job(talks.id, "ur", engine.name, engine.model_id("en", "ur"), "a")
    run_job(store, first_job.id, lambda *_: engine)
    first = store.segments(talks.id)[0]
    result = split_and_refresh(store, first.id, len("Pakistan and"), "bilal", "ur", engine=engine)
    assert [s.index for s in store.pending_segments(result.job.id)] == [0, 1]
    assert run_job(store, result.job.id, lambda *_: engine) is JobState.DONE
    assert mt_count(store, talks) == {
        "Pakistan and": 1,
        "Afghanistan held talks in Kabul.": 1,
        "Trade was on the agenda.": 1,
        "No joint statement was issued.": 1,
    }
    new_heads = [store.current_revision(s.id, "ur") for s in result.edit.segments]
    assert [h.text for h in new_heads] == ["Pakistan and", "Afghanistan held talks in Kabul."]


def test_a_merge_translates_the_merged_segment(store, talks, argos_en_ur_copy):
    engine = ArgosEngine()
    first = store.segments(talks.id)[0]
    result = merge_and_refresh(store, first.id, "bilal", "ur", engine=engine)
    (merged,) = result.edit.segments
    assert [s.id for s in store.pending_segments(result.job.id)] == [merged.id]


def test_workbench_split_prints_the_new_segments_with_their_mt(
    db_url, talks, argos_en_ur_copy, capsys
):
    argv = ["split", "talks.txt", "1", "--at", "Afghanistan", "--to", "ur", "--db", db_url]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "1\tPakistan and\n\tur: Pakistan and  [mt draft]" in out
    assert "2\tAfghanistan held talks in Kabul.\n" in out
    with open_store(db_url) as store:
        assert [s.text for s in store.segments(talks.id)][:2] == [
            "Pakistan and",
            "Afghanistan held talks in Kabul.",
        ]


def test_workbench_split_no_mt_leaves_the_new_segments_untranslated(db_url, talks, capsys):
    argv = ["split", "talks.txt", "1", "--at", "13", "--to", "ur", "--no-mt", "--db", db_url]
    assert main(argv) == 0
    assert capsys.readouterr().out.count("ur: (none)") == 2


def test_workbench_merge_across_paragraphs_is_one_line(db_url, talks, capsys):
    assert main(["merge", "talks.txt", "2", "--to", "ur", "--no-mt", "--db", db_url]) == 2
    err = capsys.readouterr().err
    assert err == (
        "workbench: error: segments 2 and 3 are in different paragraphs; "
        "only segments of one paragraph merge\n"
    )


def test_workbench_split_at_text_that_is_not_there_changes_nothing(db_url, talks, capsys):
    argv = ["split", "talks.txt", "1", "--at", "Lahore", "--to", "ur", "--no-mt", "--db", db_url]
    assert main(argv) == 2
    assert "'Lahore' does not occur in segment 1" in capsys.readouterr().err
    with open_store(db_url) as store:
        assert len(store.segments(talks.id)) == 3


def test_workbench_history_shows_the_old_segments_revisions(db_url, store, talks, capsys):
    first = store.segments(talks.id)[0]
    store.save_revision(first.id, "ur", "پاکستان اور افغانستان", "amina", None)
    argv = ["split", "talks.txt", "1", "--at", "held", "--to", "ur", "--no-mt", "--db", db_url]
    assert main(argv) == 0
    capsys.readouterr()
    assert main(["history", "talks.txt", "--to", "ur", "--db", db_url]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()[1:]]
    assert [(r[0], r[3], r[6]) for r in rows] == [
        ("1+2 (before split)", "amina", "پاکستان اور افغانستان"),
        ("1", rows[1][3], "پاکستان اور افغانستان"),
    ]


def test_the_translated_document_is_rebuilt_from_the_live_segments(store, talks):
    first = store.segments(talks.id)[0]
    store.split_segment(first.id, len("Pakistan and"), "bilal")
    for segment in store.segments(talks.id):
        store.save_revision(segment.id, "ur", f"<{segment.index + 1}>", "amina", None)
    rebuilt = translated_file(store, talks, "ur").data.decode("utf-8")
    assert rebuilt == "<1> <2> <3>\n\n<4>"
