"""The editor page in Streamlit's AppTest: documents, translate, and the grid's events as the
page handles them (save, confirm, conflicts, tools), reloads and names."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.fixtures.editor_app import APP, heading, open_app
from tests.fixtures.editor_grid import grid_data, grid_rows, open_sentence, row_of, save, send
from workbench import config
from workbench.store import Origin, RevisionStatus, Store, StoredSegment, open_store
from workbench.ui.rendering import markdown_text


@pytest.fixture
def store() -> Store:
    """The app's store: a fresh database per test (WORKBENCH_DB, set in conftest)."""
    return open_store()


def sample(store: Store) -> list[StoredSegment]:
    return store.segments(store.document(config.SAMPLE_DOCUMENT.name).id)


def translated_app(store: Store, name: str = "Amina Khan") -> AppTest:
    at = open_app(name)
    at.button(key="translate").click().run()
    assert not at.exception and not at.error
    return at


def states(at: AppTest) -> list[str]:
    return [row["state"] for row in grid_rows(at)]


def test_the_bundled_sample_is_listed_and_opened(store):
    at = open_app()
    document = store.document(config.SAMPLE_DOCUMENT.name)
    assert at.selectbox(key="document_id").value == document.id
    assert heading(at) == markdown_text(config.SAMPLE_DOCUMENT.name)
    assert states(at) == ["untranslated"] * document.segment_count


def test_the_whole_document_goes_to_the_grid_in_one_list_with_paragraph_starts(store):
    at = open_app()
    segments = sample(store)
    rows = grid_data(at)["rows"]
    assert [row["n"] for row in rows] == list(range(1, len(segments) + 1))
    starts = [row["n"] for row in rows if row["para"]]
    assert starts == [
        s.index + 1 for s in segments[1:] if s.paragraph != segments[s.index - 1].paragraph
    ]


def test_translating_stores_mt_for_every_sentence(store, argos_en_ur_copy):
    at = translated_app(store)
    segments = sample(store)
    assert row_of(at, 3)["tgt"] == segments[2].text  # the copy model's output
    current = store.current_revisions(segments[0].document_id, "ur")
    assert len(current) == len(segments)
    assert {r.origin for r in current.values()} == {Origin.MT}
    assert set(states(at)) == {"pretranslated"}


def test_an_edit_saved_in_segment_3_is_there_after_a_reload(store, argos_en_ur_copy):
    at = translated_app(store)
    third = sample(store)[2]
    assert save(at, 3, "پاکستان اور افغانستان کے تعلقات۔")["outcome"] == "saved"
    reloaded = open_app()
    assert row_of(reloaded, 3)["tgt"] == "پاکستان اور افغانستان کے تعلقات۔"
    head = store.current_revision(third.id, "ur")
    assert (head.origin, head.status, head.number) == (Origin.HUMAN, RevisionStatus.DRAFT, 2)
    assert states(reloaded).count("edited") == 1


def test_saving_the_same_text_twice_adds_one_revision(store, argos_en_ur_copy):
    at = translated_app(store)
    third = sample(store)[2]
    save(at, 3, "نیا متن")
    assert save(at, 3, "نیا متن")["outcome"] == "unchanged"
    assert [r.text for r in store.history(third.id, "ur")] == [third.text, "نیا متن"]


def test_revisions_carry_the_name_from_the_sidebar(store, argos_en_ur_copy):
    at = translated_app(store)
    at.text_input(key="author").input("Bilal Ahmad").run()
    save(at, 1, "سرخی")
    assert store.current_revision(sample(store)[0].id, "ur").author == "Bilal Ahmad"


def test_confirm_marks_the_segment_final(store, argos_en_ur_copy):
    at = translated_app(store)
    first = sample(store)[0]
    answer = save(at, 1, row_of(at, 1)["tgt"], "confirm")
    head = store.current_revision(first.id, "ur")
    assert (head.status, head.origin) == (RevisionStatus.CONFIRMED, Origin.MT)
    assert answer["row"]["state"] == "confirmed"


def test_a_save_over_someone_elses_newer_revision_shows_both_texts(store, argos_en_ur_copy):
    at = translated_app(store)
    third = sample(store)[2]
    mt = store.current_revision(third.id, "ur")
    store.save_revision(third.id, "ur", "ان کا متن", "bilal", mt.id)
    answer = save(at, 3, "میرا متن")
    assert answer["outcome"] == "conflict" and "bilal" in answer["message"]
    assert (answer["mine"], answer["theirs"]["tgt"]) == ("میرا متن", "ان کا متن")
    assert store.current_revision(third.id, "ur").text == "ان کا متن"


def test_keeping_mine_after_a_conflict_saves_it_on_top(store, argos_en_ur_copy):
    at = translated_app(store)
    third = sample(store)[2]
    store.save_revision(
        third.id, "ur", "theirs", "bilal", store.current_revision(third.id, "ur").id
    )
    refused = save(at, 3, "mine")
    send(
        at,
        {
            "op": "save",
            "id": "k",
            "seg": third.id,
            "action": "draft",
            "text": "mine",
            "base": refused["theirs"]["rev"],
        },
    )
    assert [r.text for r in store.history(third.id, "ur")] == [third.text, "theirs", "mine"]


