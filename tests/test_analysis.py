"""Analysis: words per match band (workbench.analysis, workflows.analyze, `workbench analyze`)."""

from __future__ import annotations

import csv
import io

import pytest

from workbench.analysis.bands import DEFAULT_WEIGHTS, Band, band_of, parse_weights
from workbench.analysis.words import count_words, words
from workbench.cli import main
from workbench.errors import InputError
from workbench.memory.index import TmEntry, TranslationMemory
from workbench.memory.source import MemorySource, add_tm_entries
from workbench.store import RevisionStatus, open_store
from workbench.workflows.analyze import analyze_document

# Hand-counted: each word on its own line in the comment.
HAND_COUNTED = [
    # Pakistan's / trade / fell / 30% / to / 2,000 / containers / officials / said /
    # cross-border / in / 2024-25 / U.S. / said  (punctuation and the dash are not words)
    ("en", "Pakistan's trade fell 30% to 2,000 containers, officials said — cross-border "
     "in 2024-25, U.S. said.", 14),
    # پاکستان / کی / تجارت / ۳۰ / فیصد / کم / ہو / کر / ۲٬۰۰۰ / کنٹینر / رہ / گئی
    ("ur", "پاکستان کی تجارت ۳۰ فیصد کم ہو کر ۲٬۰۰۰ کنٹینر رہ گئی۔", 12),
    # تجارت / کاهش / می‌یابد (ZWNJ joins) / ۳۰٪
    ("fa-AF", "تجارت کاهش می‌یابد، ۳۰٪.", 4),
    # سوداګري / ۳۰ / سلنه / کمه / شوه (a left-to-right mark after the period is no word)
    ("ps", "سوداګري ۳۰ سلنه کمه شوه.\u200e", 5),
    # اَلْعَرَبِيَّة (diacritics inside) / کتاب
    ("ur", "اَلْعَرَبِيَّة کتاب؟", 2),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "count"), HAND_COUNTED)
def test_word_counts_agree_with_hand_counts(lang, text, count):
    assert count_words(text) == count, words(text)


def test_a_zero_width_non_joiner_does_not_split_a_word():
    assert words("می‌شود") == ["می\u200cشود"]


@pytest.mark.parametrize(
    ("score", "context", "band"),
    [
        (None, False, Band.NO_MATCH),
        (49.9, False, Band.NO_MATCH),
        (50.0, False, Band.FUZZY_50),
        (74.9, False, Band.FUZZY_50),
        (75.0, False, Band.FUZZY_75),
        (85.0, False, Band.FUZZY_85),
        (94.9, False, Band.FUZZY_85),
        (95.0, False, Band.FUZZY_95),
        (99.0, False, Band.FUZZY_95),
        (100.0, False, Band.EXACT),
        (100.0, True, Band.CONTEXT),
    ],
)
def test_band_edges(score, context, band):
    assert band_of(score, context) == band


def test_weights_override_the_defaults_and_bad_ones_are_one_clear_line():
    weights = parse_weights("repetition=10, 100%=25")
    assert (weights[Band.REPETITION], weights[Band.EXACT]) == (10.0, 25.0)
    assert weights[Band.NO_MATCH] == DEFAULT_WEIGHTS[Band.NO_MATCH]
    with pytest.raises(InputError, match="'fuzzy=20' is not BAND=PERCENT"):
        parse_weights("fuzzy=20")
    with pytest.raises(InputError, match="from 0 to 100"):
        parse_weights("100%=120")


OLD = (
    "Pakistan and Afghanistan held talks in Kabul.\n\n"
    "Trade through Torkham was on the agenda.\n\n"
    "No joint statement was issued."
)
NEW = (
    "Pakistan and Afghanistan held talks in Kabul.\n\n"  # 101%: first, same next as in OLD
    "Trade through Torkham was on the agenda.\n\n"  # 101%: same neighbours as in OLD
    "No joint statement was issued.\n\n"  # 100%: no next sentence in OLD, one here
    "Trade through Torkham was on the agenda again.\n\n"  # fuzzy
    "The border reopened on Monday morning.\n\n"  # no match
    "The border reopened on Monday morning."  # repetition
)


