"""The editor page in Streamlit's AppTest: translate, edit, save, reload, conflicts, filters."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest
from workbench.ui.editor_rows import box_key

from workbench import config
from workbench.editing import default_author
from workbench.engines import argos
from workbench.store import Origin, Status, Store, StoredSegment, open_store
from workbench.ui.rendering import markdown_text

APP = str(config.PROJECT_ROOT / "workbench" / "app.py")


@pytest.fixture
def store() -> Store:
    """The app's store: a fresh database per test (WORKBENCH_DB, set in conftest)."""
    return open_store()


def open_app() -> AppTest:
    """A new browser session on the editor (a reload is another `open_app()`)."""
    argos.clear_model_cache()
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    return at


def sample(store: Store) -> list[StoredSegment]:
    return store.segments(store.document(config.SAMPLE_DOCUMENT.name).id)


def box(at: AppTest, segment: StoredSegment, target: str = "ur"):
    return at.text_area(key=box_key(target, segment.id))


def translated_app(store: Store) -> AppTest:
    at = open_app()
    at.button(key="translate").click().run()
    assert not at.exception and not at.error
    return at


def progress_text(at: AppTest) -> str:
    return at.get("progress")[0].proto.text


def shown_numbers(at: AppTest) -> list[str]:
    return [t.label.removeprefix("Target for sentence ") for t in at.text_area]


def test_the_bundled_sample_is_listed_and_opened(store):
    at = open_app()
    document = store.document(config.SAMPLE_DOCUMENT.name)
    assert at.selectbox(key="document_id").value == document.id
    assert at.subheader[0].value == markdown_text(config.SAMPLE_DOCUMENT.name)
    assert f"{document.segment_count} untranslated" in progress_text(at)


def test_translating_stores_mt_for_every_sentence(store, argos_en_ur_copy):
    at = translated_app(store)
    segments = sample(store)
    assert box(at, segments[2]).value == segments[2].text  # the copy model's output
    current = store.current_revisions(segments[0].document_id, "ur")
    assert len(current) == len(segments)
    assert {r.origin for r in current.values()} == {Origin.MT}
    assert f"{len(segments)} pre-translated (MT/TM)" in progress_text(at)


def test_an_edit_saved_in_segment_3_is_there_after_a_reload(store, argos_en_ur_copy):
    at = translated_app(store)
    third = sample(store)[2]
    box(at, third).input("پاکستان اور افغانستان کے تعلقات۔").run()
    assert not at.exception
    reloaded = open_app()
    assert box(reloaded, third).value == "پاکستان اور افغانستان کے تعلقات۔"
    head = store.current_revision(third.id, "ur")
    assert (head.origin, head.status, head.number) == (Origin.HUMAN, Status.DRAFT, 2)
    assert "1 edited" in progress_text(reloaded)


def test_the_save_button_after_typing_saves_once(store, argos_en_ur_copy):
    at = translated_app(store)
    third = sample(store)[2]
    box(at, third).input("نیا متن")
    at.button(key=f"save-{third.id}").click().run()
    assert [r.text for r in store.history(third.id, "ur")] == [third.text, "نیا متن"]


def test_revisions_carry_the_name_from_the_sidebar(store, argos_en_ur_copy):
    at = translated_app(store)
    at.text_input(key="author").input("Amina Khan").run()
    first = sample(store)[0]
    box(at, first).input("سرخی").run()
    assert store.current_revision(first.id, "ur").author == "Amina Khan"


def test_confirm_marks_the_segment_final(store, argos_en_ur_copy):
    at = translated_app(store)
    first = sample(store)[0]
    at.button(key=f"confirm-{first.id}").click().run()
    head = store.current_revision(first.id, "ur")
    assert (head.status, head.origin) == (Status.CONFIRMED, Origin.MT)
    assert "1 confirmed" in progress_text(at)


def test_a_save_over_someone_elses_newer_revision_shows_both_texts(store, argos_en_ur_copy):
    at = translated_app(store)
    third = sample(store)[2]
    mt = store.current_revision(third.id, "ur")
    store.save_revision(third.id, "ur", "ان کا متن", "bilal", mt.id)
    box(at, third).input("میرا متن").run()
    assert "changed by bilal" in at.warning[0].value
    assert box(at, third).value == "میرا متن"  # nothing typed is lost
    assert any("ان کا متن" in h.proto.body for h in at.get("html"))
    assert store.current_revision(third.id, "ur").text == "ان کا متن"


