"""The translation memory in the store: imported entries, post-edits feeding it, TM fills."""

from __future__ import annotations

from workbench.engines.argos import ArgosEngine
from workbench.memory.index import TmEntry, TranslationMemory
from workbench.memory.source import MemorySource, add_tm_entries, tm_entry_counts
from workbench.store import Origin, RevisionStatus, open_store
from workbench.workflows.fill import fill_exact_matches
from workbench.workflows.translate import translate_stored_document

TALKS = "Pakistan and Afghanistan held talks in Kabul."
TALKS_UR = "پاکستان اور افغانستان نے کابل میں مذاکرات کیے۔"


def test_imported_entries_survive_reopening_the_database(db_url):
    store = open_store(db_url)
    assert add_tm_entries(store, [TmEntry(TALKS, TALKS_UR, "ur", origin="legacy.tmx")]) == {"ur": 1}
    store.close()
    reopened = open_store(db_url)
    entry = MemorySource(reopened).refresh().exact(TALKS, "ur")
    assert (entry.target, entry.origin) == (TALKS_UR, "legacy.tmx")
    assert tm_entry_counts(reopened) == {"ur": 1}
    reopened.close()


def test_a_pair_already_in_the_table_is_not_added_again(store):
    add_tm_entries(store, [TmEntry(TALKS, TALKS_UR, "ur")])
    again = [
        TmEntry("  " + TALKS.replace(" ", "  "), TALKS_UR, "ur"),
        TmEntry(TALKS, "x", "ur"),
    ]
    assert add_tm_entries(store, again) == {"ur": 1}
    assert tm_entry_counts(store) == {"ur": 2}


def test_an_editors_post_edit_feeds_the_memory_without_an_import(store, translated):
    source = MemorySource(store)
    first = store.segments(translated.id)[0]
    assert source.refresh().exact(first.text, "ur") is None  # MT drafts are not memory
    head = store.current_revision(first.id, "ur")
    store.save_revision(first.id, "ur", TALKS_UR, "amina", head.id)
    entry = source.refresh().exact(first.text, "ur")
    assert (entry.target, entry.author) == (TALKS_UR, "amina")


def test_a_newer_post_edit_replaces_the_older_one_in_the_memory(store, translated):
    source = MemorySource(store)
    first = store.segments(translated.id)[0]
    draft = store.save_revision(
        first.id, "ur", "پہلا مسودہ", "amina", store.current_revision(first.id, "ur").id
    )
    source.refresh()
    store.save_revision(first.id, "ur", TALKS_UR, "bilal", draft.id)
    memory = source.refresh()
    assert memory.exact(first.text, "ur").target == TALKS_UR
    assert [m.entry.target for m in memory.lookup(first.text, "ur")] == [TALKS_UR]
    assert len(memory) == 1


def test_mt_confirmed_as_is_feeds_the_memory(store, translated):
    first = store.segments(translated.id)[0]
    head = store.current_revision(first.id, "ur")
    store.confirm(first.id, "ur", "amina", head.id)
    assert MemorySource(store).refresh().exact(first.text, "ur").target == "MT0"


def test_exact_matches_fill_untouched_segments_as_origin_tm(store, translated):
    first, second = store.segments(translated.id)[:2]
    memory = TranslationMemory(
        [
            TmEntry(first.text, "TM first", "ur", origin="legacy.tmx"),
            TmEntry(second.text, "TM second", "ur"),
        ]
    )
    store.save_revision(
        second.id, "ur", "editor", "amina", store.current_revision(second.id, "ur").id
    )
    assert fill_exact_matches(store, translated.id, "ur", memory) == 1
    head = store.current_revision(first.id, "ur")
    assert (head.text, head.origin, head.status, head.author) == (
        "TM first",
        Origin.TM,
        RevisionStatus.DRAFT,
        "tm:legacy.tmx",
    )
    assert store.current_revision(second.id, "ur").text == "editor"  # never displaced


