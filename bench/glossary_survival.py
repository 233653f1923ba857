"""How often glossary placeholders survive real CTranslate2 decoding, and what it costs.

Builds the fixture Argos packages (tests/fixtures/argos_package.py: the copy model and
random-weight models with several seeds), translates the sample document into Urdu, Dari
and Pashto with and without the house glossary, and prints per run:

- found: term occurrences in the source;
- survived / lost: placeholders that came back from the decoder / were dropped;
- enforced / flagged: occurrences whose approved rendering is in the stored MT / that carry
  a glossary QA flag instead; silent: neither (must be 0);
- without protection, how many occurrences the MT carries in the approved form anyway;
- the glossary's own cost (matching, protect, restore and QA of every segment) as a share
  of the MT time of the same segments, both measured in this run (median of 3).

Usage: .venv/bin/python bench/glossary_survival.py [--seeds 5]
Offline; writes only to a temporary directory.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = Path(tempfile.mkdtemp(prefix="glossary-bench-"))
# argostranslate reads these at import: keep it away from the user's own packages.
for _name in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
    os.environ[_name] = str(WORK / _name.lower())
os.environ["ARGOS_PACKAGES_DIR"] = str(WORK / "packages")
sys.path.insert(0, str(ROOT))

from tests.fixtures.argos_package import (  # noqa: E402
    build_argos_package,
    forget_argos_translations,
    install_argos_package,
)
from workbench import config, qa  # noqa: E402
from workbench.engines import argos  # noqa: E402
from workbench.glossary import (  # noqa: E402
    TermMatcher,
    find_terms,
    load_glossary,
    protect,
    restore,
)
from workbench.languages import get_language  # noqa: E402
from workbench.pipeline import segment_document, translate_segments  # noqa: E402

TARGETS = ("ur", "fa-AF", "ps")
GLOSSARY_CODES = {qa.GLOSSARY_MISSING, qa.GLOSSARY_VARIANT}


def install(tgt: str, kind: str, seed: int) -> None:
    code = get_language(tgt).argos_code
    out = WORK / f"build-{code}-{kind}-{seed}"
    out.mkdir(parents=True, exist_ok=True)
    archive = build_argos_package(out, from_code="en", to_code=code, kind=kind, seed=seed)
    packages = Path(os.environ["ARGOS_PACKAGES_DIR"])
    for old in packages.glob(f"translate-en_{code}-*") if packages.exists() else ():
        import shutil

        shutil.rmtree(old)
    install_argos_package(archive)
    forget_argos_translations()
    argos.clear_model_cache()


def median_time(func, repeats: int = 3) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    return sorted(times)[len(times) // 2]


def glossary_work(segments, mt_texts: list[str], tgt: str, glossary) -> None:
    """Everything the glossary adds around MT, without the MT itself."""
    matcher = TermMatcher(glossary, tgt)
    for segment, mt in zip(segments, mt_texts, strict=True):
        protected = protect(segment.text, matcher.find_terms(segment.text))
        restored = restore(mt, protected, tgt)
        qa.check(segment.text, restored.text, tgt, glossary)


def measure(tgt: str, glossary, segments, engine) -> dict[str, float]:
    plain = translate_segments(segments, engine, "en", tgt)  # also loads the model
    rows = translate_segments(segments, engine, "en", tgt, glossary=glossary)
    masked = [protect(s.text, find_terms(s.text, glossary, tgt)).text for s in segments]
    mt_s = median_time(lambda: engine.translate_batch(masked, "en", tgt))
    raw = [h[0].text for h in engine.translate_batch(masked, "en", tgt)]
    glossary_s = median_time(lambda: glossary_work(segments, raw, tgt, glossary))
    found = sum(len(r.terms) for r in rows)
    lost = sum(len(r.lost_terms) for r in rows)
    enforced = flagged = silent = 0
    for row in rows:
        coverage = qa.glossary_coverage(row.segment.text, row.target, tgt, glossary)
        enforced += sum(c.enforced for c in coverage)
        flagged += sum(c.missing for c in coverage)
        flagged_ids = {f.term for f in row.flags if f.code in GLOSSARY_CODES}
        silent += sum(c.missing for c in coverage if c.concept.id not in flagged_ids)
    unprotected = sum(
        c.enforced
        for row in plain
        for c in qa.glossary_coverage(row.segment.text, row.target, tgt, glossary)
    )
    return {
        "found": found,
        "survived": found - lost,
        "lost": lost,
        "enforced": enforced,
        "flagged": flagged,
        "silent": silent,
        "unprotected": unprotected,
        "overhead": glossary_s / mt_s,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=5, help="random-weight models per target")
    args = parser.parse_args()
    glossary = load_glossary(config.GLOSSARIES_DIR / "security.tbx")
    text = config.SAMPLE_DOCUMENT.read_text(encoding="utf-8")
    segments = segment_document(text, "en")
    engine = argos.ArgosEngine(threads=1)
    header = (
        f"{'target':7} {'model':9} {'found':>5} {'survived':>8} {'lost':>5} {'enforced':>8} "
        f"{'flagged':>7} {'silent':>6} {'unprotected':>11} {'cost/MT':>8}"
    )
    print(f"sample: {len(segments)} segments; glossary: {len(glossary)} concepts")
    print(header)
    print("-" * len(header))
    totals = {"found": 0, "survived": 0, "silent": 0}
    runs = [("copy", 0)] + [("random", seed) for seed in range(args.seeds)]
    for tgt in TARGETS:
        for kind, seed in runs:
            install(tgt, kind, seed)
            m = measure(tgt, glossary, segments, engine)
            label = kind if kind == "copy" else f"random/{seed}"
            print(
                f"{tgt:7} {label:9} {m['found']:5d} {m['survived']:8d} {m['lost']:5d} "
                f"{m['enforced']:8d} {m['flagged']:7d} {m['silent']:6d} {m['unprotected']:11d} "
                f"{m['overhead']:8.1%}"
            )
            if kind == "random":
                totals["found"] += m["found"]
                totals["survived"] += m["survived"]
            totals["silent"] += m["silent"]
    rate = totals["survived"] / totals["found"] if totals["found"] else 0.0
    print(
        f"\nrandom-weight models: {totals['survived']}/{totals['found']} placeholders survived "
        f"({rate:.1%}); silent misses over all runs: {totals['silent']}"
    )
    return 1 if totals["silent"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