def conflict_on_segment_3(store: Store) -> tuple[AppTest, StoredSegment]:
    """The app has segment 3 open, Bilal saves "theirs", then the app's editor types "mine"."""
    at = translated_app(store)
    third = sample(store)[2]
    store.save_revision(
        third.id, "ur", "theirs", "bilal", store.current_revision(third.id, "ur").id
    )
    box(at, third).input("mine").run()
    return at, third


def test_keeping_mine_after_a_conflict_saves_it_on_top(store, argos_en_ur_copy):
    at, third = conflict_on_segment_3(store)
    at.button(key=f"keep-{third.id}").click().run()
    assert [r.text for r in store.history(third.id, "ur")] == [third.text, "theirs", "mine"]
    assert not at.warning


def test_taking_theirs_after_a_conflict_puts_their_text_in_the_box(store, argos_en_ur_copy):
    at, third = conflict_on_segment_3(store)
    at.button(key=f"take-{third.id}").click().run()
    assert box(at, third).value == "theirs"
    assert len(store.history(third.id, "ur")) == 2
    assert not at.warning


def test_an_untouched_box_shows_what_someone_else_saved(store, argos_en_ur_copy):
    at = translated_app(store)
    third = sample(store)[2]
    store.save_revision(
        third.id, "ur", "theirs", "bilal", store.current_revision(third.id, "ur").id
    )
    at.run()
    assert box(at, third).value == "theirs"


def test_filters_show_edited_confirmed_and_unedited_rows(store, argos_en_ur_copy):
    at = translated_app(store)
    first, second = sample(store)[:2]
    at.button(key=f"confirm-{first.id}").click().run()
    box(at, second).input("ترمیم").run()
    at.button_group(key="row_filter").set_value("edited").run()
    assert shown_numbers(at) == ["2"]
    at.button_group(key="row_filter").set_value("confirmed").run()
    assert shown_numbers(at) == ["1"]
    at.button_group(key="row_filter").set_value("unedited").run()
    assert shown_numbers(at)[:2] == ["3", "4"]


def test_the_qa_filter_shows_the_rows_qa_flags_and_each_row_names_its_flags(
    store, argos_en_ur_copy
):
    at = translated_app(store)  # the copy model leaves English: every row is "untranslated"
    first = sample(store)[0]
    box(at, first).input("پاک افغان تعلقات میں نئی گراوٹ").run()
    badges = [m.value for m in at.markdown if "badge[" in m.value]
    assert badges.count(":orange-badge[untranslated]") == len(at.text_area) - 1
    at.button_group(key="row_filter").set_value("qa").run()
    assert shown_numbers(at)[:2] == ["2", "3"]
    assert "1" not in shown_numbers(at)


def test_search_finds_sentences_by_source_text(store):
    at = open_app()
    at.text_input(key="search").input("Nangarhar").run()
    expected = [str(s.index + 1) for s in sample(store) if "Nangarhar" in s.text]
    assert shown_numbers(at) == expected


def test_pages_of_25_50_and_100_rows(store):
    at = open_app()
    total = len(sample(store))
    assert shown_numbers(at) == [str(n) for n in range(1, 26)]
    at.pagination(key="pager").select(3).run()
    assert shown_numbers(at) == [str(n) for n in range(51, total + 1)]
    at.selectbox(key="page_size").set_value(50).run()
    assert shown_numbers(at)[0] == "1" and len(at.text_area) == 50
    at.selectbox(key="page_size").set_value(100).run()
    assert len(at.text_area) == total


def test_alternatives_and_history_open_on_demand_and_an_alternative_can_be_used(
    store, argos_en_ur_copy
):
    at = translated_app(store)
    first = sample(store)[0]
    mt = store.machine_translations(first.id, "ur")[0]
    at.button(key=f"more-{first.id}").click().run()
    history = [h.proto.body for h in at.get("html") if "wb-history" in h.proto.body]
    assert len(history) == 1 and "mt:argos" in history[0]
    last = mt.alternatives[-1]
    at.button(key=f"use-{first.id}-{last.rank}").click().run()
    assert box(at, first).value == last.text
    head = store.current_revision(first.id, "ur")
    assert (head.text, head.origin, head.machine_translation_id) == (last.text, Origin.MT, mt.id)


def test_an_uploaded_utf16_document_is_stored_and_opened(store):
    at = open_app()
    text = "Talks resumed in Kabul. Trade was discussed."
    at.file_uploader(key="upload").upload(
        "talks.txt", "\ufeff".encode("utf-16-le") + text.encode("utf-16-le"), "text/plain"
    ).run()
    assert not at.exception
    assert at.subheader[0].value == markdown_text("talks.txt")
    assert shown_numbers(at) == ["1", "2"]
    assert store.document("talks.txt").segment_count == 2


