"""`workbench users add|passwd|roles|disable|enable|list`: team-mode accounts in the store.

Whoever can run this against the database administers it, so no sign-in is asked for.
Passwords are read from a prompt that does not echo (asked twice), or with
`--password-stdin` from the first line of standard input (for scripts); never from an
argument, where other users of the machine could read it.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from workbench.auth.passwords import check_password_rules, hash_password
from workbench.cli.options import add_db_option, open_store_from
from workbench.errors import WorkbenchError
from workbench.identity import Role, parse_roles
from workbench.store.accounts import Accounts, UnknownUserError


def register(subparsers: argparse._SubParsersAction) -> None:
    users = subparsers.add_parser(
        "users",
        help="manage team-mode accounts (WORKBENCH_AUTH=password)",
        description="Accounts live in the store; roles: "
        + ", ".join(r.value for r in Role)
        + " (a person can hold several).",
    )
    actions = users.add_subparsers(title="actions", metavar="ACTION", parser_class=type(users))

    add = actions.add_parser("add", help="create an account with a password and roles")
    add.add_argument("username")
    _role_option(add)
    add.add_argument("--name", default="", help="the person's full name, shown in the app")
    _password_option(add)
    add.set_defaults(func=run_add)

    passwd = actions.add_parser("passwd", help="set a new password (ends the user's sessions)")
    passwd.add_argument("username")
    _password_option(passwd)
    passwd.set_defaults(func=run_passwd)

    roles = actions.add_parser("roles", help="replace a user's roles")
    roles.add_argument("username")
    _role_option(roles)
    roles.set_defaults(func=run_roles)

    disable = actions.add_parser("disable", help="lock an account out (ends its sessions)")
    disable.add_argument("username")
    disable.set_defaults(func=run_disable, disabled=True)

    enable = actions.add_parser("enable", help="let a disabled account sign in again")
    enable.add_argument("username")
    enable.set_defaults(func=run_disable, disabled=False)

    listing = actions.add_parser("list", help="every account with its roles and state")
    listing.set_defaults(func=run_list)

    for parser in (add, passwd, roles, disable, enable, listing):
        add_db_option(parser, acting=False)


def _role_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--role",
        dest="roles",
        action="append",
        required=True,
        metavar="ROLE",
        help="translator, reviewer or manager; repeat for several (or comma-separate)",
    )


def _password_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input instead of a prompt",
    )


def read_password(from_stdin: bool) -> str:
    """The new password: stdin's first line, or typed twice at a prompt that does not echo."""
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise WorkbenchError("--password-stdin: standard input had no password")
    else:
        if not sys.stdin.isatty():
            raise WorkbenchError("no terminal to ask for the password on: use --password-stdin")
        password = getpass.getpass("New password: ")
        check_password_rules(password)
        if getpass.getpass("Repeat it: ") != password:
            raise WorkbenchError("the two passwords differ; nothing was changed")
    check_password_rules(password)
    return password


def _roles(args: argparse.Namespace):
    return parse_roles(part for value in args.roles for part in value.split(","))


def run_add(args: argparse.Namespace) -> int:
    roles = _roles(args)
    password_hash = hash_password(read_password(args.password_stdin))
    with _accounts(args) as accounts:
        user = accounts.add_user(args.username, roles, password_hash, args.name)
    print(f"Added {user.username} ({', '.join(sorted(user.roles))}).")
    return 0


def run_passwd(args: argparse.Namespace) -> int:
    with _accounts(args) as accounts:
        if accounts.user(args.username) is None:
            raise UnknownUserError(f"no user {args.username!r}; `workbench users list` lists them")
        password_hash = hash_password(read_password(args.password_stdin))
        accounts.set_password_hash(args.username, password_hash)
        accounts.clear_failures(args.username)
    print(f"New password set for {args.username.strip().lower()}; its sessions were ended.")
    return 0


def run_roles(args: argparse.Namespace) -> int:
    with _accounts(args) as accounts:
        user = accounts.set_roles(args.username, _roles(args))
    print(f"{user.username}: {', '.join(sorted(user.roles))}.")
    return 0


def run_disable(args: argparse.Namespace) -> int:
    with _accounts(args) as accounts:
        user = accounts.set_disabled(args.username, args.disabled)
    state = "disabled; its sessions were ended" if user.disabled else "enabled"
    print(f"{user.username} is {state}.")
    return 0


def run_list(args: argparse.Namespace) -> int:
    with _accounts(args) as accounts:
        users = accounts.users()
    if not users:
        print("No accounts; `workbench users add NAME --role translator` creates one.")
        return 0
    for user in users:
        flags = []
        if user.disabled:
            flags.append("disabled")
        if not user.has_password:
            flags.append("no password")
        roles = ",".join(sorted(user.roles))
        extra = f"  ({', '.join(flags)})" if flags else ""
        print(f"{user.username}\t{roles}\t{user.display_name}{extra}")
    return 0


@contextmanager
def _accounts(args: argparse.Namespace) -> Iterator[Accounts]:
    """The accounts of the `--db` store, closed afterwards."""
    store = open_store_from(args)
    try:
        yield Accounts(store)
    finally:
        store.close()
