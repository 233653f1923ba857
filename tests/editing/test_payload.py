"""What the grid is sent: differences between texts, languages, the active sentence's tools."""

from __future__ import annotations

from workbench.editing.find_replace import preview
from workbench.editing.payload import language_fields, segment_tools, word_diff
from workbench.engines.base import Hypothesis


def test_alternatives_that_differ_by_one_letter_mark_the_word_they_differ_in():
    assert word_diff("ایک بات ہے", "ایک باب ہے") == [
        ["=", "ایک "],
        ["-", "بات"],
        ["+", "باب"],
        ["=", " ہے"],
    ]


def test_identical_texts_have_no_difference():
    assert word_diff("same text", "same text") == [["=", "same text"]]


def test_each_target_has_its_lang_direction_and_script():
    assert language_fields("ur") == {"lang": "ur", "dir": "rtl", "script": "nastaliq"}
    assert language_fields("fa-AF") == {"lang": "fa", "dir": "rtl", "script": "naskh"}
    assert language_fields("ps") == {"lang": "ps", "dir": "rtl", "script": "naskh"}
    assert language_fields("en")["dir"] == "ltr"


def test_the_active_sentence_tools_hold_alternatives_with_differences_and_the_history(
    store, document, segment_ids
):
    store.add_machine_translations(
        document.id,
        "ur",
        "argos",
        "m1",
        [[Hypothesis("ایک بات", -1), Hypothesis("ایک باب", -2)]] * 3,
    )
    store.save_revision(
        segment_ids[0], "ur", "ایک بات ہے", "amina", store.current_revision(segment_ids[0], "ur").id
    )
    tools = segment_tools(store, segment_ids[0], "The TTP was discussed.", "ur", "ایک بات ہے")
    assert [alt["tgt"] for alt in tools["alternatives"]] == ["ایک بات", "ایک باب"]
    assert ["-", " ہے"] in tools["alternatives"][0]["diff"]
    newest, oldest = tools["history"]
    assert (newest["n"], newest["by"], oldest["n"]) == (2, "amina", 1)


def test_find_and_replace_is_literal_and_case_insensitive_unless_asked():
    rows = [{"id": 1, "n": 1, "rev": 5, "tgt": "TTP (a.k.a. ttp)", "state": "confirmed"}]
    [found] = preview(rows, "ttp", "TTP", match_case=False)
    assert found.after == "TTP (a.k.a. TTP)" and found.confirmed
    assert preview(rows, "a.k.a", "aka", match_case=True)[0].after == "TTP (aka. ttp)"
    assert preview(rows, "(.*)", "x") == []
