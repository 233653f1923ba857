"""Planning a TM import from TMX/XLIFF files: entries, counts and reasons for skips."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from workbench.errors import InputError
from workbench.exchange.tmx import read_tmx
from workbench.exchange.units import TranslationUnit
from workbench.exchange.xliff2 import write_xliff
from workbench.memory.file_import import detect_format, plan_import, read_units
from workbench.memory.index import TranslationMemory

FIXTURES = Path(__file__).parent / "fixtures" / "tmx"
TWO_TARGETS = FIXTURES / "two-targets-inline.tmx"


def plan(path: Path, memory: TranslationMemory | None = None, **kwargs):
    return plan_import(read_units(path), memory or TranslationMemory(), source=path.name, **kwargs)


def test_every_target_language_of_a_tu_becomes_an_entry():
    entries, report = plan(TWO_TARGETS)
    assert report.units_read == 5
    assert dict(report.imported) == {"ur-PK": 2, "fa-AF": 1, "ps-AF": 1}
    assert dict(report.skipped) == {"no source text in en": 1, "no target text": 1}
    first = entries[0]
    assert (first.source_lang, first.target_lang) == ("en-US", "ur-PK")
    assert first.source.startswith("Relations between <b>Pakistan</b>")
    assert first.author == "DESK\\reviewer"  # the last one to change it
    assert first.origin == "two-targets-inline.tmx"


def test_only_requested_target_languages_are_imported():
    _, report = plan(TWO_TARGETS, targets=["ur"])
    assert dict(report.imported) == {"ur-PK": 2}
    assert report.skipped["target language not requested"] == 2


def test_pairs_already_in_the_memory_are_skipped():
    entries, _ = plan(TWO_TARGETS)
    memory = TranslationMemory(entries)
    again, report = plan(TWO_TARGETS, memory)
    assert again == []
    assert report.skipped["already in the memory"] == 4


def test_duplicates_inside_one_file_are_counted_once():
    unit = TranslationUnit("en", "Peace talks resumed.", {"ur": "امن مذاکرات دوبارہ شروع ہوئے۔"})
    entries, report = plan_import([unit, unit], TranslationMemory(), source="twice")
    assert len(entries) == 1
    assert report.skipped["already in the memory"] == 1


def test_xliff_files_import_their_translated_segments(tmp_path):
    path = tmp_path / "edited.xlf"
    write_xliff(
        [
            TranslationUnit("en", "Talks resumed.", {"ur": "مذاکرات دوبارہ شروع ہوئے۔"}, id="a"),
            TranslationUnit("en", "Not yet.", {}, id="b"),
        ],
        path,
        srclang="en",
        trglang="ur",
        original="doc",
    )
    entries, report = plan(path)
    assert [(e.source, e.target_lang) for e in entries] == [("Talks resumed.", "ur")]
    assert dict(report.skipped) == {"no target text": 1}


def test_format_is_sniffed_when_the_extension_says_nothing(tmp_path):
    tmx = tmp_path / "memory.xml"
    shutil.copy(TWO_TARGETS, tmx)
    assert detect_format(tmx) == "tmx"
    xliff = tmp_path / "export.xml"
    write_xliff([], xliff, srclang="en", trglang="ur", original="x")
    assert detect_format(xliff) == "xliff"
    other = tmp_path / "notes.xml"
    other.write_text("<notes/>", encoding="utf-8")
    with pytest.raises(InputError, match="neither TMX nor XLIFF"):
        detect_format(other)


def test_a_malformed_file_fails_before_anything_is_planned(tmp_path):
    broken = tmp_path / "broken.tmx"
    text = TWO_TARGETS.read_text(encoding="utf-8").replace("</body>", "</bdy>")
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=r"broken\.tmx:\d+: not well-formed"):
        read_units(broken)


def test_the_summary_lists_counts_and_reasons():
    _, report = plan(TWO_TARGETS)
    assert report.summary().splitlines() == [
        "two-targets-inline.tmx: 5 units read",
        "imported 4 entries (fa-AF 1, ps-AF 1, ur-PK 2)",
        "skipped 2",
        "  1 no source text in en",
        "  1 no target text",
    ]


def test_units_from_a_stream_are_planned_too():
    data = io.BytesIO(TWO_TARGETS.read_bytes())
    entries, _ = plan_import(read_tmx(data), TranslationMemory(), source="upload")
    assert len(entries) == 4
