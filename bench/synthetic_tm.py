"""Synthetic translation units for the TMX/TM benchmarks, made offline and reproducibly.

English sources are random walks over the word bigrams of the bundled editorial (so they
have its vocabulary, word lengths and punctuation); targets are Urdu words drawn the same
way. Metadata looks like a store export: dates, author, origin, status, paragraph.
"""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from workbench import config
from workbench.exchange.units import (
    PROP_DOCUMENT,
    PROP_ORIGIN,
    PROP_PARAGRAPH,
    PROP_STATUS,
    TranslationUnit,
)

URDU_TEXT = (
    "پاکستان افغانستان کے درمیان تعلقات ایک بار پھر نچلی سطح پر آ گئے ہیں اسلام آباد میں طالبان "
    "کی جانب سے سلامتی خدشات کا جواب نہ ملنے پر مایوسی بڑھ رہی ہے وزیر اعظم نے کابل سے مطالبہ کیا "
    "سرحد پار حملے ناقابل قبول ہیں حکومت مذاکرات تجارت راہداری امن"
)


def seed_sentences() -> list[str]:
    """The editorial's own sentences (queries that look like real work)."""
    text = config.SAMPLE_DOCUMENT.read_text(encoding="utf-8")
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 6]


class SentenceMaker:
    def __init__(self, seed: int = 7) -> None:
        words = re.findall(r"\S+", config.SAMPLE_DOCUMENT.read_text(encoding="utf-8"))
        self._words = words
        self._next: dict[str, list[str]] = {}
        for a, b in itertools.pairwise(words):
            self._next.setdefault(a, []).append(b)
        self._urdu = URDU_TEXT.split()
        self._rng = random.Random(seed)

    def english(self) -> str:
        rng = self._rng
        word = rng.choice(self._words)
        out = [word.capitalize()]
        for _ in range(rng.randint(7, 34)):
            word = rng.choice(self._next.get(word) or self._words)
            out.append(word)
        return " ".join(out).rstrip(".,;:") + "."

    def urdu(self) -> str:
        rng = self._rng
        return " ".join(rng.choice(self._urdu) for _ in range(rng.randint(8, 36))) + "۔"


def synthetic_units(count: int, seed: int = 7) -> Iterator[TranslationUnit]:
    """`count` units shaped like a store export, generated lazily."""
    maker = SentenceMaker(seed)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    for number in range(count):
        created = start + timedelta(seconds=number * 7)
        yield TranslationUnit(
            source_lang="en",
            source=maker.english(),
            targets={"ur": maker.urdu()},
            id=f"bench-{number + 1}",
            created=created,
            changed=created + timedelta(minutes=5),
            author="editor",
            props=(
                (PROP_ORIGIN, "human"),
                (PROP_STATUS, "confirmed"),
                (PROP_DOCUMENT, "bench"),
                (PROP_PARAGRAPH, str(number // 5 + 1)),
            ),
        )
