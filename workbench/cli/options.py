"""Options several commands share: the languages (`--from`, `--to`) and the store's `--db URL`.

Every command spells the target `--to` (and the source `--from`); the older spellings
`--tgt` and `--src` still parse, but help, usage and error messages show only the new ones.
"""

from __future__ import annotations

import argparse

from workbench.languages import TARGETS
from workbench.store import Store, open_store

TARGET_HELP = "target: " + ", ".join(f"{t.code} ({t.label})" for t in TARGETS)


def add_target_option(
    parser: argparse.ArgumentParser,
    *,
    required: bool = True,
    default: str | None = None,
    help: str = TARGET_HELP,
) -> None:
    """`--to LANG` (hidden alias `--tgt`), stored as `args.tgt`."""
    action = parser.add_argument(
        "--to", "--tgt", dest="tgt", required=required, default=default, metavar="LANG", help=help
    )
    _hide_alias(action, "--tgt")


def add_source_option(parser: argparse.ArgumentParser, *, help: str = "source (en)") -> None:
    """`--from LANG` (hidden alias `--src`), default `en`, stored as `args.src`."""
    action = parser.add_argument(
        "--from", "--src", dest="src", default="en", metavar="LANG", help=help
    )
    _hide_alias(action, "--src")


def _hide_alias(action: argparse.Action, alias: str) -> None:
    """Keep `alias` parsing (the parser looks options up in its own table) while help, usage
    and errors, which read `action.option_strings`, name only the current spelling."""
    action.option_strings = [s for s in action.option_strings if s != alias]


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="URL",
        help="the store: any SQLAlchemy URL (default: $WORKBENCH_DB or "
        "sqlite:///translations/workbench.db)",
    )


def open_store_from(args: argparse.Namespace) -> Store:
    return open_store(args.db)
