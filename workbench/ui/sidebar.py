"""What every page shares, drawn once in the sidebar by `workbench.app`: the person's name,
the target language and the engine for it. In team mode the name is the signed-in person's
(`workbench.ui.signin`), not a field.

Pages read the choices from session state (`state.AUTHOR`, `state.TARGET`, the engine via
`engine_picker.picked_choice`); none of them draws its own copy of these fields.
"""

from __future__ import annotations

import streamlit as st

from workbench.languages import ENGLISH, TARGETS, get_language
from workbench.store.models import AUTHOR_MAX_CHARS
from workbench.ui import state
from workbench.ui.engine_picker import engine_picker
from workbench.ui.resources import target_statuses
from workbench.ui.signin import signed_in_actor


def render() -> None:
    """Name, target and engine, at the top of the sidebar."""
    with st.sidebar:
        actor = signed_in_actor()
        if actor is None:
            st.text_input(
                "Your name",
                key=state.AUTHOR,
                max_chars=AUTHOR_MAX_CHARS,
                placeholder="needed to save",
                help="Saved with every revision you make and every alignment you accept; "
                "this browser remembers it.",
                persist_state="session",
            )
        else:  # team mode: revisions carry the signed-in name, never a typed one
            st.session_state[state.AUTHOR] = actor.name
        target_lang = _target_choice()
        engine_picker(ENGLISH.code, target_lang)


def _target_choice() -> str:
    statuses = target_statuses()

    def label(code: str) -> str:
        status = statuses.get(code)
        installed = status is not None and status.installed
        return f"{get_language(code).label} ({code})" + ("" if installed else " · no model")

    return st.selectbox(
        "Target language",
        options=[t.code for t in TARGETS],
        format_func=label,
        key=state.TARGET,
    )


def remember_author(name: str) -> None:
    """Put a name the browser remembered (the editor grid keeps it in localStorage) into the
    name field; called from a widget callback, before the field is drawn."""
    st.session_state[state.AUTHOR] = name
