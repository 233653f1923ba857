"""`workbench align SRC TGT --from en --to ur --out pairs.tsv|pairs.tmx [--store]`: align an
old translation, write the pairs, and optionally accept them into the store and its memory."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbench import config
from workbench.align.export import TmxWritten, write_alignment_tmx, write_tsv
from workbench.align.model import Alignment
from workbench.align.terms import glossary_terms
from workbench.align.texts import align_texts_with_mt
from workbench.cli.options import add_db_option, add_source_option, add_target_option
from workbench.cli.progress import progress_bar
from workbench.documents import read_document
from workbench.editing import default_author
from workbench.engines.registry import ENGINE_NAMES, get_engine
from workbench.errors import WorkbenchError
from workbench.exchange.registry import TMX, TSV
from workbench.glossary import Glossary, load_glossary
from workbench.languages import LANGUAGES, get_language
from workbench.store import open_store
from workbench.workflows.align_accept import accept_alignment


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "align",
        help="align a document with an existing translation, sentence by sentence",
        description=(
            "Align the sentences of SRC with those of its translation TGT (UTF-8 text, "
            "paragraphs separated by blank lines or one per line) and write one row per "
            "bead: source sentence(s), target sentence(s), bead type (1-1, 2-1, 1-0, ...) and "
            "confidence; beads below 0.8 deserve a look. --out FILE.tmx writes TMX 1.4b "
            "instead: one unit per pair, without the beads that have one side only. When an "
            "MT model for the pair is installed, MT similarity helps (--no-mt to skip it). "
            "--store accepts the alignment as the Align page does: SRC becomes a stored "
            "document, the pairs its revisions (origin aligned) and, where confirmed, "
            "translation memory."
        ),
    )
    parser.add_argument("source", type=Path, metavar="SRC", help="the original document")
    parser.add_argument("target", type=Path, metavar="TGT", help="its translation")
    codes = ", ".join(LANGUAGES)
    add_source_option(parser, help=f"language of SRC ({codes})")
    add_target_option(parser, help=f"language of TGT ({codes})")
    parser.add_argument(
        "--out", type=Path, metavar="FILE", help="output .tsv or .tmx (default: TSV on stdout)"
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
    parser.add_argument(
        "--store",
        action="store_true",
        help="also accept the alignment into the store: SRC as a document, the pairs as its "
        "revisions (unsure ones as drafts), confirmed pairs in the translation memory",
    )
    parser.add_argument(
        "--name", metavar="NAME", help="name of the stored document (default: SRC's file name)"
    )
    parser.add_argument(
        "--author", help="name on stored revisions and TMX units (default: your user name)"
    )
    add_db_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    src, tgt = get_language(args.src).code, get_language(args.tgt).code
    suffix = args.out.suffix.lower() if args.out is not None else TSV.extension
    if suffix not in TSV.extensions + TMX.extensions:
        raise WorkbenchError(f"{args.out}: --out must end in .tsv or .tmx")
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
    author = args.author or default_author()
    written = _write(alignment, args, src, tgt, suffix, author)
    summary = f"{len(alignment.beads)} beads, {alignment.low_confidence_count} to check"
    if args.out is not None:
        summary += f" → {args.out}"
    if written is not None:
        summary += (
            f" ({written.units} pairs; left out of the TMX, rows with one side only "
            f"(1-0, 0-1): {written.left_out})"
        )
    print(
        f"{summary}; {mt_note}; "
        f"glossary: {f'{len(glossary)} concepts' if glossary is not None else 'none'}",
        file=sys.stderr,
    )
    if args.store:
        _store(alignment, args, source_text, src, tgt, author)
    return 0


def _write(
    alignment: Alignment, args: argparse.Namespace, src: str, tgt: str, suffix: str, author: str
) -> TmxWritten | None:
    """Write the TSV (stdout or file) or the TMX; returns what went into a TMX."""
    if args.out is None:
        write_tsv(alignment, sys.stdout)
        return None
    try:
        if suffix in TMX.extensions:
            return write_alignment_tmx(
                alignment, args.out, src, tgt, document=args.source.name, author=author
            )
        write_tsv(alignment, args.out)
    except OSError as exc:
        raise WorkbenchError(f"cannot write {args.out}: {exc.strerror or exc}") from exc
    return None


def _store(
    alignment: Alignment,
    args: argparse.Namespace,
    source_text: str,
    src: str,
    tgt: str,
    author: str,
) -> None:
    with open_store(args.db) as store:
        accepted = accept_alignment(
            store, alignment, name=args.name or args.source.name,
            source_text=source_text, src=src, tgt=tgt, author=author,
        )  # fmt: skip
    print(accepted.summary(), file=sys.stderr)


def _glossary(args: argparse.Namespace) -> Glossary | None:
    """The glossary named by --glossary, else the house glossary if there is one."""
    if args.no_glossary:
        return None
    if args.glossary is not None:
        return load_glossary(args.glossary)
    house = config.glossary_path()
    return load_glossary(house) if house.is_file() else None
