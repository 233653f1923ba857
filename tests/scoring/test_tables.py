"""Tables and CSV export of a document report."""

from __future__ import annotations

import csv
import io

import pytest

from tests.scoring.conftest import EDIT_1, MT
from workbench.scoring.document import score_document
from workbench.scoring.stored import load_histories
from workbench.scoring.tables import headline_table, segment_table, to_csv


@pytest.fixture
def report(store, document):
    return score_document(load_histories(store, document, "ur"), "ur", n_bootstrap=100)


def test_csv_export_starts_with_a_byte_order_mark_and_keeps_urdu_intact(report):
    data = to_csv(segment_table(report))

    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert (rows[0]["MT"], rows[0]["Final"]) == (MT[0], EDIT_1)
    assert [r["#"] for r in rows] == ["1", "2", "4", "3"]


def test_headline_table_has_interval_and_full_signature(report):
    table = headline_table(report.mt_vs_final)

    assert table["Metric"].tolist() == ["BLEU", "chrF2", "TER"]
    assert table["95% CI"].str.match(r"μ = \d+\.\d ± \d+\.\d").all()
    assert table["Signature"].iloc[2].startswith("TER|nrefs:1|bs:100|seed:12345|")
