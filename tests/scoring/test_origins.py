"""Scoring a document whose texts came from the translation memory or an accepted alignment.

HTER measures how much an editor changed the machine translation; a final text that started
from a TM match or an aligned human translation is no post-edit of the MT. Neither a TM fill
nor an imported alignment is an editor's pass.
"""

from __future__ import annotations

from sacrebleu.metrics import BLEU, CHRF
from streamlit.testing.v1 import AppTest

from tests.scoring.conftest import MT
from tests.scoring.test_scores_page import _scores_app
from tests.store.conftest import FOUR_SENTENCES
from workbench.cli import main
from workbench.engines.base import Hypothesis
from workbench.memory.index import TmEntry, TranslationMemory
from workbench.scoring.document import score_document
from workbench.scoring.stored import load_histories
from workbench.workflows.fill import fill_exact_matches

TM_TEXT = "کابل میں پاکستان اور افغانستان کے مذاکرات ہوئے۔"
TM_EDITED = "کابل میں پاکستان اور افغانستان کے درمیان مذاکرات ہوئے۔"
ALIGNED = ["پرانا ترجمہ ایک۔", "پرانا ترجمہ دو۔", "پرانا ترجمہ تین۔", "پرانا ترجمہ چار۔"]


def _machine_translate(store, doc) -> None:
    store.add_machine_translations(doc.id, "ur", "argos", "m1", [[Hypothesis(t, -0.1)] for t in MT])


def _tm_filled_then_edited(store):
    """MT for all four sentences; a TM match replaces sentence 1's MT and amna edits it;
    amna also edits sentence 2's MT."""
    doc = store.add_document("talks.txt", FOUR_SENTENCES)
    _machine_translate(store, doc)
    s = store.segments(doc.id)
    memory = TranslationMemory([TmEntry(s[0].text, TM_TEXT, "ur", document="old.txt")])
    assert fill_exact_matches(store, doc.id, "ur", memory) == 1
    store.save_revision(s[0].id, "ur", TM_EDITED, "amna", store.current_revision(s[0].id, "ur").id)
    store.save_revision(
        s[1].id, "ur", "ٹی ٹی پی پر بھی بات ہوئی۔", "amna", store.current_revision(s[1].id, "ur").id
    )
    return doc


def _aligned_then_translated(store, status: str = "confirmed"):
    """An accepted alignment's texts as the current revisions, then MT of the document."""
    doc = store.add_document("talks.txt", FOUR_SENTENCES)
    s = store.segments(doc.id)
    store.append_revisions(
        "ur", {seg.id: text for seg, text in zip(s, ALIGNED, strict=True)}, "lead",
        origin="aligned", status=status,
    )  # fmt: skip
    _machine_translate(store, doc)  # stored, but does not displace the aligned texts
    return doc


def _report(store, doc):
    return score_document(load_histories(store, doc, "ur"), "ur", n_bootstrap=0)


def test_a_sentence_edited_from_a_tm_match_is_left_out_of_hter(store):
    report = _report(store, _tm_filled_then_edited(store))

    assert [s.number for s in report.segments if s.scores is not None] == [2]
    assert report.segments[0].started_from == "tm"
    assert report.segments[1].started_from == "mt"


def test_a_tm_fill_is_not_an_editor_pass(store):
    report = _report(store, _tm_filled_then_edited(store))

    assert [g.key for g in report.per_editor] == ["amna"]
    assert report.per_editor[0].revisions == 2
    assert report.segments[0].passes == 1
    tm_fill = next(r for r in report.revisions if r.origin == "tm")
    assert not tm_fill.editor_pass
    assert tm_fill.vs_previous is not None  # how far the TM text was from the MT it replaced


def test_an_alignment_accepted_as_confirmed_is_neither_hter_nor_an_editor_pass(store):
    report = _report(store, _aligned_then_translated(store))

    assert report.scored == 0
    assert report.per_editor == []
    assert {s.started_from for s in report.segments} == {"aligned"}
    assert {s.passes for s in report.segments} == {0}


