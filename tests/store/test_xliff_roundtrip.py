"""XLIFF 2 round trip: export, edit in another tool (translate-toolkit), import as revisions."""

from __future__ import annotations

import io

import pytest
from translate.storage.xliff2 import Xliff2File

from workbench.errors import InputError, WorkbenchError
from workbench.store import Origin, RevisionStatus
from workbench.workflows.export import export_document
from workbench.workflows.xliff_import import import_xliff_targets


def exported(store, document) -> Xliff2File:
    out = io.BytesIO()
    export_document(store, document, "ur", "xliff", out)
    return Xliff2File.parsestring(out.getvalue())


def import_back(store, edited: Xliff2File, author: str = "reviewer"):
    return import_xliff_targets(store, io.BytesIO(bytes(edited)), author, name="edited.xlf")


def revision_counts(store, document) -> list[int]:
    return [len(store.history(s.id, "ur")) for s in store.segments(document.id)]


def test_a_target_changed_elsewhere_comes_back_as_a_human_revision(store, translated):
    edited = exported(store, translated)
    edited.units[1].target = "ٹی ٹی پی پر بات ہوئی۔"
    edited.units[1].xmlelement.set("state", "final")
    report = import_back(store, edited)
    second = store.segments(translated.id)[1]
    head = store.current_revision(second.id, "ur")
    assert (head.text, head.origin, head.status, head.author) == (
        "ٹی ٹی پی پر بات ہوئی۔",
        Origin.HUMAN,
        RevisionStatus.CONFIRMED,
        "reviewer",
    )
    assert [r.text for r in store.history(second.id, "ur")] == ["MT1", "ٹی ٹی پی پر بات ہوئی۔"]
    assert (dict(report.added), report.unchanged, report.units_read) == ({"confirmed": 1}, 3, 4)


def test_an_untranslated_segment_translated_elsewhere_becomes_a_draft(store, document):
    edited = exported(store, document)
    edited.units[3].target = "کوئی مشترکہ بیان جاری نہیں کیا گیا۔"
    report = import_back(store, edited)
    last = store.segments(document.id)[3]
    head = store.current_revision(last.id, "ur")
    assert (head.text, head.status, head.origin) == (
        "کوئی مشترکہ بیان جاری نہیں کیا گیا۔",
        RevisionStatus.DRAFT,
        Origin.HUMAN,
    )
    assert report.skipped["no target text"] == 3


def test_confirming_mt_unchanged_elsewhere_keeps_its_origin(store, translated):
    edited = exported(store, translated)
    edited.units[0].xmlelement.set("state", "final")
    import_back(store, edited)
    head = store.current_revision(store.segments(translated.id)[0].id, "ur")
    assert (head.text, head.origin, head.status) == ("MT0", Origin.MT, RevisionStatus.CONFIRMED)


def test_importing_an_unchanged_file_adds_nothing(store, translated):
    before = revision_counts(store, translated)
    report = import_back(store, exported(store, translated))
    assert revision_counts(store, translated) == before
    assert (sum(report.added.values()), report.unchanged) == (0, 4)


def test_a_segment_saved_in_both_places_is_a_conflict_and_keeps_the_workbench_text(
    store, translated
):
    edited = exported(store, translated)
    first = store.segments(translated.id)[0]
    store.save_revision(
        first.id, "ur", "workbench", "amina", store.current_revision(first.id, "ur").id
    )
    edited.units[0].target = "elsewhere"
    report = import_back(store, edited)
    assert store.current_revision(first.id, "ur").text == "workbench"
    assert [(c.segment, c.workbench_text, c.file_text) for c in report.conflicts] == [
        (1, "workbench", "elsewhere")
    ]
    assert "changed in the workbench since the export" in report.summary()


def test_a_newer_workbench_edit_survives_a_file_that_left_the_segment_alone(store, translated):
    edited = exported(store, translated)
    first = store.segments(translated.id)[0]
    store.save_revision(first.id, "ur", "newer", "amina", store.current_revision(first.id, "ur").id)
    report = import_back(store, edited)
    assert store.current_revision(first.id, "ur").text == "newer"
    assert report.conflicts == [] and report.unchanged == 4


def test_units_whose_source_was_changed_are_skipped(store, translated):
    edited = exported(store, translated)
    edited.units[2].source = "Something else entirely."
    edited.units[2].target = "کچھ اور"
    report = import_back(store, edited)
    assert report.skipped["source text differs from the stored segment"] == 1
    assert store.current_revision(store.segments(translated.id)[2].id, "ur").text == "MT2"


def test_a_file_for_a_document_not_in_the_store_is_refused(store, translated):
    data = bytes(exported(store, translated)).replace(b'original="talks.txt"', b'original="x.txt"')
    with pytest.raises(WorkbenchError, match=r"x\.txt"):
        import_xliff_targets(store, io.BytesIO(data), "reviewer")


def test_a_malformed_file_imports_nothing(store, translated):
    edited = exported(store, translated)
    for unit in edited.units:
        unit.target = "changed"
    data = bytes(edited).replace(b"</unit>", b"</unt>", 1)
    before = revision_counts(store, translated)
    with pytest.raises(InputError, match=r"edited\.xlf:\d+: not well-formed"):
        import_xliff_targets(store, io.BytesIO(data), "reviewer", name="edited.xlf")
    assert revision_counts(store, translated) == before


def with_target_language(edited: Xliff2File, tag: str) -> Xliff2File:
    edited.document.getroot().set("trgLang", tag)
    return edited


@pytest.mark.parametrize("tag", ["ur-PK", "UR-pk", "ur_PK"])
def test_a_regional_target_tag_from_a_cat_tool_lands_on_the_workbench_target(
    store, translated, tag
):
    edited = with_target_language(exported(store, translated), tag)
    edited.units[1].target = "ٹی ٹی پی پر بات ہوئی۔"
    report = import_back(store, edited)
    head = store.current_revision(store.segments(translated.id)[1].id, "ur")
    assert head.text == "ٹی ٹی پی پر بات ہوئی۔"
    assert report.target_lang == "ur"


@pytest.mark.parametrize("tag", ["de", "en-US", "ar"])
def test_a_target_language_the_workbench_does_not_translate_into_stores_nothing(
    store, translated, tag
):
    edited = with_target_language(exported(store, translated), tag)
    edited.units[1].target = "Die TTP wurde besprochen."
    before = revision_counts(store, translated)
    with pytest.raises(InputError, match=r"^edited\.xlf: .* is not a target language"):
        import_back(store, edited)
    assert revision_counts(store, translated) == before
    assert [d.name for d in store.documents()] == [translated.name]
