"""Splitting and merging segments by hand keeps spans exact (the editor's repair tools)."""

from __future__ import annotations

import pytest

from workbench.errors import WorkbenchError
from workbench.segment import merge_with_next, rebuild, segment_text, split_segment

TEXT = "Headline\nMr. Khan said so. Dr. Ahmed agreed: it was over. Then rain.\nNext para."


def texts(segments) -> list[str]:
    return [s.text for s in segments]


def test_a_segment_splits_at_the_cursor_into_two_stripped_segments():
    segments = segment_text(TEXT, "en")
    sentence = segments[2]
    assert sentence.text == "Dr. Ahmed agreed: it was over."
    after = split_segment(TEXT, segments, 2, sentence.text.index(" it was"))
    assert texts(after)[2:4] == ["Dr. Ahmed agreed:", "it was over."]
    assert [s.index for s in after] == list(range(len(after)))
    assert after[3].paragraph == sentence.paragraph
    assert rebuild(TEXT, after) == TEXT


def test_a_segment_merges_with_the_next_one_in_its_paragraph():
    segments = segment_text(TEXT, "en")
    after = merge_with_next(TEXT, segments, 2)
    assert texts(after)[2] == "Dr. Ahmed agreed: it was over. Then rain."
    assert len(after) == len(segments) - 1
    assert rebuild(TEXT, after) == TEXT


def test_split_then_merge_gives_the_segment_back():
    segments = segment_text(TEXT, "en")
    split = split_segment(TEXT, segments, 1, 4)
    assert merge_with_next(TEXT, split, 1) == segments


def test_a_split_next_to_a_space_strips_both_sides():
    text = "Headline\nMr. Khan said so."
    after = split_segment(text, segment_text(text, "en"), 1, 3)
    assert texts(after) == ["Headline", "Mr.", "Khan said so."]


@pytest.mark.parametrize("offset", [0, 17, 100, -1])
def test_a_split_point_outside_the_text_is_refused(offset):
    text = "Headline\nMr. Khan said so."
    with pytest.raises(WorkbenchError, match=r"^segment 2: cannot split at -?\d+; a split point"):
        split_segment(text, segment_text(text, "en"), 1, offset)


def test_merging_across_a_paragraph_break_is_refused():
    segments = segment_text(TEXT, "en")
    with pytest.raises(WorkbenchError, match="different paragraphs"):
        merge_with_next(TEXT, segments, 0)


def test_merging_the_last_segment_is_refused():
    segments = segment_text(TEXT, "en")
    with pytest.raises(WorkbenchError, match="is the last one"):
        merge_with_next(TEXT, segments, len(segments) - 1)


def test_an_unknown_segment_number_is_refused():
    with pytest.raises(WorkbenchError, match="no segment 9; the document has 5"):
        split_segment(TEXT, segment_text(TEXT, "en"), 8, 1)
