"""Which engine translates a target: the seam where NLLB joins the Argos packages."""

from __future__ import annotations

from workbench.engines.argos import ArgosEngine
from workbench.engines.base import TranslationEngine
from workbench.errors import WorkbenchError

ENGINE_NAMES: tuple[str, ...] = ("argos",)


def get_engine(name: str = "argos") -> TranslationEngine:
    """The engine called `name`; engines cache their models, so this is cheap to call."""
    if name == "argos":
        return ArgosEngine()
    raise WorkbenchError(f"unknown engine {name!r}; known: {', '.join(ENGINE_NAMES)}")
