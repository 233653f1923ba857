"""`workbench desk`, `workbench assign` and `workbench comments`: the desk from a shell.

Writes act as `--as USER` (an account; required in team mode) or, in single-user mode, the
OS user; the store checks the roles (only managers assign).
"""

from __future__ import annotations

import argparse
from datetime import date

from workbench.cli.acting import actor_from
from workbench.cli.options import add_db_option, add_target_option, open_store_from
from workbench.errors import InputError
from workbench.languages import get_language
from workbench.store.assignments import Assignments
from workbench.store.comments import Comments
from workbench.store.desk import DESK_STATUSES, desk_rows


def register(subparsers: argparse._SubParsersAction) -> None:
    desk = subparsers.add_parser(
        "desk",
        help="documents with assignees, due dates and words per status",
        description="One tab-separated line per document and target: document, target, "
        "translator, reviewer, due, words, draft, confirmed, rejected, approved, "
        "untranslated, percent approved.",
    )
    add_db_option(desk)
    desk.set_defaults(func=run_desk)

    assign = subparsers.add_parser(
        "assign", help="assign a document's target to a translator and a reviewer (managers)"
    )
    assign.add_argument("document", metavar="DOC", help="document name or id")
    add_target_option(assign)
    assign.add_argument("--translator", metavar="USER")
    assign.add_argument("--reviewer", metavar="USER")
    assign.add_argument("--due", type=_date, metavar="YYYY-MM-DD")
    add_db_option(assign)
    assign.set_defaults(func=run_assign)

    comments = subparsers.add_parser("comments", help="comment threads on segments")
    actions = comments.add_subparsers(
        title="actions", metavar="ACTION", parser_class=type(comments)
    )
    add = actions.add_parser("add", help="start a thread on a segment, or reply in one")
    add.add_argument("document", metavar="DOC", help="document name or id")
    add.add_argument("segment", metavar="N", help="segment number (1-based)")
    add.add_argument("text")
    add.add_argument("--reply-to", type=int, metavar="ID", help="the comment to answer")
    add_target_option(add)
    add.set_defaults(func=run_comment_add)
    listing = actions.add_parser("list", help="a document's threads, segment by segment")
    listing.add_argument("document", metavar="DOC", help="document name or id")
    listing.add_argument("--open", action="store_true", help="only threads still open")
    add_target_option(listing)
    listing.set_defaults(func=run_comment_list)
    resolve = actions.add_parser("resolve", help="resolve a thread (or --reopen it)")
    resolve.add_argument("thread", type=int, metavar="ID")
    resolve.add_argument("--reopen", action="store_true")
    resolve.set_defaults(func=run_comment_resolve)
    for parser in (add, listing, resolve):
        add_db_option(parser)


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def run_desk(args: argparse.Namespace) -> int:
    with open_store_from(args) as store:
        rows = desk_rows(store)
    if not rows:
        print("No document has translations or assignments yet.")
        return 0
    for row in rows:
        words = row.progress
        fields = [
            row.document_name,
            row.target_lang,
            row.translator or "-",
            row.reviewer or "-",
            row.due.isoformat() if row.due else "-",
            words.words,
            *(words.by_status.get(s, 0) for s in DESK_STATUSES),
            words.untranslated,
            f"{words.percent_approved:.0f}%",
        ]
        print("\t".join(str(f) for f in fields))
    return 0


def run_assign(args: argparse.Namespace) -> int:
    target = get_language(args.tgt).code
    with open_store_from(args) as store:
        document = store.document(args.document)
        made = Assignments(store).assign(
            document.id,
            target,
            actor_from(args, store),
            translator=args.translator,
            reviewer=args.reviewer,
            due=args.due,
        )
    due = f", due {made.due.isoformat()}" if made.due else ""
    print(
        f"{document.name} ({target}): translator {made.translator or '-'}, "
        f"reviewer {made.reviewer or '-'}{due}."
    )
    return 0


def segment_id_of(store, document, number: str) -> int:
    """The id of a document's segment given by its 1-based number, as the CLI prints them."""
    segments = store.segments(document.id)
    if not number.isdigit() or not 1 <= int(number) <= len(segments):
        raise InputError(f"{document.name} has segments 1 to {len(segments)}, not {number}")
    return segments[int(number) - 1].id


def run_comment_add(args: argparse.Namespace) -> int:
    target = get_language(args.tgt).code
    with open_store_from(args) as store:
        document = store.document(args.document)
        segment_id = segment_id_of(store, document, args.segment)
        comment = Comments(store).add(
            segment_id, target, actor_from(args, store), args.text, reply_to=args.reply_to
        )
    print(f"Comment {comment.id} on segment {args.segment} (thread {comment.thread_id}).")
    return 0


def run_comment_list(args: argparse.Namespace) -> int:
    target = get_language(args.tgt).code
    with open_store_from(args) as store:
        document = store.document(args.document)
        comments = Comments(store)
        for number, segment in enumerate(store.segments(document.id), start=1):
            for thread in comments.threads(segment.id, target):
                if args.open and not thread.is_open:
                    continue
                state = "open" if thread.is_open else f"resolved by {thread.resolved_by}"
                print(f"segment {number} · thread {thread.id} · {state}")
                for comment in thread.comments:
                    print(f"  {comment.created:%Y-%m-%d %H:%M} {comment.author}: {comment.text}")
    return 0


def run_comment_resolve(args: argparse.Namespace) -> int:
    with open_store_from(args) as store:
        thread = Comments(store).resolve(args.thread, actor_from(args, store), not args.reopen)
    print(f"Thread {thread.id} is {'open' if thread.is_open else 'resolved'}.")
    return 0
