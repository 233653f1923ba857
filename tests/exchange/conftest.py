"""Shared steps of the document-format tests: segment, machine-translate, write back."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from workbench.engines.argos import ArgosEngine
from workbench.exchange.document import SegmentText, SourceDocument
from workbench.exchange.document_formats import DocumentFormat, translated_document
from workbench.pipeline import TranslatedSegment, translate_segments
from workbench.segment import segment_document


@dataclass(frozen=True)
class Translation:
    rows: list[TranslatedSegment]
    output: bytes


def machine_translate(
    fmt: DocumentFormat, original: bytes, target_lang: str, name: str
) -> Translation:
    """The file read, segmented, translated by the installed engine and written back."""
    document: SourceDocument = fmt.read(original, name)
    segments = segment_document(document.text, "en", path=name)
    rows = translate_segments(segments, ArgosEngine(), "en", target_lang)
    spans = [SegmentText(r.segment.start, r.segment.end, r.target) for r in rows]
    output = translated_document(fmt, original, document.text, spans, target_lang, name=name)
    return Translation(rows, output)


@pytest.fixture
def copy_model(make_argos_package):
    """The en→ur copy model installed: MT gives back the source, placeholders included."""
    return make_argos_package("en", "ur", "copy")
