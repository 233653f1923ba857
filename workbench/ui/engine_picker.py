"""The engine picker: for the chosen target, an Argos package or NLLB-200, with installed state."""

from __future__ import annotations

import streamlit as st

from workbench.engines import registry
from workbench.ui import state


def picked_choice(src: str, target_lang: str) -> registry.EngineChoice:
    """The engine picked for `target_lang` (installed or not), without drawing anything: every
    page that translates uses this one, so the editor, the Align page and
    `workbench … --engine` agree on which engine a pair gets.

    Until the user picks, it is the registry's default (the installed engine covering the
    pair, Argos first).
    """
    choices = {c.name: c for c in registry.engine_choices(src, target_lang)}
    name = st.session_state[state.ENGINE_PICKS].get(target_lang) or _default(src, target_lang)
    return choices[name]


def _default(src: str, target_lang: str) -> str:
    return registry.default_engine_name(src, target_lang) or registry.ENGINE_NAMES[0]


def engine_picker(src: str, target_lang: str) -> registry.EngineChoice:
    """Show the engines for src → target_lang and return the picked one (installed or not).

    Each target remembers its own pick (`state.ENGINE_PICKS`).
    """
    choices = {c.name: c for c in registry.engine_choices(src, target_lang)}
    picks = st.session_state[state.ENGINE_PICKS]
    key = state.engine_key(target_lang)
    if key not in st.session_state:  # first time, or Streamlit dropped it while hidden
        st.session_state[key] = picks.get(target_lang, _default(src, target_lang))
    name = st.selectbox(
        "Engine",
        options=list(choices),
        format_func=lambda n: _label(choices[n]),
        key=key,
        help="Argos Translate packages or the NLLB-200 model registered with "
        "`workbench packages add-nllb DIR`.",
    )
    picks[target_lang] = name
    return choices[name]


def _label(choice: registry.EngineChoice) -> str:
    return (
        f"{choice.label} · {choice.model_id}"
        if choice.installed
        else f"{choice.label} · not set up"
    )
