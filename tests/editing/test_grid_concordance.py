"""The grid's concordance lookup (editing.concordance): whole words by default, letter
variants folded, at most `SHOWN` sentences with a note that there are more."""

from __future__ import annotations

from workbench.editing.concordance import QUERY_MAX_CHARS, SHOWN, look_up, request_of
from workbench.editing.session import OpenGrid
from workbench.memory.concordance import ConcordanceSource
from workbench.memory.index import TmEntry
from workbench.memory.source import add_tm_entries

TRADE = "Afghan trade through Torkham fell."
TRADE_UR = "طورخم كے راستے افغان تجارت کم ہوئی۔"  # an Arabic kaf, as keyed on an Arabic layout
BORDER = "Afghanistan reopened the border."


def memory(store) -> ConcordanceSource:
    add_tm_entries(
        store,
        [
            TmEntry(TRADE, TRADE_UR, "ur", origin="legacy.tmx", author="ali"),
            TmEntry(BORDER, "افغانستان نے سرحد کھول دی۔", "ur", origin="legacy.tmx"),
        ],
    )
    return ConcordanceSource(store)


def request(query: str, target: bool = False, whole: bool = True) -> dict:
    op = {"op": "concordance", "query": query, "target": target, "whole": whole}
    return request_of(op, 7)


def test_the_grid_op_becomes_a_request_with_its_spaces_collapsed_and_whole_words_on():
    op = {"op": "concordance", "query": "  Torkham \n fell ", "target": True}
    assert request_of(op, 7) == {"query": "Torkham fell", "target": True, "whole": True, "seg": 7}


def test_the_session_keeps_the_last_request_for_the_active_sentence(store, document):
    session = OpenGrid(store, document.id, "ur")
    session.reload()
    first = session.rows[0]["id"]
    ops = [{"op": "open", "seg": first, "text": ""}, {"op": "concordance", "query": "Trade"}]
    session.handle({"batch": "b1", "ops": ops}, "amina")
    assert session.concordance == {"query": "Trade", "target": False, "whole": True, "seg": first}


def test_whole_words_by_default_so_a_word_inside_a_longer_one_is_not_a_hit(store):
    found = look_up(memory(store), "ur", request("afghan"))
    assert [hit["src"][0] for hit in found["hits"]] == [[True, "Afghan"]]
    assert found["whole"] is True and found["more"] is False


def test_without_whole_words_a_phrase_inside_a_word_is_a_hit(store):
    found = look_up(memory(store), "ur", request("afghan", whole=False))
    assert len(found["hits"]) == 2 and found["whole"] is False


def test_a_target_side_lookup_folds_letter_variants_and_shows_the_text_as_stored(store):
    found = look_up(memory(store), "ur", request("کے راستے", target=True))
    [hit] = found["hits"]
    assert [piece for marked, piece in hit["tgt"] if marked] == ["كے راستے"]
    assert hit["about"] == "legacy.tmx · ali"


def test_at_most_the_shown_number_with_a_note_that_there_are_more(store):
    entries = [TmEntry(f"Trade rose {i} percent.", f"تجارت {i}", "ur") for i in range(SHOWN + 2)]
    add_tm_entries(store, entries)
    found = look_up(ConcordanceSource(store), "ur", request("trade"))
    assert (len(found["hits"]), found["more"]) == (SHOWN, True)


def test_an_overlong_selection_is_not_searched_and_says_why(store):
    found = look_up(memory(store), "ur", request("Afghan " * QUERY_MAX_CHARS))
    assert found["hits"] == [] and str(QUERY_MAX_CHARS) in found["message"]
