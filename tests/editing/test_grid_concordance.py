"""The grid's concordance: a selected word or phrase looked up from the active sentence's
tools (editing.concordance, the `concord` op)."""

from __future__ import annotations

import itertools

from workbench.editing.concordance import QUERY_MAX_CHARS, SHOWN, marked_parts
from workbench.editing.session import OpenGrid
from workbench.memory.concordance import ConcordanceSource
from workbench.memory.index import TmEntry
from workbench.memory.source import add_tm_entries

_batches = itertools.count(1)
TRADE = "Afghan trade through Torkham fell."
TRADE_UR = "طورخم كے راستے افغان تجارت کم ہوئی۔"  # an Arabic kaf, as keyed on an Arabic layout


def grid_with_memory(store, document) -> OpenGrid:
    add_tm_entries(store, [TmEntry(TRADE, TRADE_UR, "ur", origin="legacy.tmx", author="ali")])
    session = OpenGrid(store, document.id, "ur", concordance_search=ConcordanceSource(store))
    session.reload()
    return session


def concord(session: OpenGrid, text: str, side: str = "source", whole: bool = True) -> dict:
    op = {"op": "concord", "id": "c1", "text": text, "side": side, "whole": whole}
    session.handle({"batch": f"b{next(_batches)}", "ops": [op]}, "amina")
    [answer] = session.answers
    return answer


def test_a_selected_source_word_lists_its_sentences_with_the_match_marked(store, document):
    answer = concord(grid_with_memory(store, document), "torkham")
    assert (answer["id"], answer["seg"]) == ("c1", None)  # an answer for no row
    [hit] = answer["concordance"]["hits"]
    assert hit["src"] == [["Afghan trade through ", 0], ["Torkham", 1], [" fell.", 0]]
    assert hit["tgt"] == [[TRADE_UR, 0]]
    assert hit["from"] == "legacy.tmx · ali"  # where, who (an imported pair has no date)
    assert hit["src_dir"] == {"lang": "en", "dir": "ltr"}


def test_a_target_selection_searches_translations_with_letter_variants_folded(store, document):
    answer = concord(grid_with_memory(store, document), "کے راستے", side="target")
    [hit] = answer["concordance"]["hits"]
    assert [part for part, matched in hit["tgt"] if matched] == ["كے راستے"]  # as stored
    assert answer["concordance"]["side"] == "target"


def test_whole_words_by_default_so_a_word_inside_a_longer_one_is_not_a_hit(store, document):
    session = grid_with_memory(store, document)
    border = store.add_document("border.txt", "Afghanistan reopened the border.")
    (segment,) = store.segments(border.id)
    store.save_revision(segment.id, "ur", "افغانستان نے سرحد کھول دی۔", "amina", None)
    [hit] = concord(session, "Afghan")["concordance"]["hits"]
    assert hit["src"][0] == ["Afghan", 1]
    assert len(concord(session, "Afghan", whole=False)["concordance"]["hits"]) == 2


def test_nothing_found_says_so(store, document):
    result = concord(grid_with_memory(store, document), "Kandahar")["concordance"]
    assert (result["hits"], result["message"]) == ([], "“Kandahar” was not found.")


def test_an_empty_or_overlong_selection_is_one_line_and_no_search(store, document):
    session = grid_with_memory(store, document)
    assert concord(session, "  ")["concordance"]["message"] == (
        "Select a word or phrase, or type one."
    )
    long = concord(session, "word " * QUERY_MAX_CHARS)["concordance"]
    assert long["hits"] == [] and str(QUERY_MAX_CHARS) in long["message"]


def test_at_most_the_shown_number_of_hits_with_a_note_that_there_are_more(store, document):
    entries = [TmEntry(f"Trade rose {i} percent.", f"تجارت {i}", "ur") for i in range(SHOWN + 3)]
    add_tm_entries(store, entries)
    session = OpenGrid(store, document.id, "ur", concordance_search=ConcordanceSource(store))
    result = concord(session, "trade")["concordance"]
    assert (len(result["hits"]), result["more"]) == (SHOWN, True)


def test_without_a_concordance_the_grid_is_told_so(store, document):
    session = OpenGrid(store, document.id, "ur")
    assert concord(session, "trade")["concordance"]["message"] == (
        "The concordance is not available here."
    )


def test_marked_parts_cover_the_whole_text_in_order():
    assert marked_parts("abcabc", ((0, 1), (3, 4))) == [["a", 1], ["bc", 0], ["a", 1], ["bc", 0]]
    assert marked_parts("", ()) == [["", 0]]
