"""Segmentation of tricky news text (issue 16): quotations, headlines, lists, abbreviations."""

from __future__ import annotations

import pytest

from workbench.segment import rebuild, segment_text, split_paragraphs


def sentences(text: str, lang: str = "en") -> list[str]:
    return [s.text for s in segment_text(text, lang)]


# --- quotations --------------------------------------------------------------------------------


def test_a_quotation_of_several_sentences_is_split_with_the_closing_quote_kept():
    text = (
        "“I don't usually cry but today I can't help it. It's been a rough year. "
        "So thankful …” the singer wrote."
    )
    assert sentences(text) == [
        "“I don't usually cry but today I can't help it.",
        "It's been a rough year.",
        "So thankful …” the singer wrote.",
    ]


def test_a_straight_quoted_passage_is_split_at_its_sentence_ends():
    assert sentences('"I got a call at 3 a.m. They told me," he said. "I went."') == [
        '"I got a call at 3 a.m.',
        'They told me," he said.',
        '"I went."',
    ]


def test_nested_quotes_close_with_their_sentence():
    text = "He told me: “They asked, ‘Will you resign?’ I said no.” He left."
    assert sentences(text) == [
        "He told me: “They asked, ‘Will you resign?’",
        "I said no.”",
        "He left.",
    ]


def test_a_quotation_ending_a_paragraph_keeps_its_quote():
    text = "She said: “We will appeal. We will win.”\nThe court rose."
    assert sentences(text) == ["She said: “We will appeal.", "We will win.”", "The court rose."]


@pytest.mark.parametrize("lang", ["fa", "fa-AF", "ps"])
def test_arabic_script_quotation_of_two_sentences_is_split_inside(lang):
    text = "او گفت: «این پایان کار نیست. ما به دادگاه می‌رویم.» مخالفان رد کردند."
    assert sentences(text, lang) == [
        "او گفت: «این پایان کار نیست.",
        "ما به دادگاه می‌رویم.»",
        "مخالفان رد کردند.",
    ]


def test_urdu_quotation_typed_with_reversed_quote_marks_closes_with_its_sentence():
    text = "انہوں نے پوچھا: ”کیا آپ استعفیٰ دیں گے؟“ انہوں نے انکار کیا۔"
    assert sentences(text, "ur") == [
        "انہوں نے پوچھا: ”کیا آپ استعفیٰ دیں گے؟“",
        "انہوں نے انکار کیا۔",
    ]


def test_a_quotation_followed_by_and_continues_the_sentence():
    text = "وزیر گفت: «ما آماده‌ایم.» و سپس نشست را ترک کرد. توافقی اعلام نشد."
    assert sentences(text, "fa-AF") == [
        "وزیر گفت: «ما آماده‌ایم.» و سپس نشست را ترک کرد.",
        "توافقی اعلام نشد.",
    ]


def test_a_long_quotation_embedded_without_a_colon_still_ends_its_sentence():
    text = "نماینده گفت «زنان باید به کار برگردند.» او این را در شورا گفت."
    assert sentences(text, "fa") == [
        "نماینده گفت «زنان باید به کار برگردند.»",
        "او این را در شورا گفت.",
    ]


# --- headlines, datelines, bylines, lists ------------------------------------------------------


def test_a_headline_before_a_single_line_break_is_its_own_paragraph():
    text = "Headline about Kabul talks\nThe first paragraph says something.\n\nNext one."
    assert [text[a:b] for a, b in split_paragraphs(text)] == [
        "Headline about Kabul talks",
        "The first paragraph says something.",
        "Next one.",
    ]


def test_a_byline_and_a_dateline_are_kept_apart_from_the_story():
    text = "By Our Staff Reporter\nPESHAWAR: Nine people were killed on Friday.\n\nMore."
    assert sentences(text) == [
        "By Our Staff Reporter",
        "PESHAWAR: Nine people were killed on Friday.",
        "More.",
    ]


def test_a_wrapped_line_that_filled_the_width_stays_a_soft_wrap():
    text = (
        "The first round of talks between Pakistani and Afghan officials ended\n"
        "Tuesday without a joint statement.\n\nNext."
    )
    assert sentences(text)[0].endswith("ended\nTuesday without a joint statement.")


