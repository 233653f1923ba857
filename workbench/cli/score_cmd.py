"""`workbench score`: BLEU, chrF and TER with sacrebleu signatures, like the sacrebleu CLI.

workbench score --hyp mt.txt --ref final.txt --to ur [--metrics bleu chrf ter] [--json]
workbench score --hyp a.txt b.txt --ref ref.txt --to ur --paired bs
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from workbench.cli.options import add_target_option
from workbench.errors import WorkbenchError
from workbench.languages import TARGETS, get_language
from workbench.scoring import METRICS, CorpusScore, PairedResult, Scorer, paired_test
from workbench.scoring.document import SCOPES
from workbench.scoring.metrics import DEFAULT_BOOTSTRAP
from workbench.scoring.significance import PAIRED_METHODS
from workbench.scoring.textfiles import check_same_length, read_lines


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "score",
        help="score translations with BLEU, chrF and TER (sacrebleu)",
        description=(
            "Score hypothesis files against a reference file (one segment per line), or a "
            "stored document's machine translation against its final post-edit (DOC), with "
            "sacrebleu. Every score line carries its sacrebleu signature; the line after "
            "them says what was normalized before scoring. Tokenization follows the target: "
            "'intl' for Urdu, Dari, Persian and Pashto, '13a' for English."
        ),
    )
    parser.add_argument(
        "doc",
        nargs="?",
        metavar="DOC",
        help="a stored document (name or id): score its MT against the final post-edit",
    )
    parser.add_argument(
        "--hyp",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="hypothesis file(s); with --paired the first is the baseline",
    )
    parser.add_argument(
        "--ref",
        type=Path,
        metavar="FILE",
        help="reference: one segment per line; with DOC also a TMX file (matched by source)",
    )
    add_target_option(
        parser, help="target language: " + ", ".join(t.code for t in TARGETS) + ", en"
    )
    parser.add_argument(
        "--metrics",
        "-m",
        nargs="+",
        default=list(METRICS),
        metavar="METRIC",
        help="any of: " + " ".join(METRICS) + " (default: all)",
    )
    parser.add_argument(
        "--confidence",
        nargs="?",
        type=int,
        const=DEFAULT_BOOTSTRAP,
        default=None,
        metavar="N",
        help=f"bootstrap 95%% confidence interval with N resamples (default {DEFAULT_BOOTSTRAP}; "
        "on for DOC, --confidence 0 turns it off)",
    )
    parser.add_argument(
        "--paired",
        choices=sorted(PAIRED_METHODS),
        help="paired significance test of each --hyp against the first: "
        "bs (bootstrap) or ar (approximate randomization)",
    )
    parser.add_argument(
        "--paired-n",
        type=int,
        default=0,
        metavar="N",
        help="resamples (bs, default 1000) or trials (ar, default 10000)",
    )
    parser.add_argument(
        "--no-normalize",
        action="store_true",
        help="score the text exactly as given, as the sacrebleu command line does",
    )
    parser.add_argument("--width", "-w", type=int, default=1, help="decimals (default 1)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    stored = parser.add_argument_group("with DOC (a stored document)")
    stored.add_argument("--db", metavar="URL", help="the store (default: WORKBENCH_DB)")
    stored.add_argument(
        "--scope",
        choices=list(SCOPES),
        default="post-edited",
        help="which sentences MT-vs-final scores (default: post-edited, i.e. edited or "
        "confirmed by an editor)",
    )
    stored.add_argument(
        "--compare",
        nargs=2,
        metavar=("A", "B"),
        help="paired test of two texts of each sentence: mt, first-edit, final or "
        "engine:NAME (against --ref, else the final post-edit)",
    )
    stored.add_argument("--segments", action="store_true", help="per-sentence table (TSV)")
    stored.add_argument("--revisions", action="store_true", help="per-revision table (TSV)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if (args.doc is None) == (args.hyp is None):
        raise WorkbenchError("give either DOC (a stored document) or --hyp FILE ... --ref FILE")
    if (args.confidence or 0) < 0 or args.paired_n < 0 or args.width < 0:
        raise WorkbenchError("--confidence, --paired-n and --width must not be negative")
    if args.doc is not None:
        from workbench.cli.score_doc import run_document  # the store only when it is used

        return run_document(args)
    return run_files(args)


def run_files(args: argparse.Namespace) -> int:
    """`--hyp FILE ... --ref FILE`: like the sacrebleu command line, with signatures."""
    if args.ref is None:
        raise WorkbenchError("--hyp needs --ref FILE")
    target = get_language(args.tgt).code
    scorer = Scorer(target, args.metrics, normalize=not args.no_normalize)
    if args.paired and len(args.hyp) < 2:
        raise WorkbenchError("--paired needs at least two --hyp files: a baseline and a system")
    references = read_lines(args.ref)
    systems: list[tuple[str, list[str]]] = []
    for path in args.hyp:
        hypotheses = read_lines(path)
        check_same_length(hypotheses, str(path), references, str(args.ref))
        systems.append((str(path), hypotheses))

    report: dict[str, Any] = {
        "target": target,
        "ref": str(args.ref),
        "prep": scorer.prep,
        "prep_description": scorer.prep_description,
        "systems": [],
    }
    blocks: list[tuple[str, list[CorpusScore]]] = []
    for name, hypotheses in systems:
        scores = scorer.score(hypotheses, references).corpus(n_bootstrap=args.confidence or 0)
        blocks.append((name, scores))
        report["systems"].append({"hyp": name, "scores": [s.as_dict(args.width) for s in scores]})
    comparisons: list[tuple[str, list[PairedResult]]] = []
    if args.paired:
        baseline = systems[0][1]
        for name, hypotheses in systems[1:]:
            results = paired_test(
                scorer, baseline, hypotheses, references, args.paired, args.paired_n
            )
            comparisons.append((name, results))
        report["paired"] = {
            "method": args.paired,
            "baseline": systems[0][0],
            "comparisons": [
                {"hyp": name, "results": [paired_dict(r) for r in results]}
                for name, results in comparisons
            ],
        }

    if args.json:
        json.dump(report, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    for name, scores in blocks:
        if len(blocks) > 1:
            print(f"# {name}")
        print_scores(scores, args.width)
    print_prep(scorer.prep, scorer.prep_description)
    for name, results in comparisons:
        print_paired(systems[0][0], name, results, args.width)
    return 0


def print_scores(scores: Sequence[CorpusScore], width: int) -> None:
    for line in align_on_equals([s.line(width) for s in scores]):
        print(line)


def print_prep(prep: str, description: str) -> None:
    """The line next to the signatures that says what was normalized before scoring."""
    print(f"# {prep} — {description}")


def align_on_equals(lines: Sequence[str]) -> list[str]:
    """Right-align score lines on their ` = `, as the sacrebleu command line does."""
    if len(lines) < 2:
        return list(lines)
    width = max(line.index(" = ") for line in lines)
    return [line[: line.index(" = ")].rjust(width) + line[line.index(" = ") :] for line in lines]


def paired_dict(result: PairedResult) -> dict[str, Any]:
    return {
        "metric": result.metric,
        "name": result.name,
        "baseline": result.baseline,
        "system": result.system,
        "p_value": result.p_value,
        "significant": result.significant,
        "signature": result.signature,
        "prep": result.prep,
        "baseline_mean": result.baseline_mean,
        "baseline_ci": result.baseline_ci,
        "system_mean": result.system_mean,
        "system_ci": result.system_ci,
    }


def print_paired(baseline: str, name: str, results: list[PairedResult], width: int) -> None:
    method = PAIRED_METHODS[results[0].method]
    print(f"# {method}: {name} against the baseline {baseline}")
    for r in results:
        star = " *" if r.significant else ""
        base = _with_ci(r.baseline, r.baseline_mean, r.baseline_ci, width)
        system = _with_ci(r.system, r.system_mean, r.system_ci, width)
        print(f"{r.name}|{r.signature} = {base} → {system} (p = {r.p_value:.4f}){star}")
    print("# * p < 0.05: the difference is unlikely to be chance (not which one is better)")


def _with_ci(score: float, mean: float | None, ci: float | None, width: int) -> str:
    if mean is None or ci is None:
        return f"{score:.{width}f}"
    return f"{score:.{width}f} (μ = {mean:.{width}f} ± {ci:.{width}f})"
