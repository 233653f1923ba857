"""Scores page: how far the machine output was from the final text, per sentence and editor.

All numbers come from `workbench.scoring`; this page only lays them out.
"""

from __future__ import annotations

from collections import Counter

import streamlit as st

from workbench import config
from workbench.auth.settings import AuthMode, auth_mode
from workbench.errors import WorkbenchError
from workbench.languages import get_language
from workbench.scoring.charts import distribution_chart, editor_chart, time_chart
from workbench.scoring.document import (
    SCOPES,
    DocumentReport,
    SegmentHistory,
    compare,
    score_against_reference,
    score_document,
)
from workbench.scoring.metrics import CorpusScore
from workbench.scoring.references import read_reference
from workbench.scoring.significance import PAIRED_METHODS, PairedResult
from workbench.scoring.stored import engine_names, load_histories
from workbench.scoring.tables import (
    group_table,
    headline_table,
    revision_table,
    segment_table,
    to_csv,
)
from workbench.store import Document
from workbench.ui import state
from workbench.ui.rendering import markdown_text, text_block
from workbench.ui.resources import app_store

_SCOPE_LABELS = {
    "post-edited": "Post-edited (edited or confirmed)",
    "confirmed": "Confirmed only",
    "all": "All with MT (untouched MT counts as perfect)",
}
_SCOPE_CAPTIONS = {
    "post-edited": "those an editor edited or confirmed",
    "confirmed": "confirmed ones only",
    "all": "every sentence with MT",
}
_SCORE_FORMAT = {"format": "%.1f"}
_START_LABELS = {"tm": "the translation memory", "aligned": "an alignment"}


@st.cache_data(show_spinner="Scoring…", max_entries=16)
def _report(target: str, scope: str, version: tuple, _histories: list[SegmentHistory]):
    """Scores are recomputed only when the revisions change (`version` names them)."""
    return score_document(_histories, target, scope=scope)


def _version(document: Document, histories: list[SegmentHistory]) -> tuple:
    """Which database, document, revisions and stored MT a report was computed from."""
    revisions = tuple(r.id for h in histories for r in h.revisions)
    outputs = tuple(tuple(h.engine_outputs.items()) for h in histories)
    return (config.database_url(), document.id, document.created.isoformat(), revisions, outputs)


def _choose_document():
    store = app_store()
    documents = store.documents()
    if not documents:
        st.info("No document is stored yet: translate and post-edit a document first.")
        return None, None
    ids = [d.id for d in documents]
    # The document open in the editor (read, never written) until one is chosen here.
    current = st.session_state[state.SCORE_DOCUMENT] or st.session_state.get(state.DOCUMENT_ID)
    # The picker's own key is dropped while another page shows; it restarts from SCORE_DOCUMENT.
    st.session_state[state.SCORE_DOCUMENT_PICKER] = current if current in ids else ids[0]
    target = st.session_state[state.TARGET]  # the sidebar's
    left, scope_col = st.columns([5, 3])
    chosen = left.selectbox(
        "Document",
        options=ids,
        format_func=lambda i: documents[ids.index(i)].name,
        key=state.SCORE_DOCUMENT_PICKER,
        on_change=_document_chosen,
    )
    scope_col.radio(
        "Sentences scored",
        options=list(SCOPES),
        format_func=_SCOPE_LABELS.__getitem__,
        key=state.SCORE_SCOPE,
    )
    return documents[ids.index(chosen)], target


def _document_chosen() -> None:
    st.session_state[state.SCORE_DOCUMENT] = st.session_state[state.SCORE_DOCUMENT_PICKER]


def _headline(scores: list[CorpusScore], prep_description: str, ter_label: str = "HTER") -> None:
    labels = {"BLEU": "BLEU", "chrF2": "chrF", "TER": ter_label}
    for column, score in zip(st.columns(len(scores)), scores, strict=True):
        interval = f"95% CI ± {score.ci_halfwidth:.1f}" if score.ci_halfwidth is not None else ""
        column.metric(
            labels.get(score.name, score.name),
            f"{score.score:.1f}",
            help=f"{score.name}|{score.signature}",
        )
        column.caption(interval)
    st.code("\n".join(s.line() for s in scores), language=None, wrap_lines=True)
    st.caption(markdown_text(f"{scores[0].prep}: {prep_description}"))


