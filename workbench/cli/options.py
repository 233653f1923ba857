"""Options several commands share: the target language and the store's `--db URL`."""

from __future__ import annotations

import argparse

from workbench.languages import TARGETS
from workbench.store import Store, open_store


def add_target_option(parser: argparse.ArgumentParser) -> None:
    """`--to LANG`, required, stored as `args.tgt`."""
    parser.add_argument(
        "--to",
        dest="tgt",
        required=True,
        metavar="LANG",
        help="target: " + ", ".join(f"{t.code} ({t.label})" for t in TARGETS),
    )


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="URL",
        help="the store: any SQLAlchemy URL (default: $WORKBENCH_DB or "
        "sqlite:///translations/workbench.db)",
    )


def open_store_from(args: argparse.Namespace) -> Store:
    return open_store(args.db)
