"""A format-neutral document: the translatable blocks of a Word file, a web page or a text.

A reader (docx, html) turns a file into blocks: each paragraph, heading, list item, table
cell, header, footer or footnote with text in it, in reading order, its inline formatting as
placeholder characters (`workbench.exchange.inline`) and a description of each tag. The
document's `text` is the blocks joined by blank lines: that is what gets segmented and
stored, so a segment's span in it says which block and where. To write the translation,
`block_targets` puts each segment's target into its block, and the format's writer re-reads
the original file and replaces each block's content with its translated text; everything
that is not a block (styles, images, tables, scripts) comes from the original untouched.
A plain-text document is a single block holding the whole text, line breaks included.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from workbench.exchange.inline import TAG_CHARS, clean_target

BLOCK_SEPARATOR = "\n\n"  # a blank line: one block is one paragraph to the segmenter
# Characters that would end a line (and so a paragraph) inside a block: readers turn them
# into spaces or break tags before a block's text is built.
LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
# Scripts written without spaces between sentences.
_NO_SPACE_LANGUAGES = ("zh", "ja", "th", "lo", "km", "my")


class BlockKind(enum.StrEnum):
    TITLE = "title"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list-item"
    TABLE_CELL = "table-cell"
    QUOTE = "quote"
    CAPTION = "caption"
    HEADER = "header"
    FOOTER = "footer"
    FOOTNOTE = "footnote"
    ENDNOTE = "endnote"
    TEXT_BOX = "text-box"


class TagKind(enum.StrEnum):
    """What an inline tag stands for (XLIFF 1.2 `ctype` values where one fits)."""

    BOLD = "bold"
    ITALIC = "italic"
    UNDERLINE = "underlined"
    LINK = "link"
    FORMAT = "x-format"  # other or combined character formatting
    CODE = "x-code"  # inline code, never translated
    BREAK = "lb"
    TAB = "x-tab"
    IMAGE = "image"
    NOTE_REF = "x-note-ref"
    FIELD = "x-field"
    OTHER = "x-other"


@dataclass(frozen=True, slots=True)
class InlineTag:
    number: int  # as in the placeholder characters (inline.tag_char)
    kind: TagKind
    paired: bool  # opens and closes around words (bold, link) or stands alone (break)
    detail: str = ""  # e.g. a link's address, for the editor's tooltip


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    text: str  # with placeholder characters; no line breaks (but see `read_text`)
    tags: tuple[InlineTag, ...] = ()
    level: int = 0  # heading level, list nesting level


@dataclass(frozen=True)
class SourceDocument:
    """A file's translatable blocks in reading order."""

    format: str  # registry name: "docx", "html", "text"
    blocks: tuple[Block, ...]

    @property
    def text(self) -> str:
        """The blocks joined by blank lines: what is segmented and stored."""
        return BLOCK_SEPARATOR.join(block.text for block in self.blocks)

    def block_spans(self) -> list[tuple[int, int]]:
        """Each block's (start, end) in `text`."""
        spans, pos = [], 0
        for block in self.blocks:
            spans.append((pos, pos + len(block.text)))
            pos += len(block.text) + len(BLOCK_SEPARATOR)
        return spans


@dataclass(frozen=True, slots=True)
class SegmentText:
    """One segment's span in a document's text and the text to put there."""

    start: int
    end: int
    text: str


def is_translatable(text: str) -> bool:
    """Whether a block has words or numbers (a paragraph of only an image has none)."""
    return any(ch.isalnum() for ch in TAG_CHARS.sub("", text))


def sentence_joiner(lang: str) -> str:
    """What goes between two sentences where the source had nothing (a Chinese source
    translated into Urdu needs a space; Urdu into Chinese needs none)."""
    return "" if lang.split("-")[0].lower() in _NO_SPACE_LANGUAGES else " "


def replace_spans(text: str, segments: Sequence[SegmentText], target_lang: str) -> str:
    """`text` with each segment's span replaced by its text (stripped), everything between
    segments kept as it was; two sentences with nothing between them in the source get the
    target language's joiner. Segments must be in order and not overlap."""
    joiner = sentence_joiner(target_lang)
    out: list[str] = []
    pos = 0
    previous_end = None
    for segment in sorted(segments, key=lambda s: s.start):
        if segment.start < pos or segment.end > len(text):
            raise ValueError(f"segment span {segment.start}-{segment.end} overlaps or is outside")
        gap = text[pos : segment.start]
        out.append(gap)
        if previous_end == segment.start and out and joiner:
            out.append(joiner)
        out.append(segment.text.strip())
        pos = previous_end = segment.end
    out.append(text[pos:])
    return "".join(out)


def block_targets(
    document: SourceDocument, segments: Sequence[SegmentText], target_lang: str
) -> list[str]:
    """Each block's translated text: its segments' targets in place of their sources,
    placeholders the source block does not have removed. A segment must lie in one block."""
    spans = document.block_spans()
    per_block: list[list[SegmentText]] = [[] for _ in spans]
    block = 0
    for segment in sorted(segments, key=lambda s: s.start):
        while block < len(spans) and segment.start >= spans[block][1] + len(BLOCK_SEPARATOR):
            block += 1
        if block == len(spans) or not spans[block][0] <= segment.start <= segment.end:
            raise ValueError(f"segment span {segment.start}-{segment.end} is outside the blocks")
        start, end = spans[block]
        if segment.end > end:
            raise ValueError(f"segment span {segment.start}-{segment.end} crosses a block end")
        per_block[block].append(
            SegmentText(segment.start - start, segment.end - start, segment.text)
        )
    return [
        clean_target(b.text, replace_spans(b.text, segs, target_lang)) if segs else b.text
        for b, segs in zip(document.blocks, per_block, strict=True)
    ]
