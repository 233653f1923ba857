"""The format-neutral document: blocks joined by blank lines, targets put back per block."""

from __future__ import annotations

import pytest

from workbench.exchange.document import (
    Block,
    BlockKind,
    SegmentText,
    SourceDocument,
    block_targets,
    is_translatable,
)
from workbench.exchange.inline import close_char, open_char, standalone_char
from workbench.segment import segment_document

B, E = open_char(0), close_char(0)
DOCUMENT = SourceDocument(
    "html",
    (
        Block(BlockKind.HEADING, "A headline"),
        Block(BlockKind.PARAGRAPH, f"First {B}bold{E} one. Second one."),
        Block(BlockKind.TABLE_CELL, "Cell"),
    ),
)


def test_text_is_the_blocks_separated_by_blank_lines_one_paragraph_each():
    assert DOCUMENT.text == f"A headline\n\nFirst {B}bold{E} one. Second one.\n\nCell"
    segments = segment_document(DOCUMENT.text, "en")
    assert [s.paragraph for s in segments] == [0, 1, 1, 2]


def test_block_targets_puts_each_segment_target_into_its_block():
    segments = segment_document(DOCUMENT.text, "en")
    targets = ["سرخی", f"پہلا {B}جلی{E}۔", "دوسرا۔", "خانہ"]
    spans = [SegmentText(s.start, s.end, t) for s, t in zip(segments, targets, strict=True)]
    assert block_targets(DOCUMENT, spans, "ur") == [
        "سرخی",
        f"پہلا {B}جلی{E}۔ دوسرا۔",
        "خانہ",
    ]


def test_a_block_without_segments_keeps_its_source_text():
    assert block_targets(DOCUMENT, [SegmentText(0, 10, "سرخی")], "ur")[1:] == [
        DOCUMENT.blocks[1].text,
        "Cell",
    ]


def test_a_tag_the_block_does_not_have_is_dropped_from_its_target():
    foreign = standalone_char(5)
    (first, *_) = block_targets(DOCUMENT, [SegmentText(0, 10, f"سرخی{foreign}")], "ur")
    assert first == "سرخی"


def test_a_segment_across_two_blocks_is_refused():
    with pytest.raises(ValueError, match="crosses a block end"):
        block_targets(DOCUMENT, [SegmentText(5, 20, "x")], "ur")


def test_a_block_of_only_tags_and_spaces_is_not_translatable():
    assert not is_translatable(f" {standalone_char(0)} ")
    assert is_translatable(f"{standalone_char(0)} 2024")
