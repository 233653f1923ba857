"""Accepting an alignment: the source becomes a stored document, the translation its revisions.

Each bead with a source side becomes one stored segment (its sentences' span in the source
text), and its target sentences become that segment's revision with origin `aligned`, so the
pairs can be exported as TMX, scored and fed to the translation memory like any other
translation. Beads a person has not checked and the aligner was unsure of are stored as
drafts; the rest as confirmed. Target sentences with no source (0-1 beads) have nowhere to
go and are counted.

The translation memory (`workbench.memory.source.MemorySource`) reads confirmed revisions
straight from the store, so the confirmed pairs are in it, with origin `aligned`, as soon as
they are stored. Drafts are not: a pair the aligner was unsure of could be wrong, and an
exact match fills new documents' targets without asking; a draft joins the memory when an
editor confirms it.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.align.accept import bead_segments
from workbench.align.model import Alignment
from workbench.store import Document, Origin, RevisionStatus, Store


@dataclass(frozen=True)
class Accepted:
    document: Document
    confirmed: int  # segments whose aligned translation was stored as confirmed
    drafts: int  # ... as a draft (low confidence, not checked by a person)
    untranslated: int  # source sentences the translation left out (1-0 beads)
    unplaced: int  # target sentences with no source sentence (0-1 beads), not stored

    def summary(self) -> str:
        """One line for the CLI and the page: what was stored and what reached the memory."""
        line = (
            f"Stored as “{self.document.name}”: {self.confirmed} confirmed translations "
            f"(origin: aligned, now in the translation memory) and {self.drafts} drafts"
        )
        if self.drafts:
            line += " (they join the memory once confirmed in the editor)"
        if self.untranslated:
            line += f"; {self.untranslated} source sentences without translation"
        if self.unplaced:
            line += f"; {self.unplaced} translated sentences with no source were not stored"
        return line + "."


def accept_alignment(
    store: Store,
    alignment: Alignment,
    *,
    name: str,
    source_text: str,
    src: str,
    tgt: str,
    author: str,
) -> Accepted:
    """Store the source as a new document and the aligned translation as its revisions."""
    document = store.add_document(
        name, source_text, src, segments=bead_segments(alignment, source_text)
    )
    stored = store.segments(document.id)
    with_source = [b for b in alignment.beads if b.src]
    by_status: dict[RevisionStatus, dict[int, str]] = {
        RevisionStatus.CONFIRMED: {},
        RevisionStatus.DRAFT: {},
    }
    for segment, bead in zip(stored, with_source, strict=True):
        if bead.tgt:
            status = RevisionStatus.DRAFT if bead.low_confidence else RevisionStatus.CONFIRMED
            by_status[status][segment.id] = alignment.target_text(bead)
    for status, texts in by_status.items():
        store.append_revisions(tgt, texts, author, origin=Origin.ALIGNED, status=status)
    return Accepted(
        document=document,
        confirmed=len(by_status[RevisionStatus.CONFIRMED]),
        drafts=len(by_status[RevisionStatus.DRAFT]),
        untranslated=sum(1 for b in with_source if not b.tgt),
        unplaced=sum(len(b.tgt) for b in alignment.beads if not b.src),
    )
