"""Altair charts of a document report: score distribution, per editor, over time."""

from __future__ import annotations

import altair as alt
import pandas as pd

from workbench.scoring.document import DocumentReport
from workbench.scoring.tables import SCORE_COLUMNS, group_table

_METRIC_ORDER = list(SCORE_COLUMNS.values())
_UTC = alt.Scale(type="utc")  # times are stored in UTC; show them so, not in browser time


def distribution_chart(report: DocumentReport) -> alt.Chart:
    """Histogram of per-sentence BLEU, chrF and TER (MT against final), one panel each."""
    rows = [
        {"Metric": SCORE_COLUMNS[metric], "Score": s.scores.get(metric)}
        for s in report.segments
        if s.scores is not None
        for metric in SCORE_COLUMNS
        if s.scores.get(metric) is not None
    ]
    data = pd.DataFrame(rows, columns=["Metric", "Score"])
    return (
        alt.Chart(data)
        .mark_bar(binSpacing=1)
        .encode(
            x=alt.X("Score:Q", bin=alt.Bin(extent=[0, 100], step=10), title="sentence score"),
            y=alt.Y("count():Q", title="sentences"),
            color=alt.Color("Metric:N", sort=_METRIC_ORDER, legend=None),
            column=alt.Column("Metric:N", sort=_METRIC_ORDER, title=None),
            tooltip=["Metric:N", alt.Tooltip("count():Q", title="sentences")],
        )
        .properties(width=180, height=160)
    )


def editor_chart(report: DocumentReport) -> alt.Chart:
    """Corpus scores of each editor's revisions against the text they started from."""
    table = group_table(report.per_editor, "Editor")
    data = table.melt(
        id_vars=["Editor", "Revisions"], value_vars=_present(table), var_name="Metric"
    )
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("Editor:N", title=None),
            x=alt.X("value:Q", title="score of their revisions vs the previous text"),
            color=alt.Color("Metric:N", sort=_METRIC_ORDER),
            yOffset=alt.YOffset("Metric:N", sort=_METRIC_ORDER),
            tooltip=["Editor:N", "Metric:N", alt.Tooltip("value:Q", format=".1f"), "Revisions:Q"],
        )
        .properties(height=alt.Step(14))
    )


def time_chart(report: DocumentReport) -> alt.LayerChart:
    """Every edit's sentence TER against the previous text over time and, over several days,
    each day's corpus TER as a line: edits get smaller as a document converges."""
    points = pd.DataFrame(
        [
            {
                "Saved": pd.Timestamp(r.created),
                "TER": r.vs_previous.ter,
                "Author": r.author,
                "Sentence": r.segment,
                "Revision": r.revision,
            }
            for r in report.revisions
            if r.vs_previous is not None and r.vs_previous.ter is not None and r.editor_pass
        ],
        columns=["Saved", "TER", "Author", "Sentence", "Revision"],
    )
    scatter = (
        alt.Chart(points)
        .mark_circle(size=60, opacity=0.7)
        .encode(
            x=alt.X("Saved:T", title="saved (UTC)", scale=_UTC),
            y=alt.Y("TER:Q", title="TER against the previous text"),
            color=alt.Color("Author:N"),
            tooltip=[
                "Sentence:Q",
                "Revision:Q",
                "Author:N",
                "Saved:T",
                alt.Tooltip("TER:Q", format=".1f"),
            ],
        )
    )
    days = group_table(report.per_day, "Day")
    if len(days) < 2:
        return alt.layer(scatter).properties(height=260)
    # One point per day, at noon, so it sits among that day's edits.
    days["Noon"] = pd.to_datetime(days["Day"], utc=True) + pd.Timedelta(hours=12)
    daily = (
        alt.Chart(days)
        .mark_line(point=True, color="#444")
        .encode(
            x=alt.X("Noon:T", scale=_UTC),
            y="TER:Q",
            tooltip=[
                "Day:N",
                "Revisions:Q",
                alt.Tooltip("TER:Q", format=".1f", title="corpus TER that day"),
            ],
        )
    )
    return alt.layer(scatter, daily).properties(height=260)


def _present(table: pd.DataFrame) -> list[str]:
    return [c for c in _METRIC_ORDER if c in table.columns and table[c].notna().any()]
