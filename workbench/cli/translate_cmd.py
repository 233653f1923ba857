"""`workbench translate FILE --to ur`: machine-translate a document into a TSV file."""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path
from typing import TextIO

from workbench.cli.progress import progress_bar
from workbench.documents import read_document
from workbench.engines.registry import ENGINE_NAMES, engine_for
from workbench.errors import WorkbenchError
from workbench.glossary import load_glossary
from workbench.languages import TARGETS, get_language
from workbench.pipeline import TranslatedSegment, glossary_totals, translate_document

TSV_HEADER = ("paragraph", "sentence", "source", "target")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "translate",
        help="machine-translate a document sentence by sentence",
        description=(
            "Translate FILE sentence by sentence and write a tab-separated file with the "
            "columns paragraph, sentence (both 1-based), source, target; with --n-best K "
            "the alternatives follow as target_2 ... target_K."
        ),
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="UTF-8 text document")
    parser.add_argument(
        "--to",
        dest="tgt",
        required=True,
        metavar="LANG",
        help="target: " + ", ".join(f"{t.code} ({t.label})" for t in TARGETS),
    )
    parser.add_argument("--from", dest="src", default="en", metavar="LANG", help="source (en)")
    parser.add_argument("--n-best", type=int, default=1, metavar="K", help="alternatives per row")
    parser.add_argument(
        "--engine",
        choices=ENGINE_NAMES,
        help="argos (installed Argos packages) or nllb (the NLLB-200 model registered with "
        "`packages add-nllb`); default: the installed one that covers the target, Argos first",
    )
    parser.add_argument("--out", type=Path, metavar="FILE", help="output TSV (default: stdout)")
    parser.add_argument(
        "--glossary",
        type=Path,
        metavar="FILE",
        help="enforce this glossary (CSV/TBX; e.g. glossaries/security.tbx) and add a `qa` "
        "column with each row's QA flag codes",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    src, tgt = get_language(args.src).code, get_language(args.tgt).code
    if args.n_best < 1:
        raise WorkbenchError(f"--n-best must be at least 1, got {args.n_best}")
    text = read_document(args.file)
    engine = engine_for(src, tgt, args.engine)
    glossary = load_glossary(args.glossary) if args.glossary else None
    with progress_bar(f"{src}→{tgt}") as update:
        rows = translate_document(
            text,
            engine,
            src,
            tgt,
            n_best=args.n_best,
            progress=update,
            name=str(args.file),
            glossary=glossary,
        )
    with_qa = glossary is not None
    if args.out:
        with args.out.open("w", encoding="utf-8", newline="") as out:
            write_tsv(rows, out, args.n_best, with_qa)
        print(f"{len(rows)} sentences → {args.out}", file=sys.stderr)
    else:
        write_tsv(rows, sys.stdout, args.n_best, with_qa)
    if glossary is not None:
        totals = glossary_totals(rows, tgt, glossary)
        print(
            f"glossary: {totals.found} term occurrences, {totals.enforced} enforced, "
            f"{totals.flagged} flagged for review",
            file=sys.stderr,
        )
    return 0


def write_tsv(
    rows: list[TranslatedSegment], out: TextIO, n_best: int = 1, with_qa: bool = False
) -> None:
    """One row per source sentence, in document order."""
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    qa_column = ("qa",) if with_qa else ()
    writer.writerow(TSV_HEADER + tuple(f"target_{k}" for k in range(2, n_best + 1)) + qa_column)
    for row in rows:
        texts = [h.text for h in row.hypotheses] + [""] * (n_best - len(row.hypotheses))
        seg = row.segment
        qa_cell = [",".join(dict.fromkeys(f.code for f in row.flags))] if with_qa else []
        writer.writerow([seg.paragraph + 1, seg.index + 1, seg.text, *texts[:n_best], *qa_cell])
