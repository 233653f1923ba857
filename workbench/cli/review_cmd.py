"""`workbench review approve|reject|unlock DOC N --to LANG --as USER`: sign-off from a shell.

The store decides who may (a reviewer approves and sends back, a reviewer or manager
unlocks); every action is a revision by the acting person, so `workbench history` shows it.
"""

from __future__ import annotations

import argparse

from workbench.cli.acting import actor_from
from workbench.cli.desk_cmd import segment_id_of
from workbench.cli.options import add_db_option, add_target_option, open_store_from
from workbench.errors import WorkbenchError
from workbench.languages import get_language


def register(subparsers: argparse._SubParsersAction) -> None:
    review = subparsers.add_parser(
        "review",
        help="approve, send back or unlock a segment (reviewers; unlock also managers)",
    )
    actions = review.add_subparsers(title="actions", metavar="ACTION", parser_class=type(review))
    for name, help_text in (
        ("approve", "sign a segment off: approved, locked for translators"),
        ("reject", "send a segment back to the translator with a comment"),
        ("unlock", "reopen an approved segment (back to confirmed)"),
    ):
        action = actions.add_parser(name, help=help_text)
        action.add_argument("document", metavar="DOC", help="document name or id")
        action.add_argument("segment", metavar="N", help="segment number (1-based)")
        if name == "reject":
            action.add_argument("--comment", default="", help="why it goes back (required)")
        add_target_option(action)
        add_db_option(action)
        action.set_defaults(func=run_review, action=name)


def run_review(args: argparse.Namespace) -> int:
    target = get_language(args.tgt).code
    with open_store_from(args) as store:
        actor = actor_from(args, store)
        document = store.document(args.document)
        segment_id = segment_id_of(store, document, args.segment)
        head = store.current_revision(segment_id, target)
        if head is None:
            raise WorkbenchError(f"segment {args.segment} has no {target} translation to review")
        if args.action == "approve":
            revision = store.approve(segment_id, target, actor, head.id)
        elif args.action == "reject":
            revision = store.reject(segment_id, target, actor, head.id, args.comment)
        else:
            revision = store.unlock(segment_id, target, actor, head.id)
    print(
        f"{document.name} segment {args.segment} ({target}): {revision.status} by "
        f"{revision.author} (revision {revision.number})."
    )
    return 0