def _sentences_tab(report: DocumentReport, name: str) -> None:
    table = segment_table(report)
    st.caption(
        "Most edited first (HTER, then characters changed); click a column header to sort. "
        "BLEU is sentence BLEU with effective order."
    )
    event = st.dataframe(
        table,
        hide_index=True,
        key=state.SCORE_SENTENCES,
        on_select="rerun",
        selection_mode="single-row",
        placeholder="–",
        column_config={
            "Source": st.column_config.TextColumn(width="medium"),
            "MT": st.column_config.TextColumn(width="medium"),
            "Final": st.column_config.TextColumn(width="medium"),
            "BLEU": st.column_config.NumberColumn(**_SCORE_FORMAT),
            "chrF": st.column_config.NumberColumn(**_SCORE_FORMAT),
            "TER": st.column_config.NumberColumn("HTER", **_SCORE_FORMAT),
        },
    )
    rows = event.selection.rows if event else []
    if rows:
        _sentence_detail(table.iloc[rows[0]], report.target)
    else:
        st.caption("Select a row to read its MT and final text in full.")
    if report.sentence_signatures:
        st.caption(
            markdown_text(
                f"Sentence scores: {' · '.join(report.sentence_signatures)} · {report.prep}"
            )
        )
    st.download_button(
        "Download CSV",
        to_csv(table),
        file_name=f"{name}.{report.target}.scores.csv",
        mime="text/csv",
        key=state.SCORE_DOWNLOAD_SENTENCES,
    )


_DETAIL_STYLE = "<style>.wb-score-text{font-size:1.15rem;line-height:2.2}</style>"


def _sentence_detail(row, target: str) -> None:
    st.markdown("**" + markdown_text(f"Sentence {row['#']}") + "**")
    st.html(text_block(row["Source"], "en"))
    mt, final = st.columns(2)
    mt.caption("MT")
    mt.html(_DETAIL_STYLE + text_block(row["MT"], target, "wb-score-text"))
    final.caption(markdown_text(f"Final ({row['Editor']}, {row['Status']})"))
    final.html(_DETAIL_STYLE + text_block(row["Final"], target, "wb-score-text"))


def _charts_tab(report: DocumentReport) -> None:
    if report.scored:
        st.markdown("**MT against the final text: per-sentence scores**")
        st.altair_chart(distribution_chart(report))
    if report.per_editor:
        st.markdown("**Per editor: how much each pass changed**")
        st.altair_chart(editor_chart(report), width="stretch")
        st.markdown("**Edits over time**")
        st.altair_chart(time_chart(report), width="stretch")
    else:
        st.caption("No editor has revised a sentence yet.")


# Where the per-editor names come from, single-user desk (False) or team mode (True).
_EDITOR_NAMES = {
    False: "Editors are the names typed in the sidebar (a single-user desk: nobody signs in).",
    True: "Editors are the signed-in accounts that wrote text: the store saves a revision "
    "under no other name. Approving, sending back and unlocking change only a status and "
    "count as no editor's pass.",
}


def _revisions_tab(report: DocumentReport, name: str) -> None:
    st.caption(
        "Each revision against the previous text (how much that pass changed) and against "
        "the final text (how far it still was)."
    )
    st.dataframe(group_table(report.per_editor, "Editor"), hide_index=True, key=state.SCORE_EDITORS)
    if report.per_editor:
        signatures = " · ".join(f"{s.name}|{s.signature}" for s in report.per_editor[0].scores)
        st.caption(markdown_text(f"Per editor, corpus scores: {signatures} · {report.prep}"))
    st.caption(_EDITOR_NAMES[auth_mode() != AuthMode.NONE])
    table = revision_table(report)
    st.dataframe(table, hide_index=True, key=state.SCORE_REVISIONS, placeholder="–")
    if report.sentence_signatures:
        st.caption(
            markdown_text(
                f"Per revision, sentence scores: {' · '.join(report.sentence_signatures)} · "
                f"{report.prep}"
            )
        )
    st.download_button(
        "Download CSV",
        to_csv(table),
        file_name=f"{name}.{report.target}.revisions.csv",
        mime="text/csv",
        key=state.SCORE_DOWNLOAD_REVISIONS,
    )


def _reference_tab(histories: list[SegmentHistory], target: str, source_lang: str) -> None:
    st.caption(
        "Upload a reference translation: plain text with one sentence per line in document "
        "order, or a TMX file (matched by source sentence)."
    )
    upload = st.file_uploader("Reference", type=["txt", "tmx"], key=state.SCORE_REFERENCE)
    if upload is None:
        return
    try:
        reference = read_reference(
            upload.getvalue(), upload.name, [h.source for h in histories], target, source_lang
        )
        against = score_against_reference(histories, reference, target)
        method = st.radio(
            "Paired test", list(PAIRED_METHODS), format_func=PAIRED_METHODS.__getitem__,
            horizontal=True, key=state.SCORE_PAIRED,
        )  # fmt: skip
        count, paired = compare(histories, target, "mt", "final", reference, method=method)
    except WorkbenchError as exc:
        st.error(markdown_text(str(exc)))
        return
    st.write(markdown_text(f"{against.covered} of {against.total} sentences have a reference."))
    for label, scores in (("MT", against.mt), ("Final", against.final)):
        st.subheader(markdown_text(f"{label} against {reference.name}"), anchor=False)
        st.dataframe(headline_table(scores), hide_index=True)
    st.subheader(
        markdown_text(f"Is the final text closer to the reference than MT? ({count} sentences)"),
        anchor=False,
    )
    _paired_table(paired, "MT", "Final")


