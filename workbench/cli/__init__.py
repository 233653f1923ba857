"""The `workbench` command: the app's operations, headless.

Exit codes: 0 success, 2 bad usage or bad input (one line on stderr, no traceback),
130 interrupted.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from workbench import __version__
from workbench.errors import WorkbenchError

# Each module defines `register(subparsers)` and sets `func` on its parser.
COMMAND_MODULES: tuple[str, ...] = (
    "workbench.cli.segment_cmd",
    "workbench.cli.translate_cmd",
    "workbench.cli.packages_cmd",
    "workbench.cli.docs_cmd",
    "workbench.cli.export_cmd",
    "workbench.cli.tm_cmd",
    "workbench.cli.glossary_cmd",
    "workbench.cli.qa_cmd",
    "workbench.cli.align_cmd",
    "workbench.cli.score_cmd",
    "workbench.cli.jobs_cmd",
)


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors are one line and exit 2 like every other bad input."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="workbench",
        description="Offline translation workbench: English into Urdu, Dari and Pashto.",
    )
    parser.add_argument("--version", action="version", version=f"workbench {__version__}")
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(func(args) or 0)
    except WorkbenchError as exc:
        print(f"workbench: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("workbench: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `workbench ... | head` closed the pipe: stop quietly like other Unix tools.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