def test_translating_with_a_memory_keeps_tm_matches_and_machine_translates_the_rest(
    store, document, argos_en_ur_copy
):
    first, second = store.segments(document.id)[:2]
    memory = TranslationMemory([TmEntry(first.text, TALKS_UR, "ur")])
    translate_stored_document(store, document, ArgosEngine(), "ur", n_best=1, memory=memory)
    tm_head = store.current_revision(first.id, "ur")
    assert (tm_head.text, tm_head.origin) == (TALKS_UR, Origin.TM)
    assert store.machine_translations(first.id, "ur")  # MT alternatives still stored
    mt_head = store.current_revision(second.id, "ur")
    assert (mt_head.text, mt_head.origin) == (second.text, Origin.MT)  # the copy model


def test_suggestions_are_fuzzy_matches_that_follow_new_post_edits(store, translated):
    source = MemorySource(store)
    first = store.segments(translated.id)[0]
    near = first.text.replace("Kabul", "Doha")
    source.refresh()
    assert source.suggestions(near, "ur") == []
    head = store.current_revision(first.id, "ur")
    store.save_revision(first.id, "ur", TALKS_UR, "amina", head.id)
    source.refresh()
    (match,) = source.suggestions(near, "ur")
    assert (match.entry.target, match.exact) == (TALKS_UR, False)
    (exact,) = source.suggestions(first.text, "ur", current="MT0")
    assert (exact.score, exact.exact) == (100.0, True)
    # The segment's own saved text is in the memory, but not offered back to it:
    assert source.suggestions(first.text, "ur", current=TALKS_UR) == []


def test_a_post_edit_in_the_memory_names_its_document_and_sentence(store, translated):
    second = store.segments(translated.id)[1]
    head = store.current_revision(second.id, "ur")
    store.save_revision(second.id, "ur", "ٹی ٹی پی پر بات ہوئی۔", "amina", head.id)
    entry = MemorySource(store).refresh().exact(second.text, "ur")
    assert (entry.document, entry.origin, entry.author) == ("talks.txt #2", "human", "amina")


def test_a_segment_is_not_offered_its_own_post_edit_even_after_mt_replaced_it(store, translated):
    first = store.segments(translated.id)[0]
    mt = store.current_revision(first.id, "ur")
    edit = store.save_revision(first.id, "ur", TALKS_UR, "amina", mt.id)
    store.save_revision(first.id, "ur", "MT0 alt1", "amina", edit.id, origin=Origin.MT)
    source = MemorySource(store)
    source.refresh()
    assert source.suggestions(first.text, "ur", current="MT0 alt1", segment_id=first.id) == []
    (other,) = source.suggestions(first.text, "ur", current="MT0 alt1")  # any other sentence
    assert (other.entry.target, other.exact) == (TALKS_UR, True)


def test_emptying_a_target_takes_its_post_edit_out_of_the_memory(store, translated):
    first = store.segments(translated.id)[0]
    source = MemorySource(store)
    edit = store.save_revision(
        first.id, "ur", TALKS_UR, "amina", store.current_revision(first.id, "ur").id
    )
    assert source.refresh().exact(first.text, "ur") is not None
    store.save_revision(first.id, "ur", "", "amina", edit.id)
    assert source.refresh().exact(first.text, "ur") is None
    assert len(source.memory) == 0


def test_remembered_suggestions_follow_saves_exactly_as_a_fresh_lookup_does(store, translated):
    """Row lookups are remembered and caught up with new entries only; whatever is saved,
    replaced or emptied meanwhile, they answer as a memory loaded afresh would."""
    first, second, third, fourth = store.segments(translated.id)
    queries = [s.text for s in (first, second, third, fourth)]
    queries += [q.replace("Kabul", "Doha").replace("TTP", "ETIM") for q in queries]
    source = MemorySource(store)
    saves = [
        (first, TALKS_UR),
        (second, "ٹی ٹی پی پر بات ہوئی۔"),
        (first, "کابل میں بات چیت"),  # replaces the first post-edit
        (third, "تجارت بھی ایجنڈے پر تھی۔"),
        (second, ""),  # emptied: its entry goes
    ]
    for segment, text in saves:
        source.refresh()
        before = [source.suggestions(q, "ur", limit=2) for q in queries]  # remembered
        head = store.current_revision(segment.id, "ur")
        store.save_revision(segment.id, "ur", text, "amina", head.id)
        source.refresh()
        fresh = MemorySource(store)
        fresh.refresh()
        after = [source.suggestions(q, "ur", limit=2) for q in queries]
        assert after == [fresh.suggestions(q, "ur", limit=2) for q in queries]
        assert after != before