def test_a_file_that_is_not_text_is_refused_with_its_name(store):
    at = open_app()
    at.file_uploader(key="upload").upload("scan.txt", b"\x89PNG\r\n\x1a\n\xff\x00", "text/plain")
    at.run()
    assert markdown_text("scan.txt:") in at.error[0].value
    assert at.subheader[0].value == markdown_text(config.SAMPLE_DOCUMENT.name)
    assert [d.name for d in store.documents()] == [config.SAMPLE_DOCUMENT.name]


def test_document_text_is_escaped_not_rendered_as_html(store):
    at = open_app()
    hostile = "A <script>alert(1)</script> headline.\n\nSecond <b>bold</b> paragraph."
    at.file_uploader(key="upload").upload("hostile.txt", hostile.encode(), "text/plain").run()
    bodies = "".join(h.proto.body for h in at.get("html"))
    assert "<script>alert(1)" not in bodies and "<b>bold" not in bodies
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in bodies


def test_a_document_name_is_shown_as_typed_not_as_markdown(store):
    at = open_app()
    at.file_uploader(key="upload").upload("**draft** :red[x].txt", b"One sentence.", "text/plain")
    at.run()
    assert at.subheader[0].value == r"\*\*draft\*\* \:red\[x\]\.txt"


def test_a_start_document_that_cannot_be_read_is_named_and_the_sample_opens(store, tmp_path):
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["doc_path"] = tmp_path / "missing.txt"
    at.run()
    assert markdown_text("missing.txt: cannot open it") in at.error[0].value
    assert at.subheader[0].value == markdown_text(config.SAMPLE_DOCUMENT.name)


def test_switching_documents_starts_at_the_first_page(store):
    at = open_app()
    at.pagination(key="pager").select(2).run()
    talks = store.add_document("talks.txt", "Talks resumed. Trade was discussed.")
    at.run()
    at.selectbox(key="document_id").set_value(talks.id).run()
    assert shown_numbers(at) == ["1", "2"]


def test_a_target_without_a_model_disables_translate_and_says_how_to_install(
    store, no_argos_packages
):
    at = open_app()
    assert at.button(key="translate").disabled
    assert "workbench packages install en ur" in at.warning[0].value


def test_saving_a_sentence_on_page_2_stays_on_page_2(store, argos_en_ur_copy):
    at = translated_app(store)
    at.pagination(key="pager").select(2).run()
    on_page_2 = shown_numbers(at)
    thirtieth = sample(store)[29]
    box(at, thirtieth).input("تیسواں جملہ").run()
    assert shown_numbers(at) == on_page_2
    assert at.pagination(key="pager").value == 2
    assert store.current_revision(thirtieth.id, "ur").text == "تیسواں جملہ"


def test_search_finds_sentences_by_their_target_text(store, argos_en_ur_copy):
    at = translated_app(store)
    fourth = sample(store)[3]
    box(at, fourth).input("طالبان سے مذاکرات").run()
    at.text_input(key="search").input("مذاکرات").run()
    assert shown_numbers(at) == ["4"]


def test_an_uploaded_markdown_file_in_utf8_is_stored_and_opened(store):
    at = open_app()
    text = "# Talks in Kabul\n\nTalks resumed on Monday. Trade was discussed."
    at.file_uploader(key="upload").upload("talks.md", text.encode(), "text/markdown").run()
    assert not at.exception and not at.error
    assert at.subheader[0].value == markdown_text("talks.md")
    assert store.document_text(store.document("talks.md").id) == text


def test_a_cleared_name_field_saves_revisions_as_the_os_user(store, argos_en_ur_copy):
    at = translated_app(store)
    at.text_input(key="author").input("  ").run()
    first = sample(store)[0]
    box(at, first).input("سرخی").run()
    assert store.current_revision(first.id, "ur").author == default_author()


def test_the_history_says_who_saved_each_revision_when_and_where_it_came_from(
    store, argos_en_ur_copy
):
    at = translated_app(store)
    at.text_input(key="author").input("Amina Khan").run()
    first = sample(store)[0]
    box(at, first).input("سرخی").run()
    at.button(key=f"more-{first.id}").click().run()
    (table,) = [h.proto.body for h in at.get("html") if "wb-history" in h.proto.body]
    mine, mt = store.history(first.id, "ur")[::-1]
    assert f"<td>{mine.created:%Y-%m-%d %H:%M}</td><td>Amina Khan</td><td>human</td>" in table
    assert f"<td>{mt.created:%Y-%m-%d %H:%M}</td><td>mt:argos</td><td>mt</td>" in table
    assert table.index("Amina Khan") < table.index("mt:argos")  # newest first
