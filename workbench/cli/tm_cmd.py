"""`workbench tm import FILE`, `workbench tm lookup SENTENCE --to ur` and
`workbench tm concordance TEXT --to ur`: the translation memory."""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.cli.options import (
    add_db_option,
    add_source_option,
    add_target_option,
    open_store_from,
)
from workbench.exchange.registry import memory_formats
from workbench.languages import get_language, normalize_language_tag
from workbench.memory.concordance import DEFAULT_LIMIT, ConcordanceSource
from workbench.memory.index import FUZZY_THRESHOLD, DiffSpan
from workbench.memory.source import MemorySource
from workbench.workflows.memory_import import import_memory_file


def register(subparsers: argparse._SubParsersAction) -> None:
    tm = subparsers.add_parser(
        "tm",
        help="translation memory: import TMX/XLIFF, look sentences up",
        description="The translation memory: entries imported from TMX/XLIFF files plus "
        "every post-edit and confirmed segment in the store.",
    )
    commands = tm.add_subparsers(title="tm commands", metavar="COMMAND", required=True)

    load = commands.add_parser(
        "import",
        help="import a TMX (1.1-1.4b) or XLIFF 2 file into the memory",
        description="Add every source/target pair of FILE to the memory, all in one go or "
        "nothing if the file is malformed; prints units read, entries imported per "
        "language, and entries skipped with the reason.",
    )
    kinds = ", ".join(ext for fmt in memory_formats() for ext in fmt.extensions)
    load.add_argument("file", type=Path, metavar="FILE", help=f"a {kinds} file")
    load.add_argument(
        "--to",
        dest="targets",
        action="append",
        metavar="LANG",
        help="import only this target language (repeatable; default: all in the file)",
    )
    add_source_option(load)
    add_db_option(load)
    load.set_defaults(func=run_import)

    lookup = commands.add_parser(
        "lookup",
        help="show the memory's matches for a sentence",
        description="Exact and fuzzy matches for SENTENCE, best first, with a word diff of "
        "the match's source against it: [-removed-] {+added+}.",
    )
    lookup.add_argument("sentence", metavar="SENTENCE")
    add_target_option(lookup)
    lookup.add_argument("--threshold", type=float, default=FUZZY_THRESHOLD, metavar="PCT")
    lookup.add_argument("--limit", type=int, default=3, metavar="N")
    add_db_option(lookup)
    lookup.set_defaults(func=run_lookup)

    concordance = commands.add_parser(
        "concordance",
        help="find a word or phrase in the memory and the stored documents",
        description="Every sentence of the memory and the stored documents whose source (or, "
        "with --target-side, translation) holds TEXT, newest first, with its translation, "
        "where it comes from, who and when; the match is shown in [[brackets]]. Arabic-script "
        "letter variants, digits, ZWNJ, bidi marks and diacritics do not stop a match.",
    )
    concordance.add_argument("text", metavar="TEXT")
    add_target_option(concordance)
    concordance.add_argument(
        "--target-side", action="store_true", help="search the translations, not the sources"
    )
    concordance.add_argument("--limit", type=int, default=DEFAULT_LIMIT, metavar="N")
    add_db_option(concordance)
    concordance.set_defaults(func=run_concordance)


def run_import(args: argparse.Namespace) -> int:
    with open_store_from(args) as store:
        targets = [normalize_language_tag(t) for t in args.targets] if args.targets else None
        report = import_memory_file(
            store, args.file, targets=targets, source_lang=get_language(args.src).code
        )
        print(report.summary())
        return 0


def run_lookup(args: argparse.Namespace) -> int:
    with open_store_from(args) as store:
        memory = MemorySource(store).refresh()
    matches = memory.lookup(
        args.sentence, get_language(args.tgt).code, threshold=args.threshold, limit=args.limit
    )
    if not matches:
        print(f"no match at or above {args.threshold:g}% in {len(memory)} entries")
        return 0
    for match in matches:
        kind = "exact" if match.exact else "fuzzy, draft" if match.entry.draft else "fuzzy"
        document = f"  from {match.entry.document}" if match.entry.document else ""
        print(f"{match.score:5.1f}% {kind}  ({match.entry.origin}){document}")
        print(f"  source: {render_diff(match.diff)}")
        print(f"  target: {match.entry.target}")
    return 0


def run_concordance(args: argparse.Namespace) -> int:
    target_lang = get_language(args.tgt).code
    with open_store_from(args) as store:
        source = ConcordanceSource(store)
        hits = source.search(args.text, target_lang, target_side=args.target_side, limit=args.limit)
        searched = len(source.concordance)
    side = "translations" if args.target_side else "sources"
    if not hits:
        print(f"“{args.text}” is in none of the {side} ({searched} sentence pairs searched)")
        return 0
    print(f"“{args.text}” in {len(hits)} {side} (newest first, at most {args.limit}):")
    for hit in hits:
        print(hit.unit.about("%Y-%m-%d %H:%M"))
        source_text, target_text = hit.unit.source_text, hit.unit.target_text
        if hit.side == "source":
            source_text = bracketed(source_text, hit.spans)
        else:
            target_text = bracketed(target_text, hit.spans)
        print(f"  source: {source_text}")
        print(f"  target: {target_text}")
    return 0


def bracketed(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    """`text` with each span in [[double brackets]]."""
    for start, end in reversed(spans):
        text = f"{text[:start]}[[{text[start:end]}]]{text[end:]}"
    return text


def render_diff(spans: tuple[DiffSpan, ...]) -> str:
    """The diff as text, in the wdiff convention: [-removed-] {+added+}."""
    parts = []
    for span in spans:
        if span.op == "equal":
            parts.append(span.text)
            continue
        words = span.text.rstrip()
        mark = "[-{}-]" if span.op == "delete" else "{{+{}+}}"
        parts.append(mark.format(words) + span.text[len(words) :])
    return "".join(parts)
