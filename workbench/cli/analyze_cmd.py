"""`workbench analyze DOC --to ur [--csv]`: words per match band against the memory."""

from __future__ import annotations

import argparse
import sys

from workbench.analysis.bands import DEFAULT_WEIGHTS, configured_weights, parse_weights
from workbench.cli.options import add_db_option, add_target_option, open_store_from
from workbench.languages import get_language
from workbench.memory.source import MemorySource
from workbench.workflows.analyze import CSV_HEADER, Analysis, analyze_document, write_csv


def register(subparsers: argparse._SubParsersAction) -> None:
    analyze = subparsers.add_parser(
        "analyze",
        help="count a document's words per match band against the memory",
        description="Sentences, words and weighted words per band: repetitions within the "
        "document, 101% (context), 100%, 95-99%, 85-94%, 75-84%, 50-74%, no match. Words "
        "are counted as docs/analysis.md says. With --csv: one row per band, columns "
        + ", ".join(CSV_HEADER)
        + ", no total row.",
    )
    analyze.add_argument("document", metavar="DOC", help="document name or id")
    add_target_option(analyze)
    analyze.add_argument("--csv", action="store_true", help="print CSV instead of a table")
    defaults = ",".join(f"{band}={weight:g}" for band, weight in DEFAULT_WEIGHTS.items())
    defaults = defaults.replace("%", "%%")  # argparse %-formats help texts
    analyze.add_argument(
        "--weights",
        metavar="BAND=PCT,…",
        help=f"weights in percent over the defaults ({defaults}; or WORKBENCH_ANALYSIS_WEIGHTS)",
    )
    add_db_option(analyze)
    analyze.set_defaults(func=run_analyze)


def run_analyze(args: argparse.Namespace) -> int:
    weights = parse_weights(args.weights) if args.weights else configured_weights()
    target_lang = get_language(args.tgt).code
    with open_store_from(args) as store:
        document = store.document(args.document)
        memory = MemorySource(store).refresh()
        analysis = analyze_document(store, document.id, target_lang, memory, weights)
    if args.csv:
        write_csv(analysis, sys.stdout)
    else:
        print_table(analysis)
    return 0


def print_table(analysis: Analysis) -> None:
    print(f"{analysis.document_name} into {get_language(analysis.target_lang).label}:")
    print(f"{'band':<12}{'sentences':>10}{'words':>9}{'weighted':>11}")
    for row in analysis.rows:
        print(f"{row.band.value:<12}{row.segments:>10}{row.words:>9}{row.weighted_words:>11.1f}")
    print(
        f"{'total':<12}{analysis.segments:>10}{analysis.words:>9}{analysis.weighted_words:>11.1f}"
    )
