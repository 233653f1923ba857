"""An alignment as TMX 1.4b (pairs only, valid, readable by other tools) and as TSV (every bead)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from lxml import etree
from translate.storage.tmx import tmxfile

from tests.fixtures.parallel_editorial import document, paragraphs
from workbench.align import align_sentences, align_texts
from workbench.align.edit import merge_with_next, with_beads
from workbench.align.export import (
    alignment_filename,
    alignment_tmx_bytes,
    alignment_tsv_bytes,
    write_alignment_tmx,
)
from workbench.exchange.tmx import read_tmx
from workbench.memory.source import MemorySource
from workbench.store import open_store
from workbench.workflows.memory_import import import_memory_file

FIXTURES = Path(__file__).parent / "fixtures"
TMX14_DTD = etree.DTD(str(FIXTURES / "tmx14.dtd"))


def _with_one_sided_beads():
    """The editorial aligned with an Urdu translation that merged two sentences (2-1), left
    one out (1-0) and added one of its own (0-1)."""
    urdu = paragraphs("ur")
    urdu[0][1:3] = [urdu[0][1].removesuffix("۔") + " اور " + urdu[0][2]]
    del urdu[2][0]
    urdu[1].insert(1, "پکتیکا افغانستان کا ایک دور افتادہ صوبہ ہے جس کی سرحد پاکستان سے ملتی ہے۔")
    alignment = align_texts(document(paragraphs("en")), document(urdu), "en", "ur")
    kinds = [b.kind for b in alignment.beads]
    assert {"2-1", "1-0", "0-1"} <= set(kinds)
    return alignment


@pytest.fixture(scope="module")
def alignment():
    return _with_one_sided_beads()


def _tus(data: bytes) -> list[etree._Element]:
    return etree.fromstring(data).findall("body/tu")


def test_the_tmx_validates_against_the_official_tmx14_dtd(alignment):
    root = etree.fromstring(alignment_tmx_bytes(alignment, "en", "ur", document="e.en.txt"))

    assert TMX14_DTD.validate(root), TMX14_DTD.error_log.filter_from_errors()


def test_the_tmx_holds_one_unit_per_bead_with_both_sides_and_counts_the_rest(alignment):
    out = io.BytesIO()

    written = write_alignment_tmx(alignment, out, "en", "ur")

    paired = [k for k, b in enumerate(alignment.beads) if b.src and b.tgt]
    assert written.units == len(paired) == len(alignment.beads) - 2
    assert written.left_out == 2
    assert [tu.get("tuid") for tu in _tus(out.getvalue())] == [f"b{k + 1}" for k in paired]


def test_each_unit_says_it_was_aligned_with_its_bead_type_and_confidence(alignment):
    tus = _tus(alignment_tmx_bytes(alignment, "en", "ur", document="e.en.txt", author="hina"))
    merged = next(k for k, b in enumerate(alignment.beads) if b.kind == "2-1")
    tu = next(t for t in tus if t.get("tuid") == f"b{merged + 1}")

    props = {p.get("type"): p.text for p in tu.findall("prop")}
    assert props["x-origin"] == "aligned"
    assert props["x-bead"] == "2-1"
    assert props["x-confidence"] == f"{alignment.beads[merged].confidence:.3f}"
    assert props["x-document"] == "e.en.txt" and props["x-paragraph"] == "1"
    assert tu.get("creationid") == "hina" and tu.get("creationdate").endswith("Z")
    source, target = (tuv.findtext("seg") for tuv in tu.findall("tuv"))
    assert source == " ".join(paragraphs("en")[0][1:3])
    assert target == alignment.target_text(alignment.beads[merged])


def test_unsure_beads_are_drafts_and_checked_ones_confirmed():
    urdu = paragraphs("ur")
    del urdu[1][1]  # two same-length source sentences the aligner cannot tell apart
    alignment = align_texts(document(paragraphs("en")), document(urdu), "en", "ur")
    unsure = next(k for k, b in enumerate(alignment.beads) if b.low_confidence and b.tgt)
    checked = with_beads(alignment, merge_with_next(alignment.beads, unsure))

    def statuses(a) -> dict[str, str]:
        return {
            tu.get("tuid"): tu.findtext("prop[@type='x-status']")
            for tu in _tus(alignment_tmx_bytes(a, "en", "ur"))
        }

    assert statuses(alignment)[f"b{unsure + 1}"] == "draft"
    assert statuses(checked)[f"b{unsure + 1}"] == "confirmed"


def test_language_tags_are_bcp47_in_the_header_and_the_variants():
    alignment = align_sentences(
        ["Talks resumed.", "Trade fell."], ["مذاکرات از سر گرفته شد.", "تجارت کاهش یافت."],
        "en", "fa-af",
    )  # fmt: skip

    root = etree.fromstring(alignment_tmx_bytes(alignment, "en", "fa-af"))

    assert root.find("header").get("srclang") == "en"
    langs = {tuv.get("{http://www.w3.org/XML/1998/namespace}lang") for tuv in root.iter("tuv")}
    assert langs == {"en", "fa-AF"}


def test_translate_toolkit_reads_the_same_pairs(alignment):
    units = tmxfile(alignment_tmx_bytes(alignment, "en", "ur")).units

    assert [(u.source, u.target) for u in units] == alignment.pairs()


def test_our_reader_and_importer_read_the_same_pairs(alignment, tmp_path):
    data = alignment_tmx_bytes(alignment, "en", "ur")
    store = open_store(f"sqlite:///{tmp_path / 'tm.db'}")

    read = [(u.source, u.targets["ur"]) for u in read_tmx(io.BytesIO(data))]
    report = import_memory_file(store, Path("pairs.tmx"), data)

    assert read == alignment.pairs()
    assert report.imported == {"ur": len(alignment.pairs())}
    memory = MemorySource(store).refresh()
    source, target = alignment.pairs()[1]
    assert memory.exact(source, "ur").target == target
    store.close()


def test_the_tsv_keeps_every_bead_one_sided_ones_included(alignment):
    header, *rows = csv.reader(
        io.StringIO(alignment_tsv_bytes(alignment).decode("utf-8")), delimiter="\t"
    )

    assert header == ["source", "target", "bead", "confidence"]
    assert [r[2] for r in rows] == [b.kind for b in alignment.beads]
    added = rows[[b.kind for b in alignment.beads].index("0-1")]
    assert added[0] == "" and added[1].startswith("پکتیکا")


def test_file_names_say_source_target_and_that_it_was_aligned():
    assert alignment_filename("editorial.en.txt", "ur", ".tmx") == "editorial.en.ur-aligned.tmx"
    assert alignment_filename("My notes/x y.md", "fa-AF", ".tsv") == "x_y.fa-AF-aligned.tsv"
    assert alignment_filename("…", "ps", ".tsv") == "alignment.ps-aligned.tsv"