def _paired_table(paired: list[PairedResult], baseline: str, system: str) -> None:
    st.dataframe(
        [
            {
                "Metric": r.name,
                baseline: round(r.baseline, 1),
                system: round(r.system, 1),
                "p-value": round(r.p_value, 4),
                "Significant (p < 0.05)": r.significant,
            }
            for r in paired
        ],
        hide_index=True,
    )
    st.caption(" · ".join([*(f"{r.name}|{r.signature}" for r in paired), paired[0].prep]))


_COMPARE_LABELS = {"mt": "MT (the editor's start)", "first-edit": "First editor pass"}


def _compare_label(option: str) -> str:
    return _COMPARE_LABELS.get(option, option.removeprefix("engine:") + " (newest run)")


def _compare_tab(document: Document, target: str) -> None:
    st.caption(
        "Two engines, or two stages of the post-edit, against the final post-edited text: "
        "a paired test says whether the difference is more than chance."
    )
    histories = load_histories(app_store(), document, target, engines=True)
    options = [*_COMPARE_LABELS, *(f"engine:{e}" for e in engine_names(histories))]
    for key in (state.SCORE_BASELINE, state.SCORE_SYSTEM):
        if st.session_state[key] not in options:
            st.session_state[key] = options[0]
    label = _compare_label
    left, right, method_col = st.columns(3)
    baseline = left.selectbox("Baseline", options, format_func=label, key=state.SCORE_BASELINE)
    system = right.selectbox("System", options, format_func=label, key=state.SCORE_SYSTEM)
    method = method_col.radio(
        "Paired test", list(PAIRED_METHODS), format_func=PAIRED_METHODS.__getitem__,
        horizontal=True, key=state.SCORE_COMPARE_PAIRED,
    )  # fmt: skip
    if baseline == system:
        st.info("Choose two different texts to compare.")
        return
    try:
        count, paired = compare(histories, target, baseline, system, method=method)
    except WorkbenchError as exc:
        st.info(markdown_text(str(exc)))
        return
    st.write(markdown_text(f"{count} post-edited sentences have both texts."))
    _paired_table(paired, label(baseline), label(system))


def _nothing_scored(histories: list[SegmentHistory], scope: str) -> str:
    if not any(h.post_edited_mt for h in histories):
        starts = Counter(str(h.start.origin) for h in histories if h.start is not None)
        came_from = ", ".join(
            f"{starts[origin]} from {label}"
            for origin, label in _START_LABELS.items()
            if starts[origin]
        )
        return (
            "No sentence was post-edited from a machine translation"
            + (f" ({came_from})" if came_from else "")
            + ": there is no MT post-edit to score."
        )
    if scope == "confirmed":
        return "No sentence is confirmed yet."
    return "No sentence is post-edited yet: edit or confirm sentences in the editor."


def render() -> None:
    st.title("Scores")
    try:
        document, target = _choose_document()
        if document is None:
            return
        histories = load_histories(app_store(), document, target)
    except WorkbenchError as exc:
        st.error(markdown_text(str(exc)))
        return
    if not any(h.revisions for h in histories):
        st.info(
            markdown_text(f"{document.name} has no {get_language(target).label} translation yet.")
        )
        return
    scope = st.session_state[state.SCORE_SCOPE]
    report = _report(target, scope, _version(document, histories), histories)
    st.subheader("Machine translation against the final text")
    st.caption(
        f"{report.scored} of {report.total} sentences scored: {_SCOPE_CAPTIONS[scope]}. "
        "TER with the post-edit as reference is HTER."
    )
    if report.mt_vs_final:
        _headline(report.mt_vs_final, report.prep_description)
    else:
        st.info(_nothing_scored(histories, scope))
    if report.mt_vs_independent:
        st.subheader("Machine translation against translations made without it")
        st.caption(
            f"{report.independent} sentences whose text came from the translation memory or "
            "an alignment: the newest MT scored against them as a reference (TER here is "
            "not HTER: nobody post-edited this MT)."
        )
        _headline(report.mt_vs_independent, report.prep_description, ter_label="TER")
    sentences, charts, revisions, reference, paired = st.tabs(
        ["Sentences", "Charts", "Revisions", "Against a reference", "Compare"]
    )
    with sentences:
        _sentences_tab(report, document.name)
    with charts:
        _charts_tab(report)
    with revisions:
        _revisions_tab(report, document.name)
    with reference:
        _reference_tab(histories, target, document.source_lang)
    with paired:
        _compare_tab(document, target)
