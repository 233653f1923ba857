"""An alignment as tab-separated text: one row per bead, for spreadsheets and other tools."""

from __future__ import annotations

import csv
from typing import TextIO

from workbench.align.model import Alignment

TSV_HEADER = ("source", "target", "bead", "confidence")


def write_tsv(alignment: Alignment, out: TextIO) -> None:
    """Columns: source sentence(s), target sentence(s), bead type (`2-1`), confidence (0-1).

    Sentences of one bead are joined with a space; a side a translator left out is empty.
    """
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(TSV_HEADER)
    for bead in alignment.beads:
        writer.writerow(
            [
                alignment.source_text(bead),
                alignment.target_text(bead),
                bead.kind,
                f"{bead.confidence:.3f}",
            ]
        )
