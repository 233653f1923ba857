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
import importlib.util
import re
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fixtures.qa_human import LANGUAGES, human_pairs  # noqa: E402
from workbench import qa  # noqa: E402
from workbench.glossary import Glossary, load_glossary  # noqa: E402
from workbench.script import fold_digits  # noqa: E402


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
        pairs = human_pairs(lang)
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


_NOT_TEXT = ("glossary", "mt-run")


def report(
    results: dict[str, tuple[Counter, Counter]], sizes: dict[str, int], before_codes: set[str]
) -> None:
    """Per check and language the share of sentences flagged; n/a where a version lacks it."""
    seen = {code for per_code, _ in results.values() for _, code in per_code}
    # Glossary codes only when the glossary is on; the pipeline's own codes never on text.
    codes = [c for c in qa.REGISTRY if c in seen or qa.REGISTRY[c].family not in _NOT_TEXT]
    header = "check".ljust(18) + "".join(f"{lang:>9} {'':>1}" for lang in (*LANGUAGES, "all"))
    print(header)
    total = sum(sizes.values())
    for name, (per_code, any_flag) in results.items():
        print(f"-- {name}")
        for code in [*codes, "any flag"]:
            if name == "before" and code not in before_codes and code != "any flag":
                print(code.ljust(18) + "  ".join(f"{'n/a':>9}" for _ in range(len(LANGUAGES) + 1)))
                continue
            counts = [
                any_flag[lang] if code == "any flag" else per_code[(lang, code)]
                for lang in LANGUAGES
            ]
            cells = [
                f"{100 * n / sizes[lang]:8.1f}%" for n, lang in zip(counts, LANGUAGES, strict=True)
            ]
            cells.append(f"{100 * sum(counts) / total:8.1f}%")
            print(code.ljust(18) + "  ".join(cells))


def _first_digit_changed(target: str) -> str | None:
    match = re.search(r"\d", target)
    if match is None:
        return None
    digit = int(fold_digits(match.group(0)))
    return target[: match.start()] + str((digit + 1) % 10) + target[match.end() :]


def _letters_swapped(target: str, lang: str) -> str | None:
    swaps = {"ک": "ك"} if lang == "ps" else {"ی": "ي", "ک": "ك"}
    changed = target.translate(str.maketrans(swaps))
    return changed if changed != target else None


def _zwnj_spaced(target: str, lang: str) -> str | None:
    if lang != "fa-AF":
        return None
    changed = re.sub("(?<![^\\s])(ن?می)\u200c", r"\1 ", target).replace("\u200cها", " ها")
    return changed if changed != target else None


def _words_looped(target: str) -> str | None:
    words = target.split(" ")
    if len(words) < 8:
        return None
    middle = len(words) // 2
    return " ".join(words[: middle + 3] + words[middle : middle + 3] + words[middle + 3 :])


def _english_left(target: str) -> str:
    words = target.split(" ")
    middle = len(words) // 2
    return " ".join([*words[:middle], "the government said", *words[middle:]])


def _second_half_dropped(source: str, target: str) -> str | None:
    if len(source) < 60:
        return None
    words = target.split(" ")
    return " ".join(words[: len(words) * 2 // 5])


def _final_mark_dropped(target: str) -> str | None:
    stripped = qa.visible(target).rstrip()
    return stripped[:-1] if stripped and stripped[-1] in ".۔؟" else None


# Error kind -> (the codes that catch it, how to make it from a good (source, target)).
INJECTED: dict[str, tuple[tuple[str, ...], Callable[[str, str, str], str | None]]] = {
    "a digit changed": ((qa.NUMBER_MISSING,), lambda s, t, lang: _first_digit_changed(t)),
    "Arabic ي/ك typed": ((qa.LETTER_VARIANT,), lambda s, t, lang: _letters_swapped(t, lang)),
    "space for ZWNJ (Dari)": ((qa.ZWNJ_MISSING,), lambda s, t, lang: _zwnj_spaced(t, lang)),
    "ZWNJ before a space": ((qa.ZWNJ_STRAY,), lambda s, t, lang: t.replace(" ", "\u200c ", 1)),
    "3 words looped": ((qa.REPETITION,), lambda s, t, lang: _words_looped(t)),
    "English words left": (
        (qa.LATIN_RESIDUE, qa.UNTRANSLATED),
        lambda s, t, lang: _english_left(t),
    ),
    "second half dropped": ((qa.LENGTH_RATIO,), lambda s, t, lang: _second_half_dropped(s, t)),
    "final mark dropped": ((qa.PUNCTUATION,), lambda s, t, lang: _final_mark_dropped(t)),
}


def injected_errors() -> None:
    """Each kind of error put into every good sentence it applies to: the share caught."""
    print("\ninjected errors caught (after), within each language's document")
    print("error".ljust(24) + "".join(f"{lang:>14}" for lang in LANGUAGES))
    for kind, (codes, corrupt) in INJECTED.items():
        cells = []
        for lang in LANGUAGES:
            pairs = human_pairs(lang)
            model = qa.learn_length_model(pairs, "en", lang)
            caught = tried = 0
            for source, target in pairs:
                bad = corrupt(source, target, lang)
                if bad is None:
                    continue
                tried += 1
                flags = qa.check(source, bad, lang, length_model=model)
                caught += any(f.code in codes for f in flags)
            cells.append(f"{caught:>4}/{tried:<4}" if tried else "n/a")
        print(kind.ljust(24) + "".join(f"{c:>14}" for c in cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", default="main", help="git ref of the old qa.py")
    parser.add_argument("--glossary", type=Path, help="also run the glossary checks")
    parser.add_argument("--show", action="store_true", help="print every flag")
    args = parser.parse_args()
    before, ref = old_qa(args.before)
    glossary = load_glossary(args.glossary) if args.glossary else None
    sizes = {lang: len(human_pairs(lang)) for lang in LANGUAGES}
    print(
        f"fixture: {', '.join(f'{lang} {n}' for lang, n in sizes.items())} sentences; "
        f"before = workbench/qa.py at {ref}"
    )
    report(measure(before, glossary, args.show), sizes, set(before.CODES))
    injected_errors()


if __name__ == "__main__":
    main()
