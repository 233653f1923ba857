"""The `--db URL` option that every store-backed command shares."""

from __future__ import annotations

import argparse

from workbench.store import Store, open_store


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="URL",
        help="the store: any SQLAlchemy URL (default: $WORKBENCH_DB or "
        "sqlite:///translations/workbench.db)",
    )


def open_store_from(args: argparse.Namespace) -> Store:
    return open_store(args.db)
