"""Specification of `workbench.segment` and the `segment` CLI command."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from workbench.cli import segment_cmd
from workbench.errors import InputError, WorkbenchError
from workbench.segment import (
    Segment,
    group_by_paragraph,
    rebuild,
    require_text,
    rules,
    segment_document,
    segment_text,
    split_paragraphs,
)

SAMPLE = Path(__file__).resolve().parent.parent / "seeds" / "pak-afghan-ties.en.txt"


def sentences(text: str, lang: str = "en") -> list[str]:
    return [s.text for s in segment_text(text, lang)]


def paragraphs(text: str) -> list[str]:
    return [text[a:b] for a, b in split_paragraphs(text)]


# --- paragraphs --------------------------------------------------------------------------------


def test_without_blank_lines_every_nonblank_line_is_a_paragraph():
    assert paragraphs("Headline\nFirst para. Two.\nSecond para.\n") == [
        "Headline",
        "First para. Two.",
        "Second para.",
    ]


def test_with_blank_lines_paragraphs_are_blank_line_separated_blocks():
    text = "One line\nwrapped here.\n\nSecond block.\n"
    assert paragraphs(text) == ["One line\nwrapped here.", "Second block."]


def test_a_single_newline_inside_a_block_is_a_soft_wrap_not_a_boundary():
    text = "This sentence is\nwrapped. Next one.\n\nOther block."
    segs = segment_text(text, "en")
    assert [s.text for s in segs] == ["This sentence is\nwrapped.", "Next one.", "Other block."]
    assert [s.paragraph for s in segs] == [0, 0, 1]


def test_a_whitespace_only_line_counts_as_blank():
    assert paragraphs("First.\n   \t\nSecond.") == ["First.", "Second."]


def test_blank_lines_only_at_the_edges_do_not_switch_to_block_mode():
    # The sample ends with a line holding one space: it must not glue all lines together.
    assert paragraphs("\n\nHeadline\nBody. More.\n \n") == ["Headline", "Body. More."]


def test_crlf_line_endings_are_line_breaks_and_stay_in_the_original():
    # A headline before a single line break is its own segment (issue 16; it used to be
    # glued to the first sentence), a soft wrap keeps its CRLF in the sentence.
    text = "Headline\r\nBody one. Body two.\r\n\r\nNext block\r\nwraps.\r\n"
    segs = segment_text(text, "en")
    assert [s.text for s in segs] == ["Headline", "Body one.", "Body two.", "Next block\r\nwraps."]
    assert rebuild(text, segs) == text


def test_crlf_without_blank_lines_gives_one_paragraph_per_line():
    assert paragraphs("A.\r\nB.\r\n") == ["A.", "B."]


def test_paragraph_and_sentence_spans_exclude_surrounding_whitespace():
    text = "  Headline  \n\t Indented sentence.   Another one. \n"
    assert paragraphs(text) == ["Headline", "Indented sentence.   Another one."]
    assert sentences(text) == ["Headline", "Indented sentence.", "Another one."]


def test_a_headline_without_a_full_stop_is_its_own_segment():
    assert sentences("New low in Pak-Afghan ties\nRelations have hit a low. Talks failed.") == [
        "New low in Pak-Afghan ties",
        "Relations have hit a low.",
        "Talks failed.",
    ]


def test_a_paragraph_end_is_a_sentence_end_even_after_a_comma():
    assert sentences("It ended with a comma,\nThen a new line.") == [
        "It ended with a comma,",
        "Then a new line.",
    ]


@pytest.mark.parametrize("text", ["", "   ", "\n\n", " \r\n\t\r\n", "\ufeff\n "])
def test_an_empty_or_whitespace_only_document_has_no_segments(text):
    assert segment_text(text, "en") == []
    assert split_paragraphs(text) == []


def test_segment_document_raises_input_error_naming_the_file_for_an_empty_document():
    with pytest.raises(InputError, match=r"^notes\.txt: the document is empty$"):
        segment_document(" \n", "en", path="notes.txt")


def test_require_text_accepts_text_and_refuses_blank_text():
    require_text("Something.")
    with pytest.raises(InputError, match="the document is empty"):
        require_text("\n \n")


def test_an_unknown_language_is_a_workbench_error():
    with pytest.raises(WorkbenchError, match="unknown language"):
        segment_text("Hello.", "xx")


# --- English -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "first",
    [
        "Mr. Khan met Dr. Ahmed in Islamabad.",
        "The U.N. Security Council met on Feb. 3 in New York.",
        "U.S. President Biden spoke to Gen. Munir.",
        "J. K. Rowling wrote it.",
        "Dr. A. Q. Khan died at 85.",
        "Lt. Gen. Asim Munir and Maj. Gen. Ahmed met.",
        "He lives at No. 10 Downing St. in London.",
        "It was 3 p.m. when he arrived.",
        "Take e.g. this one, i.e. that one.",
        "It was Pakistan vs. Afghanistan.",
    ],
)
def test_english_abbreviations_and_initials_do_not_end_a_sentence(first):
    assert sentences(f"{first} Then it ended.") == [first, "Then it ended."]


def test_an_abbreviation_before_a_new_capitalised_sentence_still_ends_it():
    assert sentences("He lives in the U.S. He works there.") == [
        "He lives in the U.S.",
        "He works there.",
    ]


@pytest.mark.parametrize(
    "first",
    [
        "Around 1.2 million Afghan refugees have been repatriated.",
        "Prices rose 3.5% in 2024.",
        "It cost Rs. 500 per unit.",
        "It cost Rs.500 per unit.",
        "The meeting ran from 9.30 to 11.45 and cost $2.5bn.",
    ],
)
def test_english_decimals_and_numbers_are_not_boundaries(first):
    assert sentences(f"{first} Then it fell.") == [first, "Then it fell."]


def test_a_year_at_a_sentence_end_is_a_boundary():
    assert sentences("It happened in 2024. Then it ended.") == [
        "It happened in 2024.",
        "Then it ended.",
    ]


@pytest.mark.parametrize("ellipsis", ["...", "…"])
def test_an_ellipsis_before_a_capitalised_word_ends_a_sentence(ellipsis):
    assert sentences(f"He paused{ellipsis} Then he left.") == [
        f"He paused{ellipsis}",
        "Then he left.",
    ]


@pytest.mark.parametrize("ellipsis", ["...", "…"])
def test_an_ellipsis_before_a_lowercase_word_does_not_end_a_sentence(ellipsis):
    text = f"He paused{ellipsis} then he left."
    assert sentences(text) == [text]


def test_question_and_exclamation_marks_end_sentences():
    assert sentences("Is it true? Yes! Really?! Fine.") == [
        "Is it true?",
        "Yes!",
        "Really?!",
        "Fine.",
    ]


def test_a_straight_quote_that_ends_a_sentence_belongs_to_it():
    assert sentences('"I got bit!" His friend laughed.') == ['"I got bit!"', "His friend laughed."]


def test_a_typographic_closing_quote_belongs_to_the_sentence_it_closes():
    assert sentences("“They must choose,” he said. “We will act.” Then he left.") == [
        "“They must choose,” he said.",
        "“We will act.”",
        "Then he left.",
    ]


def test_a_question_in_quotes_ends_the_sentence_with_its_quote():
    assert sentences("He asked, “Why?” Nobody answered.") == [
        "He asked, “Why?”",
        "Nobody answered.",
    ]


def test_a_quotation_followed_by_lowercase_text_does_not_end_the_sentence():
    text = 'He said "stop." then the crowd left.'
    assert sentences(text) == [text]


def test_scare_quotes_and_apostrophes_do_not_split():
    assert sentences("The Taliban promised to ‘contain’ the TTP. Pakistan’s hopes faded.") == [
        "The Taliban promised to ‘contain’ the TTP.",
        "Pakistan’s hopes faded.",
    ]


def test_a_parenthesis_inside_a_sentence_does_not_split_it():
    text = "He named the TTP (Tehreek-i-Taliban Pakistan). He said more."
    assert sentences(text) == ["He named the TTP (Tehreek-i-Taliban Pakistan).", "He said more."]


def test_no_boundary_without_whitespace_after_the_full_stop():
    assert sentences("See dawn.com for more.So it goes.") == ["See dawn.com for more.So it goes."]


def test_repeated_identical_sentences_get_their_own_spans():
    text = "Hello world. Hello world. Hello world."
    segs = segment_text(text, "en")
    assert [(s.start, s.end) for s in segs] == [(0, 12), (13, 25), (26, 38)]


def test_unusual_characters_keep_exact_spans():
    # pysbd used ∯, &ᓰ& and ♬ as placeholders and rewrote them; spans must index the original.
    # "ȸ" is a lowercase letter, so "ȸ odd." continues the sentence like any lowercase word.
    text = "Text with ∯ and &ᓰ& and ♬ marks. Next one. ȸ odd. Last ∯."
    assert sentences(text) == ["Text with ∯ and &ᓰ& and ♬ marks.", "Next one. ȸ odd.", "Last ∯."]


def test_trailing_punctuation_alone_joins_the_sentence_before():
    assert sentences("It ended. …") == ["It ended. …"]


# --- Urdu --------------------------------------------------------------------------------------


def test_urdu_full_stop_and_question_mark_end_sentences_but_the_comma_does_not():
    assert sentences("پاکستان نے کہا۔ یہ اہم ہے؟ جی ہاں، بالکل۔", "ur") == [
        "پاکستان نے کہا۔",
        "یہ اہم ہے؟",
        "جی ہاں، بالکل۔",
    ]


def test_urdu_exclamation_ends_a_sentence_and_the_semicolon_does_not():
    assert sentences("یہ ٹھیک ہے! اور یہ بھی؛ وہ بھی۔", "ur") == [
        "یہ ٹھیک ہے!",
        "اور یہ بھی؛ وہ بھی۔",
    ]


def test_urdu_latin_full_stop_after_a_word_ends_a_sentence():
    assert sentences("اس نے کہا. دوسرا جملہ.", "ur") == ["اس نے کہا.", "دوسرا جملہ."]


@pytest.mark.parametrize("number", ["١٫٢", "۱٫۲", "۱.۲", "1.2", "3.5"])
def test_urdu_decimal_numbers_are_not_boundaries(number):
    assert sentences(f"تقریباً {number} ملین مہاجرین واپس گئے۔ یہ اہم ہے۔", "ur") == [
        f"تقریباً {number} ملین مہاجرین واپس گئے۔",
        "یہ اہم ہے۔",
    ]


def test_urdu_closing_quote_belongs_to_the_sentence_it_closes():
    # pysbd 0.3.4 puts the ” at the start of the next sentence.
    assert sentences("انہوں نے کہا: “ہم کارروائی کریں گے۔” پھر خاموشی چھا گئی۔", "ur") == [
        "انہوں نے کہا: “ہم کارروائی کریں گے۔”",
        "پھر خاموشی چھا گئی۔",
    ]


def test_urdu_quoted_question_after_a_colon_ends_the_sentence():
    assert sentences("اس نے پوچھا: «کیوں؟» کوئی جواب نہیں ملا۔", "ur") == [
        "اس نے پوچھا: «کیوں؟»",
        "کوئی جواب نہیں ملا۔",
    ]


def test_urdu_embedded_exclamation_in_quotes_does_not_end_the_sentence():
    text = "اس نے «نہیں!» کہا اور چلا گیا۔"
    assert sentences(text, "ur") == [text]


def test_urdu_latin_abbreviation_is_not_a_boundary():
    text = "اقوام متحدہ (U.N.) نے اجلاس بلایا۔ اجلاس ملتوی ہو گیا۔"
    assert sentences(text, "ur") == ["اقوام متحدہ (U.N.) نے اجلاس بلایا۔", "اجلاس ملتوی ہو گیا۔"]


def test_urdu_ellipsis_is_not_a_boundary():
    text = "وہ رک گیا... پھر چلا گیا۔"
    assert sentences(text, "ur") == [text]


def test_urdu_paragraphs_and_headline():
    text = "پاک افغان تعلقات میں نئی کمی\nپاکستان نے کہا۔ کابل خاموش رہا۔\n"
    segs = segment_text(text, "ur")
    assert [(s.paragraph, s.text) for s in segs] == [
        (0, "پاک افغان تعلقات میں نئی کمی"),
        (1, "پاکستان نے کہا۔"),
        (1, "کابل خاموش رہا۔"),
    ]


# --- Persian / Dari ----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fa", "fa-AF", "fa-af"])
def test_persian_full_stop_question_mark_and_comma(lang):
    assert sentences("پاکستان گفت. این مهم است؟ بله، کاملاً.", lang) == [
        "پاکستان گفت.",
        "این مهم است؟",
        "بله، کاملاً.",
    ]


def test_persian_colon_does_not_end_a_sentence_and_a_quoted_sentence_after_it_does():
    # pysbd 0.3.4 splits after the colon and not after the closing guillemet.
    assert sentences("او گفت: «ما اقدام می‌کنیم.» سپس رفت.", "fa") == [
        "او گفت: «ما اقدام می‌کنیم.»",
        "سپس رفت.",
    ]


def test_persian_embedded_quotation_does_not_end_the_sentence():
    text = "او گفت «نه!» و رفت."
    assert sentences(text, "fa") == [text]


def test_persian_quotation_that_opens_the_sentence_ends_it():
    assert sentences("«ما می‌رویم.» او رفت.", "fa") == ["«ما می‌رویم.»", "او رفت."]


def test_dari_arabic_full_stop_ends_a_sentence_and_semicolon_does_not():
    assert sentences("این درست است؛ آن هم درست است۔ پایان کار۔", "fa-AF") == [
        "این درست است؛ آن هم درست است۔",
        "پایان کار۔",
    ]


@pytest.mark.parametrize("number", ["۱٫۲", "۱.۲", "١٫٢", "1.2"])
def test_persian_decimal_numbers_are_not_boundaries(number):
    assert sentences(f"حدود {number} میلیون پناهجو بازگشتند. این مهم است.", "fa-AF") == [
        f"حدود {number} میلیون پناهجو بازگشتند.",
        "این مهم است.",
    ]


def test_persian_ellipsis_is_not_a_boundary():
    text = "او رفت... سپس برگشت."
    assert sentences(text, "fa") == [text]


def test_persian_zero_width_non_joiner_is_kept_in_the_text():
    text = "آنها می‌خواهند. ما نمی‌خواهیم."
    assert sentences(text, "fa") == ["آنها می‌خواهند.", "ما نمی‌خواهیم."]


# --- Pashto ------------------------------------------------------------------------------------


def test_pashto_question_mark_full_stops_and_comma():
    assert sentences("دا مهم دی؟ هو، بالکل۔ موږ چمتو یو.", "ps") == [
        "دا مهم دی؟",
        "هو، بالکل۔",
        "موږ چمتو یو.",
    ]


def test_pashto_colon_and_quoted_sentence():
    assert sentences("هغه وویل: «موږ به اقدام وکړو.» بیا ولاړ.", "ps") == [
        "هغه وویل: «موږ به اقدام وکړو.»",
        "بیا ولاړ.",
    ]


def test_pashto_decimal_number_is_not_a_boundary():
    assert sentences("شاوخوا ۱.۲ میلیونه کډوال راستانه شول. دا مهم دي.", "ps") == [
        "شاوخوا ۱.۲ میلیونه کډوال راستانه شول.",
        "دا مهم دي.",
    ]


# --- invariants --------------------------------------------------------------------------------

INVARIANT_CASES = [
    ("en", SAMPLE.read_text(encoding="utf-8")),
    ("en", "Hello world. Hello world. Hello world."),
    ("en", "  Lead space.  \r\n\r\n  Soft\r\nwrap. Two.  \r\n\r\n"),
    ("en", "a. b. a. b."),
    ("en", "“Quote.” “Quote.” “Quote.”"),
    ("en", "Text with ∯ and &ᓰ& and ♬ marks. Next one. ȸ odd."),
    ("en", "\ufeffBOM-led text. Second.\n\n\n\nThird para…\n"),
    ("ur", "پاکستان نے کہا۔ یہ اہم ہے؟ جی ہاں، بالکل۔\nانہوں نے کہا: “ہم کریں گے۔” پھر۔ "),
    ("fa", "او گفت: «ما اقدام می‌کنیم.» سپس رفت.\n\nگفت «نه!» و رفت. ۱٫۲ میلیون."),
    ("fa-AF", "این درست است؛ آن هم۔ پایان۔\r\n\r\nبعد"),
    ("ps", "دا مهم دی؟ هو، بالکل۔ پای.\nهغه وویل: «موږ به اقدام وکړو.» بیا ولاړ."),
    ("ur", "۔۔۔ ؟ ! .\n\n!"),
]


@pytest.mark.parametrize(("lang", "text"), INVARIANT_CASES)
def test_segments_index_the_original_in_order_and_rebuild_it(lang, text):
    segs = segment_text(text, lang)
    assert segs
    pos = 0
    for i, s in enumerate(segs):
        assert s.index == i
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip().strip("\ufeff")
        assert s.text
        assert s.start >= pos
        pos = s.end
    numbers = [s.paragraph for s in segs]
    assert numbers == sorted(numbers)
    assert sorted(set(numbers)) == list(range(len(split_paragraphs(text))))
    assert rebuild(text, segs) == text


@pytest.mark.parametrize(("lang", "text"), INVARIANT_CASES)
def test_every_segment_lies_inside_its_paragraph(lang, text):
    spans = split_paragraphs(text)
    for s in segment_text(text, lang):
        p_start, p_end = spans[s.paragraph]
        assert p_start <= s.start < s.end <= p_end


# --- rebuild -----------------------------------------------------------------------------------


def test_rebuild_substitutes_each_span_and_keeps_whitespace_and_paragraphs():
    text = "  First one. Second one.\n\nThird one.  \n"
    segs = segment_text(text, "en")
    assert rebuild(text, segs, ["پہلا۔", "دوسرا۔", "تیسرا۔"]) == "  پہلا۔ دوسرا۔\n\nتیسرا۔  \n"


def test_rebuild_with_one_replacement_per_line_paragraph_keeps_line_breaks():
    text = "Headline\nBody one. Body two.\n"
    segs = segment_text(text, "en")
    assert rebuild(text, segs, ["H", "B1", "B2"]) == "H\nB1 B2\n"


def test_rebuild_refuses_the_wrong_number_of_replacements():
    segs = segment_text("One. Two.", "en")
    with pytest.raises(ValueError, match="one each"):
        rebuild("One. Two.", segs, ["only one"])


def test_rebuild_refuses_segments_from_another_document():
    segs = segment_text("One. Two.", "en")
    with pytest.raises(ValueError, match="does not match"):
        rebuild("Uno. Dos.", segs)


def test_rebuild_refuses_segments_out_of_order():
    segs = segment_text("One. Two.", "en")
    with pytest.raises(ValueError, match="out of order"):
        rebuild("One. Two.", list(reversed(segs)))


def test_group_by_paragraph_keeps_document_order():
    segs = segment_text("A one. A two.\nB one.", "en")
    assert [[s.text for s in g] for g in group_by_paragraph(segs)] == [
        ["A one.", "A two."],
        ["B one."],
    ]


def test_segment_is_a_frozen_value():
    s = Segment(0, 0, "Hi.", 0, 3)
    with pytest.raises(AttributeError):
        s.text = "changed"  # type: ignore[misc]


def test_each_language_rule_set_is_compiled_once():
    assert rules.rules_for("en") is rules.rules_for("en")
    assert rules.rules_for("fa-AF") is rules.rules_for("fa-af")


# --- the sample editorial ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_segments() -> list[Segment]:
    return segment_text(SAMPLE.read_text(encoding="utf-8"), "en")


def test_sample_has_15_paragraphs_and_53_sentences(sample_segments):
    assert len(split_paragraphs(SAMPLE.read_text(encoding="utf-8"))) == 15
    assert len(sample_segments) == 53
    assert [len(g) for g in group_by_paragraph(sample_segments)] == [
        1, 2, 3, 4, 7, 1, 6, 1, 4, 2, 4, 5, 6, 3, 4,
    ]  # fmt: skip


def test_sample_headline_is_its_own_segment_without_trailing_space(sample_segments):
    assert sample_segments[0].text == "New low in Pak-Afghan ties"
    assert sample_segments[0].paragraph == 0


def test_sample_second_line_starts_after_its_leading_space(sample_segments):
    text = SAMPLE.read_text(encoding="utf-8")
    first = sample_segments[1]
    assert first.text.startswith("RELATIONS between Pakistan")
    assert text[first.start - 1] == " "


@pytest.mark.parametrize(
    "sentence",
    [
        "Two days ago, Prime Minister Shehbaz Sharif publicly called on Kabul to choose between "
        "Pakistan and the TTP (Tehreek-i-Taliban Pakistan).",
        "Around 1.2 million Afghan refugees have been repatriated so far in what many see as an "
        "accelerated process.",
        "In late August, the Afghan foreign ministry accused Pakistan of launching air strikes on "
        "two of its eastern provinces, Nangarhar and Khost, calling this a “provocative act” that "
        "claimed the lives of several civilians.",
        "The Taliban promised to take steps to effectively ‘contain’ the TTP.",
        "But they did nothing.",
        "In July, Dar visited Kabul to sign a framework agreement between Pakistan, Uzbekistan and "
        "Afghanistan for the feasibility of a railway project aimed at promoting regional "
        "connectivity,",
        "Dar went again to Kabul for the trilateral meeting — his third visit in five months.",
        "Despite positive public statements issued by all sides, the meeting proved to be "
        "inconclusive on the most important issue on its agenda: security.",
        "It is possible that ‘hot pursuit’ by Pakistan might involve air strikes deeper into "
        "Afghan territory; so far, they have been limited to border areas.",
    ],
)
def test_sample_sentences_checked_by_hand(sample_segments, sentence):
    assert sentence in [s.text for s in sample_segments]


def test_sample_last_sentence_ends_the_last_paragraph(sample_segments):
    last = sample_segments[-1]
    assert last.paragraph == 14
    assert last.text.endswith("the carrot-and-stick policy it is following.")


# --- CLI: workbench segment --------------------------------------------------------------------


def _args(path, lang="en", spans=False) -> argparse.Namespace:
    return argparse.Namespace(file=str(path), lang=lang, spans=spans)


def test_cli_segment_prints_one_sentence_per_line(capsys):
    assert segment_cmd.run(_args(SAMPLE)) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 53
    assert lines[0] == "New low in Pak-Afghan ties"
    assert lines[-1].endswith("policy it is following.")


def test_cli_segment_prints_a_soft_wrapped_sentence_on_one_line(tmp_path, capsys):
    doc = tmp_path / "wrapped.txt"
    doc.write_bytes(b"A sentence that\r\nwraps. Next.\r\n\r\nSecond.\r\n")
    segment_cmd.run(_args(doc))
    assert capsys.readouterr().out == "A sentence that wraps.\nNext.\nSecond.\n"


def test_cli_segment_spans_gives_paragraph_start_end_and_text(tmp_path, capsys):
    doc = tmp_path / "doc.txt"
    doc.write_text("Title\n One. Two.\n", encoding="utf-8")
    segment_cmd.run(_args(doc, spans=True))
    assert capsys.readouterr().out == "0\t0\t5\tTitle\n1\t7\t11\tOne.\n1\t12\t16\tTwo.\n"


def test_cli_segment_urdu_file_with_bom(tmp_path, capsys):
    doc = tmp_path / "ur.txt"
    doc.write_bytes("\ufeffپاکستان نے کہا۔ یہ اہم ہے؟ جی ہاں، بالکل۔\n".encode())
    assert segment_cmd.run(_args(doc, lang="ur")) == 0
    assert capsys.readouterr().out.splitlines() == [
        "پاکستان نے کہا۔",
        "یہ اہم ہے؟",
        "جی ہاں، بالکل۔",
    ]


def test_cli_segment_refuses_invalid_utf8_naming_file_and_line(tmp_path):
    doc = tmp_path / "latin1.txt"
    doc.write_bytes(b"Fine line.\nSecond line.\nCaf\xe9 line.\n")
    with pytest.raises(InputError) as err:
        segment_cmd.run(_args(doc))
    assert str(err.value).startswith(f"{doc}:3: ")
    assert "UTF-8" in str(err.value)


def test_cli_segment_refuses_an_empty_file(tmp_path):
    doc = tmp_path / "empty.txt"
    doc.write_text(" \n\n", encoding="utf-8")
    with pytest.raises(InputError, match="the document is empty"):
        segment_cmd.run(_args(doc))


def test_cli_segment_refuses_an_unknown_language(tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text("Hello.", encoding="utf-8")
    with pytest.raises(WorkbenchError, match="unknown language"):
        segment_cmd.run(_args(doc, lang="de"))


def test_cli_register_adds_segment_with_defaults_and_run_as_func():
    parser = argparse.ArgumentParser(prog="workbench")
    segment_cmd.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["segment", "doc.txt"])
    assert (args.file, args.lang, args.spans, args.func) == (
        "doc.txt",
        "en",
        False,
        segment_cmd.run,
    )
    args = parser.parse_args(["segment", "doc.txt", "--lang", "fa-AF", "--spans"])
    assert (args.lang, args.spans) == ("fa-AF", True)


# --- long paragraphs ---------------------------------------------------------------------------


def test_a_long_paragraph_splits_as_its_lines_do():
    text = SAMPLE.read_text(encoding="utf-8").replace("\n", " ") * 2
    # 53 sentences twice, less the headline and the line ending in a comma, now run-ons
    assert len(sentences(text)) == 102


def test_a_very_long_sentence_stays_whole():
    long = "This sentence " + "goes on and on " * 200 + "until it ends."
    assert sentences(f"Short one. {long} Mr. Khan left.") == ["Short one.", long, "Mr. Khan left."]


def test_placeholder_characters_repeated_in_a_long_paragraph_keep_exact_spans():
    text = "Text with ∯ marks &ᓰ& here. " * 200
    assert sentences(text) == ["Text with ∯ marks &ᓰ& here."] * 200


def test_random_documents_keep_the_span_invariants():
    # A cheap seeded property check over mixed scripts, quotes, line breaks and the
    # characters pysbd uses internally.
    import random

    pieces = [*"abc XYZ.!?,:;\"'()…“”‘’«»۔؟،؛٫۱۲١٢12\t\ufeffپاکستان∯ȸ"]
    pieces += ["Mr. ", "U.S. ", "1.2 ", "\r\n", "\n", "\n\n", " He ", "...", "۔ ", ". ", "» "]
    rng = random.Random(20240501)
    for _ in range(150):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 100)))
        for lang in ("en", "ur", "fa", "ps"):
            segs = segment_text(text, lang)
            pos = 0
            for i, s in enumerate(segs):
                assert (s.index, text[s.start : s.end]) == (i, s.text)
                assert s.start >= pos and s.text.strip() == s.text.strip("\ufeff") != ""
                pos = s.end
            assert rebuild(text, segs) == text
