"""The glossary page in Streamlit's AppTest: list, edit and save, import, try a sentence."""

from __future__ import annotations

import shutil

import pytest
from streamlit.testing.v1 import AppTest

from tests.fixtures.editor_app import finish_translation
from tests.fixtures.editor_grid import grid_data
from tests.fixtures.markdown import shown
from tests.fixtures.streamlit_downloads import DOWNLOADS_KEY
from workbench import config
from workbench.glossary import Role, load_glossary, parse_glossary
from workbench.ui import state

HOUSE_TBX = config.GLOSSARIES_DIR / "security.tbx"
HOUSE_CSV = config.GLOSSARIES_DIR / "security.csv"


def _glossary_page() -> None:
    from workbench.ui import glossary_page, sidebar, state

    state.init()
    sidebar.render()
    glossary_page.render()


@pytest.fixture
def house_copy(tmp_path):
    for path in (HOUSE_TBX, HOUSE_CSV):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path / HOUSE_TBX.name


def open_page(path) -> AppTest:
    at = AppTest.from_function(_glossary_page, default_timeout=30)
    at.session_state[state.GLOSSARY_PATH] = path
    return at.run()


def editor_key(at: AppTest) -> str:
    return at.dataframe[0].key


def test_page_lists_every_concept_with_the_chosen_target(house_copy):
    at = open_page(house_copy)
    assert not at.exception and not at.error
    assert "15 concepts" in at.caption[0].value
    at.selectbox(key=state.TARGET).set_value("ps").run()
    frame = at.dataframe[0].value
    assert list(frame["concept"])[:3] == ["TTP", "ETIM", "APTTA"]
    assert frame.loc[frame["concept"] == "TTP", "short"].item() == "ټي ټي پي"


