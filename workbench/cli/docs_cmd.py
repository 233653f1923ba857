"""`workbench docs` and `workbench history DOC --to ur`: what the store holds, from a shell."""

from __future__ import annotations

import argparse
import csv
import sys

from workbench.cli.options import add_db_option, add_target_option, open_store_from
from workbench.languages import get_language

HISTORY_HEADER = ("segment", "revision", "time", "author", "origin", "status", "text")


def register(subparsers: argparse._SubParsersAction) -> None:
    docs = subparsers.add_parser(
        "docs",
        help="list stored documents with their progress per target",
        description="One line per stored document (id, name, sentences, words), then one "
        "indented line per target it has translations for.",
    )
    add_db_option(docs)
    docs.set_defaults(func=run_docs)

    history = subparsers.add_parser(
        "history",
        help="print every revision of a document for one target",
        description="Tab-separated: segment (1-based), revision number, time (UTC, ISO "
        "8601), author, origin (mt/human/tm/aligned), status (draft/confirmed), text; in "
        "the order the revisions were saved.",
    )
    history.add_argument("document", metavar="DOC", help="document name or id")
    add_target_option(history)
    add_db_option(history)
    history.set_defaults(func=run_history)


def run_docs(args: argparse.Namespace) -> int:
    with open_store_from(args) as store:
        documents = store.documents()
        if not documents:
            print(f"No documents in {store.url}.")
            return 0
        for document in documents:
            print(
                f"{document.id:>4}  {document.name}  ·  {document.segment_count} sentences, "
                f"{document.word_count} words  ·  added {document.created:%Y-%m-%d %H:%M} UTC"
            )
            for target in store.targets(document.id):
                p = store.progress(document.id, target)
                print(
                    f"      {get_language(target).label:<15} {p.percent_done:3.0f}% done  "
                    f"{p.confirmed} confirmed, {p.edited} edited, {p.pretranslated} MT only, "
                    f"{p.untranslated} untranslated"
                )
        return 0


def run_history(args: argparse.Namespace) -> int:
    with open_store_from(args) as store:
        target = get_language(args.tgt).code
        document = store.document(args.document)
        numbers = {s.id: s.index + 1 for s in store.segments(document.id)}
        writer = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
        writer.writerow(HISTORY_HEADER)
        for r in store.document_history(document.id, target):
            writer.writerow(
                [
                    numbers[r.segment_id],
                    r.number,
                    r.created.isoformat(timespec="seconds"),
                    r.author,
                    r.origin.value,
                    r.status.value,
                    r.text,
                ]
            )
        return 0
