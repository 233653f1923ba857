"""The alignment page in Streamlit's AppTest: align, check the rows, fix them, accept."""

from __future__ import annotations

import io

import pytest
from streamlit.testing.v1 import AppTest

from tests.fixtures.markdown import shown
from tests.fixtures.parallel_editorial import document, paragraphs
from workbench import config
from workbench.exchange.tmx import read_tmx
from workbench.glossary import load_glossary
from workbench.store import Origin, RevisionStatus, open_store
from workbench.ui import state


def _page() -> None:
    from workbench.ui import align_page, sidebar, state

    state.init()
    sidebar.render()
    align_page.render()


def _edited_urdu() -> str:
    """The Urdu editorial with two sentences merged (2-1) and one left out (1-0)."""
    urdu = paragraphs("ur")
    urdu[0][1:3] = [urdu[0][1].removesuffix("۔") + " اور " + urdu[0][2]]
    del urdu[2][0]
    return document(urdu)


def _aligned(source: str, target: str, lang: str = "ur") -> AppTest:
    at = AppTest.from_function(_page, default_timeout=60).run()
    at.selectbox(key=state.TARGET).set_value(lang)
    at.checkbox(key="align_use_mt").uncheck()
    at.text_area(key="align_source_text").set_value(source)
    at.text_area(key="align_target_text").set_value(target)
    return at.button(key="align").click().run()


def _beads(at: AppTest) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(b.src, b.tgt) for b in at.session_state["alignment"].alignment.beads]


def _cells(at: AppTest) -> list[str]:
    return [h.proto.body for h in at.get("html")]


def test_aligning_shows_one_row_per_bead_source_left_translation_right_in_nastaliq():
    at = _aligned(document(paragraphs("en")), _edited_urdu())

    assert not at.exception and not at.error
    cells = _cells(at)
    assert len(cells) == 2 * 15
    assert "15 rows" in at.caption[1].value
    assert paragraphs("en")[0][0] in cells[0]
    assert 'dir="rtl"' in cells[1] and 'lang="ur"' in cells[1]
    assert "Noto Nastaliq Urdu" in cells[1]
    assert "—" in cells[2 * 7 + 1]  # the sentence the translator left out: nothing opposite


def test_rows_are_coloured_by_confidence_and_unsure_ones_can_be_shown_alone():
    urdu = paragraphs("ur")
    del urdu[1][1]  # two same-length source sentences; the aligner cannot tell which went
    at = _aligned(document(paragraphs("en")), document(urdu))
    beads = at.session_state["alignment"].alignment.beads
    unsure = [b for b in beads if b.low_confidence]
    assert unsure

    at.checkbox(key="align_only_flagged").check().run()

    cells = _cells(at)
    assert len(cells) == 2 * len(unsure)
    assert all("#fde7e9" in cell for cell in cells)  # the colour of rows to check
    assert any(m.value.startswith("⚠") for m in at.markdown)


def test_merge_split_and_shift_buttons_change_the_rows():
    at = _aligned(document(paragraphs("en")), document(paragraphs("ur")))
    assert _beads(at)[:3] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]

    at.button(key="align_merge_1").click().run()
    assert _beads(at)[1] == ((1, 2), (1, 2))

    at.button(key="align_split_1").click().run()
    assert _beads(at)[1:3] == [((1,), (1,)), ((2,), (2,))]

    at.button(key="align_tgt_down_0").click().run()
    assert _beads(at)[:2] == [((0,), ()), ((1,), (0, 1))]

    at.button(key="align_src_up_1").click().run()
    assert _beads(at)[:2] == [((0, 1), ()), ((), (0, 1))]
    assert at.session_state["alignment"].alignment.beads[0].confidence == 1.0
    assert not at.exception


