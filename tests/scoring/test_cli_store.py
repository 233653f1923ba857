"""`workbench score DOC --to ur`: a stored document's MT against the final post-edit."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.scoring.conftest import EDIT_1, EDIT_2, MT
from workbench.cli import main
from workbench.engines.base import Hypothesis


def score(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["score", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_prints_hter_with_signatures_for_the_post_edited_sentences(document, db_url, capsys):
    code, out, _ = score(capsys, "talks.txt", "--to", "ur", "--db", db_url)
    lines = out.splitlines()

    assert code == 0
    assert lines[0] == (
        "# talks.txt → ur: MT against the final text, 3 of 4 sentences (post-edited); "
        "TER here is HTER"
    )
    ter = next(line for line in lines if line.startswith("TER|"))
    assert "|bs:1000|seed:12345|" in ter
    assert ter.split(" = ", 1)[1].startswith(f"{100 * 4 / 24:.1f} (μ = ")
    assert lines[4].startswith("# ur:norm=nfc+bidi+yeh+kaf+digits,ter-pretok=intl — ")


def test_document_can_be_named_by_id(document, db_url, capsys):
    code, out, _ = score(
        capsys, str(document.id), "--to", "ur", "--db", db_url, "--confidence", "0"
    )

    assert code == 0 and "talks.txt → ur" in out


def test_per_editor_lines_count_revisions_and_sentences(document, db_url, capsys):
    _, out, _ = score(capsys, "talks.txt", "--to", "ur", "--db", db_url, "--confidence", "0")

    assert "amna\t3 revisions\t3 sentences\tBLEU " in out
    assert "bilal\t1 revision\t1 sentence\tBLEU 100.0\tchrF2 100.0\tTER 0.0" in out


def test_segments_table_lists_the_most_edited_first(document, db_url, capsys):
    _, out, _ = score(
        capsys, "talks.txt", "--to", "ur", "--db", db_url, "--confidence", "0", "--segments"
    )
    table = out[out.index("#\tSource") :]
    rows = list(csv.DictReader(io.StringIO(table), delimiter="\t"))

    assert [r["#"] for r in rows] == ["1", "2", "4", "3"]
    assert rows[0]["MT"] == MT[0] and rows[0]["Final"] == EDIT_1
    assert rows[0]["TER"] == f"{100 * 3 / 9:.1f}"
    assert rows[3]["TER"] == ""  # not post-edited


def test_json_has_document_sentence_and_revision_scores(document, db_url, capsys):
    _, out, _ = score(
        capsys, "talks.txt", "--to", "ur", "--db", db_url, "--json", "--confidence", "0"
    )
    report = json.loads(out)

    assert (report["sentences"], report["scored"]) == (4, 3)
    assert [s["name"] for s in report["mt_vs_final"]] == ["BLEU", "chrF2", "TER"]
    assert report["segments"][1]["final"] == EDIT_2
    assert report["segments"][1]["scores"]["ter"] == pytest.approx(100 / 8)
    assert len(report["revisions"]) == 8


def test_external_reference_scores_mt_and_final_and_tests_the_difference(
    document, db_url, tmp_path, capsys
):
    ref = tmp_path / "ref.txt"
    ref.write_text("\n".join([EDIT_1, EDIT_2, MT[2], MT[3]]) + "\n", encoding="utf-8")

    code, out, _ = score(
        capsys, "talks.txt", "--to", "ur", "--db", db_url, "--ref", str(ref),
        "--paired", "bs", "--paired-n", "100",
    )  # fmt: skip

    assert code == 0
    assert f"# against the reference {ref}: 4 of 4 sentences" in out
    assert "# paired bootstrap resampling: final against the baseline mt" in out
    assert "(p = " in out


def test_tmx_reference_is_matched_by_source_sentence(document, db_url, tmp_path, capsys):
    ref = tmp_path / "ref.tmx"
    ref.write_text(
        '<?xml version="1.0"?><tmx version="1.4"><header srclang="en"/><body>'
        '<tu><tuv xml:lang="en"><seg>The TTP was discussed.</seg></tuv>'
        f'<tuv xml:lang="ur"><seg>{EDIT_2}</seg></tuv></tu></body></tmx>',
        encoding="utf-8",
    )

    code, out, _ = score(
        capsys, "talks.txt", "--to", "ur", "--db", db_url, "--ref", str(ref), "--json"
    )

    assert code == 0
    reference = json.loads(out)["reference"]
    assert reference["sentences"] == 1
    assert {s["name"]: s["score"] for s in reference["final"]}["TER"] == 0.0


def test_unknown_document_is_exit_2(document, db_url, capsys):
    code, _, err = score(capsys, "nope.txt", "--to", "ur", "--db", db_url)

    assert code == 2
    assert err == "workbench: error: no stored document 'nope.txt'; `workbench docs` lists them\n"


def test_target_without_translation_is_exit_2(document, db_url, capsys):
    code, _, err = score(capsys, "talks.txt", "--to", "ps", "--db", db_url)

    assert code == 2
    assert "talks.txt has no ps translation yet" in err


def test_paired_without_something_to_compare_is_exit_2(document, db_url, capsys):
    code, _, err = score(capsys, "talks.txt", "--to", "ur", "--db", db_url, "--paired", "ar")

    assert code == 2
    assert "--paired with DOC needs --compare A B, or --ref FILE" in err


def test_doc_and_hyp_together_is_exit_2(document, db_url, tmp_path, capsys):
    hyp = tmp_path / "h.txt"
    hyp.write_text("x\n", encoding="utf-8")

    code, _, err = score(capsys, "talks.txt", "--hyp", str(hyp), "--to", "ur", "--db", db_url)

    assert code == 2 and "give either DOC" in err


def test_document_with_only_mt_says_nothing_is_post_edited_yet(store, db_url, capsys):
    doc = store.add_document("fresh.txt", "Talks were held. Nothing was agreed.")
    store.add_machine_translations(
        doc.id, "ur", "argos", "m1", [[Hypothesis("بات چیت ہوئی۔", -0.1)]] * 2
    )

    code, out, _ = score(capsys, "fresh.txt", "--to", "ur", "--db", db_url)

    assert code == 0
    assert "MT against the final text, 0 of 2 sentences" in out
    assert "# no sentence post-edited from MT yet: no HTER to score" in out


def test_unknown_text_to_compare_is_exit_2(document, db_url, capsys):
    code, _, err = score(
        capsys, "talks.txt", "--to", "ur", "--db", db_url, "--compare", "mt", "draft"
    )

    assert code == 2
    assert "unknown text to compare 'draft'; known: mt, first-edit, final, engine:LABEL" in err


def test_segments_table_is_preceded_by_the_sentence_score_signatures(document, db_url, capsys):
    _, out, _ = score(
        capsys, "talks.txt", "--to", "ur", "--db", db_url, "--confidence", "0", "--segments"
    )
    lines = out[: out.index("#\tSource")].splitlines()

    assert [line for line in lines if line.startswith("# sentence scores: ")] == [
        "# sentence scores: BLEU|nrefs:1|case:mixed|eff:yes|tok:intl|smooth:exp|version:2.6.0",
        "# sentence scores: chrF2|nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0",
        "# sentence scores: TER|nrefs:1|case:lc|tok:tercom|norm:no|punct:yes|asian:no|"
        "version:2.6.0",
    ]
