"""Nothing half-stored (issue 19, item 5): a document lands with its MT, TM fills and
aligned revisions in one transaction, or not at all.

The failures are real: an installed (test) Argos engine wrapped to raise part-way through the
document (`tests.fixtures.failing_engine`), and an alignment whose revisions the store
refuses after it would have stored the document.
"""

from __future__ import annotations

import pytest

from tests.fixtures.failing_engine import FailingAfter
from tests.fixtures.parallel_editorial import document as editorial
from tests.fixtures.parallel_editorial import paragraphs
from tests.store.conftest import FOUR_SENTENCES
from workbench.align import align_texts
from workbench.cli import main
from workbench.engines import argos
from workbench.engines.argos import ArgosEngine
from workbench.errors import InputError, WorkbenchError
from workbench.memory.index import TmEntry, TranslationMemory
from workbench.store import Origin
from workbench.workflows.align_accept import accept_alignment
from workbench.workflows.translate import translate_new_document, translate_stored_document

FIRST = "Pakistan and Afghanistan held talks in Kabul."
FIRST_UR = "پاکستان اور افغانستان نے کابل میں مذاکرات کیے۔"


class EngineCrashed(WorkbenchError):
    """What an engine failure looks like to the workflow."""


@pytest.fixture(autouse=True)
def _fresh_model_cache():
    argos.clear_model_cache()


def test_an_engine_failing_midway_leaves_no_tm_fill_behind(store, document, argos_en_ur_copy):
    memory = TranslationMemory([TmEntry(FIRST, FIRST_UR, "ur")])
    failing = FailingAfter(ArgosEngine(), 2, EngineCrashed("the engine crashed"))
    with pytest.raises(EngineCrashed):
        translate_stored_document(store, document, failing, "ur", n_best=1, memory=memory)
    assert store.current_revisions(document.id, "ur") == {}
    assert store.document_machine_translations(document.id, "ur") == {}


def test_a_new_document_whose_mt_is_interrupted_is_not_stored(store, argos_en_ur_copy):
    failing = FailingAfter(ArgosEngine(), 3, KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        translate_new_document(store, "talks.txt", FOUR_SENTENCES, "en", failing, "ur")
    assert store.documents() == []


def test_a_new_document_lands_with_its_mt_and_tm_fills(store, argos_en_ur_copy):
    memory = TranslationMemory([TmEntry(FIRST, FIRST_UR, "ur")])
    document, result = translate_new_document(
        store, "talks.txt", FOUR_SENTENCES, "en", ArgosEngine(), "ur", n_best=1, memory=memory
    )
    heads = store.current_revisions(document.id, "ur")
    origins = [heads[s.id].origin for s in store.segments(document.id)]
    assert origins == [Origin.TM, Origin.MT, Origin.MT, Origin.MT]
    assert (result.from_tm, result.new_mt) == (1, 3)


@pytest.mark.parametrize("interrupt", [KeyboardInterrupt(), EngineCrashed("engine crashed")])
def test_cli_translate_failing_during_mt_stores_no_document(
    db_url, tmp_path, argos_en_ur_copy, monkeypatch, capsys, interrupt
):
    source = tmp_path / "talks.txt"
    source.write_text(FOUR_SENTENCES, encoding="utf-8")
    monkeypatch.setattr(
        "workbench.cli.translate_cmd.engine_for",
        lambda src, tgt, name=None: FailingAfter(ArgosEngine(), 2, interrupt),
    )
    code = main(["translate", str(source), "--to", "ur", "--db", db_url])
    assert code == (130 if isinstance(interrupt, KeyboardInterrupt) else 2)
    monkeypatch.undo()
    assert main(["docs", "--db", db_url]) == 0
    assert "talks.txt" not in capsys.readouterr().out


def _accept_editorial(store, *, tgt: str = "ur", author: str = "hina"):
    source = editorial(paragraphs("en"))
    alignment = align_texts(source, editorial(paragraphs("ur")), "en", "ur")
    return accept_alignment(
        store, alignment, name="editorial.en.txt", source_text=source, src="en", tgt=tgt,
        author=author,
    )  # fmt: skip


def test_an_alignment_whose_revisions_are_refused_stores_no_document(store):
    with pytest.raises(InputError, match="nothing was saved"):
        _accept_editorial(store, author="h" * 300)
    assert store.documents() == []


def test_an_alignment_with_a_too_long_target_tag_stores_no_document(store):
    with pytest.raises(InputError, match="language tag is 20 characters long; at most 16"):
        _accept_editorial(store, tgt="ur-" + "x" * 17)
    assert store.documents() == []
