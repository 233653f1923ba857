"""The engine picker: for the chosen target, an Argos package or NLLB-200, with installed state."""

from __future__ import annotations

import streamlit as st

from workbench.engines import registry
from workbench.ui import state


def engine_picker(src: str, tgt: str) -> registry.EngineChoice:
    """Show the engines for src → tgt and return the picked one (installed or not).

    Each target remembers its own pick; until the user picks, it is the registry's default
    (the installed engine covering the pair, Argos first).
    """
    choices = {c.name: c for c in registry.engine_choices(src, tgt)}
    picks = st.session_state[state.ENGINE_PICKS]
    key = state.engine_key(tgt)
    if key not in st.session_state:  # first time, or Streamlit dropped it while hidden
        default = registry.default_engine_name(src, tgt) or registry.ENGINE_NAMES[0]
        st.session_state[key] = picks.get(tgt, default)
    name = st.selectbox(
        "Engine",
        options=list(choices),
        format_func=lambda n: _label(choices[n]),
        key=key,
        help="Argos Translate packages or the NLLB-200 model registered with "
        "`workbench packages add-nllb DIR`.",
    )
    picks[tgt] = name
    return choices[name]


def _label(choice: registry.EngineChoice) -> str:
    return (
        f"{choice.label} · {choice.model_id}"
        if choice.installed
        else f"{choice.label} · not set up"
    )