def test_an_edit_that_does_not_apply_says_why():
    at = _aligned(document(paragraphs("en")), document(paragraphs("ur")))

    at.button(key="align_merge_15").click().run()

    assert "Row 16" in shown(at.warning[0].value) and "no next row" in shown(at.warning[0].value)
    assert len(_beads(at)) == 16


def test_accept_stores_the_document_and_aligned_revisions():
    at = _aligned(document(paragraphs("en")), _edited_urdu())
    at.text_input(key="align_doc_name").set_value("editorial-accept-test.txt")
    at.text_input(key=state.AUTHOR).set_value("hina")

    at.button(key="align_accept").click().run()

    assert not at.exception and not at.error
    assert "editorial-accept-test.txt" in shown(at.success[0].value)
    assert "14 confirmed" in shown(at.success[0].value)
    assert "now in the translation memory" in shown(at.success[0].value)
    store = open_store(config.database_url())
    stored = store.document("editorial-accept-test.txt")
    revisions = store.current_revisions(stored.id, "ur")
    assert stored.segment_count == 15 and len(revisions) == 14
    assert {(r.origin, r.status, r.author) for r in revisions.values()} == {
        (Origin.ALIGNED, RevisionStatus.CONFIRMED, "hina")
    }
    store.close()


@pytest.mark.parametrize("missing", ["source", "target"])
def test_a_missing_side_is_a_clear_message(missing):
    at = AppTest.from_function(_page, default_timeout=60).run()
    at.text_area(key="align_source_text").set_value(
        "" if missing == "source" else document(paragraphs("en"))
    )
    at.text_area(key="align_target_text").set_value(
        "" if missing == "target" else document(paragraphs("ur"))
    )

    at.button(key="align").click().run()

    assert "upload a file or paste its text" in shown(at.error[0].value)
    assert at.session_state["alignment"] is None


def test_text_is_escaped_not_rendered_as_html():
    at = _aligned(
        "A <script>alert(1)</script> headline.\n", "ایک <b>سرخی</b> <script>x</script>۔\n"
    )

    cells = "".join(_cells(at))
    assert "<script>" not in cells and "<b>" not in cells
    assert "&lt;script&gt;" in cells


def test_the_house_glossary_is_used_unless_unticked():
    source, target = document(paragraphs("en")), document(paragraphs("ur"))
    concepts = len(load_glossary(config.glossary_path()))

    assert f"glossary: {concepts} concepts" in _aligned(source, target).caption[1].value

    at = AppTest.from_function(_page, default_timeout=60).run()
    at.checkbox(key="align_use_glossary").uncheck()
    at.text_area(key="align_source_text").set_value(source)
    at.text_area(key="align_target_text").set_value(target)
    assert "no glossary" in at.button(key="align").click().run().caption[1].value


def _page_with_downloads() -> None:
    """The page, then the files its download buttons serve, kept where the test can read them
    (AppTest's media store lives only while the script runs)."""
    import streamlit as st
    from streamlit import runtime

    from workbench.ui import align_page, sidebar, state

    state.init()
    sidebar.render()
    align_page.render()
    files = runtime.get_instance().media_file_mgr._storage._files_by_id.values()
    st.session_state["test_downloads"] = {f.filename: f.content for f in files if f.filename}


