"""The translation memory kept in step with a store.

Two sources feed the memory: entries imported from TMX/XLIFF files (the store's
`tm_entries` table, written in one transaction per import so a bad file adds nothing), and
the store's own revisions that a person stands behind (an editor's post-edit, or any
confirmed target), read straight from the store so a saved post-edit is in the memory
without anyone having to copy it. `MemorySource` keeps a `TranslationMemory` up to date
incrementally: each refresh reads only rows newer than the last one it saw, and a segment's
newer revision replaces its older one in the index.
"""

from __future__ import annotations

import hashlib
import threading
from collections import Counter
from collections.abc import Iterable

from workbench.languages import normalize_language_tag
from workbench.memory.index import TmEntry, TmMatch, TranslationMemory, normalize_source, offered
from workbench.store import Store
from workbench.store.tm_entries import (
    TmRow,
    add_tm_rows,
    memory_revisions_since,
    tm_entry_counts,
    tm_rows_since,
)

SUGGESTION_CACHE_SIZE = 5000
DELTA_LIMIT = 500  # new entries a remembered lookup is caught up with; beyond, look up afresh

__all__ = ["MemorySource", "add_tm_entries", "pair_key", "segment_key", "tm_entry_counts"]


def pair_key(source_text: str, target_text: str) -> str:
    """The duplicate key of an imported pair: sha256 of normalized source + target."""
    text = f"{normalize_source(source_text)}\x00{target_text.strip()}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def add_tm_entries(store: Store, entries: Iterable[TmEntry]) -> Counter[str]:
    """Insert entries in one transaction, skipping pairs the store already holds.

    Returns how many were inserted per target language.
    """
    rows: dict[tuple[str, str], TmRow] = {}
    for entry in entries:
        lang = normalize_language_tag(entry.target_lang)
        key = pair_key(entry.source, entry.target)
        rows.setdefault(
            (lang, key),
            TmRow(
                normalize_language_tag(entry.source_lang),
                lang,
                entry.source,
                entry.target,
                key,
                entry.origin,
                entry.author,
                entry.changed,
            ),
        )
    return add_tm_rows(store, list(rows.values()))


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
        with self._lock:
            self._load_entries()
            self._load_revisions()
        return self.memory

    def suggestions(
        self,
        source: str,
        target_lang: str,
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
            matches = self._matches(source, target_lang, limit + 2)
            own = (
                self.memory.keyed(segment_key(segment_id, target_lang))
                if segment_id is not None
                else None
            )
        return offered(matches, limit, current, own)

    def _matches(self, source: str, target_lang: str, size: int) -> list[TmMatch]:
        key = (source, target_lang, size)
        cached = self._suggested.get(key)
        if cached is not None and cached[0] == self.memory.version:
            return cached[1]
        matches = self._caught_up(cached, source, target_lang, size) if cached else None
        if matches is None:
            matches = self.memory.lookup(source, target_lang, limit=size)
        if len(self._suggested) > SUGGESTION_CACHE_SIZE:
            self._suggested.clear()
        self._suggested[key] = (self.memory.version, matches)
        return matches

    def _caught_up(
        self, cached: tuple[int, list[TmMatch]], source: str, target_lang: str, size: int
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
        fresh = added.lookup(source, target_lang, limit=size)
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

    def _load_entries(self) -> None:
        add = self.memory.add
        for row in tm_rows_since(self.store, self._last_entry):
            add(
                TmEntry(
                    row.source_text,
                    row.target_text,
                    row.target_lang,
                    row.source_lang,
                    row.origin,
                    row.author,
                    row.changed,
                )
            )
            self._last_entry = row.id

    def _load_revisions(self) -> None:
        """Revisions a person stands behind: human post-edits and confirmed targets.

        An entry's origin is its revision's (`human`, `aligned`, `mt`, `tm`), which is what
        the editor and `tm lookup` show beside a match. Drafts that are not post-edits (MT,
        and aligned pairs the aligner was unsure of) stay out until someone confirms them.
        """
        for revision in memory_revisions_since(self.store, self._last_revision):
            # Added under the segment's key, so it replaces the segment's earlier entry; an
            # emptied target takes that entry out and adds nothing.
            self.memory.add(
                TmEntry(
                    revision.source_text,
                    revision.target_text,
                    revision.target_lang,
                    revision.source_lang,
                    revision.origin.value,
                    revision.author,
                    revision.created,
                    segment_reference(revision.document_name, revision.position),
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
