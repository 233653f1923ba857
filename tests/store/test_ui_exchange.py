"""The TM matches panel and the export/import panel, alone and in the editor, in
Streamlit's AppTest."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from translate.storage.xliff2 import Xliff2File

from tests.fixtures.editor_app import finish_translation
from tests.fixtures.editor_grid import grid_data, open_sentence, row_of, save
from tests.store.conftest import FOUR_SENTENCES
from workbench import config
from workbench.editing.payload import match_payload
from workbench.memory.index import TmEntry
from workbench.memory.source import add_tm_entries, tm_entry_counts
from workbench.store import Origin
from workbench.ui.rendering import markdown_text
from workbench.workflows.export import ExportFormat, export_bytes


def kabul_match():
    from workbench.memory.index import TranslationMemory

    memory = TranslationMemory(
        [TmEntry("Talks were held in <Kabul> on Monday.", "پیر کو <کابل> میں بات چیت ہوئی۔", "ur",
                 origin="legacy.tmx")]
    )  # fmt: skip
    [match] = memory.lookup("Talks were held in <Kabul> on Tuesday.", "ur")
    return match


def test_a_fuzzy_match_goes_to_the_grid_with_score_origin_diff_and_target_as_text():
    shown = match_payload(kabul_match())
    assert (shown["score"], shown["from"]) == (86, "legacy.tmx")  # 1 of 7 words changed
    assert ["delete", "Monday"] in shown["diff"] and ["insert", "Tuesday"] in shown["diff"]
    # markup in a match is text: the component puts it into the page with textContent
    assert "".join(t for op, t in shown["diff"] if op != "delete").startswith(
        "Talks were held in <Kabul>"
    )
    assert shown["tgt"] == "پیر کو <کابل> میں بات چیت ہوئی۔"


def exchange_script() -> None:
    import os

    from workbench.store import open_store
    from workbench.ui import exchange_panel, state

    state.init()
    store = open_store(os.environ["WORKBENCH_DB"])
    exchange_panel.render(store, store.document("talks.txt"), "ur", "reviewer")


def test_the_exchange_panel_offers_every_format_and_both_imports(db_url, translated, monkeypatch):
    monkeypatch.setenv("WORKBENCH_DB", db_url)
    at = AppTest.from_function(exchange_script).run()
    assert not at.exception
    assert at.radio(key="tmx_scope").value == "confirmed"
    translation, *labels = [b.proto.label for b in at.get("download_button")]
    assert translation.startswith("Download translation")  # the document itself, first
    assert labels == ["TMX", "XLIFF 2", "XLIFF 1.2", "TSV", "CSV (Excel)"]
    uploads = [u.proto.label for u in at.get("file_uploader")]
    assert len(uploads) == 2 and "XLIFF" in uploads[0] and "TMX" in uploads[1]


# ---- the editor: translation memory first, matches per row, export and import -----------

APP = str(config.PROJECT_ROOT / "workbench" / "app.py")
TALKS_UR = "پاکستان اور افغانستان نے کابل میں مذاکرات کیے۔"
TALKS_IN_DOHA = "Pakistan and Afghanistan held talks in Doha."
DOHA_UR = "پاکستان اور افغانستان نے دوحہ میں مذاکرات کیے۔"


@pytest.fixture
def app_db(db_url, monkeypatch) -> str:
    """The app opens the tests' store (`store`, `document`, `translated` fixtures)."""
    monkeypatch.setenv("WORKBENCH_DB", db_url)
    return db_url


