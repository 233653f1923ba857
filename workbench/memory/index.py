"""The translation memory: exact and fuzzy matches of a source sentence, with a diff.

Matching works on words, as translators count fuzzy matches (OmegaT, Trados and memoQ all
score by words): a sentence is tokenized into words and punctuation, each distinct token
becomes one character of a private alphabet, and rapidfuzz's Levenshtein distance over
those short strings gives the score, 100 * (1 - edits / tokens of the longer sentence).
bench/tm_scorers.py compares it with character-level ratios and rapidfuzz's token-set,
token-sort, partial and W ratios on edited sentences of the sample editorial: like the
character Levenshtein and Indel ratios it keeps light edits (a number, one word) above
90 and never scores a changed sentence 100 (the token-based ratios do, for reordered
words), it scores unrelated and word-shuffled sentences lowest of all (about 10, where
character ratios give 25-50), and it is the fastest, because the strings it compares are
a fifth as long: a lookup against 100,000 entries takes a few milliseconds.

An exact match needs the same normalized source (Unicode NFKC, typographic quotes and
dashes unified, whitespace collapsed); it is what fills a target as origin `tm`. A fuzzy
match that differs only in case or punctuation spacing scores at most 99.
"""

from __future__ import annotations

import math
import re
import unicodedata
from array import array
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from workbench.languages import language_matches, normalize_language_tag
from workbench.timeutil import as_utc

FUZZY_THRESHOLD = 75.0  # the floor; CAT tools default to 70-75
MAX_FUZZY = 99.0  # anything but an exact match
CHANGE_LOG_SIZE = 2000  # recent additions and removals a cached lookup can catch up with

_QUOTES = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"',
     "–": "-", "—": "-", "‐": "-", "‑": "-", "\u00a0": " "}
)  # fmt: skip
_TYPOGRAPHIC = re.compile("[‘’‚‛“”„‟–—‐‑\u00a0]")
_TOKEN = re.compile(r"\w+(?:['\-]\w+)*|[^\w\s]")
_MARKUP = re.compile(r"</?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>")


def _plain_mark(match: re.Match[str]) -> str:
    return _QUOTES[ord(match.group())]


def normalize_source(text: str) -> str:
    """The form two sources must share to be an exact match."""
    if not text.isascii():  # ASCII is its own NFKC form and has no typographic marks
        text = unicodedata.normalize("NFKC", text)
        text = _TYPOGRAPHIC.sub(_plain_mark, text)
    return " ".join(text.split())


def tokenize(text: str) -> list[str]:
    """Words (with inner apostrophes and hyphens) and single punctuation marks.

    Inline markup that imported memories keep as text (`<b>`, `</a>`, `<br/>`) is left
    out: a formatting code is not a word to translate, so it does not cost a fuzzy match
    (a match that differs only by it still scores 99, not 100).
    """
    return _scoring_tokens(normalize_source(text))


def _scoring_tokens(normalized: str) -> list[str]:
    if "<" in normalized:
        normalized = _MARKUP.sub(" ", normalized)
    return _TOKEN.findall(normalized.casefold())


@dataclass(frozen=True, slots=True)
class TmEntry:
    """One source sentence and its translation in one target language."""

    source: str
    target: str
    target_lang: str
    source_lang: str = "en"
    origin: str = "tm"  # where it came from: a file name, "human", "aligned"
    author: str | None = None
    changed: datetime | None = None
    document: str | None = None  # for entries from the store: document and sentence number


DiffOp = Literal["equal", "insert", "delete"]


@dataclass(frozen=True, slots=True)
class DiffSpan:
    """A piece of the diff: `delete` is in the match's source only, `insert` in ours only."""

    op: DiffOp
    text: str


@dataclass(frozen=True)
class TmMatch:
    entry: TmEntry
    score: float  # 0-100; 100 only for an exact match
    exact: bool
    diff: tuple[DiffSpan, ...] = field(default=(), compare=False)


def _code_char(number: int) -> str:
    number += 0x21
    return chr(number if number < 0xD800 else number + 0x800)  # skip surrogates


class _Alphabet(dict[str, str]):
    """Maps (case-folded) tokens to characters so rapidfuzz compares token strings at C
    speed; a token seen for the first time gets the next character."""

    def __missing__(self, token: str) -> str:
        code = self[token] = _code_char(len(self))
        return code

    def encode(self, tokens: Iterable[str]) -> str:
        return "".join(map(self.__getitem__, tokens))

    def encode_query(self, tokens: Iterable[str]) -> str:
        """Like `encode`, but a word the memory has never seen (which matches nothing in
        it) gets a character of its own without growing the alphabet."""
        unknown = iter(range(len(self), len(self) + 100_000))
        return "".join(self.get(t) or _code_char(next(unknown)) for t in tokens)


