"""Align two documents given as text: segment both, translate the source if an engine is
given, then align sentences with paragraph numbers as the segmenter found them."""

from __future__ import annotations

import re
from dataclasses import replace

from workbench.align.aligner import align_sentences
from workbench.align.anchors import TermFinder
from workbench.align.model import Alignment
from workbench.engines.base import ProgressCallback, TranslationEngine
from workbench.errors import MissingModelError
from workbench.segment import segment_document

_LINE_BREAK = re.compile(r"\s*(?:\r\n|\r|\n)\s*")


def align_texts(
    source_text: str,
    target_text: str,
    src: str,
    tgt: str,
    *,
    term_finder: TermFinder | None = None,
    engine: TranslationEngine | None = None,
    progress: ProgressCallback | None = None,
    names: tuple[str, str] = ("source", "target"),
) -> Alignment:
    """Sentence alignment of `source_text` (language `src`) with its translation.

    `names` (usually the file names) go into the error raised for an empty document. With an
    `engine`, the source is machine-translated in one batch for MT similarity.
    """
    source = segment_document(source_text, src, path=names[0])
    target = segment_document(target_text, tgt, path=names[1])
    source_sentences = [_one_line(s.text) for s in source]
    translations = None
    if engine is not None:
        hypotheses = engine.translate_batch(source_sentences, src, tgt, 1, progress)
        translations = [h[0].text if h else "" for h in hypotheses]
    alignment = align_sentences(
        source_sentences,
        [_one_line(t.text) for t in target],
        src,
        tgt,
        src_paragraphs=[s.paragraph for s in source],
        tgt_paragraphs=[t.paragraph for t in target],
        term_finder=term_finder,
        translations=translations,
        names=names,
    )
    return replace(alignment, source_segments=tuple(source))


def _one_line(sentence: str) -> str:
    """A sentence that ran over a soft line break, on one line (as it goes into the TM)."""
    return _LINE_BREAK.sub(" ", sentence)


def align_texts_with_mt(
    source_text: str,
    target_text: str,
    src: str,
    tgt: str,
    engine: TranslationEngine | None,
    *,
    term_finder: TermFinder | None = None,
    progress: ProgressCallback | None = None,
    names: tuple[str, str] = ("source", "target"),
) -> tuple[Alignment, str]:
    """`align_texts`, with MT similarity when `engine` has a model for the pair.

    Returns the alignment and one line saying what MT did, for the CLI and the page.
    """
    if engine is not None:
        try:
            alignment = align_texts(
                source_text, target_text, src, tgt,
                term_finder=term_finder, engine=engine, progress=progress, names=names,
            )  # fmt: skip
        except MissingModelError:
            note = f"MT: no {src}→{tgt} model installed, aligned without it"
        else:
            report = alignment.report
            if report is not None and report.mt_weight > 0:
                return alignment, f"MT similarity used (separation {report.mt_weight:.1f})"
            return alignment, "MT: similarity did not tell sentences apart, left out"
    else:
        note = "MT: not used"
    alignment = align_texts(
        source_text, target_text, src, tgt, term_finder=term_finder, names=names
    )
    return alignment, note