def test_confirming_an_aligned_draft_is_a_pass_of_the_editor_who_confirmed_it(store):
    doc = store.add_document("talks.txt", FOUR_SENTENCES)
    first = store.segments(doc.id)[0]
    store.append_revisions("ur", {first.id: ALIGNED[0]}, "lead", origin="aligned")
    store.confirm(first.id, "ur", "amna", store.current_revision(first.id, "ur").id)

    report = _report(store, doc)

    assert [g.key for g in report.per_editor] == ["amna"]
    assert report.segments[0].passes == 1
    assert report.segments[0].started_from == "aligned"


def test_mt_confirmed_as_is_is_scored_with_hter_zero(store):
    doc = store.add_document("talks.txt", FOUR_SENTENCES)
    _machine_translate(store, doc)
    last = store.segments(doc.id)[3]
    store.confirm(last.id, "ur", "amna", store.current_revision(last.id, "ur").id)

    report = _report(store, doc)

    assert report.scored == 1
    assert report.segments[3].scores.ter == 0.0
    assert report.segments[3].started_from == "mt"


def test_scores_page_leaves_a_tm_started_sentence_unscored_and_says_so(store):
    _tm_filled_then_edited(store)
    at = AppTest.from_function(_scores_app, default_timeout=60).run()
    table = at.dataframe[0].value.set_index("#")

    assert not at.exception
    assert "1 of 4 sentences scored" in at.caption[0].value
    assert table.loc[1, "Started from"] == "tm"
    assert not table.loc[1, "Scored"]


def test_mt_run_after_an_alignment_is_scored_against_the_aligned_translation(store):
    report = _report(store, _aligned_then_translated(store))
    bleu, chrf, _ = report.mt_vs_independent

    assert report.independent == 4
    assert bleu.score == BLEU(tokenize="intl").corpus_score(MT, [ALIGNED]).score
    assert chrf.score == CHRF().corpus_score(MT, [ALIGNED]).score


def test_low_confidence_aligned_drafts_are_not_references_for_the_mt(store):
    report = _report(store, _aligned_then_translated(store, status="draft"))

    assert report.independent == 0
    assert report.mt_vs_independent == []


def test_the_mt_a_tm_match_replaced_is_scored_against_the_edited_tm_text(store):
    report = _report(store, _tm_filled_then_edited(store))
    bleu = report.mt_vs_independent[0]

    assert report.independent == 1
    assert bleu.score == BLEU(tokenize="intl").corpus_score([MT[0]], [[TM_EDITED]]).score


def test_cli_prints_mt_against_aligned_translations_apart_from_hter(store, db_url, capsys):
    _aligned_then_translated(store)

    code = main(["score", "talks.txt", "--to", "ur", "--db", db_url, "--confidence", "0"])
    out = capsys.readouterr().out

    assert code == 0
    assert "# no sentence post-edited from MT yet: no HTER to score" in out
    assert (
        "# MT against 4 texts made without it (TM matches, aligned translations) as "
        "references; TER here is not HTER"
    ) in out
    assert sum("BLEU|nrefs:1" in line for line in out.splitlines()) == 1


def test_scores_page_shows_mt_against_aligned_translations(store):
    _aligned_then_translated(store)
    at = AppTest.from_function(_scores_app, default_timeout=60).run()

    assert not at.exception
    assert "(4 from an alignment)" in at.info[0].value
    assert [m.label for m in at.metric] == ["BLEU", "chrF", "TER"]


def test_scores_page_picks_up_mt_run_after_it_was_shown(store):
    doc = store.add_document("talks.txt", FOUR_SENTENCES)
    s = store.segments(doc.id)
    store.append_revisions(
        "ur", {seg.id: text for seg, text in zip(s, ALIGNED, strict=True)}, "lead",
        origin="aligned", status="confirmed",
    )  # fmt: skip
    at = AppTest.from_function(_scores_app, default_timeout=60).run()
    assert not at.metric

    _machine_translate(store, doc)
    at.run()

    assert [m.label for m in at.metric] == ["BLEU", "chrF", "TER"]
