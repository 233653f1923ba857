"""`workbench align SRC TGT --src en --tgt ur --out pairs.tsv`: align an old translation."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbench import config
from workbench.align.terms import glossary_terms
from workbench.align.texts import align_texts_with_mt
from workbench.align.tsv import write_tsv
from workbench.cli.progress import progress_bar
from workbench.documents import read_document
from workbench.engines.registry import ENGINE_NAMES, get_engine
from workbench.errors import WorkbenchError
from workbench.glossary import Glossary, load_glossary
from workbench.languages import LANGUAGES, get_language


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "align",
        help="align a document with an existing translation, sentence by sentence",
        description=(
            "Align the sentences of SRC with those of its translation TGT (UTF-8 text, "
            "paragraphs separated by blank lines or one per line) and write one row per "
            "bead: source sentence(s), target sentence(s), bead type (1-1, 2-1, 1-0, ...) and "
            "confidence; beads below 0.8 deserve a look. When an MT model for the pair is "
            "installed, MT similarity helps (--no-mt to skip it)."
        ),
    )
    parser.add_argument("source", type=Path, metavar="SRC", help="the original document")
    parser.add_argument("target", type=Path, metavar="TGT", help="its translation")
    codes = ", ".join(LANGUAGES)
    parser.add_argument("--src", default="en", metavar="LANG", help=f"language of SRC ({codes})")
    parser.add_argument("--tgt", required=True, metavar="LANG", help=f"language of TGT ({codes})")
    parser.add_argument(
        "--out", type=Path, metavar="FILE", help="output .tsv (default: TSV on stdout)"
    )
    parser.add_argument("--no-mt", action="store_true", help="do not use MT similarity")
    parser.add_argument(
        "--glossary",
        type=Path,
        metavar="FILE",
        help="glossary whose terms anchor sentence pairs (CSV/TBX; default: the house "
        "glossary, WORKBENCH_GLOSSARY or glossaries/security.tbx, when it exists)",
    )
    parser.add_argument("--no-glossary", action="store_true", help="do not use a glossary")
    parser.add_argument("--engine", choices=ENGINE_NAMES, default="argos")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    src, tgt = get_language(args.src).code, get_language(args.tgt).code
    if args.out is not None and args.out.suffix.lower() not in (".tsv", ".tmx"):
        raise WorkbenchError(f"{args.out}: --out must end in .tsv")
    if args.out is not None and args.out.suffix.lower() == ".tmx":
        raise WorkbenchError(
            f"{args.out}: TMX output is not available yet (it needs the TMX writer); "
            "write a .tsv file instead"
        )
    source_text, target_text = read_document(args.source), read_document(args.target)
    engine = None if args.no_mt else get_engine(args.engine)
    glossary = _glossary(args)
    terms = glossary_terms(glossary, src, tgt) if glossary is not None else None
    with progress_bar(f"MT {src}→{tgt}") as update:
        alignment, mt_note = align_texts_with_mt(
            source_text, target_text, src, tgt, engine, term_finder=terms,
            progress=update, names=(str(args.source), str(args.target)),
        )  # fmt: skip
    if args.no_mt:
        mt_note = "MT: not used (--no-mt)"
    if args.out is None:
        write_tsv(alignment, sys.stdout)
    else:
        with args.out.open("w", encoding="utf-8", newline="") as out:
            write_tsv(alignment, out)
    destination = f" → {args.out}" if args.out else ""
    print(
        f"{len(alignment.beads)} beads, {alignment.low_confidence_count} to check"
        f"{destination}; {mt_note}; "
        f"glossary: {f'{len(glossary)} concepts' if glossary is not None else 'none'}",
        file=sys.stderr,
    )
    return 0


def _glossary(args: argparse.Namespace) -> Glossary | None:
    """The glossary named by --glossary, else the house glossary if there is one."""
    if args.no_glossary:
        return None
    if args.glossary is not None:
        return load_glossary(args.glossary)
    house = config.glossary_path()
    return load_glossary(house) if house.is_file() else None
