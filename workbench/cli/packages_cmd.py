"""`workbench packages`: what covers each target; Argos packages and the NLLB-200 directory."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbench import config
from workbench.cli.progress import progress_bar
from workbench.engines import nllb, packages
from workbench.engines.argos import installed_packages
from workbench.errors import OfflineError, WorkbenchError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("packages", help="list and install MT models")
    sub = parser.add_subparsers(title="actions", metavar="ACTION", parser_class=type(parser))
    parser.set_defaults(func=lambda _args: _help(parser))

    sub.add_parser("list", help="models per target, and every installed package").set_defaults(
        func=run_list
    )
    install = sub.add_parser(
        "install",
        help="install FILE.argosmodel, or SRC TGT from the Argos index (online)",
        description="workbench packages install translate-en_ur.argosmodel | "
        "workbench packages install en ur",
    )
    install.add_argument("what", nargs="+", metavar="FILE | SRC TGT")
    install.set_defaults(func=run_install)
    defaults = sub.add_parser(
        "install-defaults",
        help="install the Urdu and Dari (Persian) models when the index is reachable",
    )
    defaults.set_defaults(func=run_install_defaults)
    remove = sub.add_parser("remove", help="uninstall the package for SRC TGT")
    remove.add_argument("src", metavar="SRC")
    remove.add_argument("tgt", metavar="TGT")
    remove.set_defaults(func=run_remove)
    add_nllb = sub.add_parser(
        "add-nllb",
        help="register a CTranslate2 NLLB-200 model directory (Pashto, Dari)",
        description="Check DIR (model.bin, config.json, vocabulary with the NLLB language "
        "tokens, sentencepiece.bpe.model) and use it for the nllb engine.",
    )
    add_nllb.add_argument("directory", type=Path, metavar="DIR")
    add_nllb.set_defaults(func=run_add_nllb)
    sub.add_parser(
        "remove-nllb", help="forget the registered NLLB-200 directory (files stay)"
    ).set_defaults(func=run_remove_nllb)


def _help(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def run_list(_args: argparse.Namespace) -> int:
    statuses = packages.target_statuses()
    print("Targets (from English):")
    for status in statuses:
        lang = status.language
        mark = "✓" if status.installed else "✗"
        print(f"  {mark} {lang.label:<15} {lang.code:<6} {_engines_line(status)}")
    found, problems = installed_packages()
    print("Installed Argos packages:" if found else "No Argos packages installed.")
    for info in found:
        print(f"  {info.from_code} → {info.to_code}  {info.model_id}  {info.path}")
    for problem in problems:
        print(f"  broken: {problem}")
    _print_nllb()
    if not all(s.installed for s in statuses):
        print(
            "Add a model: `workbench packages install en ur` (online) or "
            "`workbench packages install FILE.argosmodel` (offline); for Pashto and Dari, "
            "`workbench packages add-nllb DIR` with a converted NLLB-200 model (README)."
        )
    return 0


def _engines_line(status: packages.TargetStatus) -> str:
    if not status.installed:
        return "no model installed"
    default = status.default
    parts = []
    for choice in status.choices:
        model = choice.model_id or "–"
        mark = " (default)" if choice == default else ""
        parts.append(f"{choice.name}: {model}{mark}")
    return " · ".join(parts)


def _print_nllb() -> None:
    try:
        info = nllb.registered_model()
    except WorkbenchError as exc:
        print(f"NLLB-200 model: broken: {exc}")
        return
    if info is None:
        print(f"No NLLB-200 model registered (settings: {config.engines_file()}).")
        return
    languages = ", ".join(sorted(info.target_languages))
    print(f"NLLB-200 model: {info.model_id}  {info.path}  (targets: {languages})")


def run_add_nllb(args: argparse.Namespace) -> int:
    info = packages.add_nllb(args.directory)
    languages = ", ".join(sorted(info.target_languages))
    print(f"registered {info.model_id} ({info.path}) for {languages} in {config.engines_file()}")
    return 0


def run_remove_nllb(_args: argparse.Namespace) -> int:
    if packages.remove_nllb():
        print("the NLLB-200 model is no longer registered (its files are untouched)")
    else:
        print("no NLLB-200 model was registered")
    return 0


def run_install(args: argparse.Namespace) -> int:
    what = args.what
    if len(what) == 1:
        info = packages.install_from_file(Path(what[0]))
    elif len(what) == 2:
        with progress_bar(f"downloading {what[0]}→{what[1]}", unit="B") as update:
            info = packages.install_from_index(what[0], what[1], progress=update)
    else:
        raise WorkbenchError("install takes FILE.argosmodel, or SRC TGT")
    print(f"installed {info.model_id} ({info.from_code} → {info.to_code}) in {info.path}")
    return 0


def run_install_defaults(_args: argparse.Namespace) -> int:
    """Never fails `make run`: offline, it says how to add the models and carries on."""
    installed = {(p.from_code, p.to_code) for p in installed_packages()[0]}
    missing = [pair for pair in packages.DEFAULT_PAIRS if pair not in installed]
    if not missing:
        print("Urdu and Dari models are installed.")
        return 0
    for src, tgt in missing:
        try:
            with progress_bar(f"downloading {src}→{tgt}", unit="B") as update:
                info = packages.install_from_index(src, tgt, progress=update)
            print(f"installed {info.model_id}")
        except OfflineError as exc:
            print(
                f"Could not install {src}→{tgt}: {exc}.\n"
                "The app starts anyway. To add models later: `make models` when online, or "
                "download translate-en_ur.argosmodel / translate-en_fa.argosmodel elsewhere and "
                "run `.venv/bin/workbench packages install FILE.argosmodel`.",
                file=sys.stderr,
            )
            return 0
    return 0


def run_remove(args: argparse.Namespace) -> int:
    info = packages.uninstall(args.src, args.tgt)
    print(f"removed {info.model_id}")
    return 0