class _LanguageIndex:
    """The entries for one target language, in insertion order (newest last)."""

    def __init__(self) -> None:
        self.entries: list[TmEntry] = []
        self.encoded: list[str] = []
        self.by_source: dict[str, list[int]] = {}  # normalized source -> entry positions
        self.postings: dict[str, array[int]] = {}  # token -> positions of entries with it

    def append(self, entry: TmEntry, normalized: str, encoded: str) -> int:
        position = len(self.entries)
        self.by_source.setdefault(normalized, []).append(position)
        self.entries.append(entry)
        self.encoded.append(encoded)
        postings = self.postings
        for token in set(encoded):
            bucket = postings.get(token)
            if bucket is None:
                bucket = postings[token] = array("I")
            bucket.append(position)
        return position

    def candidates(self, query: str, threshold: float) -> list[int] | None:
        """Positions that can score `threshold` or more against `query`, or None for "all".

        A match needs at least `threshold` x len(query) of the query's tokens: with
        Levenshtein similarity s = 1 - d / max(len), the tokens both share number at least
        max(len) - d >= threshold x len(query). So an entry with none of a set of query
        tokens that make up more than the rest cannot match; the rarest such set is taken
        (tokens the memory has never seen cost nothing), and only entries holding one of
        them are scored. Exact, no match is lost; usually a few hundred of 100,000 entries.
        """
        needed = math.ceil(threshold * len(query) - 1e-9)
        must_cover = len(query) - needed + 1  # query tokens an entry cannot all lack
        counts: dict[str, int] = {}
        for token in query:
            counts[token] = counts.get(token, 0) + 1
        rarest = sorted(counts, key=lambda t: len(self.postings.get(t, ())))
        chosen, covered = [], 0
        for token in rarest:
            if covered >= must_cover:
                break
            chosen.append(token)
            covered += counts[token]
        total = sum(len(self.postings.get(t, ())) for t in chosen)
        if total > len(self.entries) // 3:
            return None  # the filter would not pay for itself
        found: set[int] = set()
        for token in chosen:
            found.update(self.postings.get(token, ()))
        return sorted(found)


class TranslationMemory:
    """An in-memory index of TM entries; the store loads it, the pipeline queries it."""

    def __init__(self, entries: Iterable[TmEntry] = ()) -> None:
        self._alphabet = _Alphabet()
        self._indexes: dict[str, _LanguageIndex] = {}
        self._pairs: set[tuple[str, str, str]] = set()
        self._keyed: dict[str, tuple[tuple[str, str, str], int]] = {}
        self._retired = 0
        self.version = 0  # changes whenever the entries do (callers key caches on it)
        # (version after the change, added?, entry) for the latest changes
        self._changes: deque[tuple[int, bool, TmEntry]] = deque(maxlen=CHANGE_LOG_SIZE)
        self.extend(entries)

    def __len__(self) -> int:
        return sum(len(index.entries) for index in self._indexes.values()) - self._retired

    def add(self, entry: TmEntry, key: str | None = None) -> bool:
        """Add an entry; a pair already held (same normalized source and target) is not.

        With a `key` (a segment and target language), the entry replaces whatever was added
        before under that key: a segment's newer post-edit supersedes its older one.
        """
        lang = normalize_language_tag(entry.target_lang)
        normalized = normalize_source(entry.source)
        pair = (lang, normalized, entry.target.strip())
        if key is not None and key in self._keyed:
            self._retire(*self._keyed.pop(key))
        if not normalized or not pair[2] or pair in self._pairs:
            return False
        self._pairs.add(pair)
        self.version += 1
        index = self._indexes.setdefault(lang, _LanguageIndex())
        position = index.append(
            entry, normalized, self._alphabet.encode(_scoring_tokens(normalized))
        )
        self._changes.append((self.version, True, entry))
        if key is not None:
            self._keyed[key] = (pair, position)
        return True

    def keyed(self, key: str) -> TmEntry | None:
        """The entry added under `key` and still held, or None."""
        held = self._keyed.get(key)
        if held is None:
            return None
        (lang, _, _), position = held
        return self._indexes[lang].entries[position]

    def _retire(self, pair: tuple[str, str, str], position: int) -> None:
        """Take an entry out of every lookup (positions stay stable for the others)."""
        lang, normalized, _ = pair
        index = self._indexes[lang]
        index.encoded[position] = ""  # scores 0 against any query
        index.by_source[normalized].remove(position)
        self._pairs.discard(pair)
        self._retired += 1
        self.version += 1
        self._changes.append((self.version, False, index.entries[position]))

    def changes_since(self, version: int) -> tuple[list[TmEntry], list[TmEntry]] | None:
        """The entries added and those taken out after `version` (an earlier value of
        `self.version`), oldest first; None when that is further back than the log goes.

        A cache of lookups can catch up by scoring only what was added (see
        `workbench.memory.source.MemorySource.suggestions`).
        """
        if version == self.version:
            return [], []
        if not self._changes or self._changes[0][0] > version + 1:
            return None
        added: list[TmEntry] = []
        removed: list[TmEntry] = []
        for changed_at, is_added, entry in reversed(self._changes):
            if changed_at <= version:
                break
            (added if is_added else removed).append(entry)
        return added[::-1], removed[::-1]

    def extend(self, entries: Iterable[TmEntry]) -> int:
        """Add many entries; returns how many were new."""
        return sum(self.add(entry) for entry in entries)

    def contains(self, source: str, target_text: str, target_lang: str) -> bool:
        """Whether this exact pair is held already (how imports count duplicates)."""
        key = (normalize_language_tag(target_lang), normalize_source(source), target_text.strip())
        return key in self._pairs

    def exact(self, source: str, target_lang: str) -> TmEntry | None:
        """The newest entry with the same normalized source, or None."""
        normalized = normalize_source(source)
        best: TmEntry | None = None
        for index in self._indexes_for(target_lang):
            positions = index.by_source.get(normalized)
            if positions:
                candidate = index.entries[positions[-1]]
                if best is None or _newer(candidate, best):
                    best = candidate
        return best

    def lookup(
        self,
        source: str,
        target_lang: str,
        *,
        threshold: float = FUZZY_THRESHOLD,
        limit: int = 3,
    ) -> list[TmMatch]:
        """Exact and fuzzy matches at or above `threshold`, best first, each with a diff."""
        normalized = normalize_source(source)
        tokens = _scoring_tokens(normalized)
        if not tokens:
            return []
        query = self._alphabet.encode_query(tokens)
        found: list[tuple[float, int, TmEntry]] = []
        for index in self._indexes_for(target_lang):
            positions = index.candidates(query, threshold / 100.0)
            choices = (
                index.encoded if positions is None else {p: index.encoded[p] for p in positions}
            )
            hits = process.extract(
                query,
                choices,
                scorer=Levenshtein.normalized_similarity,
                score_cutoff=threshold / 100.0,
                limit=limit + 2,  # room for case variants of an exact match
            )
            for _, similarity, position in hits:
                entry = index.entries[position]
                exact = normalize_source(entry.source) == normalized
                score = 100.0 if exact else min(round(similarity * 100.0, 1), MAX_FUZZY)
                if score >= threshold:
                    found.append((score, position, entry))
        found.sort(key=lambda hit: (-hit[0], -hit[1]))  # best score, then newest
        return [
            TmMatch(entry, score, score == 100.0, diff_sources(entry.source, source))
            for score, _, entry in found[:limit]
        ]

    def _indexes_for(self, target_lang: str) -> list[_LanguageIndex]:
        return [
            index for lang, index in self._indexes.items() if language_matches(lang, target_lang)
        ]