def test_a_sentence_someone_else_saved_shows_their_text_after_a_page_run(store, argos_en_ur_copy):
    at = translated_app(store)
    third = sample(store)[2]
    store.save_revision(
        third.id, "ur", "theirs", "bilal", store.current_revision(third.id, "ur").id
    )
    at.run()
    assert row_of(at, 3)["tgt"] == "theirs" and row_of(at, 3)["by"] == "bilal"


def test_each_row_names_its_qa_flags(store, argos_en_ur_copy):
    at = translated_app(store)  # the copy model leaves English: every row is "untranslated"
    save(at, 1, "پاک افغان تعلقات میں نئی گراوٹ")
    at.run()
    codes = [[code for code, _ in row["qa"]] for row in grid_rows(at)]
    assert "untranslated" not in codes[0]
    assert all("untranslated" in c for c in codes[1:])


def test_the_active_sentence_gets_its_alternatives_and_history_and_one_can_be_used(
    store, argos_en_ur_copy
):
    at = translated_app(store)
    first = sample(store)[0]
    mt = store.machine_translations(first.id, "ur")[0]
    tools = open_sentence(at, 1)
    assert tools["id"] == first.id and tools["mt"]["id"] == mt.id
    assert [h["by"] for h in tools["history"]] == ["mt:argos"]
    save(at, 1, "سرخی")  # typed over, then the alternative is taken instead
    last = mt.alternatives[-1]
    answer = save(at, 1, last.text, "use", origin="mt", mt=mt.id)
    assert answer["outcome"] == "saved"
    head = store.current_revision(first.id, "ur")
    assert (head.text, head.origin, head.machine_translation_id) == (last.text, Origin.MT, mt.id)


def test_the_history_says_who_saved_each_revision_when_and_where_it_came_from(
    store, argos_en_ur_copy
):
    at = translated_app(store)
    save(at, 1, "سرخی")
    mine, mt = store.history(sample(store)[0].id, "ur")[::-1]
    newest, oldest = open_sentence(at, 1)["history"]
    assert (newest["by"], newest["at"], newest["origin"]) == (
        "Amina Khan",
        f"{mine.created:%Y-%m-%d %H:%M}",
        "Edited",
    )
    assert (oldest["by"], oldest["at"], oldest["origin"]) == (
        "mt:argos",
        f"{mt.created:%Y-%m-%d %H:%M}",
        "MT",
    )


def test_an_uploaded_utf16_document_is_stored_and_opened(store):
    at = open_app()
    text = "Talks resumed in Kabul. Trade was discussed."
    at.file_uploader(key="upload").upload(
        "talks.txt", "\ufeff".encode("utf-16-le") + text.encode("utf-16-le"), "text/plain"
    ).run()
    assert not at.exception
    assert heading(at) == markdown_text("talks.txt")
    assert [row["n"] for row in grid_rows(at)] == [1, 2]
    assert store.document("talks.txt").segment_count == 2


def test_a_file_that_is_not_text_is_refused_with_its_name(store):
    at = open_app()
    at.file_uploader(key="upload").upload("scan.txt", b"\x89PNG\r\n\x1a\n\xff\x00", "text/plain")
    at.run()
    assert markdown_text("scan.txt:") in at.error[0].value
    assert heading(at) == markdown_text(config.SAMPLE_DOCUMENT.name)
    assert [d.name for d in store.documents()] == [config.SAMPLE_DOCUMENT.name]


def test_document_text_goes_to_the_grid_as_data_never_as_html(store):
    at = open_app()
    hostile = "A <script>alert(1)</script> headline.\n\nSecond <b>bold</b> paragraph."
    at.file_uploader(key="upload").upload("hostile.txt", hostile.encode(), "text/plain").run()
    assert row_of(at, 1)["src"] == "A <script>alert(1)</script> headline."
    bodies = "".join(h.proto.body for h in at.get("html"))
    assert "<script>alert(1)" not in bodies and "<b>bold" not in bodies


def test_a_document_name_is_shown_as_typed_not_as_markdown(store):
    at = open_app()
    at.file_uploader(key="upload").upload("**draft** :red[x].txt", b"One sentence.", "text/plain")
    at.run()
    assert heading(at) == r"\*\*draft\*\* \:red\[x\]\.txt"


def test_a_start_document_that_cannot_be_read_is_named_and_the_sample_opens(store, tmp_path):
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["doc_path"] = tmp_path / "missing.txt"
    at.run()
    assert markdown_text("missing.txt: cannot open it") in at.error[0].value
    assert heading(at) == markdown_text(config.SAMPLE_DOCUMENT.name)


