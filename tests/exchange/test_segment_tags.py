"""Sentence splitting looks through formatting placeholders."""

from __future__ import annotations

from workbench.exchange.inline import close_char, open_char, standalone_char
from workbench.segment import segment_document

B, E, BR = open_char(0), close_char(0), standalone_char(1)


def texts(text: str) -> list[str]:
    segments = segment_document(text, "en")
    assert all(text[s.start : s.end] == s.text for s in segments)
    return [s.text for s in segments]


def test_a_bold_sentence_ends_at_its_full_stop_and_keeps_both_tags():
    assert texts(f"{B}First sentence.{E} Second sentence.") == [
        f"{B}First sentence.{E}",
        "Second sentence.",
    ]


def test_a_line_break_between_sentences_separates_them_and_stays_between():
    assert texts(f"Line one.{BR}Line two.") == ["Line one.", "Line two."]


def test_formatting_across_a_sentence_end_is_split_with_the_sentences():
    assert texts(f"Bold {B}runs. Across{E} two.") == [f"Bold {B}runs.", f"Across{E} two."]


def test_urdu_sentences_with_tags_split_at_the_urdu_full_stop():
    assert [s.text for s in segment_document(f"{B}پہلا جملہ۔{E} دوسرا جملہ۔", "ur")] == [
        f"{B}پہلا جملہ۔{E}",
        "دوسرا جملہ۔",
    ]
