"""Every document format keeps the same contract: read → write the blocks back → read
gives the same blocks, and a translated block comes back as written."""

from __future__ import annotations

import pytest

from tests.fixtures.formatted import editorial_docx, editorial_html
from workbench.exchange.document_formats import DOCUMENT_FORMATS, DocumentFormat
from workbench.exchange.inline import close_char, open_char

SAMPLES = {
    "text": b"Title\n\nFirst sentence. Second one.\r\nSoft wrap.\n",
    "markdown": b"# Title\n\nA *marked* paragraph.\n",
    "docx": editorial_docx(),
    "html": editorial_html(),
}


@pytest.fixture(params=DOCUMENT_FORMATS, ids=lambda f: f.name)
def fmt(request) -> DocumentFormat:
    return request.param


def test_every_format_has_a_sample():
    assert set(SAMPLES) == {f.name for f in DOCUMENT_FORMATS}


def test_writing_the_blocks_unchanged_reads_back_the_same_blocks(fmt):
    original = SAMPLES[fmt.name]
    document = fmt.read(original, f"sample{fmt.extensions[0]}")
    written = fmt.write(original, [b.text for b in document.blocks], "en", "sample")
    again = fmt.read(written, f"again{fmt.extensions[0]}")
    assert [(b.kind, b.text) for b in again.blocks] == [(b.kind, b.text) for b in document.blocks]


def test_a_translated_block_reads_back_as_written_with_its_tags(fmt):
    original = SAMPLES[fmt.name]
    document = fmt.read(original, f"sample{fmt.extensions[0]}")
    texts = [b.text for b in document.blocks]
    tagged = [(i, t) for i, b in enumerate(document.blocks) for t in b.tags if t.paired]
    if tagged:
        index, tag = tagged[0]
        texts[index] = f"یہ {open_char(tag.number)}جلی{close_char(tag.number)} ہے۔"
    else:
        index = len(texts) - 1
        texts[index] = "یہ متن ہے۔"
    again = fmt.read(fmt.write(original, texts, "ur", "sample"), f"again{fmt.extensions[0]}")
    assert [b.text for b in again.blocks] == texts


def test_extensions_are_lower_case_with_a_dot_and_not_shared(fmt):
    others = {e for f in DOCUMENT_FORMATS if f is not fmt for e in f.extensions}
    assert all(e == e.lower() and e.startswith(".") and e not in others for e in fmt.extensions)
