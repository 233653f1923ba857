"""`workbench split DOC N --at TEXT --to ur` and `workbench merge DOC N --to ur`: repair a
stored document's segmentation; the new segments get memory matches and MT at once."""

from __future__ import annotations

import argparse

from workbench.cli.options import add_db_option, add_target_option, open_store_from
from workbench.editing import default_author
from workbench.engines.base import TranslationEngine
from workbench.engines.registry import ENGINE_NAMES, engine_for
from workbench.errors import InputError
from workbench.jobs.runner import house_glossary, run_job
from workbench.languages import get_language
from workbench.memory.source import MemorySource
from workbench.store import Store, StoredSegment
from workbench.store.jobs import JobState
from workbench.workflows.resegment import (
    ResegmentResult,
    merge_and_refresh,
    split_and_refresh,
)


def register(subparsers: argparse._SubParsersAction) -> None:
    split = subparsers.add_parser(
        "split",
        help="split a stored segment in two",
        description="Split segment N (1-based, as `workbench history` numbers them) before "
        "the text given with --at, or at a character offset into the segment. The old "
        "segment keeps its history; a translator's target goes to the first part as a draft "
        "to check (or is cut with --target-at); both parts get memory matches and MT.",
    )
    _common(split)
    split.add_argument(
        "--at",
        metavar="TEXT_OR_OFFSET",
        help="split before this text (it must occur once in the segment), or at this many "
        "characters into it",
    )
    split.add_argument(
        "--target-at",
        metavar="TEXT_OR_OFFSET",
        help="also cut the segment's target here instead of keeping it whole on the first part",
    )
    split.set_defaults(func=run_split)

    merge = subparsers.add_parser(
        "merge",
        help="merge a stored segment with the next one",
        description="Merge segment N (1-based) with segment N+1 of the same paragraph. The "
        "old segments keep their history; translated targets are joined; the merged segment "
        "gets memory matches and MT.",
    )
    _common(merge)
    merge.set_defaults(func=run_merge)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("document", metavar="DOC", help="document name or id")
    parser.add_argument("number", metavar="N", help="segment number (1-based)")
    add_target_option(parser)
    parser.add_argument("--author", default=None, help="who made the change (default: you)")
    parser.add_argument(
        "--engine", choices=ENGINE_NAMES, help="MT engine (default: the installed one)"
    )
    parser.add_argument(
        "--mt",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="machine-translate the new segments (default: on; --no-mt skips it)",
    )
    parser.add_argument(
        "--tm",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="fill exact translation-memory matches into the new segments (default: on)",
    )
    add_db_option(parser)


def run_split(args: argparse.Namespace) -> int:
    target_lang = get_language(args.tgt).code
    if args.at is None:
        raise InputError("say where to split with --at TEXT_OR_OFFSET")
    with open_store_from(args) as store:
        segment = _segment(store, args.document, args.number)
        at_char = cut_offset(segment.text, args.at, f"segment {args.number}")
        target_at = None
        if args.target_at is not None:
            head = store.current_revision(segment.id, target_lang)
            if head is None or not head.text:
                raise InputError(f"segment {args.number} has no {target_lang} target to cut")
            target_at = cut_offset(head.text, args.target_at, f"the {target_lang} target")
        engine = _engine(store, segment, target_lang, args)
        result = split_and_refresh(
            store,
            segment.id,
            at_char,
            _author(store, args),
            target_lang,
            memory=MemorySource(store).refresh() if args.tm else None,
            engine=engine,
            target_at=target_at,
        )
        return _finish(store, result, engine, target_lang, f"split segment {args.number}")


def run_merge(args: argparse.Namespace) -> int:
    target_lang = get_language(args.tgt).code
    with open_store_from(args) as store:
        segment = _segment(store, args.document, args.number)
        engine = _engine(store, segment, target_lang, args)
        result = merge_and_refresh(
            store,
            segment.id,
            _author(store, args),
            target_lang,
            memory=MemorySource(store).refresh() if args.tm else None,
            engine=engine,
        )
        label = f"merged segments {args.number} and {int(args.number) + 1}"
        return _finish(store, result, engine, target_lang, label)


def _author(store: Store, args: argparse.Namespace) -> str:
    """`--author`, else the `--as` account's name (team mode), else the OS user."""
    return args.author or (store.actor.name if store.actor else default_author())


def cut_offset(text: str, at: str, what: str) -> int:
    """`at` as an offset into `text`: digits are a character offset, anything else is the
    text the second part starts with (it must occur exactly once)."""
    if at.strip().isdigit():
        return int(at)
    count = text.count(at)
    if count != 1:
        found = "does not occur" if count == 0 else f"occurs {count} times"
        raise InputError(f"{at!r} {found} in {what}; give text that occurs once, or an offset")
    return text.index(at)


def _segment(store: Store, document_ref: str, number_text: str) -> StoredSegment:
    if not number_text.strip().isdigit():
        raise InputError(f"N is a segment number (1, 2, …), not {number_text!r}")
    number = int(number_text)
    document = store.document(document_ref)
    segments = store.segments(document.id)
    if not 1 <= number <= len(segments):
        raise InputError(f"no segment {number} in {document.name!r}; it has 1 to {len(segments)}")
    return segments[number - 1]


def _engine(
    store: Store, segment: StoredSegment, target_lang: str, args: argparse.Namespace
) -> TranslationEngine | None:
    """The engine, checked before anything is changed (a missing model fails first)."""
    if not args.mt:
        return None
    source_lang = store.document(segment.document_id).source_lang
    engine = engine_for(source_lang, target_lang, args.engine)
    engine.model_id(source_lang, target_lang)
    return engine


def _finish(
    store: Store,
    result: ResegmentResult,
    engine: TranslationEngine | None,
    target_lang: str,
    label: str,
) -> int:
    """Run the MT job here and now, then print the new segments with their targets."""
    failed = None
    if result.job is not None and engine is not None:
        state = run_job(store, result.job.id, lambda *_: engine, house_glossary())
        if state is not JobState.DONE:
            failed = store.job(result.job.id).error or state.value
    document = store.document(result.edit.segments[0].document_id)
    print(f"{label} of {document.name!r}; now:")
    for segment in result.edit.segments:
        head = store.current_revision(segment.id, target_lang)
        target = f"{head.text}  [{head.origin.value} {head.status.value}]" if head else "(none)"
        print(f"{segment.index + 1}\t{segment.text}\n\t{target_lang}: {target}")
    if result.tm_filled:
        print(f"{result.tm_filled} filled from the translation memory")
    if failed:
        print(f"MT did not finish: {failed}")
    return 0
