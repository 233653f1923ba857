"""`workbench qa FILE.tsv --to LANG`: QA-check a translated TSV (from `workbench translate`).

Reads the columns `sentence`, `source` and `target` (other columns are ignored) and prints
one line per flag: sentence number, code, severity, message (tab-separated), then a count
per code on stderr. Glossary checks use the house glossary unless `--no-glossary`.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

from workbench import config, qa
from workbench.cli.options import add_target_option
from workbench.errors import InputError
from workbench.glossary import load_glossary
from workbench.languages import get_language

REQUIRED_COLUMNS = ("sentence", "source", "target")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "qa",
        help="check a translated TSV: glossary terms, numbers, punctuation, untranslated text",
        description=__doc__.split("\n\n")[0],
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="TSV from `workbench translate`")
    add_target_option(parser)
    parser.add_argument("--glossary", type=Path, help=f"default: {config.glossary_path()}")
    parser.add_argument("--no-glossary", action="store_true", help="skip the glossary checks")
    parser.set_defaults(func=run)


def read_rows(path: Path) -> list[tuple[str, str, str]]:
    """(sentence number, source, target) per row; a malformed file names the line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError("no such file", path=str(path)) from None
    except UnicodeDecodeError as exc:
        raise InputError("not UTF-8 text", path=str(path)) from exc
    reader = csv.reader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_MINIMAL)
    header = next(reader, None)
    if header is None or any(col not in header for col in REQUIRED_COLUMNS):
        raise InputError(
            f"the header must name the columns {', '.join(REQUIRED_COLUMNS)}",
            path=str(path),
            line=1,
        )
    index = {col: header.index(col) for col in REQUIRED_COLUMNS}
    rows = []
    for row in reader:
        if not any(row):
            continue
        if len(row) < len(header):
            raise InputError(
                f"{len(row)} fields where the header has {len(header)}",
                path=str(path),
                line=reader.line_num,
            )
        rows.append(tuple(row[index[col]] for col in REQUIRED_COLUMNS))
    return rows


def run(args: argparse.Namespace) -> int:
    tgt = get_language(args.tgt).code
    glossary = None if args.no_glossary else load_glossary(args.glossary or config.glossary_path())
    counts: Counter[str] = Counter()
    rows = read_rows(args.file)
    for number, source, target in rows:
        for flag in qa.check(source, target, tgt, glossary):
            counts[flag.code] += 1
            print(f"{number}\t{flag.code}\t{flag.severity}\t{flag.message}")
    summary = ", ".join(f"{code} {n}" for code, n in counts.most_common()) or "no flags"
    print(f"{len(rows)} sentences checked: {summary}", file=sys.stderr)
    return 0
