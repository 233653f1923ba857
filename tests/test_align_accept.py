"""Accepting an alignment stores the source as a document and the translation as revisions."""

from __future__ import annotations

import pytest

from tests.fixtures.parallel_editorial import document, paragraphs
from workbench.align import align_sentences, align_texts
from workbench.align.edit import merge_with_next, with_beads
from workbench.memory.source import MemorySource
from workbench.store import Origin, RevisionStatus, open_store
from workbench.workflows.align_accept import accept_alignment


@pytest.fixture
def store(tmp_path):
    opened = open_store(f"sqlite:///{tmp_path / 'workbench.db'}")
    yield opened
    opened.close()


def _edited_urdu() -> str:
    """The Urdu editorial with two sentences merged (2-1) and one left out (1-0)."""
    urdu = paragraphs("ur")
    urdu[0][1:3] = [urdu[0][1].removesuffix("۔") + " اور " + urdu[0][2]]
    del urdu[2][0]
    return document(urdu)


def test_accepted_pairs_become_a_document_with_aligned_revisions(store):
    source = document(paragraphs("en"))
    alignment = align_texts(source, _edited_urdu(), "en", "ur")

    accepted = accept_alignment(
        store, alignment, name="editorial.en.txt", source_text=source, src="en", tgt="ur",
        author="hina",
    )  # fmt: skip

    segments = store.segments(accepted.document.id)
    revisions = store.current_revisions(accepted.document.id, "ur")
    assert [s.text for s in segments] == [alignment.source_text(b) for b in alignment.beads]
    assert segments[1].text == " ".join(paragraphs("en")[0][1:3])
    assert source[segments[1].start : segments[1].end] == segments[1].text
    assert len(revisions) == 14 and accepted.untranslated == 1 and accepted.unplaced == 0
    assert revisions[segments[1].id].text == alignment.target_text(alignment.beads[1])
    assert {r.origin for r in revisions.values()} == {Origin.ALIGNED}
    assert {r.author for r in revisions.values()} == {"hina"}
    left_out = next(s for s in segments if s.text == paragraphs("en")[2][0])
    assert left_out.id not in revisions


def test_unsure_beads_are_stored_as_drafts_and_checked_ones_as_confirmed(store):
    source = document(paragraphs("en"))
    urdu = paragraphs("ur")
    del urdu[1][1]  # leaves two same-length source sentences the aligner cannot tell apart
    alignment = align_texts(source, document(urdu), "en", "ur")
    unsure = [k for k, b in enumerate(alignment.beads) if b.low_confidence and b.tgt]
    assert unsure

    accepted = accept_alignment(
        store, alignment, name="e.txt", source_text=source, src="en", tgt="ur", author="hina"
    )

    revisions = store.current_revisions(accepted.document.id, "ur")
    statuses = [
        revisions[s.id].status for s in store.segments(accepted.document.id) if s.id in revisions
    ]
    assert statuses.count(RevisionStatus.DRAFT) == accepted.drafts == len(unsure)
    assert accepted.confirmed == len(revisions) - len(unsure)

    checked = with_beads(alignment, merge_with_next(alignment.beads, unsure[0]))
    again = accept_alignment(
        store, checked, name="e.txt", source_text=source, src="en", tgt="ur", author="hina"
    )
    assert again.document.name == "e.txt (2)"
    assert again.drafts < accepted.drafts


def test_target_sentences_without_a_source_are_counted_not_stored(store):
    source = document(paragraphs("en"))
    urdu = paragraphs("ur")
    urdu[1].insert(1, "پکتیکا افغانستان کا ایک دور افتادہ صوبہ ہے جس کی سرحد پاکستان سے ملتی ہے۔")
    alignment = align_texts(source, document(urdu), "en", "ur")

    accepted = accept_alignment(
        store, alignment, name="e.txt", source_text=source, src="en", tgt="ur", author="hina"
    )

    assert accepted.unplaced == 1
    assert accepted.document.segment_count == 16


def test_an_alignment_of_bare_sentence_lists_cannot_be_stored(store):
    alignment = align_sentences(["One.", "Two."], ["ایک۔", "دو۔"], "en", "ur")

    with pytest.raises(ValueError, match="no source spans"):
        accept_alignment(
            store, alignment, name="x", source_text="One. Two.", src="en", tgt="ur", author="a"
        )


def test_accepted_pairs_are_offered_by_the_translation_memory_with_origin_aligned(store):
    source = document(paragraphs("en"))
    alignment = align_texts(source, _edited_urdu(), "en", "ur")
    accept_alignment(
        store, alignment, name="e.txt", source_text=source, src="en", tgt="ur", author="hina"
    )
    english, urdu = paragraphs("en")[0][0], paragraphs("ur")[0][0]

    memory = MemorySource(store).refresh()

    (match,) = memory.lookup(english.replace("another low", "a new low"), "ur", limit=1)
    assert (match.entry.source, match.entry.target) == (english, urdu)
    assert match.entry.origin == "aligned" and match.entry.author == "hina"
    assert memory.exact(english, "ur").origin == "aligned"


def test_unsure_aligned_pairs_join_the_memory_only_once_confirmed(store):
    source = document(paragraphs("en"))
    urdu = paragraphs("ur")
    del urdu[1][1]
    alignment = align_texts(source, document(urdu), "en", "ur")
    accepted = accept_alignment(
        store, alignment, name="e.txt", source_text=source, src="en", tgt="ur", author="hina"
    )
    drafts = [
        (segment, revision)
        for segment in store.segments(accepted.document.id)
        if (revision := store.current_revision(segment.id, "ur")) is not None
        and revision.status == RevisionStatus.DRAFT
    ]
    segment, draft = drafts[0]
    memory_source = MemorySource(store)

    assert memory_source.refresh().exact(segment.text, "ur") is None

    store.confirm(segment.id, "ur", "hina", draft.id)
    entry = memory_source.refresh().exact(segment.text, "ur")
    assert (entry.target, entry.origin) == (draft.text, "aligned")
