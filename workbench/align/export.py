"""An alignment as files: TMX 1.4b for CAT tools and memories, TSV for spreadsheets.

The TMX holds one `<tu>` per bead that pairs sentences on both sides, written by the same
streaming writer as a document export (`workbench.exchange.tmx`), with properties saying it was
aligned, the bead's shape and confidence, and whether anyone should check it. Beads with
one side only (a sentence the translator left out or added) pair nothing, so a memory has
no use for them: the TMX leaves them out and says how many; the TSV keeps every bead.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO, TextIO

from workbench.align.model import Alignment
from workbench.exchange.filenames import file_stem
from workbench.exchange.registry import TMX, TSV
from workbench.exchange.table import write_rows
from workbench.exchange.tmx import write_tmx
from workbench.exchange.units import (
    PROP_DOCUMENT,
    PROP_ORIGIN,
    PROP_PARAGRAPH,
    PROP_STATUS,
    TranslationUnit,
)
from workbench.languages import normalize_language_tag
from workbench.timeutil import utcnow
from workbench.vocabulary import Origin, RevisionStatus

PROP_BEAD = "x-bead"  # the bead's shape: "1-1", "2-1", ...
PROP_CONFIDENCE = "x-confidence"  # the aligner's posterior for the bead, 0-1 (1 once checked)
TSV_HEADER = ("source", "target", "bead", "confidence")

TSV_MIME = TSV.mime
TMX_MIME = TMX.mime


@dataclass(frozen=True)
class TmxWritten:
    """What went into an alignment's TMX, for the CLI summary and the page's caption."""

    units: int  # beads with both sides: one <tu> each
    left_out: int  # one-sided beads (1-0, 0-1), which pair nothing


def one_sided_count(alignment: Alignment) -> int:
    """Beads with sentences on one side only: the rows a TMX leaves out."""
    return sum(1 for bead in alignment.beads if not (bead.src and bead.tgt))


def alignment_units(
    alignment: Alignment,
    src: str,
    tgt: str,
    *,
    document: str | None = None,
    author: str | None = None,
    created: datetime | None = None,
) -> Iterator[TranslationUnit]:
    """One unit per two-sided bead, in document order; its id is the bead's row (`b3`).

    Status follows accepting: beads the aligner was unsure of (and nobody edited) are drafts.
    """
    src, tgt = normalize_language_tag(src), normalize_language_tag(tgt)
    created = created or utcnow()
    segments = alignment.source_segments
    for row, bead in enumerate(alignment.beads):
        if not (bead.src and bead.tgt):
            continue
        status = RevisionStatus.DRAFT if bead.low_confidence else RevisionStatus.CONFIRMED
        props = [
            (PROP_ORIGIN, Origin.ALIGNED.value),
            (PROP_STATUS, status.value),
            (PROP_BEAD, bead.kind),
            (PROP_CONFIDENCE, f"{bead.confidence:.3f}"),
        ]
        if document:
            props.append((PROP_DOCUMENT, document))
        if segments:
            props.append((PROP_PARAGRAPH, str(segments[bead.src[0]].paragraph + 1)))
        yield TranslationUnit(
            source_lang=src,
            source=alignment.source_text(bead),
            targets={tgt: alignment.target_text(bead)},
            id=f"b{row + 1}",
            created=created,
            author=author or None,
            props=tuple(props),
        )


def write_alignment_tmx(
    alignment: Alignment,
    out: str | Path | BinaryIO,
    src: str,
    tgt: str,
    *,
    document: str | None = None,
    author: str | None = None,
) -> TmxWritten:
    """Write the alignment's sentence pairs as TMX 1.4b (streaming) to a path or binary file."""
    created = utcnow()
    units = alignment_units(alignment, src, tgt, document=document, author=author, created=created)
    written = write_tmx(units, out, srclang=src, created=created)
    return TmxWritten(units=written, left_out=one_sided_count(alignment))


def alignment_tmx_bytes(
    alignment: Alignment,
    src: str,
    tgt: str,
    *,
    document: str | None = None,
    author: str | None = None,
) -> bytes:
    """The TMX as bytes, for a download button."""
    out = io.BytesIO()
    write_alignment_tmx(alignment, out, src, tgt, document=document, author=author)
    return out.getvalue()


def write_tsv(alignment: Alignment, out: str | Path | TextIO | BinaryIO) -> int:
    """Every bead as a row: source sentence(s), target sentence(s), bead type (`2-1`),
    confidence (0-1); returns the row count.

    Sentences of one bead are joined with a space; a side a translator left out is empty.
    """
    rows = (
        (
            alignment.source_text(bead),
            alignment.target_text(bead),
            bead.kind,
            f"{bead.confidence:.3f}",
        )
        for bead in alignment.beads
    )
    return write_rows(rows, out, header=TSV_HEADER)


def alignment_tsv_bytes(alignment: Alignment) -> bytes:
    """Every bead as a TSV row (UTF-8), for a download button."""
    out = io.BytesIO()
    write_tsv(alignment, out)
    return out.getvalue()


def alignment_filename(source_name: str, tgt: str, extension: str) -> str:
    """`editorial.en.ur-aligned.tmx` for `editorial.en.txt` aligned with its Urdu."""
    return f"{file_stem(Path(source_name).name, 'alignment')}.{tgt}-aligned{extension}"
