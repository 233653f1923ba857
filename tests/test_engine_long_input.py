"""MT survives any segment (issue 16, issue 19.6): position limits read from the model,
overlong segments cut at clause boundaries and joined, decoding capped, failures isolated."""

from __future__ import annotations

import pytest

from tests.fixtures.argos_package import sample_sentences
from tests.fixtures.spies import TranslatorSpy
from workbench import qa
from workbench.engines import argos, ct2, nllb
from workbench.engines.argos import ArgosEngine, find_route
from workbench.engines.long_input import split_to_fit
from workbench.engines.nllb import NllbEngine
from workbench.errors import WorkbenchError
from workbench.pipeline import translate_segments
from workbench.segment import segment_text

SMALL_TABLE = 40  # positions in the small fixture model's tables
LONG = (
    "Officials said the talks in Kabul, which began on Monday, had made progress on trade; "
    "the border crossings at Torkham and Chaman would reopen next week, and the two sides "
    "would meet again in Islamabad — although no date was set — to discuss security, "
    "refugees and the railway line to Uzbekistan."
)


pytestmark = pytest.mark.usefixtures("fresh_argos_models")


@pytest.fixture
def small_table_model(make_argos_package):
    """The en→ur copy model with a 40-position table, installed and loaded."""
    make_argos_package("en", "ur", "copy", max_positions=SMALL_TABLE)
    [route] = find_route("en", "ur")
    return argos.load_model(route, ArgosEngine().threads)


def test_the_position_limit_is_read_from_the_model_file(make_argos_package):
    path = make_argos_package("en", "ur", "copy", max_positions=SMALL_TABLE)
    assert ct2.position_limit(path / "model") == SMALL_TABLE


def test_a_model_with_sinusoidal_positions_has_no_table_limit(make_argos_package):
    path = make_argos_package("en", "ur", "random")
    assert ct2.position_limit(path / "model") is None


def test_the_nllb_model_limit_is_read_from_its_directory(nllb_model_dir):
    assert ct2.position_limit(nllb_model_dir) == 512


def test_a_model_file_this_reader_cannot_parse_has_no_known_limit(tmp_path):
    # Loading the model reports a broken file; reading its limit must not fail on its own.
    (tmp_path / "model.bin").write_bytes(b"\x06\x00")
    assert ct2.position_limit(tmp_path) is None


def test_a_segment_longer_than_the_table_is_translated_in_parts_and_joined(small_table_model):
    assert len(small_table_model.sp.encode(LONG)) > SMALL_TABLE
    [[best]] = ArgosEngine().translate_batch([LONG], "en", "ur")
    assert best.text == LONG  # the copy model gives every part back; the joins are clean
    assert best.parts > 1


def test_the_parts_end_at_clause_boundaries():
    parts = split_to_fit(LONG, lambda text: len(text.split()), 20)
    assert all(len(p.split()) <= 20 for p in parts)
    # The semicolon first; the half after it is still too long, so it is cut at commas.
    assert [p[-1] for p in parts] == [";", ",", ",", "."]
    assert " ".join(parts) == LONG


def test_text_without_spaces_is_cut_by_characters():
    parts = split_to_fit("x" * 95, len, 20)
    assert "".join(parts) == "x" * 95 and max(map(len, parts)) <= 20


def test_short_segments_around_a_long_one_are_translated_as_before(small_table_model):
    sentences = ["Short one.", LONG, "Another short one."]
    result = ArgosEngine().translate_batch(sentences, "en", "ur")
    assert [hyps[0].text for hyps in result] == sentences
    assert [hyps[0].parts for hyps in result] == [1, result[1][0].parts, 1]


def test_decoding_is_capped_within_the_models_table(small_table_model):
    spy = TranslatorSpy(small_table_model.translator)
    small_table_model.translator = spy
    ArgosEngine().translate_batch([LONG, *sample_sentences()[:3]], "en", "ur")
    [options] = spy.options
    assert options["max_decoding_length"] < SMALL_TABLE
    assert max(spy.lengths[0]) <= SMALL_TABLE - ct2.SOURCE_RESERVE


def test_one_segment_the_model_fails_on_does_not_lose_the_others(small_table_model):
    # A limit read wrong (here: set too high by hand) lets a long segment through to
    # CTranslate2, which raises for it; the other segments must still be translated.
    small_table_model.max_positions = 4 * SMALL_TABLE
    sentences = ["Short one.", LONG + " " + LONG, "Another short one."]
    result = ArgosEngine().translate_batch(sentences, "en", "ur")
    assert [hyps[0].text if hyps else None for hyps in result] == [
        "Short one.",
        None,
        "Another short one.",
    ]
    [(position, error)] = result.failures.items()
    assert position == 1
    assert isinstance(error, WorkbenchError)
    assert str(error).startswith("segment 2: the model could not translate it (")
    assert "\n" not in str(error)


def test_the_pipeline_flags_a_long_segment_and_a_failed_one(small_table_model):
    segments = segment_text(f"Short one. {LONG}", "en")
    rows = translate_segments(segments, ArgosEngine(), "en", "ur")
    assert qa.LONG_SEGMENT in [f.code for f in rows[1].flags]
    assert qa.LONG_SEGMENT not in [f.code for f in rows[0].flags]
    small_table_model.max_positions = 4 * SMALL_TABLE
    segments = segment_text(f"Short one. {LONG}", "en")
    rows = translate_segments(segments, ArgosEngine(), "en", "ur")
    assert rows[0].target == "Short one."
    assert rows[1].target == ""
    assert rows[1].flags[0].code == qa.MT_FAILED
    assert rows[1].flags[0].severity == qa.ERROR


def test_the_new_codes_are_documented_for_the_editor_filter():
    assert {qa.LONG_SEGMENT, qa.MT_FAILED} <= set(qa.CODES)


def test_nllb_translates_a_segment_longer_than_its_table(registered_nllb):
    model = nllb.load_model(registered_nllb)
    long = " ".join([LONG] * 12)
    assert len(model.sp.encode(long)) > 512
    [[best]] = NllbEngine().translate_batch([long], "en", "ps")
    assert best.text == long
    assert best.parts > 1


def test_the_cli_translates_a_document_with_an_overlong_segment(
    small_table_model, tmp_path, capsys
):
    from workbench.cli import main

    doc = tmp_path / "long.txt"
    doc.write_text(f"Short one.\n{LONG}\n", encoding="utf-8")
    assert main(["translate", str(doc), "--to", "ur"]) == 0
    out, err = capsys.readouterr()
    rows = [line.split("\t") for line in out.splitlines()[1:]]
    assert [row[3] for row in rows] == ["Short one.", LONG]
    assert "translated in parts (long-segment): 2" in err


def test_the_cli_names_a_segment_mt_failed_on_and_exits_1(small_table_model, tmp_path, capsys):
    from workbench.cli import main

    small_table_model.max_positions = 4 * SMALL_TABLE  # a limit read wrong: CTranslate2 fails
    doc = tmp_path / "long.txt"
    doc.write_text(f"Short one.\n{LONG}\n", encoding="utf-8")
    assert main(["translate", str(doc), "--to", "ur"]) == 1
    out, err = capsys.readouterr()
    assert [line.split("\t")[3] for line in out.splitlines()[1:]] == ["Short one.", ""]
    assert "error: segment 2: the model could not translate it (" in err