def offered(
    matches: Iterable[TmMatch], limit: int, current: str = "", exclude: TmEntry | None = None
) -> list[TmMatch]:
    """The matches worth showing beside a target box, best first: none whose translation
    is already the box's `current` text, and not `exclude` (the segment's own entry, which
    is in the memory because it was saved)."""
    current = current.strip()
    return [
        m
        for m in matches
        if m.entry is not exclude and not (current and m.entry.target.strip() == current)
    ][:limit]


def _newer(a: TmEntry, b: TmEntry) -> bool:
    if a.changed is None or b.changed is None:
        return False
    return as_utc(a.changed) > as_utc(b.changed)


_DISPLAY_TOKEN = re.compile(r"\w+(?:['’\-]\w+)*\s*|[^\w\s]\s*|\s+")


def diff_sources(match_source: str, source: str) -> tuple[DiffSpan, ...]:
    """Word diff from the match's source to ours, for display next to a fuzzy match.

    `delete` spans are words of the memory's sentence that ours lacks, `insert` spans are
    words ours adds; text keeps its original spelling and spacing.
    """
    old = _DISPLAY_TOKEN.findall(match_source)
    new = _DISPLAY_TOKEN.findall(source)
    alphabet = _Alphabet()
    old_code = alphabet.encode(normalize_source(t).casefold() for t in old)
    new_code = alphabet.encode(normalize_source(t).casefold() for t in new)
    spans: list[DiffSpan] = []
    deleted, inserted = [], []
    for op in Levenshtein.opcodes(old_code, new_code):
        if op.tag == "equal":
            _flush(spans, deleted, inserted)
            spans.append(DiffSpan("equal", "".join(new[op.dest_start : op.dest_end])))
        else:  # a run of changes reads best as one deletion followed by one insertion
            deleted.extend(old[op.src_start : op.src_end])
            inserted.extend(new[op.dest_start : op.dest_end])
    _flush(spans, deleted, inserted)
    return tuple(spans)


def _flush(spans: list[DiffSpan], deleted: list[str], inserted: list[str]) -> None:
    if deleted:
        spans.append(DiffSpan("delete", "".join(deleted)))
    if inserted:
        spans.append(DiffSpan("insert", "".join(inserted)))
    deleted.clear()
    inserted.clear()