def test_switching_documents_opens_the_new_one_at_its_first_sentence(store):
    at = open_app()
    send(at, {"op": "open", "seg": row_of(at, 30)["id"], "text": ""})
    assert at.query_params["seg"] == "30"
    talks = store.add_document("talks.txt", "Talks resumed. Trade was discussed.")
    at.run()
    at.selectbox(key="document_id").set_value(talks.id).run()
    assert [row["n"] for row in grid_rows(at)] == [1, 2]
    assert grid_data(at)["focus"]["seg"] == row_of(at, 1)["id"]
    assert at.query_params["doc"] == str(talks.id)


def test_a_target_without_a_model_disables_translate_and_says_how_to_install(
    store, no_argos_packages
):
    at = open_app()
    assert at.button(key="translate").disabled
    assert "workbench packages install en ur" in at.warning[0].value


def test_the_place_in_the_url_opens_that_document_target_and_sentence(store):
    open_app()  # stores the sample
    talks = store.add_document("talks.txt", "Talks resumed. Trade was discussed. No statement.")
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"doc": str(talks.id), "target": "ps", "seg": "3"})
    at.run()
    assert at.selectbox(key="document_id").value == talks.id
    assert at.selectbox(key="target").value == "ps"
    assert grid_data(at)["focus"]["seg"] == store.segments(talks.id)[2].id


def test_an_uploaded_markdown_file_in_utf8_is_stored_and_opened(store):
    at = open_app()
    text = "# Talks in Kabul\n\nTalks resumed on Monday. Trade was discussed."
    at.file_uploader(key="upload").upload("talks.md", text.encode(), "text/markdown").run()
    assert not at.exception and not at.error
    assert heading(at) == markdown_text("talks.md")
    assert store.document_text(store.document("talks.md").id) == text


def test_without_a_name_nothing_is_saved_and_the_os_user_is_never_used(store, argos_en_ur_copy):
    at = translated_app(store, name="")
    assert at.text_input(key="author").value == ""
    answer = save(at, 1, "سرخی")
    assert answer["outcome"] == "refused" and "name" in answer["message"]
    assert len(store.history(sample(store)[0].id, "ur")) == 1


def test_confirming_a_repeated_sentence_fills_its_repetitions(store, argos_en_ur_copy):
    repeated = store.add_document(
        "repeated.txt", "No statement was issued.\n\nTrade fell.\n\nNo statement was issued."
    )
    at = open_app("Amina Khan")
    at.selectbox(key="document_id").set_value(repeated.id).run()
    _, _, third = store.segments(repeated.id)
    assert [row["rep"] for row in grid_rows(at)] == ["1/2", "", "2/2"]
    answer = save(at, 1, "کوئی بیان جاری نہیں ہوا۔", "confirm")
    assert answer["outcome"] == "saved"
    head = store.current_revision(third.id, "ur")
    assert (head.text, head.origin, head.status) == (
        "کوئی بیان جاری نہیں ہوا۔",
        Origin.PROPAGATED,
        RevisionStatus.CONFIRMED,
    )
    assert row_of(at, 3)["state"] == "confirmed"  # the grid shows the filled repetition


def test_the_concordance_box_finds_a_phrase_in_the_stored_documents(store):
    document = store.add_document("talks.txt", "Trade through Torkham fell sharply.")
    (segment,) = store.segments(document.id)
    store.save_revision(segment.id, "ur", "طورخم کے راستے تجارت کم ہوئی۔", "amina", None)
    at = open_app()
    at.text_input(key="concordance_query").input("torkham").run()
    assert not at.exception
    shown = " ".join(str(h.proto.body) for h in at.get("html"))
    assert "<mark>Torkham</mark>" in shown
    assert "طورخم کے راستے تجارت کم ہوئی۔" in shown
    assert "talks.txt #1 · human · draft · amina" in shown


def test_the_active_sentence_looks_up_a_phrase_in_the_concordance(store):
    document = store.add_document("talks.txt", "Trade through Torkham fell sharply.")
    (segment,) = store.segments(document.id)
    store.save_revision(segment.id, "ur", "طورخم کے راستے تجارت کم ہوئی۔", "amina", None)
    at = open_app()
    at.selectbox(key="document_id").set_value(document.id).run()
    open_sentence(at, 1)
    found = send(at, {"op": "concordance", "query": " torkham ", "target": False})["concordance"]
    assert (found["query"], found["target"], found["seg"]) == ("torkham", False, segment.id)
    [hit] = found["hits"]
    assert hit["src"] == [[False, "Trade through "], [True, "Torkham"], [False, " fell sharply."]]
    assert hit["tgt"] == [[False, "طورخم کے راستے تجارت کم ہوئی۔"]]
    assert hit["about"].startswith("talks.txt #1 · human · draft · amina · ")  # then the date


def test_a_name_the_browser_remembered_fills_the_name_field(store):
    at = open_app(name="")
    send(at, {"op": "author", "name": "Amina Khan"})
    assert at.text_input(key="author").value == "Amina Khan"
    assert grid_data(at)["author"] == "Amina Khan"
