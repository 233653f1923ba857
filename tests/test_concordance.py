"""Concordance: a word or phrase in the memory and the stored documents (memory.concordance)."""

from __future__ import annotations

import pytest

from workbench.cli import main
from workbench.memory.concordance import (
    Concordance,
    ConcordanceSource,
    ConcordanceUnit,
    match_spans,
)
from workbench.memory.index import TmEntry
from workbench.memory.source import add_tm_entries
from workbench.store import RevisionStatus, open_store

TRADE = "Trade through Torkham fell by 16 percent."
# Arabic kaf and yeh, Arabic-Indic digits, a ZWNJ and a fatha: as keyed on an Arabic layout.
TRADE_UR = "طورخم كے راستے تجارت ١٦ فیصد کم ہوئی، جو مَیں‌نے دیکھی۔"


def unit(source: str, target: str, where: str = "legacy.tmx") -> ConcordanceUnit:
    return ConcordanceUnit(source, target, "en", "ur", where, where)


def spans_text(text: str, spans) -> list[str]:
    return [text[start:end] for start, end in spans]


@pytest.fixture
def concordance() -> Concordance:
    return Concordance(
        [(1, unit(TRADE, TRADE_UR)), (2, unit("Kabul denied it.", "کابل نے تردید کی۔"))]
    )


def test_a_source_word_finds_its_sentence_with_the_match_in_original_spelling(concordance):
    (hit,) = concordance.search("torkham", "ur")
    assert (hit.unit.target_text, hit.side) == (TRADE_UR, "source")
    assert spans_text(TRADE, hit.spans) == ["Torkham"]


def test_part_of_a_word_and_a_phrase_match(concordance):
    assert [h.unit.source_text for h in concordance.search("Tork", "ur")] == [TRADE]
    assert [h.unit.source_text for h in concordance.search("by 16 percent", "ur")] == [TRADE]
    assert concordance.search("16 by percent", "ur") == []


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("کے", "كے"),  # Persian kaf finds Arabic kaf
        ("۱۶", "١٦"),  # Extended Arabic-Indic digits find Arabic-Indic ones
        ("16", "١٦"),  # and Latin digits
        ("میںنے", "مَیں‌نے"),  # no ZWNJ and no fatha in the query
    ],
)
def test_arabic_script_variants_match_but_display_as_stored(concordance, query, shown):
    (hit,) = concordance.search(query, "ur", target_side=True)
    assert hit.unit.target_text == TRADE_UR  # never folded for display
    assert spans_text(TRADE_UR, hit.spans) == [shown]


def test_whole_words_skip_a_phrase_inside_a_longer_word():
    words = Concordance(
        [
            (1, unit("Afghanistan reopened the border.", "افغانستان نے سرحد کھول دی۔")),
            (2, unit("Afghan traders waited.", "افغان تاجر انتظار کرتے رہے۔")),
        ]
    )
    (hit,) = words.search("afghan", "ur", whole_word=True)
    assert spans_text(hit.unit.source_text, hit.spans) == ["Afghan"]
    assert len(words.search("afghan", "ur")) == 2  # without: inside words too


def test_whole_words_find_a_later_occurrence_after_one_inside_a_word():
    text = "Afghanistan says Afghan trade grew."
    words = Concordance([(1, unit(text, "افغانستان"))])
    (hit,) = words.search("afghan", "ur", whole_word=True)
    assert spans_text(text, hit.spans) == ["Afghan"]
    assert hit.spans == ((17, 23),)


def test_whole_words_in_arabic_script_fold_letters_and_ignore_zwnj():
    text = "وہ می‌شود گفت، نه میشودها"
    assert spans_text(text, match_spans(text, "ميشود", whole_word=True)) == ["می‌شود"]


def test_whole_words_match_a_phrase_ending_in_punctuation():
    text = "Trade fell by 16%, officials said."
    assert spans_text(text, match_spans(text, "16%", whole_word=True)) == ["16%"]


def test_heh_variants_match_each_other():
    assert spans_text("خانہ", match_spans("خانہ", "خانه")) == ["خانہ"]
    assert spans_text("خانە", match_spans("خانە", "خانہ")) == ["خانە"]


def test_bidi_marks_do_not_stop_a_match():
    text = "کابل\u200e نے\u200f تردید کی۔"
    assert spans_text(text, match_spans(text, "کابل نے")) == ["کابل\u200e نے"]


def test_the_source_side_is_not_searched_for_a_target_side_query(concordance):
    assert concordance.search("Kabul", "ur", target_side=True) == []
    assert concordance.search("کابل", "ur") == []


def test_another_target_language_is_not_searched(concordance):
    assert concordance.search("Torkham", "ps") == []


def test_a_replaced_unit_is_found_by_its_new_text_only(concordance):
    concordance.put(2, unit("Kabul denied it.", "کابل نے انکار کیا۔"))
    assert concordance.search("تردید", "ur", target_side=True) == []
    assert len(concordance.search("انکار", "ur", target_side=True)) == 1
    assert len(concordance) == 2


def test_the_store_source_finds_memory_entries_and_document_sentences(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'c.db'}")
    add_tm_entries(store, [TmEntry(TRADE, TRADE_UR, "ur", origin="legacy.tmx", author="ali")])
    document = store.add_document("talks.txt", "Kabul said trade with Torkham would resume.")
    (segment,) = store.segments(document.id)
    store.save_revision(
        segment.id, "ur", "کابل نے کہا تجارت بحال ہوگی۔", "amina", None, status="confirmed"
    )
    source = ConcordanceSource(store)
    hits = source.search("Torkham", "ur")
    assert {(h.unit.where, h.unit.origin, h.unit.author) for h in hits} == {
        ("legacy.tmx", "legacy.tmx", "ali"),
        ("talks.txt #1", "human", "amina"),
    }
    assert hits[0].unit.status == RevisionStatus.CONFIRMED  # newest first: the revision
    # A newer revision replaces the segment's text in the index.
    store.save_revision(
        segment.id,
        "ur",
        "کابل نے تجارت کی بحالی کا اعلان کیا۔",
        "bilal",
        source_head(store, segment),
    )
    assert [h.unit.author for h in source.search("بحالی", "ur", target_side=True)] == ["bilal"]
    assert source.search("ہوگی", "ur", target_side=True) == []
    store.close()


def source_head(store, segment) -> int:
    return store.current_revision(segment.id, "ur").id


def test_tm_concordance_prints_each_hit_with_where_who_and_the_match(tmp_path, capsys):
    db_url = f"sqlite:///{tmp_path / 'c.db'}"
    store = open_store(db_url)
    add_tm_entries(store, [TmEntry(TRADE, TRADE_UR, "ur", origin="legacy.tmx", author="ali")])
    store.close()
    assert main(["tm", "concordance", "تجارت", "--to", "ur", "--target-side", "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert "legacy.tmx · ali" in out
    assert f"  source: {TRADE}" in out
    assert "[[تجارت]]" in out


def test_tm_concordance_says_when_nothing_matches(tmp_path, capsys):
    db_url = f"sqlite:///{tmp_path / 'c.db'}"
    assert main(["tm", "concordance", "Torkham", "--to", "ur", "--db", db_url]) == 0
    assert "in none of the sources (0 sentence pairs searched)" in capsys.readouterr().out
