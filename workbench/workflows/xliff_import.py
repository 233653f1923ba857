"""Bringing an XLIFF 2 file edited in another tool back into its document as revisions.

The export gave every unit the id of its segment (`s1`, `s2`, ...) and the id of the
revision it carried. On import, each unit whose target or state changed becomes a new
revision on top of the segment's history (append-only: nothing is overwritten): `human`
origin for a changed text, confirmed for `final`/`reviewed`. A segment saved in the
workbench after the export is not overwritten: the import reports it as a conflict with
both texts, the way the editor reports a concurrent save. Every revision is appended on the
head the import read (the exported revision, or the head at read time when the file carries
no revision ids), so a save that lands while the import runs is a conflict too.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from workbench.errors import InputError
from workbench.exchange.units import PROP_STATUS
from workbench.exchange.xliff2 import read_xliff_document
from workbench.languages import workbench_target
from workbench.memory.index import normalize_source
from workbench.store import Document, Origin, RevisionStatus, Store
from workbench.store.exports import PROP_REVISION, position_of

SKIP_FOREIGN_ID = "unit id is not a segment of this document"
SKIP_SOURCE_CHANGED = "source text differs from the stored segment"
SKIP_NO_TARGET = "no target text"


@dataclass(frozen=True)
class ImportConflict:
    """A segment changed both in the workbench since the export and in the file."""

    segment: int  # 1-based sentence number
    workbench_text: str
    file_text: str


@dataclass
class XliffImportReport:
    source: str
    document: str
    target_lang: str
    units_read: int = 0
    added: Counter[str] = field(default_factory=Counter)  # status -> revisions added
    unchanged: int = 0
    skipped: Counter[str] = field(default_factory=Counter)  # reason -> units
    conflicts: list[ImportConflict] = field(default_factory=list)

    def summary(self) -> str:
        added = sum(self.added.values())
        detail = ", ".join(f"{n} {status}" for status, n in sorted(self.added.items()))
        lines = [
            f"{self.source} → {self.document} ({self.target_lang}): {self.units_read} units read",
            f"added {added} revisions" + (f" ({detail})" if detail else ""),
            f"unchanged {self.unchanged}",
            f"skipped {sum(self.skipped.values()) + len(self.conflicts)}",
        ]
        lines.extend(f"  {n} {reason}" for reason, n in self.skipped.most_common())
        if self.conflicts:
            lines.append(f"  {len(self.conflicts)} changed in the workbench since the export:")
            lines.extend(
                f"    segment {c.segment}: workbench {c.workbench_text!r}, file {c.file_text!r}"
                for c in self.conflicts
            )
        return "\n".join(lines)


def import_xliff_targets(
    store: Store,
    source: str | Path | BinaryIO,
    author: str,
    *,
    document: Document | None = None,
    name: str | None = None,
) -> XliffImportReport:
    """Append the file's changed targets as revisions of `document` (default: the stored
    document named in the file's `<file original>`)."""
    label = name or str(getattr(source, "name", source))
    parsed = read_xliff_document(source, name=label)
    if document is None:
        if not parsed.original:
            raise InputError("the file names no document (<file original>); choose one", path=label)
        document = store.document(parsed.original)
    if not parsed.trglang:
        raise InputError("the <xliff> element has no trgLang", path=label)
    target_lang = workbench_target(parsed.trglang, path=label)  # ur-PK → ur; de is refused
    report = XliffImportReport(label, document.name, target_lang, units_read=len(parsed.units))
    segments = {s.index: s for s in store.segments(document.id)}
    heads = store.current_revisions(document.id, target_lang)
    batches: dict[tuple[Origin, RevisionStatus], dict[int, str]] = defaultdict(dict)
    bases: dict[int, int | None] = {}
    positions = {s.id: s.index for s in segments.values()}
    for unit in parsed.units:
        position = position_of(unit.id)
        segment = segments.get(position) if position is not None else None
        if segment is None:
            report.skipped[SKIP_FOREIGN_ID] += 1
            continue
        if normalize_source(segment.text) != normalize_source(unit.source):
            report.skipped[SKIP_SOURCE_CHANGED] += 1
            continue
        text = unit.targets.get(parsed.trglang, "")
        if not text:
            report.skipped[SKIP_NO_TARGET] += 1
            continue
        status = (
            RevisionStatus.CONFIRMED
            if unit.prop(PROP_STATUS) == RevisionStatus.CONFIRMED
            else RevisionStatus.DRAFT
        )
        head = heads.get(segment.id)
        if head is not None and head.text == text and head.status == status:
            report.unchanged += 1
            continue
        exported = unit.prop(PROP_REVISION)
        if head is not None and exported and str(head.id) != exported:
            # Saved in the workbench since the export: a unit the file left as exported
            # keeps the workbench's newer text; one changed in both places is a conflict.
            if text == _revision_text(store, segment.id, target_lang, exported):
                report.unchanged += 1
            else:
                report.conflicts.append(ImportConflict(segment.index + 1, head.text, text))
            continue
        origin = head.origin if head is not None and head.text == text else Origin.HUMAN
        batches[origin, status][segment.id] = text
        bases[segment.id] = head.id if head is not None else None
    for (origin, status), texts in batches.items():
        appended = store.append_on_bases(target_lang, texts, bases, author, origin, status)
        report.added[status.value] += appended.added
        report.conflicts.extend(
            ImportConflict(positions[c.segment_id] + 1, c.theirs.text if c.theirs else "", c.yours)
            for c in appended.conflicts
        )
    return report


def _revision_text(store: Store, segment_id: int, target_lang: str, revision_id: str) -> str | None:
    for revision in store.history(segment_id, target_lang):
        if str(revision.id) == revision_id:
            return revision.text
    return None
