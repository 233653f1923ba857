"""The translation memory: normalized exact matches, word-level fuzzy matches, diffs."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest
from rapidfuzz.distance import Levenshtein

from workbench.memory.index import (
    CHANGE_LOG_SIZE,
    DiffSpan,
    TmEntry,
    TranslationMemory,
    diff_sources,
    normalize_source,
    offered,
    tokenize,
)

ATTACKS = (
    "Attacks in Pakistan by the TTP rose sharply after the Taliban returned to power "
    "four years ago."
)
ATTACKS_UR = (
    "طالبان کے چار سال قبل اقتدار میں واپس آنے کے بعد پاکستان میں ٹی ٹی پی کے حملوں میں تیزی سے "
    "اضافہ ہوا۔"
)
LACK = "Frustration mounts in Islamabad with the Taliban’s lack of response."


@pytest.fixture
def memory() -> TranslationMemory:
    return TranslationMemory(
        [
            TmEntry(ATTACKS, ATTACKS_UR, "ur"),
            TmEntry(LACK, "اسلام آباد میں مایوسی بڑھ رہی ہے۔", "ur-PK"),
            TmEntry(ATTACKS, "حملات تی‌تی‌پی پس از بازگشت طالبان شدت گرفت.", "fa-AF"),
        ]
    )


def test_normalization_unifies_quotes_dashes_spaces_and_compatibility_forms():
    assert normalize_source("  The Taliban’s\u00a0“reset” — ﬁnally\t ") == (
        'The Taliban\'s "reset" - finally'
    )


def test_exact_match_ignores_typographic_quotes_and_spacing(memory):
    entry = memory.exact(
        "Frustration mounts in  Islamabad with the Taliban's lack of response.", "ur"
    )
    assert entry is not None and entry.source == LACK


def test_exact_match_is_case_sensitive_but_fuzzy_scores_a_case_change_99(memory):
    assert memory.exact(ATTACKS.upper(), "ur") is None
    (match,) = memory.lookup(ATTACKS.upper(), "ur")
    assert (match.score, match.exact) == (99.0, False)


def test_lookup_returns_an_exact_match_at_100(memory):
    (match,) = memory.lookup(ATTACKS, "ur")
    assert (match.score, match.exact, match.entry.target) == (100.0, True, ATTACKS_UR)


def test_one_changed_word_is_a_high_fuzzy_match(memory):
    (match,) = memory.lookup(ATTACKS.replace("four", "five"), "ur")
    assert 90 <= match.score < 100  # 1 edit in 18 tokens: 94.4
    assert not match.exact


def test_unrelated_sentences_are_not_matched(memory):
    assert memory.lookup("The weather in Kabul was mild for the season this year.", "ur") == []


def test_swapped_word_order_is_not_a_full_match(memory):
    swapped = ATTACKS.replace("Pakistan by the TTP", "the TTP by Pakistan")
    (match,) = memory.lookup(swapped, "ur")
    assert match.score < 90


def test_threshold_is_respected(memory):
    query = "Attacks in Pakistan rose after the Taliban returned."  # 9 of 18 tokens kept
    assert memory.lookup(query, "ur") == []
    (match,) = memory.lookup(query, "ur", threshold=40)
    assert 40 <= match.score < 75


def test_matches_come_best_first_and_are_limited():
    memory = TranslationMemory(
        TmEntry(ATTACKS.replace("four", word), f"t{i}", "ur")
        for i, word in enumerate(["four", "five", "six", "seven"])
    )
    memory.add(TmEntry(ATTACKS.replace("four years ago", "in 2021"), "older", "ur"))
    matches = memory.lookup(ATTACKS.replace("four", "five"), "ur", limit=3)
    assert matches[0].entry.target == "t1"
    assert len(matches) == 3
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)


def test_a_regional_entry_serves_its_language_but_not_a_sibling(memory):
    assert memory.exact(LACK, "ur") is not None  # stored as ur-PK
    assert memory.exact(ATTACKS, "fa-AF") is not None
    assert memory.exact(ATTACKS, "fa-IR") is None
    assert memory.exact(ATTACKS, "ps") is None


def test_the_same_pair_is_held_once():
    memory = TranslationMemory()
    assert memory.add(TmEntry(ATTACKS, ATTACKS_UR, "ur"))
    assert not memory.add(TmEntry(ATTACKS.replace(" ", "  "), ATTACKS_UR + " ", "ur"))
    assert memory.add(TmEntry(ATTACKS, "another translation", "ur"))
    assert len(memory) == 2


def test_empty_sources_and_targets_are_not_added():
    memory = TranslationMemory()
    assert not memory.add(TmEntry("  ", "x", "ur"))
    assert not memory.add(TmEntry("Source.", " ", "ur"))
    assert len(memory) == 0


def test_the_newest_of_two_translations_is_the_exact_match():
    older = TmEntry(ATTACKS, "old", "ur-PK", changed=datetime(2020, 1, 1, tzinfo=UTC))
    newer = TmEntry(ATTACKS, "new", "ur", changed=datetime(2024, 1, 1, tzinfo=UTC))
    assert TranslationMemory([newer, older]).exact(ATTACKS, "ur").target == "new"
    assert (
        TranslationMemory([TmEntry(ATTACKS, "a", "ur"), TmEntry(ATTACKS, "b", "ur")])
        .exact(ATTACKS, "ur")
        .target
        == "b"
    )


def test_diff_marks_the_words_that_changed():
    ours = "Attacks in Pakistan rose sharply after the Taliban returned to power five years ago."
    assert diff_sources(ATTACKS, ours) == (
        DiffSpan("equal", "Attacks in Pakistan "),
        DiffSpan("delete", "by the TTP "),
        DiffSpan("equal", "rose sharply after the Taliban returned to power "),
        DiffSpan("delete", "four "),
        DiffSpan("insert", "five "),
        DiffSpan("equal", "years ago."),
    )


def test_diff_pieces_rebuild_both_sentences():
    ours = "In late August, the ministry accused Pakistan of air strikes."
    theirs = "In August, the Afghan ministry accused Pakistan of launching air strikes!"
    spans = diff_sources(theirs, ours)
    assert "".join(s.text for s in spans if s.op != "delete") == ours
    assert "".join(s.text for s in spans if s.op != "insert") == theirs


def test_lookup_attaches_the_diff(memory):
    (match,) = memory.lookup(ATTACKS.replace("four", "five"), "ur")
    assert DiffSpan("insert", "five ") in match.diff


def test_an_entry_added_under_a_key_replaces_the_one_before_it():
    memory = TranslationMemory()
    memory.add(TmEntry(ATTACKS, "first draft", "ur"), key="segment:1:ur")
    memory.add(TmEntry(ATTACKS, "final", "ur"), key="segment:1:ur")
    assert len(memory) == 1
    assert memory.exact(ATTACKS, "ur").target == "final"
    assert [m.entry.target for m in memory.lookup(ATTACKS.replace("four", "five"), "ur")] == [
        "final"
    ]


def test_inline_markup_from_imported_memories_does_not_cost_a_match():
    memory = TranslationMemory([TmEntry("The <b>TTP</b> claimed the attack.<br/>", "x", "ur")])
    (match,) = memory.lookup("The TTP claimed the attack.", "ur")
    assert (match.score, match.exact) == (99.0, False)


PREFILTER_WORDS = (
    "Pakistan", "Afghanistan", "Kabul", "talks", "border", "trade", "attacks", "the", "of",
    "in", "and", "a", "to", "minister", "said", "TTP", "refugees", "security", ".", ",", "on",
    *(f"term{n}" for n in range(300)),
)  # fmt: skip


def _word_similarity(a: str, b: str) -> float:
    codes: dict[str, str] = {}
    a_code, b_code = (
        "".join(codes.setdefault(t.casefold(), chr(0x100 + len(codes))) for t in tokenize(x))
        for x in (a, b)
    )
    return 100 * Levenshtein.normalized_similarity(a_code, b_code)


def test_the_word_prefilter_never_loses_a_match_brute_force_finds():
    rng = random.Random(3)

    def edited(words: list[str]) -> str:
        words = words.copy()
        for _ in range(rng.randint(0, 3)):  # substitute, insert or delete a word
            at = rng.randrange(len(words))
            match rng.randrange(3):
                case 0:
                    words[at] = rng.choice(PREFILTER_WORDS)
                case 1:
                    words.insert(at, rng.choice(PREFILTER_WORDS))
                case _ if len(words) > 2:
                    del words[at]
        return " ".join(words)

    bases = [rng.choices(PREFILTER_WORDS, k=rng.randint(3, 16)) for _ in range(300)]
    sentences = {edited(base) for base in bases for _ in range(5)}
    memory = TranslationMemory(TmEntry(s, f"t:{s}", "ur") for s in sentences)
    filtered = 0
    for base in rng.sample(bases, 60):
        query = edited(base)
        expected = {s for s in sentences if _word_similarity(query, s) >= 75}
        found = {m.entry.source for m in memory.lookup(query, "ur", limit=len(sentences))}
        assert found == expected, query
        # The filter really ran (rather than falling back to scoring everything):
        filtered += memory._indexes["ur"].candidates(query_code(memory, query), 0.75) is not None
    assert filtered > 50


def query_code(memory: TranslationMemory, text: str) -> str:
    return memory._alphabet.encode_query(t.casefold() for t in tokenize(text))


def test_the_memory_says_what_was_added_and_taken_out_since_a_version():
    memory = TranslationMemory([TmEntry(LACK, "پہلا", "ur")])
    seen = memory.version
    draft = TmEntry(ATTACKS, "first draft", "ur")
    memory.add(draft, key="segment:1:ur")
    final = TmEntry(ATTACKS, "final", "ur")
    memory.add(final, key="segment:1:ur")
    assert memory.changes_since(seen) == ([draft, final], [draft])
    assert memory.changes_since(memory.version) == ([], [])


def test_changes_further_back_than_the_log_are_not_known():
    memory = TranslationMemory()
    memory.extend(TmEntry(f"Sentence number {n}.", f"جملہ {n}", "ur") for n in range(2))
    memory.extend(
        TmEntry(f"Another sentence {n}.", f"جملہ {n}", "ur") for n in range(CHANGE_LOG_SIZE)
    )
    assert memory.changes_since(0) is None
    assert memory.changes_since(2) is not None


def test_offered_matches_leave_out_the_box_text_and_the_excluded_entry(memory):
    near = ATTACKS.replace("four", "five")
    other = TmEntry(ATTACKS.replace("four", "six"), "دوسرا", "ur")
    memory.add(other)
    matches = memory.lookup(near, "ur")
    assert [m.entry.target for m in offered(matches, 3)] == ["دوسرا", ATTACKS_UR]  # newest first
    assert [m.entry.target for m in offered(matches, 3, current=f" {ATTACKS_UR} ")] == ["دوسرا"]
    assert offered(matches, 3, exclude=other) == matches[1:]
    assert offered(matches, 1) == matches[:1]
