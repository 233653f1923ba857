"""A whole document into segments, one paragraph at a time, within the configured limits."""

from __future__ import annotations

from collections.abc import Iterator

from workbench import config
from workbench.errors import InputError
from workbench.segment.paragraphs import iter_paragraphs
from workbench.segment.rules import rules_for
from workbench.segment.sentences import paragraph_sentences
from workbench.segment.spans import Segment


def iter_segments(text: str, lang: str) -> Iterator[Segment]:
    """Sentences of `text` with their paragraph numbers and spans, produced as they are found."""
    ruleset = rules_for(lang)  # an unknown language is an error even for an empty text
    index = 0
    for number, (p_start, p_end) in enumerate(iter_paragraphs(text)):
        for start, end in paragraph_sentences(text, p_start, p_end, ruleset):
            yield Segment(index, number, text[start:end], start, end)
            index += 1


def segment_text(text: str, lang: str) -> list[Segment]:
    """Sentences of `text` with their paragraph numbers and spans; [] for a blank text."""
    return list(iter_segments(text, lang))


def require_text(text: str, *, path: str | None = None) -> None:
    """Raise `InputError` ("the document is empty") if `text` holds nothing but whitespace."""
    if next(iter_paragraphs(text), None) is None:
        raise InputError("the document is empty", path=path)


def segment_document(text: str, lang: str, *, path: str | None = None) -> list[Segment]:
    """`segment_text` for a document a user gave: refused with one `InputError` if it is
    empty, longer than `config.max_document_chars()` or has more segments than
    `config.max_segments()` (counting stops at the first segment over the limit)."""
    require_text(text, path=path)
    config.check_document_chars(len(text), path=path)
    limit = config.max_segments()
    segments: list[Segment] = []
    for seg in iter_segments(text, lang):
        if len(segments) == limit:
            raise InputError(
                f"more than {limit:,} segments; the limit is {limit:,} "
                f"(split the document, or raise {config.MAX_SEGMENTS_ENV})",
                path=path,
            )
        segments.append(seg)
    return segments