def test_editing_a_rendering_and_saving_writes_the_file_and_its_twin(house_copy):
    at = open_page(house_copy)
    frame = at.dataframe[0].value
    row = int(frame.index[frame["concept"] == "khost"][0])
    # What the data editor sends when a cell is edited.
    at.session_state[editor_key(at)] = {
        "edited_rows": {row: {"full": "خوست ولایت"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.button(key="glossary_save").click().run()
    assert not at.exception and not at.error
    assert "Saved security.tbx and security.csv" in shown(at.success[0].value)
    for path in (house_copy, house_copy.with_suffix(".csv")):
        assert load_glossary(path).get("khost").preferred("ur", Role.FULL) == "خوست ولایت"


def test_an_invalid_edit_is_refused_and_the_file_is_unchanged(house_copy):
    before = house_copy.read_bytes()
    at = open_page(house_copy)
    at.session_state[editor_key(at)] = {
        "edited_rows": {0: {"english": "", "english_short": "", "english_variants": ""}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.button(key="glossary_save").click().run()
    assert "has no en term" in shown(at.error[0].value)
    assert house_copy.read_bytes() == before


def test_save_is_refused_when_the_file_changed_on_disk_meanwhile(house_copy):
    at = open_page(house_copy)
    other = load_glossary(house_copy)
    from workbench.glossary import save_glossary

    save_glossary(other.replace_concept(other.get("makin").with_terms("ur", [])), house_copy)
    at.button(key="glossary_save").click().run()
    assert "changed on disk" in shown(at.error[0].value)


def test_try_a_sentence_highlights_terms_escaped_with_their_renderings(house_copy):
    at = open_page(house_copy)
    at.text_input(key=state.GLOSSARY_TRY).input("<b>TTP</b> met Dar").run()
    block, renderings = (h.proto.body for h in at.get("html")[:2])
    assert "&lt;b&gt;" in block and "<b>" not in block
    assert '<mark class="wb-term"' in block and ">TTP</mark>" in block
    assert "ٹی ٹی پی" in renderings and "ڈار" in renderings


def test_the_editor_enforces_the_house_glossary_and_counts_terms(argos_en_ur_copy):
    from workbench.engines import argos

    argos.clear_model_cache()
    app = str(config.PROJECT_ROOT / "workbench" / "app.py")
    at = AppTest.from_file(app, default_timeout=60).run()
    finish_translation(at.button(key="translate").click().run())
    assert not at.exception and not at.error
    assert grid_data(at)["job"]["text"].endswith(
        "Glossary: 31 term occurrences, 31 enforced, 0 flagged for review"
    )
    from workbench.store import open_store

    store = open_store()
    stored = store.current_revisions(store.document(config.SAMPLE_DOCUMENT.name).id, "ur")
    targets = " ".join(r.text for r in stored.values())
    assert "ٹی ٹی پی" in targets and "اسحاق ڈار" in targets


TORKHAM_CSV = (
    "concept,lang,full,short,full_variants,short_variants,deprecated,definition,note\n"
    "torkham,en,Torkham,,,,,Border crossing between Pakistan and Afghanistan.,\n"
    "torkham,ur,طورخم,,,,,,\n"
    "khost,en,Khost,,Khowst,,,,\n"
    "khost,ur,صوبہ خوست,,,,,,\n"
).encode()


def upload(at: AppTest, name: str, content: bytes) -> AppTest:
    at.file_uploader(key=state.GLOSSARY_UPLOAD).upload(name, content, "text/csv")
    return at.run()


def test_merging_an_imported_csv_adds_and_replaces_concepts_and_saves_both_files(house_copy):
    at = upload(open_page(house_copy), "torkham.csv", TORKHAM_CSV)
    assert "2 concepts, 1 new, 1 already in the glossary" in shown(at.info[0].value)
    at.button(key="glossary_merge").click().run()
    assert not at.exception and not at.error
    for path in (house_copy, house_copy.with_suffix(".csv")):
        merged = load_glossary(path)
        assert len(merged) == 16
        assert merged.get("torkham").preferred("ur", Role.FULL) == "طورخم"
        assert merged.get("khost").preferred("ur", Role.FULL) == "صوبہ خوست"
        assert merged.get("TTP").preferred("ur", Role.SHORT) == "ٹی ٹی پی"


def test_replacing_with_an_imported_csv_keeps_only_its_concepts(house_copy):
    at = upload(open_page(house_copy), "torkham.csv", TORKHAM_CSV)
    at.button(key="glossary_replace").click().run()
    assert not at.exception and not at.error
    assert [c.id for c in load_glossary(house_copy)] == ["torkham", "khost"]


def test_a_malformed_import_names_its_line_and_changes_nothing(house_copy):
    before = house_copy.read_bytes()
    broken = TORKHAM_CSV + "torkham,ps,طورخم,,,,,,,extra\n".encode()
    at = upload(open_page(house_copy), "broken.csv", broken)
    assert shown(at.error[0].value) == (
        "Nothing imported: broken.csv:6: 10 fields where the header has 9"
    )
    assert "glossary_merge" not in [b.key for b in at.button]
    assert house_copy.read_bytes() == before
    assert "15 concepts" in at.caption[0].value


def _glossary_page_with_downloads() -> None:
    from tests.fixtures.streamlit_downloads import keep_downloads
    from workbench.ui import glossary_page, sidebar, state

    state.init()
    sidebar.render()
    glossary_page.render()
    keep_downloads()


def test_export_downloads_csv_tbx_and_tbx_v3_that_read_back_as_the_glossary(house_copy):
    at = AppTest.from_function(_glossary_page_with_downloads, default_timeout=30)
    at.session_state[state.GLOSSARY_PATH] = house_copy
    at.run()
    assert [b.proto.label for b in at.get("download_button")] == [
        "CSV",
        "TBX (v2, martif)",
        "TBX v3",
    ]
    downloads = at.session_state[DOWNLOADS_KEY]
    assert sorted(downloads) == ["security.csv", "security.tbx", "security.v3.tbx"]
    house = load_glossary(house_copy)
    for name, content in downloads.items():
        assert list(parse_glossary(content, name)) == list(house), name


def test_the_editor_lists_the_terms_of_the_active_sentence_with_their_renderings(
    argos_en_ur_copy,
):
    from tests.fixtures.editor_grid import open_sentence

    app = str(config.PROJECT_ROOT / "workbench" / "app.py")
    at = AppTest.from_file(app, default_timeout=60).run()
    assert not at.exception and not at.error
    # Sentence 4: "Prime Minister Shehbaz Sharif ... the TTP (Tehreek-i-Taliban Pakistan)."
    terms = {t["src"]: t["tgt"] for t in open_sentence(at, 4)["terms"]}
    assert terms["Shehbaz Sharif"] == "شہباز شریف"
    assert terms["TTP"] == "ٹی ٹی پی"
    assert terms["Tehreek-i-Taliban Pakistan"] == "تحریک طالبان پاکستان"
