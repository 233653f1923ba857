"""How often QA flags good human translations: the share per check, before and after.

Reads tests/fixtures/qa_human/{ur,fa-AF,ps}.tsv (professional-quality human translations of
news sentences with their English sources; each file is checked as one document), runs the
QA checks of this working tree ("after") and the single-module `workbench/qa.py` as it was
on `--before` (default: `main`; if that ref already has the `qa` package, the last commit
of it that still had qa.py), and prints per language and check the share of sentences
flagged, then the share with any flag. Glossary checks are off: house renderings are policy,
not errors of a human translation (`--glossary FILE` turns them on).

Usage: .venv/bin/python bench/qa_flags.py [--before REF] [--glossary FILE] [--show]
Offline; reads only the fixture and git.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench import qa  # noqa: E402
from workbench.glossary import Glossary, load_glossary  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "qa_human"
LANGUAGES = ("ur", "fa-AF", "ps")


def read_fixture(lang: str) -> list[tuple[str, str]]:
    """(source, target) pairs of one language's fixture file."""
    with (FIXTURE / f"{lang}.tsv").open(encoding="utf-8", newline="") as f:
        return [
            (row["source"], row["target"])
            for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        ]


def old_qa(ref: str) -> tuple[ModuleType, str]:
    """The single-module qa.py at `ref` (or before the commit that replaced it), imported."""

    def show(rev: str) -> str | None:
        done = subprocess.run(
            ["git", "-C", str(ROOT), "show", f"{rev}:workbench/qa.py"],
            capture_output=True,
            text=True,
        )
        return done.stdout if done.returncode == 0 else None

    source = show(ref)
    if source is None:
        removed = subprocess.run(
            ["git", "-C", str(ROOT), "rev-list", "-1", ref, "--", "workbench/qa.py"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        ref = f"{removed}^"
        source = show(ref)
    if source is None:
        raise SystemExit(f"no workbench/qa.py at {ref}")
    path = Path(tempfile.mkdtemp(prefix="qa-before-")) / "qa_before.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("qa_before", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module, ref


def flag_counts(
    flags_per_segment: list[list], total: Counter, any_flag: Counter, lang: str
) -> None:
    for flags in flags_per_segment:
        for code in {f.code for f in flags}:
            total[(lang, code)] += 1
        if flags:
            any_flag[lang] += 1


def measure(
    before: ModuleType, glossary: Glossary | None, show: bool
) -> dict[str, tuple[Counter, Counter]]:
    results: dict[str, tuple[Counter, Counter]] = {
        "before": (Counter(), Counter()),
        "after": (Counter(), Counter()),
    }
    for lang in LANGUAGES:
        pairs = read_fixture(lang)
        runs = {
            "before": [before.check(s, t, lang, glossary) for s, t in pairs],
            "after": qa.check_document(pairs, lang, glossary),
        }
        for name, flags in runs.items():
            flag_counts(flags, *results[name], lang)
            if show:
                for (source, target), segment_flags in zip(pairs, flags, strict=True):
                    for f in segment_flags:
                        print(f"{name}\t{lang}\t{f.code}\t{f.message}\t{source}\t{target}")
    return results


def report(results: dict[str, tuple[Counter, Counter]], sizes: dict[str, int]) -> None:
    codes = sorted({code for per_code, _ in results.values() for _, code in per_code})
    header = "check".ljust(18) + "".join(f"{lang:>9} {'':>1}" for lang in (*LANGUAGES, "all"))
    print(header)
    total = sum(sizes.values())
    for name, (per_code, any_flag) in results.items():
        print(f"-- {name}")
        for code in [*codes, "any flag"]:
            counts = [
                any_flag[lang] if code == "any flag" else per_code[(lang, code)]
                for lang in LANGUAGES
            ]
            cells = [
                f"{100 * n / sizes[lang]:8.1f}%" for n, lang in zip(counts, LANGUAGES, strict=True)
            ]
            cells.append(f"{100 * sum(counts) / total:8.1f}%")
            print(code.ljust(18) + "  ".join(cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", default="main", help="git ref of the old qa.py")
    parser.add_argument("--glossary", type=Path, help="also run the glossary checks")
    parser.add_argument("--show", action="store_true", help="print every flag")
    args = parser.parse_args()
    before, ref = old_qa(args.before)
    glossary = load_glossary(args.glossary) if args.glossary else None
    sizes = {lang: len(read_fixture(lang)) for lang in LANGUAGES}
    print(
        f"fixture: {', '.join(f'{lang} {n}' for lang, n in sizes.items())} sentences; "
        f"before = workbench/qa.py at {ref}"
    )
    report(measure(before, glossary, args.show), sizes)


if __name__ == "__main__":
    main()
