"""How the UI is wired: every session-state key is declared in `ui/state.py`, and only
`ui/resources.py` opens the store, engines and glossary that the pages share."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from workbench import config

UI = config.PROJECT_ROOT / "workbench" / "ui"
PAGE_MODULES = sorted(p for p in UI.rglob("*.py") if p.name not in {"state.py", "resources.py"})
# The export/import panel is being rebuilt on the exchange format registry (issue 12 §1) by
# another branch; its keys move into ui/state.py there.
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


# Which namespace of ui/state.py each module may write (assign, or bind a widget to).
WRITERS = {
    "sidebar.py": "shared",
    "engine_picker.py": "shared",
    "editor_page.py": "editor",
    "grid/__init__.py": "editor",
    "exchange_panel.py": "editor",
    "concordance_panel.py": "editor",
    "glossary_page.py": "glossary",
    "align_page.py": "align",
    "scores_page.py": "scores",
    "analysis_page.py": "analysis",
    "signin.py": "signin",
    "desk_page.py": "desk",
}


def state_namespaces() -> dict[str, str]:
    """Name declared in ui/state.py (key constant or key function) -> its namespace, read from
    the `# ---- <namespace> …` section headers there."""
    namespaces, current = {}, None
    for line in (UI / "state.py").read_text(encoding="utf-8").splitlines():
        if line.startswith("# ---- "):
            current = line.removeprefix("# ---- ").split()[0].rstrip(":")
        elif current and (name := line.split(" ", 1)[0]).isupper():
            namespaces[name] = current
        elif current and line.startswith("def "):
            namespaces[line.removeprefix("def ").split("(")[0]] = current
    return namespaces


def written_keys(source: str) -> set[str]:
    """`state.X` names assigned in session state or bound to a widget (`key=state.X` or
    `key=state.x(…)`)."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        targets = []
        if isinstance(node, ast.Assign | ast.AugAssign):
            for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                if isinstance(target, ast.Subscript) and _is_session_state(target.value):
                    targets.append(target.slice)
        elif isinstance(node, ast.Call):
            targets.extend(k.value for k in node.keywords if k.arg == "key")
        for target in targets:
            if isinstance(target, ast.Call):
                target = target.func
            if isinstance(target, ast.Attribute) and ast.unparse(target.value) == "state":
                names.add(target.attr)
    return names


def test_every_key_in_state_py_has_a_namespace():
    from workbench.ui import state

    declared = {n for n, v in vars(state).items() if n.isupper() and isinstance(v, str)}
    assert declared <= set(state_namespaces())
    assert set(state_namespaces().values()) == set(WRITERS.values())


@pytest.mark.parametrize("module", sorted(WRITERS), ids=str)
def test_a_module_writes_only_its_own_namespace(module: str):
    namespaces = state_namespaces()
    written = written_keys((UI / module).read_text(encoding="utf-8"))
    assert {k: namespaces[k] for k in written if namespaces[k] != WRITERS[module]} == {}


def test_the_write_scan_sees_assignments_and_widget_keys():
    source = (
        "st.session_state[state.TARGET] = target\n"
        "st.selectbox('Doc', ids, key=state.SCORE_DOCUMENT_PICKER)\n"
        "st.button('Go', key=state.align_edit_key('merge', 1))\n"
        "current = st.session_state[state.DOCUMENT_ID]\n"
    )
    assert written_keys(source) == {"TARGET", "SCORE_DOCUMENT_PICKER", "align_edit_key"}
    assert state_namespaces()["TARGET"] == "shared"  # so the old scores page failed
