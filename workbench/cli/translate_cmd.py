"""`workbench translate FILE --to ur`: machine-translate a document into a TSV file, and keep
the document and its MT in the store (named after the file) for the editor."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from workbench import qa
from workbench.cli.options import (
    add_db_option,
    add_source_option,
    add_target_option,
    open_store_from,
)
from workbench.cli.progress import progress_bar
from workbench.documents import read_document
from workbench.editing import default_author
from workbench.engines.base import TranslationEngine
from workbench.engines.registry import ENGINE_NAMES, engine_for
from workbench.errors import WorkbenchError
from workbench.exchange.table import write_rows
from workbench.glossary import load_glossary
from workbench.languages import get_language
from workbench.memory.source import MemorySource
from workbench.pipeline import TranslatedSegment, glossary_totals
from workbench.store import Origin, Store
from workbench.workflows.fill import fill_exact_matches
from workbench.workflows.translate import DEFAULT_N_BEST, translate_stored_document

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
    add_target_option(parser)
    add_source_option(parser)
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
    parser.add_argument(
        "--tm",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="fill sentences the translation memory holds exactly before MT, as the editor "
        "does; their TSV target is the memory's (default: on)",
    )
    parser.add_argument(
        "--queue",
        action="store_true",
        help="store the document and put its MT on the PostgreSQL job queue for `workbench "
        "worker` processes instead of translating here (prints the job id; `workbench jobs` "
        "shows progress)",
    )
    add_db_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    src, tgt = get_language(args.src).code, get_language(args.tgt).code
    if args.n_best < 1:
        raise WorkbenchError(f"--n-best must be at least 1, got {args.n_best}")
    text = read_document(args.file)
    engine = engine_for(src, tgt, args.engine)
    engine.model_id(src, tgt)  # a missing model fails here, before anything is stored
    glossary = load_glossary(args.glossary) if args.glossary else None
    with open_store_from(args) as store:
        if args.queue:
            return enqueue_translation(store, args.file.name, text, src, tgt, engine, args.tm)
        document = store.import_document(args.file.name, text, src)
        memory = MemorySource(store).refresh() if args.tm else None
        with progress_bar(f"{src}→{tgt}") as update:
            result = translate_stored_document(
                store,
                document,
                engine,
                tgt,
                n_best=max(args.n_best, DEFAULT_N_BEST),  # the editor offers alternatives
                progress=update,
                glossary=glossary,
                memory=memory,
            )
        rows = result.rows
        from_tm = tm_targets(store, document.id, tgt) if memory is not None else {}
        if glossary is not None and from_tm:  # the qa column checks the target the TSV shows
            rows = [
                replace(
                    row, flags=tuple(qa.check(row.segment.text, from_tm[i], tgt, glossary, src))
                )
                if (i := row.segment.index) in from_tm
                else row
                for row in rows
            ]
        print(
            f"stored as document {document.name!r} (id {document.id}) in {store.url}",
            file=sys.stderr,
        )
        with_qa = glossary is not None
        if args.out:
            with args.out.open("w", encoding="utf-8", newline="") as out:
                write_tsv(rows, out, args.n_best, with_qa, from_tm)
            print(f"{len(rows)} sentences → {args.out}", file=sys.stderr)
        else:
            write_tsv(rows, sys.stdout, args.n_best, with_qa, from_tm)
        if memory is not None:
            print(
                f"translation memory: {len(from_tm)} "
                f"{'sentence holds' if len(from_tm) == 1 else 'sentences hold'} an exact match "
                f"({len(memory)} entries searched)",
                file=sys.stderr,
            )
        if glossary is not None:
            totals = glossary_totals(rows, tgt, glossary)
            print(
                f"glossary: {totals.found} term occurrences, {totals.enforced} enforced, "
                f"{totals.flagged} flagged for review",
                file=sys.stderr,
            )
        return 0


def enqueue_translation(
    store: Store,
    name: str,
    text: str,
    src: str,
    tgt: str,
    engine: TranslationEngine,
    use_memory: bool,
) -> int:
    """`translate --queue`: store the document, fill exact memory matches, queue the MT."""
    from workbench.jobs import start_translation
    from workbench.jobs.pgqueue import enqueue, libpq_url

    libpq_url(store.url)  # not PostgreSQL: refused before anything is stored
    document = store.import_document(name, text, src)
    if use_memory:
        fill_exact_matches(store, document.id, tgt, MemorySource(store).refresh())
    job = start_translation(store, document.id, tgt, engine, default_author())
    enqueue(store, job.id)
    print(
        f"job {job.id} queued: {job.total} of {document.segment_count} sentences of "
        f"{document.name!r} → {tgt}; `workbench jobs` shows its progress"
    )
    return 0


def tm_targets(store: Store, document_id: int, target: str) -> dict[int, str]:
    """{sentence index: text} for the sentences whose current target came from the TM."""
    heads = store.current_revisions(document_id, target)
    return {
        segment.index: heads[segment.id].text
        for segment in store.segments(document_id)
        if segment.id in heads and heads[segment.id].origin == Origin.TM
    }


def write_tsv(
    rows: list[TranslatedSegment],
    out: TextIO,
    n_best: int = 1,
    with_qa: bool = False,
    from_tm: dict[int, str] | None = None,
) -> None:
    """One row per source sentence, in document order; a sentence in `from_tm` shows the
    memory's translation as its target, MT alternatives after it."""
    qa_column = ("qa",) if with_qa else ()
    header = TSV_HEADER + tuple(f"target_{k}" for k in range(2, n_best + 1)) + qa_column
    write_rows((_tsv_row(row, n_best, with_qa, from_tm) for row in rows), out, header=header)


def _tsv_row(
    row: TranslatedSegment, n_best: int, with_qa: bool, from_tm: dict[int, str] | None
) -> list[object]:
    texts = [h.text for h in row.hypotheses] + [""] * (n_best - len(row.hypotheses))
    seg = row.segment
    if from_tm and seg.index in from_tm:
        texts = [from_tm[seg.index], *texts[1:]]
    qa_cell = [",".join(dict.fromkeys(f.code for f in row.flags))] if with_qa else []
    return [seg.paragraph + 1, seg.index + 1, seg.text, *texts[:n_best], *qa_cell]