def test_the_alignment_as_it_stands_downloads_as_tsv_and_tmx():
    at = AppTest.from_function(_page_with_downloads, default_timeout=60).run()
    at.checkbox(key="align_use_mt").uncheck()
    at.text_area(key="align_source_text").set_value(document(paragraphs("en")))
    at.text_area(key="align_target_text").set_value(_edited_urdu())
    at.button(key="align").click().run()
    at.text_input(key=state.AUTHOR).set_value("hina")
    at.button(key="align_merge_0").click().run()  # a person's edit: rows 1 and 2 become one

    assert not at.exception and not at.error
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["TSV", "TMX"]
    assert any("1 rows with one side only are left out" in c.value for c in at.caption)
    downloads = at.session_state["test_downloads"]
    assert sorted(name.rsplit(".", 2)[1:] for name in downloads) == [
        ["ur-aligned", "tmx"],
        ["ur-aligned", "tsv"],
    ]
    tsv = next(d for n, d in downloads.items() if n.endswith(".tsv")).decode("utf-8")
    tmx = next(d for n, d in downloads.items() if n.endswith(".tmx"))
    beads = at.session_state["alignment"].alignment.beads
    assert len(tsv.splitlines()) == 1 + len(beads) == 1 + 14
    assert tsv.splitlines()[1].split("\t")[2:] == ["3-2", "1.000"]
    units = list(read_tmx(io.BytesIO(tmx)))
    assert len(units) == 13
    assert units[0].source == " ".join(paragraphs("en")[0][:3])
    assert units[0].prop("x-bead") == "3-2" and units[0].author == "hina"


def _aligned_into_pashto(engine_name: str) -> AppTest:
    at = AppTest.from_function(_page, default_timeout=60).run()
    at.selectbox(key=state.TARGET).set_value("ps").run()
    at.selectbox(key=state.engine_key("ps")).set_value(engine_name).run()
    at.checkbox(key=state.ALIGN_USE_GLOSSARY).uncheck()
    at.text_area(key=state.ALIGN_SOURCE_TEXT).set_value(document(paragraphs("en")))
    at.text_area(key=state.ALIGN_TARGET_TEXT).set_value(document(paragraphs("ps")))
    return at.button(key=state.ALIGN_RUN).click().run()


def test_a_pashto_alignment_uses_nllb_when_it_is_the_picked_engine(
    registered_nllb, no_argos_packages
):
    at = _aligned_into_pashto("nllb")

    assert not at.exception and not at.error
    summary = at.caption[1].value
    assert "no en→ps model" not in summary
    assert "MT similarity used" in summary or "similarity did not tell" in summary


def test_a_pashto_alignment_follows_the_picked_engine_even_when_it_has_no_model(
    registered_nllb, no_argos_packages
):
    at = _aligned_into_pashto("argos")

    assert not at.exception and not at.error
    assert "MT: no en→ps model installed, aligned without it" in at.caption[1].value


def test_the_glossary_comes_from_the_sessions_glossary_path(tmp_path):
    small = tmp_path / "small.csv"
    small.write_text(
        "concept,lang,full,short,full_variants,short_variants,deprecated,definition,note\n"
        "khost,en,Khost,,,,,,\nkhost,ur,خوست,,,,,,\n",
        encoding="utf-8",
    )
    at = AppTest.from_function(_page, default_timeout=60)
    at.session_state[state.GLOSSARY_PATH] = small
    at.run()
    at.checkbox(key=state.ALIGN_USE_MT).uncheck()
    at.text_area(key=state.ALIGN_SOURCE_TEXT).set_value(document(paragraphs("en")))
    at.text_area(key=state.ALIGN_TARGET_TEXT).set_value(document(paragraphs("ur")))
    at.button(key=state.ALIGN_RUN).click().run()

    assert "glossary: 1 concepts" in at.caption[1].value


def test_accepted_revisions_carry_the_sidebars_name():
    at = AppTest.from_function(_page, default_timeout=60).run()
    at.checkbox(key=state.ALIGN_USE_MT).uncheck()
    at.text_area(key=state.ALIGN_SOURCE_TEXT).set_value(document(paragraphs("en")))
    at.text_area(key=state.ALIGN_TARGET_TEXT).set_value(document(paragraphs("ur")))
    at.button(key=state.ALIGN_RUN).click().run()
    at.text_input(key=state.AUTHOR).set_value("Hina Baloch").run()
    at.button(key=state.ALIGN_ACCEPT).click().run()

    store = open_store()
    stored = store.documents()[-1]
    heads = store.current_revisions(stored.id, "ur").values()
    assert {r.author for r in heads} == {"Hina Baloch"}
