"""Who a CLI command acts as, for the commands that write revisions, comments or assignments.

`--as USER` names an account in the store (its roles apply; a disabled or unknown account is
refused). Without it: in single-user mode the OS user, holding every role as the single-user
desk does; in team mode (`WORKBENCH_AUTH` set) `--as` is required, so nothing is written
anonymously from a shell either.
"""

from __future__ import annotations

import argparse

from workbench.auth.settings import AuthMode, auth_mode
from workbench.editing import default_author
from workbench.errors import WorkbenchError
from workbench.identity import Actor
from workbench.store.accounts import Accounts


def add_actor_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as",
        dest="acting_as",
        metavar="USER",
        help="act as this account (its roles apply); required in team mode "
        "(default in single-user mode: the OS user)",
    )


def actor_from(args: argparse.Namespace, store) -> Actor:
    """The actor of a command: the `--as` account, or the local person in single-user mode."""
    name = getattr(args, "acting_as", None)
    if name:
        user = Accounts(store).user(name)
        if user is None or user.disabled:
            state = "disabled" if user else "unknown"
            raise WorkbenchError(f"--as {name}: {state} account; `workbench users list` lists them")
        return user.actor()
    if auth_mode() != AuthMode.NONE:
        raise WorkbenchError("team mode (WORKBENCH_AUTH is set): say who acts with --as USER")
    return Actor.local(default_author())
