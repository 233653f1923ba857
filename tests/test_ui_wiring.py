"""How the UI is wired: every session-state key is declared in `ui/state.py`, and only
`ui/resources.py` opens the store, engines and glossary that the pages share."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from workbench import config

UI = config.PROJECT_ROOT / "workbench" / "ui"
PAGE_MODULES = sorted(p for p in UI.glob("*.py") if p.name not in {"state.py", "resources.py"})
# The export/import panel is being rebuilt on the exchange format registry (issue 12 §1) by
# another branch; its keys move into ui/state.py there.
NOT_YET_MOVED = {"exchange_panel.py"}
# Calls that open a resource the pages must share through ui/resources.py.
RESOURCE_OPENERS = {"open_store", "get_engine", "engine_for", "load_glossary", "MemorySource"}


def _is_session_state(node: ast.AST) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr == "session_state") or (
        isinstance(node, ast.Name) and node.id == "session_state"
    )


def _literal(node: ast.AST | None) -> bool:
    """A key spelled in place: a string constant or an f-string."""
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str)
    )


def key_literals(source: str) -> list[tuple[int, str]]:
    """(line, code) of every session-state key written as a literal in `source`:
    `st.session_state["…"]`, `st.session_state.get("…")` / `.setdefault` / `.pop`,
    `"…" in st.session_state` and any widget's `key="…"`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Subscript) and _is_session_state(node.value):
            if _literal(node.slice):
                found.append(node)
        elif isinstance(node, ast.Call):
            func = node.func
            if (
                isinstance(func, ast.Attribute)
                and _is_session_state(func.value)
                and node.args
                and _literal(node.args[0])
            ):
                found.append(node)
            found.extend(k for k in node.keywords if k.arg == "key" and _literal(k.value))
        elif (
            isinstance(node, ast.Compare)
            and any(_is_session_state(c) for c in node.comparators)
            and _literal(node.left)
        ):
            found.append(node)
    lines = source.splitlines()
    return sorted((n.lineno, lines[n.lineno - 1].strip()) for n in found)


def test_the_scan_finds_each_way_of_spelling_a_key_in_place():
    source = (
        "st.session_state['a']\n"
        "st.session_state.get(f'b_{x}')\n"
        "st.button('Go', key='c')\n"
        "'d' in st.session_state\n"
        "st.session_state[state.E]\n"
        "st.button('Go', key=state.f(x))\n"
        "labels.get('g')\n"
    )
    assert [line for line, _ in key_literals(source)] == [1, 2, 3, 4]


@pytest.mark.parametrize("module", PAGE_MODULES, ids=lambda p: p.name)
def test_no_ui_module_spells_a_session_state_key_outside_state_py(module: Path):
    if module.name in NOT_YET_MOVED:
        pytest.skip("keys move to ui/state.py with the exchange registry")
    assert key_literals(module.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("module", PAGE_MODULES, ids=lambda p: p.name)
def test_pages_take_store_engines_and_glossary_from_resources(module: Path):
    tree = ast.parse(module.read_text(encoding="utf-8"))
    opened = {
        node.func.id if isinstance(node.func, ast.Name) else node.func.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name | ast.Attribute)
    }
    caches = {
        ast.unparse(d)
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef)
        for d in node.decorator_list
        if "cache_resource" in ast.unparse(d)
    }
    assert opened & RESOURCE_OPENERS == set()
    assert caches == set()


def test_every_declared_key_is_declared_once():
    from workbench.ui import state

    keys = [
        value
        for name, value in vars(state).items()
        if name.isupper() and isinstance(value, str) and not name.endswith("_PREFIX")
    ]
    assert len(keys) == len(set(keys))