def open_editor(tmp_path: Path, name: str = "talks.txt", text: str = FOUR_SENTENCES) -> AppTest:
    """The app started on a small document (stored under `name`, as the fixtures store it)."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["doc_path"] = path
    at.session_state["author"] = "Amina"
    at.run()
    assert not at.exception
    return at


def target_of(at: AppTest, segment) -> str:
    """The target the grid shows for a sentence."""
    return row_of(at, segment.index + 1)["tgt"]


def matches_shown(at: AppTest, segment) -> list[str]:
    """Each TM match the sentence's tools show when it is active, best first, as one line:
    score, provenance, the source diff (-removed +added) and the target."""
    return [
        f"TM {m['score']}% {m['from']} "
        + "".join({"delete": "-", "insert": "+"}.get(op, "") + text for op, text in m["diff"])
        + f" {m['tgt']}"
        for m in open_sentence(at, segment.index + 1)["matches"]
    ]


def test_translating_fills_exact_memory_matches_first_and_says_how_many(
    store, document, app_db, argos_en_ur_copy, tmp_path
):
    first, second = store.segments(document.id)[:2]
    add_tm_entries(store, [TmEntry(first.text, TALKS_UR, "ur", origin="legacy.tmx")])
    at = open_editor(tmp_path)
    at.button(key="translate").click().run()
    assert at.toast[0].value == "1 sentence filled from the translation memory."
    finish_translation(at)
    assert not at.exception and not at.error
    head = store.current_revision(first.id, "ur")
    assert (head.text, head.origin, head.author) == (TALKS_UR, Origin.TM, "tm:legacy.tmx")
    assert store.current_revision(second.id, "ur").origin == Origin.MT
    assert target_of(at, first) == TALKS_UR
    assert grid_data(at)["job"]["text"].startswith("Translated 4 sentences.")


def test_a_row_shows_its_fuzzy_match_with_score_provenance_and_source_diff(
    store, document, app_db, tmp_path
):
    add_tm_entries(
        store, [TmEntry(TALKS_IN_DOHA, DOHA_UR, "ur", origin="legacy.tmx", author="bilal")]
    )
    at = open_editor(tmp_path)
    first, *others = store.segments(document.id)
    (match,) = matches_shown(at, first)
    assert "TM 88%" in match and "legacy.tmx · bilal" in match  # 1 of 8 words and marks
    assert "-Doha+Kabul." in match and DOHA_UR in match
    assert all(matches_shown(at, s) == [] for s in others)


def test_use_saves_the_match_on_the_rows_revision_as_origin_tm(store, translated, app_db, tmp_path):
    add_tm_entries(store, [TmEntry(TALKS_IN_DOHA, DOHA_UR, "ur", origin="legacy.tmx")])
    at = open_editor(tmp_path)
    at.text_input(key="author").input("Amina").run()
    first = store.segments(translated.id)[0]
    mt = store.current_revision(first.id, "ur")
    assert matches_shown(at, first)  # the grid offers it; the editor takes it
    save(at, 1, DOHA_UR, "use", origin="tm")
    head = store.current_revision(first.id, "ur")
    assert (head.text, head.origin, head.author, head.number) == (
        DOHA_UR,
        Origin.TM,
        "Amina",
        mt.number + 1,
    )
    assert target_of(at, first) == DOHA_UR
    assert matches_shown(at, first) == []  # the box holds it now


def test_use_after_someone_elses_save_shows_the_conflict_and_saves_nothing(
    store, translated, app_db, tmp_path
):
    add_tm_entries(store, [TmEntry(TALKS_IN_DOHA, DOHA_UR, "ur", origin="legacy.tmx")])
    at = open_editor(tmp_path)
    first = store.segments(translated.id)[0]
    mt = store.current_revision(first.id, "ur")
    store.save_revision(first.id, "ur", "ان کا متن", "bilal", mt.id)
    answer = save(at, 1, DOHA_UR, "use", origin="tm")
    assert answer["outcome"] == "conflict" and "bilal" in answer["message"]
    assert [r.text for r in store.history(first.id, "ur")] == ["MT0", "ان کا متن"]


def test_confirmed_rows_show_no_matches(store, translated, app_db, tmp_path):
    add_tm_entries(store, [TmEntry(TALKS_IN_DOHA, DOHA_UR, "ur", origin="legacy.tmx")])
    first = store.segments(translated.id)[0]
    store.confirm(first.id, "ur", "bilal", store.current_revision(first.id, "ur").id)
    assert matches_shown(open_editor(tmp_path), first) == []


def test_a_post_edit_is_offered_in_another_document_but_not_to_its_own_sentence(
    store, translated, app_db, argos_en_ur_copy, tmp_path
):
    at = open_editor(tmp_path)
    first = store.segments(translated.id)[0]
    save(at, 1, TALKS_UR, "confirm")  # only confirmed text is an exact match
    assert store.current_revision(first.id, "ur").origin == Origin.HUMAN
    assert matches_shown(at, first) == []  # its own saved text is no match of itself

    followup = store.add_document("followup.txt", f"{TALKS_IN_DOHA}\n\n{first.text}")
    at.run()
    at.selectbox(key="document_id").set_value(followup.id).run()
    near, same = store.segments(followup.id)
    (fuzzy,) = matches_shown(at, near)
    (exact,) = matches_shown(at, same)
    assert "TM 88%" in fuzzy and TALKS_UR in fuzzy
    assert "TM 100%" in exact and "talks.txt #1 · edited" in exact
    finish_translation(at.button(key="translate").click().run())
    head = store.current_revision(same.id, "ur")
    assert (head.text, head.origin, head.author) == (TALKS_UR, Origin.TM, "tm:talks.txt #1")


def test_the_editor_offers_the_downloads_and_imports_in_one_panel(
    store, translated, app_db, tmp_path
):
    at = open_editor(tmp_path)
    assert [e.label for e in at.expander if e.label != "Concordance"] == ["Export and import"]
    translation, *labels = [b.proto.label for b in at.get("download_button")]
    assert translation.startswith("Download translation")  # the document itself, first
    assert labels == ["TMX", "XLIFF 2", "XLIFF 1.2", "TSV", "CSV (Excel)"]
    assert at.radio(key="tmx_scope").options == [
        "confirmed segments",
        "every segment with a target",
    ]


def test_an_xliff_edited_elsewhere_comes_back_as_revisions_with_counts(
    store, translated, app_db, tmp_path
):
    at = open_editor(tmp_path)
    at.text_input(key="author").input("reviewer").run()
    edited = Xliff2File.parsestring(export_bytes(store, translated, "ur", ExportFormat.XLIFF))
    edited.units[1].target = "ٹی ٹی پی پر بات ہوئی۔"
    at.file_uploader(key="xliff_upload").upload(
        "talks.ur.xlf", bytes(edited), "application/xliff+xml"
    ).run()
    assert not at.exception
    assert at.success[0].value == markdown_text("talks.ur.xlf → talks.txt (ur): 4 units read")
    assert "added 1 revisions (1 draft)" in at.text[0].value
    second = store.segments(translated.id)[1]
    assert target_of(at, second) == "ٹی ٹی پی پر بات ہوئی۔"
    head = store.current_revision(second.id, "ur")
    assert (head.origin, head.author) == (Origin.HUMAN, "reviewer")


MEMORY_TMX = f"""<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="OmegaT" creationtoolversion="6" segtype="sentence"
 o-tmf="OmegaT" adminlang="en" srclang="en" datatype="plaintext"/><body>
