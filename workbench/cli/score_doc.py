"""`workbench score DOC --to ur`: a stored document's MT against its final post-edit."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from typing import Any

from workbench.cli.score_cmd import paired_dict, print_paired, print_prep, print_scores
from workbench.documents import read_bytes
from workbench.errors import WorkbenchError
from workbench.languages import get_language
from workbench.scoring.document import (
    DocumentReport,
    GroupScores,
    ReferenceReport,
    compare,
    score_against_reference,
    score_document,
)
from workbench.scoring.metrics import DEFAULT_BOOTSTRAP
from workbench.scoring.references import read_reference
from workbench.scoring.stored import load_histories
from workbench.scoring.tables import revision_table, segment_table
from workbench.store import open_store


def run_document(args: argparse.Namespace) -> int:
    target = get_language(args.tgt).code
    if args.paired and not args.compare and args.ref is None:
        raise WorkbenchError("--paired with DOC needs --compare A B, or --ref FILE (MT vs final)")
    n_bootstrap = DEFAULT_BOOTSTRAP if args.confidence is None else args.confidence
    options = {"metrics": args.metrics, "normalize": not args.no_normalize}
    wants_engines = any(name.startswith("engine:") for name in args.compare or ())
    with open_store(args.db) as store:
        document = store.document(args.doc)
        histories = load_histories(store, document, target, engines=wants_engines)
    if not any(h.revisions for h in histories):
        raise WorkbenchError(
            f"{document.name} has no {target} translation yet: translate it first "
            f"(workbench translate FILE --to {target})"
        )
    report = score_document(histories, target, scope=args.scope, n_bootstrap=n_bootstrap, **options)
    reference, against = None, None
    if args.ref is not None:
        sources = [h.source for h in histories]
        reference = read_reference(
            read_bytes(args.ref), str(args.ref), sources, target, document.source_lang
        )
        against = score_against_reference(
            histories, reference, target, n_bootstrap=n_bootstrap, **options
        )
    comparison = None
    if args.compare or args.paired:
        baseline, system = args.compare or ("mt", "final")
        method = args.paired or "bs"
        count, results = compare(
            histories, target, baseline, system, reference,
            method=method, n_samples=args.paired_n, **options,
        )  # fmt: skip
        comparison = (baseline, system, count, results)

    if args.json:
        data = _report_json(document.name, report, against, comparison, args.width)
        json.dump(data, sys.stdout, ensure_ascii=False, indent=1, default=str)
        sys.stdout.write("\n")
        return 0
    _print_report(document.name, report, args)
    if against is not None:
        _print_reference(against, args.width)
    if comparison is not None:
        baseline, system, count, results = comparison
        against_name = reference.name if reference else "the final post-edit"
        print(f"# {count} sentences with {baseline}, {system} and {against_name}")
        print_paired(baseline, system, results, args.width)
    if args.segments:
        for signature in report.sentence_signatures:
            print(f"# sentence scores: {signature}")
        _print_table(segment_table(report).drop(columns=["Scored"]), args.width)
    if args.revisions:
        _print_table(revision_table(report), args.width)
    return 0


def _print_report(name: str, report: DocumentReport, args: argparse.Namespace) -> None:
    print(
        f"# {name} → {report.target}: MT against the final text, {report.scored} of "
        f"{report.total} sentences ({report.scope}); TER here is HTER"
    )
    if report.mt_vs_final:
        print_scores(report.mt_vs_final, args.width)
    else:
        print(f"# no sentence {report.scope} from MT yet: no HTER to score")
    if report.mt_vs_independent:
        print(
            f"# MT against {report.independent} texts made without it (TM matches, aligned "
            "translations) as references; TER here is not HTER"
        )
        print_scores(report.mt_vs_independent, args.width)
    print_prep(report.prep, report.prep_description)
    if report.per_editor:
        print("# per editor: their revisions against the text they started from")
        for group in report.per_editor:
            print(_group_line(group, args.width))


def _group_line(group: GroupScores, width: int) -> str:
    scores = "\t".join(f"{s.name} {s.score:.{width}f}" for s in group.scores)
    revisions = f"{group.revisions} revision" + ("s" if group.revisions != 1 else "")
    sentences = f"{group.segments} sentence" + ("s" if group.segments != 1 else "")
    return f"{group.key}\t{revisions}\t{sentences}\t{scores}"


def _print_reference(against: ReferenceReport, width: int) -> None:
    print(
        f"# against the reference {against.reference}: {against.covered} of "
        f"{against.total} sentences"
    )
    for label, scores in (("MT", against.mt), ("final", against.final)):
        print(f"# {label}")
        print_scores(scores, width)


def _print_table(table, width: int) -> None:
    sys.stdout.write(table.to_csv(sep="\t", index=False, float_format=f"%.{width}f"))


def _report_json(
    name: str,
    report: DocumentReport,
    against: ReferenceReport | None,
    comparison: tuple | None,
    width: int,
) -> dict[str, Any]:
    def groups(items: list[GroupScores]) -> list[dict[str, Any]]:
        return [
            {
                "key": g.key,
                "revisions": g.revisions,
                "sentences": g.segments,
                "scores": [s.as_dict(width) for s in g.scores],
            }
            for g in items
        ]

    data: dict[str, Any] = {
        "document": name,
        "target": report.target,
        "scope": report.scope,
        "prep": report.prep,
        "prep_description": report.prep_description,
        "sentences": report.total,
        "scored": report.scored,
        "mt_vs_final": [s.as_dict(width) for s in report.mt_vs_final],
        "sentence_signatures": report.sentence_signatures,
        "independent": report.independent,
        "mt_vs_independent": [s.as_dict(width) for s in report.mt_vs_independent],
        "per_editor": groups(report.per_editor),
        "per_day": groups(report.per_day),
        "segments": [asdict(s) for s in report.segments],
        "revisions": [asdict(r) for r in report.revisions],
    }
    if against is not None:
        data["reference"] = {
            "name": against.reference,
            "sentences": against.covered,
            "mt": [s.as_dict(width) for s in against.mt],
            "final": [s.as_dict(width) for s in against.final],
        }
    if comparison is not None:
        baseline, system, count, results = comparison
        data["paired"] = {
            "baseline": baseline,
            "system": system,
            "sentences": count,
            "results": [paired_dict(r) for r in results],
        }
    return data