def test_an_arabic_script_headline_is_its_own_paragraph():
    text = (
        "بارش‌های سنگین در کابل\n"
        "کابل: بارش‌های سنگین روز شنبه بخش‌هایی از شهر را زیر آب برد.\n\nپایان."
    )
    assert sentences(text, "fa-AF") == [
        "بارش‌های سنگین در کابل",
        "کابل: بارش‌های سنگین روز شنبه بخش‌هایی از شهر را زیر آب برد.",
        "پایان.",
    ]


def test_list_items_are_segments_of_their_own():
    text = "The demands are:\n- the release of the engineers;\n- an end to attacks.\n\nNo reply."
    assert sentences(text) == [
        "The demands are:",
        "- the release of the engineers;",
        "- an end to attacks.",
        "No reply.",
    ]


def test_a_numbered_list_item_is_not_cut_after_its_number():
    text = "Key points\n1. Salaries raised by 25pc.\n2. Minimum wage set.\n\nEnd."
    assert sentences(text)[1:3] == ["1. Salaries raised by 25pc.", "2. Minimum wage set."]


def test_headline_and_list_paragraphs_rebuild_the_document_exactly():
    text = "Title\r\n- one\r\n- two;\r\nBody text here. And more.\r\n\r\nEnd.\r\n"
    assert rebuild(text, segment_text(text, "en")) == text


# --- abbreviations, initials, numbers, addresses -----------------------------------------------


def test_am_and_pm_end_a_sentence_before_a_capitalised_word():
    assert sentences("It ended at 1.15 p.m. Reporters waited. It began at 9 a.m. Monday.") == [
        "It ended at 1.15 p.m.",
        "Reporters waited.",
        "It began at 9 a.m. Monday.",
    ]


def test_urls_and_email_addresses_are_not_cut():
    text = "See www.mofa.gov.pk. Write to media@unama.org or https://x.org/a.b?c=d now. Done."
    assert sentences(text) == [
        "See www.mofa.gov.pk.",
        "Write to media@unama.org or https://x.org/a.b?c=d now.",
        "Done.",
    ]


@pytest.mark.parametrize(
    ("lang", "first"),
    [
        ("ur", "ڈاکٹر اے. کیو. خان اسلام آباد میں انتقال کر گئے۔"),
        ("fa", "داکتر م. سرشک گفت که وضعیت نگران‌کننده است."),
        ("fa-AF", "زلزله‌ها در مهر ۱۴۰۲ ه.ش. بیش از ۲۴۴۵ تن را کشت."),
        ("ps", "ښ. کرزي له ډ. احمدي سره وکتل."),
        ("ps", "د ۱۴۰۲ ل.م. کال زلزلو ډېر کسان ووژل."),
        ("ps", "انج. محمد نعیم وویل چې وضعیت خراب دی."),
    ],
)
def test_arabic_script_abbreviations_and_initials_do_not_end_a_sentence(lang, first):
    assert sentences(f"{first} دوم جمله.", lang) == [first, "دوم جمله."]


def test_a_two_letter_pashto_word_before_a_full_stop_ends_the_sentence():
    assert sentences("دا مهم دی. هو.", "ps") == ["دا مهم دی.", "هو."]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fa-AF", "«فرزندانم اینجا به دنیا آمده‌اند. کجا برویم؟» او پرسید."),
        ("ur", "“میرے بچے یہیں پیدا ہوئے۔ ہم کہاں جائیں؟” انہوں نے سوال کیا۔"),
        ("ps", "«زما ماشومان دلته زېږېدلي دي. چېرته لاړ شو؟» هغې وپوښتل."),
    ],
)
def test_a_short_attribution_after_a_quotation_stays_with_its_last_sentence(lang, text):
    first, rest = sentences(text, lang)
    assert rest.endswith(("او پرسید.", "انہوں نے سوال کیا۔", "هغې وپوښتل."))
    assert first + " " + rest == text


def test_a_long_clause_after_a_quotation_is_a_new_sentence():
    text = "از او پرسید: «آیا استعفا می‌دهی؟» او گفت چیزی برای پنهان کردن ندارد."
    assert len(sentences(text, "fa")) == 2


def test_the_pashto_word_for_was_ends_a_sentence():
    assert sentences("غونډه ترینګلې وه. ډېر شور ماشور و. هوکړه ونه شوه.", "ps") == [
        "غونډه ترینګلې وه.",
        "ډېر شور ماشور و.",
        "هوکړه ونه شوه.",
    ]
