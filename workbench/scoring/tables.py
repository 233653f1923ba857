"""A document report as tables (pandas), for the scores page and its CSV export."""

from __future__ import annotations

import pandas as pd

from workbench.scoring.document import DocumentReport, GroupScores
from workbench.scoring.metrics import CorpusScore, SegmentScore

SCORE_COLUMNS = {"bleu": "BLEU", "chrf": "chrF", "ter": "TER"}


def _score_values(scores: SegmentScore | None, prefix: str = "") -> dict[str, float | None]:
    return {
        f"{prefix}{label}": (scores.get(metric) if scores else None)
        for metric, label in SCORE_COLUMNS.items()
    }


def segment_table(report: DocumentReport) -> pd.DataFrame:
    """One row per sentence: scored ones the most edited first, then the rest in order."""
    scored = report.most_edited()
    rest = [s for s in report.segments if s.scores is None]
    rows = [
        {
            "#": s.number,
            "Source": s.source,
            "MT": s.mt or "",
            "Final": s.final or "",
            **_score_values(s.scores),
            "TER edits": s.scores.ter_edits if s.scores else None,
            "Edit distance (chars)": s.edit_distance,
            "Editor": s.final_author or "",
            "Status": s.final_status or "",
            "Passes": s.passes,
            "Started from": s.started_from or "",
            "Scored": s.scores is not None,
        }
        for s in [*scored, *rest]
    ]
    table = pd.DataFrame(rows, columns=_SEGMENT_COLUMNS)
    return table.astype({"TER edits": "Int64", "Edit distance (chars)": "Int64"})


_SEGMENT_COLUMNS = [
    "#",
    "Source",
    "MT",
    "Final",
    *SCORE_COLUMNS.values(),
    "TER edits",
    "Edit distance (chars)",
    "Editor",
    "Status",
    "Passes",
    "Started from",
    "Scored",
]


def revision_table(report: DocumentReport) -> pd.DataFrame:
    """One row per revision, in save order, with its scores against previous and final."""
    rows = [
        {
            "#": r.segment,
            "Revision": r.revision,
            "Author": r.author,
            "Saved (UTC)": pd.Timestamp(r.created),
            "Origin": r.origin,
            "Status": r.status,
            "Text": r.text,
            **_score_values(r.vs_previous, "vs previous: "),
            **_score_values(r.vs_final, "vs final: "),
        }
        for r in sorted(report.revisions, key=lambda r: (r.created, r.segment, r.revision))
    ]
    columns = ["#", "Revision", "Author", "Saved (UTC)", "Origin", "Status", "Text"]
    columns += [f"vs previous: {c}" for c in SCORE_COLUMNS.values()]
    columns += [f"vs final: {c}" for c in SCORE_COLUMNS.values()]
    return pd.DataFrame(rows, columns=columns)


def group_table(groups: list[GroupScores], key: str) -> pd.DataFrame:
    """Per editor or per day: how many revisions, and their corpus scores vs previous."""
    rows = [
        {
            key: g.key,
            "Revisions": g.revisions,
            "Segments": g.segments,
            **{SCORE_COLUMNS[s.metric]: s.score for s in g.scores},
        }
        for g in groups
    ]
    return pd.DataFrame(rows, columns=[key, "Revisions", "Segments", *SCORE_COLUMNS.values()])


def headline_table(scores: list[CorpusScore], width: int = 1) -> pd.DataFrame:
    """Corpus scores with their 95% interval and sacrebleu signature."""
    rows = [
        {
            "Metric": s.name,
            "Score": round(s.score, width),
            "95% CI": (
                f"μ = {s.ci_mean:.{width}f} ± {s.ci_halfwidth:.{width}f}"
                if s.ci_mean is not None and s.ci_halfwidth is not None
                else ""
            ),
            "Signature": f"{s.name}|{s.signature}",
        }
        for s in scores
    ]
    return pd.DataFrame(rows, columns=["Metric", "Score", "95% CI", "Signature"])


def to_csv(table: pd.DataFrame) -> bytes:
    """CSV in UTF-8 with a byte-order mark, so spreadsheet programs read Urdu correctly."""
    return table.to_csv(index=False).encode("utf-8-sig")
