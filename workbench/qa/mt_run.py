"""Codes the MT pipeline sets on a segment from what happened during translation, not from
its text: registered here so the editor, TSV and TMX treat them like every other flag."""

from __future__ import annotations

from workbench.qa.registry import ERROR, WARNING, register

LONG_SEGMENT = register(
    "long-segment",
    "the source was longer than the model reads at once and was translated in parts",
    WARNING,
    "mt-run",
)
MT_FAILED = register("mt-failed", "the model could not translate the segment", ERROR, "mt-run")
