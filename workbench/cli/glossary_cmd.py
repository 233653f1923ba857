"""`workbench glossary ...`: inspect, check, convert, edit the house glossary; find its terms.

    workbench glossary show [--to LANG]            concepts and their renderings
    workbench glossary check FILE                  validate a CSV/TBX file
    workbench glossary convert IN OUT              CSV <-> TBX (v2 martif; --tbx-version 3)
    workbench glossary find DOC [--to LANG]        term occurrences per sentence, with totals
    workbench glossary set ID LANG --full X [--short Y]   change a rendering, saved back

`--file` picks the glossary (default: `WORKBENCH_GLOSSARY` or glossaries/security.tbx).
Saving also rewrites the same glossary's twin in the other format (security.csv) if present.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbench import config
from workbench.cli.options import add_target_option
from workbench.documents import read_document
from workbench.errors import WorkbenchError
from workbench.glossary import (
    Concept,
    Role,
    Status,
    Term,
    file_digest,
    find_terms,
    load_glossary,
    save_glossary,
    serialize_glossary,
)
from workbench.glossary.model import canonical_language
from workbench.languages import TARGETS, get_language
from workbench.segment import segment_document


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "glossary",
        help="show, check, convert and edit the house glossary; find its terms in a document",
        description=__doc__.split("\n\n")[0],
    )
    commands = parser.add_subparsers(title="glossary commands", metavar="ACTION")
    file_help = f"glossary file (default: {config.glossary_path()})"

    show = commands.add_parser("show", help="list concepts and their renderings")
    show.add_argument("--file", type=Path, help=file_help)
    add_target_option(show, required=False, help="only this target's renderings")
    show.set_defaults(func=run_show)

    check = commands.add_parser("check", help="validate a glossary file (CSV or TBX)")
    check.add_argument("file", type=Path, nargs="?", help=file_help)
    check.set_defaults(func=run_check)

    convert = commands.add_parser("convert", help="convert between CSV and TBX")
    convert.add_argument("source", type=Path, metavar="IN")
    convert.add_argument("dest", type=Path, metavar="OUT")
    convert.add_argument("--tbx-version", type=int, choices=(2, 3), default=2)
    convert.set_defaults(func=run_convert)

    find = commands.add_parser("find", help="list the glossary terms of a document")
    find.add_argument("document", type=Path, metavar="DOC")
    find.add_argument("--file", type=Path, help=file_help)
    add_target_option(find, required=False, default="ur", help="target (ur)")
    find.set_defaults(func=run_find)

    edit = commands.add_parser("set", help="set a concept's approved rendering in a language")
    edit.add_argument("concept", metavar="ID")
    edit.add_argument("lang", metavar="LANG")
    edit.add_argument("--full", required=True, help="the approved full form")
    edit.add_argument("--short", default="", help="the approved abbreviation or short form")
    edit.add_argument("--file", type=Path, help=file_help)
    edit.set_defaults(func=run_set)

    parser.set_defaults(func=lambda args: _usage(parser))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _path(args: argparse.Namespace) -> Path:
    return args.file or config.glossary_path()


def _forms(concept: Concept, lang: str) -> str:
    full = concept.preferred(lang, Role.FULL) or ""
    short = concept.preferred(lang, Role.SHORT)
    return f"{full} / {short}" if short else full


def run_show(args: argparse.Namespace) -> int:
    glossary = load_glossary(_path(args))
    langs = [get_language(args.tgt).code] if args.tgt else [t.code for t in TARGETS]
    langs = [lang for lang in langs if any(c.terms_in(lang) for c in glossary)]
    out = sys.stdout
    for concept in glossary:
        out.write(f"{concept.id}\t{concept.label()}\n")
        variants = [
            t.text for t in concept.terms_in(glossary.source_lang) if t.status is Status.ADMITTED
        ]
        if variants:
            out.write(f"\talso matches: {', '.join(variants)}\n")
        for lang in langs:
            out.write(f"\t{lang}\t{_forms(concept, lang) or '(no rendering)'}\n")
    return 0


def run_check(args: argparse.Namespace) -> int:
    path = _path(args)
    glossary = load_glossary(path)
    counts = ", ".join(
        f"{lang} {sum(1 for c in glossary if c.preferred(lang, Role.FULL))}"
        for lang in glossary.languages()
    )
    print(f"{path}: {len(glossary)} concepts; renderings: {counts}")
    for line in glossary.unsupported:
        print(f"{path}: warning: {line} (saving drops it)", file=sys.stderr)
    return 0


def run_convert(args: argparse.Namespace) -> int:
    if args.dest.resolve() == args.source.resolve():
        raise WorkbenchError(f"{args.dest}: IN and OUT are the same file")
    glossary = load_glossary(args.source)
    data = serialize_glossary(glossary, args.dest.name, args.tbx_version)
    args.dest.write_bytes(data)
    print(f"{len(glossary)} concepts → {args.dest}", file=sys.stderr)
    return 0


def run_find(args: argparse.Namespace) -> int:
    tgt = get_language(args.tgt).code
    glossary = load_glossary(_path(args))
    segments = segment_document(read_document(args.document), "en", path=str(args.document))
    total = 0
    for segment in segments:
        for hit in find_terms(segment.text, glossary, tgt):
            total += 1
            print(
                f"{segment.index + 1}\t{hit.text}\t{hit.concept.id}\t{hit.role.value}\t"
                f"{hit.rendering(tgt)}"
            )
    print(f"{total} term occurrences in {len(segments)} sentences", file=sys.stderr)
    return 0


def run_set(args: argparse.Namespace) -> int:
    path = _path(args)
    digest = file_digest(path)
    glossary = load_glossary(path)
    concept = glossary.get(args.concept)
    if concept is None:
        raise WorkbenchError(f"{path}: no concept {args.concept!r}")
    lang = canonical_language(args.lang)
    kept = [t for t in concept.terms_in(lang) if t.status is not Status.PREFERRED]
    terms = [Term(" ".join(args.full.split()))]
    if args.short.strip():
        terms.append(Term(" ".join(args.short.split()), Role.SHORT))
    # A form promoted to preferred is no longer also an admitted variant.
    kept = [t for t in kept if t.text not in {term.text for term in terms}]
    updated = glossary.replace_concept(concept.with_terms(lang, terms + kept))
    written = save_glossary(updated, path, expected_digest=digest)
    print(f"{concept.id} [{lang}] = {_forms(updated.get(concept.id), lang)}")
    print("saved " + ", ".join(str(p) for p in written), file=sys.stderr)
    return 0
