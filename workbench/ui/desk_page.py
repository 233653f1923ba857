"""The Desk page: every document with its assignees, due date and words per status.

What a desk editor checks first thing: who has what, what is due, how much is approved.
Managers (and the single-user desk) assign a document's target to a translator and a
reviewer with a due date here; the store refuses anyone else.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from workbench.editing import default_author
from workbench.errors import WorkbenchError
from workbench.identity import Actor, Role
from workbench.languages import TARGETS, get_language
from workbench.store.assignments import Assignments
from workbench.store.desk import DESK_STATUSES, desk_rows
from workbench.ui import resources, signin, state
from workbench.ui.rendering import markdown_text

DESK_FIRST_COLUMNS = ("document", "target", "translator", "reviewer", "due", "% approved")


def _actor() -> Actor:
    return signin.signed_in_actor() or Actor.local(
        st.session_state.get(state.AUTHOR, "").strip() or default_author()
    )


def desk_table(store) -> pd.DataFrame:
    """One row per document and target that has work or an assignment."""
    return pd.DataFrame(
        [
            {
                "document": row.document_name,
                "target": get_language(row.target_lang).label,
                "translator": row.translator,
                "reviewer": row.reviewer,
                "due": row.due,
                "words": row.progress.words,
                **{s.value: row.progress.by_status.get(s, 0) for s in DESK_STATUSES},
                "untranslated": row.progress.untranslated,
                "% approved": round(row.progress.percent_approved, 1),
            }
            for row in desk_rows(store)
        ]
    )


def render() -> None:
    st.header("Desk", anchor=False)
    store = resources.app_store()
    table = desk_table(store)
    if table.empty:
        st.info("No document has translations or assignments yet.")
    else:
        overdue = table["due"].notna() & (table["due"] < date.today()) & (table["% approved"] < 100)
        if overdue.any():
            st.warning(
                markdown_text(
                    f"{int(overdue.sum())} overdue: " + ", ".join(table["document"][overdue])
                )
            )
        st.dataframe(
            table,
            hide_index=True,
            # What a desk editor looks for first stays in view on a laptop (1366x768), where
            # the counts per status scroll sideways.
            column_order=[
                *DESK_FIRST_COLUMNS,
                *(c for c in table.columns if c not in DESK_FIRST_COLUMNS),
            ],
            column_config={
                # Wide enough for a whole date: sized by its header it was cut at 1366x768.
                "due": st.column_config.DateColumn("due", format="YYYY-MM-DD", width=96),
                "% approved": st.column_config.ProgressColumn(
                    "% approved", min_value=0, max_value=100, format="%.0f%%"
                ),
            },
        )
    actor = _actor()
    if actor.has(Role.MANAGER):
        _assign_form(store, actor)


def _assign_form(store, actor: Actor) -> None:
    notice = st.session_state.pop(state.DESK_NOTICE, None)
    if notice:
        getattr(st, notice[0])(notice[1])
    documents = store.documents()
    if not documents:
        return
    with st.form(state.DESK_FORM):
        st.subheader("Assign", anchor=False)
        left, middle, right = st.columns(3)
        document_id = left.selectbox(
            "Document",
            [d.id for d in documents],
            format_func={d.id: d.name for d in documents}.get,
            key=state.desk_field_key("document"),
        )
        target = middle.selectbox(
            "Target",
            [t.code for t in TARGETS],
            format_func=lambda code: get_language(code).label,
            key=state.desk_field_key("target"),
        )
        due = right.date_input("Due", value=None, key=state.desk_field_key("due"))
        translator = left.text_input("Translator", key=state.desk_field_key("translator"))
        reviewer = middle.text_input("Reviewer", key=state.desk_field_key("reviewer"))
        if st.form_submit_button("Assign", type="primary"):
            try:
                Assignments(store).assign(
                    document_id, target, actor, translator=translator, reviewer=reviewer, due=due
                )
            except WorkbenchError as exc:
                st.session_state[state.DESK_NOTICE] = ("error", str(exc))
            else:
                st.session_state[state.DESK_NOTICE] = ("success", "Assigned.")
            st.rerun()
