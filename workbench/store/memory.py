"""The translation memory's table, and how the in-memory TM index is filled from the store.

Two sources feed the memory: entries imported from TMX/XLIFF files (the `tm_entries`
table, written in one transaction per import so a bad file adds nothing), and the
store's own revisions that a person stands behind (an editor's post-edit, or any
confirmed target), read straight from the `revisions` table so a saved post-edit is in
the memory without anyone having to copy it. `MemorySource` keeps a
`TranslationMemory` up to date incrementally: each refresh reads only rows newer than the
last one it saw, and a segment's newer revision replaces its older one in the index.
"""

from __future__ import annotations

import hashlib
import threading
from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from sqlalchemy import (
    DateTime,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
    insert,
    or_,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from workbench.languages import normalize_language_tag
from workbench.pipeline import tm_exact_matches
from workbench.store.database import WRITE_OPTION
from workbench.store.models import (
    Base,
    DocumentRecord,
    Origin,
    RevisionRecord,
    SegmentRecord,
    Status,
    utcnow,
)
from workbench.store.records import Revision
from workbench.store.service import Store
from workbench.timeutil import as_utc
from workbench.tm import TmEntry, TmMatch, TranslationMemory, normalize_source, offered
from workbench.tm_import import SKIP_DUPLICATE, ImportReport, plan_import, read_units

SUGGESTION_CACHE_SIZE = 5000
DELTA_LIMIT = 500  # new entries a remembered lookup is caught up with; beyond, look up afresh
# Author of revisions filled from the memory: "tm:<file>" or "tm:<document> #<sentence>".
TM_AUTHOR_PREFIX = "tm:"


class TmEntryRecord(Base):
    """One imported source/target pair. Rows are only ever inserted."""

    __tablename__ = "tm_entries"
    __table_args__ = (UniqueConstraint("target_lang", "pair_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_lang: Mapped[str] = mapped_column(String(16))
    target_lang: Mapped[str] = mapped_column(String(16))
    source_text: Mapped[str] = mapped_column(Text)
    target_text: Mapped[str] = mapped_column(Text)
    # sha256 of normalized source + target: the duplicate check, portable to any database
    # (PostgreSQL cannot index long TEXT values directly).
    pair_key: Mapped[str] = mapped_column(String(64))
    origin: Mapped[str] = mapped_column(String(255))  # the file it was imported from
    author: Mapped[str | None] = mapped_column(String(255), nullable=True)
    changed: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


def pair_key(source: str, target: str) -> str:
    text = f"{normalize_source(source)}\x00{target.strip()}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def add_tm_entries(store: Store, entries: Iterable[TmEntry]) -> Counter[str]:
    """Insert entries in one transaction, skipping pairs the table already holds.

    Returns how many were inserted per target language.
    """
    rows = {}
    for entry in entries:
        lang = normalize_language_tag(entry.target_lang)
        rows.setdefault((lang, pair_key(entry.source, entry.target)), entry)
    if not rows:
        return Counter()
    now = utcnow()
    with Session(store.engine) as session, session.begin():
        session.connection(execution_options={WRITE_OPTION: True})
        existing = set()
        keys = [key for _, key in rows]
        for start in range(0, len(keys), 500):  # stay under SQL parameter limits
            found = session.execute(
                select(TmEntryRecord.target_lang, TmEntryRecord.pair_key).where(
                    TmEntryRecord.pair_key.in_(keys[start : start + 500])
                )
            )
            existing.update((lang, key) for lang, key in found)
        new = [
            {
                "source_lang": normalize_language_tag(entry.source_lang),
                "target_lang": lang,
                "source_text": entry.source,
                "target_text": entry.target,
                "pair_key": key,
                "origin": entry.origin,
                "author": entry.author,
                "changed": entry.changed,
                "created": now,
            }
            for (lang, key), entry in rows.items()
            if (lang, key) not in existing
        ]
        if new:  # one executemany: the ORM's unit of work costs ~10x more per row
            session.execute(insert(TmEntryRecord), new)
        inserted = Counter(row["target_lang"] for row in new)
    return inserted


def import_memory_file(
    store: Store,
    path: Path,
    data: bytes | None = None,
    *,
    targets: Iterable[str] | None = None,
    source_lang: str = "en",
) -> ImportReport:
    """Import a TMX or XLIFF 2 file (from disk, or `data` uploaded under the name `path`)
    into the memory: all of it in one transaction, or nothing if the file is bad."""
    units = read_units(path, data, source_lang)
    entries, report = plan_import(
        units, TranslationMemory(), source=path.name, source_lang=source_lang, targets=targets
    )
    inserted = add_tm_entries(store, entries)
    if duplicates := len(entries) - sum(inserted.values()):
        report.skipped[SKIP_DUPLICATE] += duplicates
    report.imported = inserted
    return report


def tm_entry_counts(store: Store) -> dict[str, int]:
    """Imported entries per target language."""
    with Session(store.engine) as session:
        rows = session.execute(
            select(TmEntryRecord.target_lang, func.count()).group_by(TmEntryRecord.target_lang)
        )
        return {lang: count for lang, count in rows}


class MemorySource:
    """A `TranslationMemory` kept in step with one store (thread-safe, incremental)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.memory = TranslationMemory()
        self._last_entry = 0
        self._last_revision = 0
        self._lock = threading.Lock()
        # (source, target, size) -> (memory version, raw lookup) for `suggestions`
        self._suggested: dict[tuple, tuple[int, list[TmMatch]]] = {}
        self._delta_span: tuple[int, int] | None = None
        self._delta_value: tuple[TranslationMemory, list[TmEntry]] | None = None

    def refresh(self) -> TranslationMemory:
        """Add what was imported or saved since the last refresh; returns the memory."""
        with self._lock, Session(self.store.engine) as session:
            self._load_entries(session)
            self._load_revisions(session)
        return self.memory

    def suggestions(
        self,
        source: str,
        target: str,
        current: str = "",
        limit: int = 3,
        segment_id: int | None = None,
    ) -> list[TmMatch]:
        """Exact and fuzzy matches (>= 75%) for one sentence, best first, with their
        source diffs: what the editor shows under a target box.

        None whose translation is the box's `current` text, and, given the `segment_id` of
        the sentence asked about, not that segment's own post-edit: a sentence is no match
        of itself. Lookups are remembered, and after a change to the memory (a save adds an
        entry) a remembered lookup catches up by scoring only the new entries: the editor
        asks for every row of its page on every rerun.
        """
        with self._lock:  # a lookup must not run while a refresh adds entries
            matches = self._matches(source, target, limit + 2)
            own = (
                self.memory.keyed(segment_key(segment_id, target))
                if segment_id is not None
                else None
            )
        return offered(matches, limit, current, own)

    def _matches(self, source: str, target: str, size: int) -> list[TmMatch]:
        key = (source, target, size)
        cached = self._suggested.get(key)
        if cached is not None and cached[0] == self.memory.version:
            return cached[1]
        matches = self._caught_up(cached, source, target, size) if cached else None
        if matches is None:
            matches = self.memory.lookup(source, target, limit=size)
        if len(self._suggested) > SUGGESTION_CACHE_SIZE:
            self._suggested.clear()
        self._suggested[key] = (self.memory.version, matches)
        return matches

    def _caught_up(
        self, cached: tuple[int, list[TmMatch]], source: str, target: str, size: int
    ) -> list[TmMatch] | None:
        """A remembered lookup merged with the matches among entries added since; None
        (look up afresh) when one of its matches was taken out or too much changed."""
        version, matches = cached
        delta = self._delta(version)
        if delta is None:
            return None
        added, removed = delta
        if any(m.entry is entry for m in matches for entry in removed):
            return None
        fresh = added.lookup(source, target, limit=size)
        # Stable sort, new entries first: among equal scores the newest comes first, as in
        # `TranslationMemory.lookup`.
        return sorted([*fresh, *matches], key=lambda m: -m.score)[:size]

    def _delta(self, version: int) -> tuple[TranslationMemory, list[TmEntry]] | None:
        """The entries added since `version` as a small memory of their own, and those
        taken out; computed once per pair of versions, not once per row."""
        span = (version, self.memory.version)
        if self._delta_span != span:
            changes = self.memory.changes_since(version)
            self._delta_span, self._delta_value = span, None
            if changes is not None:
                added, removed = changes
                gone = {id(entry) for entry in removed}
                kept = [entry for entry in added if id(entry) not in gone]
                if len(kept) <= DELTA_LIMIT:
                    self._delta_value = (TranslationMemory(kept), removed)
        return self._delta_value

    def _load_entries(self, session: Session) -> None:
        columns = (
            TmEntryRecord.id,
            TmEntryRecord.source_text,
            TmEntryRecord.target_text,
            TmEntryRecord.target_lang,
            TmEntryRecord.source_lang,
            TmEntryRecord.origin,
            TmEntryRecord.author,
            TmEntryRecord.changed,
        )
        rows = session.execute(
            select(*columns).where(TmEntryRecord.id > self._last_entry).order_by(TmEntryRecord.id)
        )
        add = self.memory.add
        for row_id, source, target, target_lang, source_lang, origin, author, changed in rows:
            add(
                TmEntry(
                    source,
                    target,
                    target_lang,
                    source_lang,
                    origin,
                    author,
                    as_utc(changed) if changed else None,
                )
            )
            self._last_entry = row_id

    def _load_revisions(self, session: Session) -> None:
        """Revisions a person stands behind: human post-edits and confirmed targets.

        An entry's origin is its revision's (`human`, `aligned`, `mt`, `tm`), which is what
        the editor and `tm lookup` show beside a match. Drafts that are not post-edits (MT,
        and aligned pairs the aligner was unsure of) stay out until someone confirms them.
        """
        rows = session.execute(
            select(
                RevisionRecord,
                SegmentRecord.source_text,
                SegmentRecord.position,
                DocumentRecord.source_lang,
                DocumentRecord.name,
            )
            .join(SegmentRecord, SegmentRecord.id == RevisionRecord.segment_id)
            .join(DocumentRecord, DocumentRecord.id == SegmentRecord.document_id)
            .where(
                RevisionRecord.id > self._last_revision,
                or_(
                    RevisionRecord.origin == Origin.HUMAN,
                    RevisionRecord.status == Status.CONFIRMED,
                ),
            )
            .order_by(RevisionRecord.id)
        )
        for revision, source, position, source_lang, document_name in rows:
            # Added under the segment's key, so it replaces the segment's earlier entry; an
            # emptied target takes that entry out and adds nothing.
            self.memory.add(
                TmEntry(
                    source,
                    revision.text,
                    revision.target_lang,
                    source_lang,
                    Origin(revision.origin).value,
                    revision.author,
                    as_utc(revision.created),
                    segment_reference(document_name, position),
                ),
                key=segment_key(revision.segment_id, revision.target_lang),
            )
            self._last_revision = revision.id


def segment_reference(document_name: str, position: int) -> str:
    """Where in the store an entry comes from, as the editor shows it: `talks.txt #3`."""
    return f"{document_name} #{position + 1}"


def segment_key(segment_id: int, target_lang: str) -> str:
    """The memory key of a stored segment's entry for one target language."""
    return f"segment:{segment_id}:{target_lang}"


def fill_exact_matches(
    store: Store, document_id: int, target: str, memory: TranslationMemory
) -> int:
    """Fill segments whose source the memory holds exactly, as origin `tm` revisions.

    Only segments nobody has worked on (no target, or an MT or TM draft) are filled, so an
    editor's text is never displaced. Returns how many revisions were added.
    """
    segments = store.segments(document_id)
    matches = tm_exact_matches([s.text for s in segments], memory, target)
    heads = store.current_revisions(document_id, target)
    by_author: dict[str, dict[int, str]] = {}
    for position, segment in enumerate(segments):
        entry = matches.get(position)
        head = heads.get(segment.id)
        if entry is None or (head is not None and not _replaceable(head)):
            continue
        author = f"{TM_AUTHOR_PREFIX}{entry.document or entry.origin}"[:255]
        by_author.setdefault(author, {})[segment.id] = entry.target
    return sum(
        store.append_revisions(target, texts, author, origin=Origin.TM)
        for author, texts in by_author.items()
    )


def _replaceable(head: Revision) -> bool:
    return head.status == Status.DRAFT and head.origin in (Origin.MT, Origin.TM)