<tu><tuv xml:lang="en"><seg>{TALKS_IN_DOHA}</seg></tuv>
    <tuv xml:lang="ur"><seg>{DOHA_UR}</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>No source for this one has a target.</seg></tuv></tu>
</body></tmx>"""  # fmt: skip


def test_a_memory_imported_in_the_editor_counts_units_and_its_matches_appear(
    store, document, app_db, tmp_path
):
    at = open_editor(tmp_path)
    at.file_uploader(key="tm_upload").upload("old.tmx", MEMORY_TMX.encode(), "text/xml").run()
    assert not at.exception
    assert at.success[0].value == markdown_text("old.tmx: 2 units read")
    details = at.text[0].value
    assert "imported 1 entries (ur 1)" in details and "skipped 1" in details
    assert markdown_text("Translation memory: 1 entry (imported, post-edits)") in [
        c.value for c in at.caption
    ]
    first = store.segments(document.id)[0]
    (match,) = matches_shown(at, first)
    assert "TM 88%" in match and "old.tmx" in match


def test_a_malformed_memory_is_refused_with_its_line_and_nothing_imported(
    store, document, app_db, tmp_path
):
    at = open_editor(tmp_path)
    broken = MEMORY_TMX.replace("</seg></tuv></tu>\n<tu>", "</seg></tuv>\n<tu>", 1)
    at.file_uploader(key="tm_upload").upload("old.tmx", broken.encode(), "text/xml").run()
    assert not at.exception
    line = next(n for n, text in enumerate(broken.splitlines(), 1) if "</body>" in text)
    assert at.error[0].value.startswith(markdown_text(f"old.tmx:{line}: not well-formed XML"))
    assert tm_entry_counts(store) == {}
    assert matches_shown(at, store.segments(document.id)[0]) == []


def test_an_unconfirmed_post_edit_is_offered_as_a_draft_below_100_and_never_filled(
    store, translated, app_db, argos_en_ur_copy, tmp_path
):
    at = open_editor(tmp_path)
    first = store.segments(translated.id)[0]
    save(at, 1, "NAVTEST PENDING")  # saved, never confirmed
    followup = store.add_document("followup.txt", first.text)
    at.run()
    at.selectbox(key="document_id").set_value(followup.id).run()
    (same,) = store.segments(followup.id)
    (offered,) = matches_shown(at, same)
    assert "TM 99%" in offered and "draft, not confirmed" in offered
    finish_translation(at.button(key="translate").click().run())
    assert store.current_revision(same.id, "ur").origin == Origin.MT
