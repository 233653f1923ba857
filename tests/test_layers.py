"""The layering of `workbench/` (docs/architecture-store.md), checked on every module's imports.

Walks the `ast` of every module, so an import inside a function counts as much as one at the
top: a lower layer that needs an upper one has its seam in the wrong place.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "workbench"

# package -> packages (or modules) of workbench it must never import
FORBIDDEN = {
    "store": ("ui", "cli", "workflows", "memory", "glossary", "pipeline", "engines", "align"),
    "exchange": (
        "store",
        "engines",
        "ui",
        "cli",
        "workflows",
        "memory",
        "glossary",
        "pipeline",
        "align",
        "scoring",
        "qa",
    ),
    "engines": ("ui", "cli", "workflows", "store"),
    "segment": ("ui", "cli", "workflows", "store"),
    "memory": ("ui", "cli", "workflows"),
    "workflows": ("ui", "cli"),
    "jobs": ("ui", "cli"),
}


def modules(layer: str) -> list[Path]:
    package = PACKAGE / layer
    if package.is_dir():
        return sorted(package.rglob("*.py"))
    module = PACKAGE / f"{layer}.py"
    return [module] if module.exists() else []


def workbench_imports(path: Path) -> set[str]:
    """The `workbench.<first part>` names a module imports (absolute or relative)."""
    found: set[str] = set()
    relative_base = path.relative_to(PACKAGE.parent).with_suffix("").parts
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = relative_base[: len(relative_base) - node.level]
                names = [".".join([*base, node.module or ""]).rstrip(".")]
            else:
                names = [node.module or ""]
            if names == ["workbench"]:
                names = [f"workbench.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "workbench" and len(parts) > 1:
                found.add(parts[1])
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_layer_never_imports_the_layers_above_it(layer):
    offending = {
        str(path.relative_to(PACKAGE.parent)): sorted(
            workbench_imports(path) & set(FORBIDDEN[layer])
        )
        for path in modules(layer)
    }
    assert {path: names for path, names in offending.items() if names} == {}


def test_the_checked_layers_exist():
    assert all(
        modules(layer)
        for layer in ("store", "engines", "segment", "memory", "workflows", "exchange", "jobs")
    )


def test_only_the_store_opens_sessions_or_sets_sqlite_pragmas():
    outside = [
        str(path.relative_to(PACKAGE.parent))
        for path in sorted(PACKAGE.rglob("*.py"))
        if "store" not in path.relative_to(PACKAGE).parts[:1]
        and any(
            needle in path.read_text(encoding="utf-8")
            for needle in ("Session(", "sessionmaker", "PRAGMA ", "store.engine")
        )
    ]
    assert outside == []