@pytest.fixture
def store(tmp_path):
    opened = open_store(f"sqlite:///{tmp_path / 'a.db'}")
    yield opened
    opened.close()


def confirmed_old(store) -> None:
    old = store.add_document("old.txt", OLD)
    for segment in store.segments(old.id):
        store.save_revision(
            segment.id, "ur", f"UR {segment.text}", "amina", None, status="confirmed"
        )


def test_each_sentence_falls_in_its_band(store):
    confirmed_old(store)
    new = store.add_document("new.txt", NEW)
    analysis = analyze_document(store, new.id, "ur", MemorySource(store).refresh())
    assert analysis.bands == (
        Band.CONTEXT,
        Band.CONTEXT,
        Band.EXACT,
        Band.FUZZY_85,
        Band.NO_MATCH,
        Band.REPETITION,
    )
    rows = {row.band: row for row in analysis.rows}
    assert (rows[Band.REPETITION].segments, rows[Band.REPETITION].words) == (1, 6)
    assert rows[Band.REPETITION].weighted_words == 6 * DEFAULT_WEIGHTS[Band.REPETITION] / 100
    assert analysis.words == sum(count_words(s) for s in NEW.split("\n\n"))


def test_a_draft_is_never_a_100_percent_match_in_an_analysis(store):
    old = store.add_document("old.txt", "No joint statement was issued.")
    (segment,) = store.segments(old.id)
    store.save_revision(segment.id, "ur", "NAVTEST PENDING", "amina", None)
    new = store.add_document("new.txt", "No joint statement was issued.")
    analysis = analyze_document(store, new.id, "ur", MemorySource(store).refresh())
    assert analysis.bands == (Band.FUZZY_95,)


def test_the_documents_own_translations_do_not_count_as_matches(store):
    document = store.add_document("done.txt", "No joint statement was issued.")
    (segment,) = store.segments(document.id)
    store.save_revision(segment.id, "ur", "ترجمہ", "amina", None, status=RevisionStatus.CONFIRMED)
    analysis = analyze_document(store, document.id, "ur", MemorySource(store).refresh())
    assert analysis.bands == (Band.NO_MATCH,)


def test_weights_given_to_the_analysis_price_the_bands(store):
    new = store.add_document("new.txt", "Talks were held.\n\nTalks were held.")
    weights = parse_weights("repetition=50")
    analysis = analyze_document(store, new.id, "ur", TranslationMemory(), weights)
    assert [(r.band, r.weighted_words) for r in analysis.rows if r.segments] == [
        (Band.REPETITION, 1.5),
        (Band.NO_MATCH, 3.0),
    ]


def test_analyze_csv_has_one_row_per_band_and_the_four_columns(tmp_path, capsys):
    db_url = f"sqlite:///{tmp_path / 'a.db'}"
    store = open_store(db_url)
    add_tm_entries(store, [TmEntry("No joint statement was issued.", "کوئی بیان نہیں", "ur")])
    store.add_document("new.txt", "No joint statement was issued.\n\nTrade fell sharply.")
    store.close()
    assert main(["analyze", "new.txt", "--to", "ur", "--csv", "--db", db_url]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["band", "segments", "words", "weighted_words"]
    assert [r[0] for r in rows[1:]] == [band.value for band in Band]
    assert rows[3] == ["100%", "1", "5", "1.5"]
    assert rows[-1] == ["no match", "1", "3", "3"]


def test_analyze_prints_a_table_with_a_total(tmp_path, capsys):
    db_url = f"sqlite:///{tmp_path / 'a.db'}"
    store = open_store(db_url)
    store.add_document("new.txt", "Trade fell sharply.")
    store.close()
    assert main(["analyze", "new.txt", "--to", "ur", "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert "new.txt into Urdu:" in out
    assert out.splitlines()[-1].split() == ["total", "1", "3", "3.0"]


def test_analyze_with_bad_weights_is_one_line_and_exit_2(tmp_path, capsys):
    db_url = f"sqlite:///{tmp_path / 'a.db'}"
    code = main(["analyze", "x", "--to", "ur", "--weights", "101=5", "--db", db_url])
    assert code == 2
    assert "is not BAND=PERCENT" in capsys.readouterr().err
