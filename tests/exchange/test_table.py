"""CSV/TSV export for spreadsheets."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from workbench.exchange.table import COLUMNS, write_table
from workbench.exchange.units import TranslationUnit

UNITS = [
    TranslationUnit(
        "en",
        'He said "no", twice.',
        {"ur": "اس نے\tدو بار\n«نہیں» کہا۔"},
        changed=datetime(2025, 3, 2, 14, 5, 7, tzinfo=UTC),
        author="amna",
        props=(
            ("x-document", "doc.txt"),
            ("x-paragraph", "2"),
            ("x-segment", "5"),
            ("x-status", "confirmed"),
            ("x-origin", "human"),
        ),
    ),
    TranslationUnit("en", "No target yet.", {}),
]


def test_tsv_rows_read_back_with_the_csv_module():
    out = io.StringIO()
    assert write_table(UNITS, out, target_lang="ur") == 2
    rows = list(csv.reader(io.StringIO(out.getvalue()), delimiter="\t"))
    assert rows[0] == list(COLUMNS)
    assert rows[1] == [
        "doc.txt",
        "2",
        "5",
        'He said "no", twice.',
        "اس نے\tدو بار\n«نہیں» کہا۔",
        "confirmed",
        "human",
        "amna",
        "2025-03-02T14:05:07+00:00",
    ]
    assert rows[2][3:5] == ["No target yet.", ""]


def test_csv_files_start_with_a_bom_so_excel_reads_utf8(tmp_path):
    path = tmp_path / "doc.csv"
    write_table(UNITS, path, target_lang="ur", delimiter=",")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[1][4] == "اس نے\tدو بار\n«نہیں» کہا۔"


def test_tsv_files_have_no_bom(tmp_path):
    path = tmp_path / "doc.tsv"
    write_table(UNITS, path, target_lang="ur")
    assert path.read_bytes().startswith(b"document\t")
