"""A synthetic but realistic parallel corpus with a known alignment, for bench/align.py.

How it is built (seeded, so every run sees the same text):

* Source: real English news sentences (the sample editorial in seeds/ and the English side
  of tests/fixtures/parallel_editorial.py), drawn at random, with every number replaced by a
  fresh random one (years, counts, percentages, 2,000-style thousands) so numbers are as
  frequent as in news text but not repeated artificially. Acronyms (TTP, APTTA, ...) and
  question marks stay as the sentences have them.
* Target: a pseudo-Urdu translation of each sentence. Its length in characters is the
  source length times the Urdu/English ratio times log-normal noise, both measured on the
  hand-written Urdu translation in tests/fixtures (so lengths vary as a real translation's
  do); its words are Urdu words from that translation. Each source number is kept with
  probability 0.85 (70% in Urdu digits ۰-۹, else Western digits), each Latin acronym is left
  in Latin script with probability 0.7, and a question ends in ؟ (else ۔).
* Translator's edits, recorded as the true alignment: two consecutive sentences translated
  as one (2-1) with probability 0.05, one sentence translated as two (1-2) 0.03, a
  sentence left out (1-0) 0.01, a sentence added, e.g. a translator's note (0-1) 0.01.
* Paragraphs: the source is grouped into paragraphs of 1-6 sentences, and the translation
  keeps them (edits never cross a paragraph break).
"""

from __future__ import annotations

import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fixtures.parallel_editorial import EDITORIAL  # noqa: E402
from workbench.align.costs import char_length  # noqa: E402
from workbench.segment import segment_text  # noqa: E402

P_MERGE, P_SPLIT, P_DROP, P_ADD = 0.05, 0.03, 0.01, 0.01
P_KEEP_NUMBER, P_URDU_DIGITS, P_KEEP_LATIN = 0.85, 0.7, 0.7
_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_ACRONYM = re.compile(r"\b[A-Z]{2,}\b")
_URDU_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


@dataclass(frozen=True)
class Corpus:
    source: list[str]
    target: list[str]
    src_paragraphs: list[int]
    tgt_paragraphs: list[int]
    gold: set[tuple[tuple[int, ...], tuple[int, ...]]]  # true beads as (source, target) indexes


def english_pool() -> list[str]:
    sample = (ROOT / "seeds" / "pak-afghan-ties.en.txt").read_text(encoding="utf-8")
    pool = [" ".join(s.text.split()) for s in segment_text(sample, "en")]
    pool += [en for paragraph in EDITORIAL for en, _, _ in paragraph]
    return [s for s in pool if len(s) > 3]


def urdu_length_model() -> tuple[float, float, list[str]]:
    """(ratio, sd of log ratio, Urdu words) from the hand-written Urdu translation."""
    pairs = [(en, ur) for paragraph in EDITORIAL for en, ur, _ in paragraph]
    en_lengths = np.array([char_length(en) for en, _ in pairs], dtype=float)
    ur_lengths = np.array([char_length(ur) for _, ur in pairs], dtype=float)
    ratio = ur_lengths.sum() / en_lengths.sum()
    spread = float(np.std(np.log(ur_lengths / (ratio * en_lengths))))
    words = sorted({w.strip("۔؟،") for _, ur in pairs for w in ur.split()} - {""})
    words = [w for w in words if not re.search(r"[0-9A-Za-z۰-۹٬]", w)]
    return float(ratio), spread, words


def _random_number(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.4:
        return str(rng.randint(1947, 2025))
    if kind < 0.8:
        return str(rng.randint(2, 500))
    return f"{rng.randint(1, 99)},{rng.randint(0, 999):03d}"


def _translate(english: str, rng: random.Random, model: tuple[float, float, list[str]]) -> str:
    ratio, spread, words = model
    wanted = max(4, round(char_length(english) * ratio * rng.lognormvariate(0, spread)))
    kept = []
    for number in _NUMBER.findall(english):
        if rng.random() < P_KEEP_NUMBER:
            urdu = number.replace(",", "٬").translate(_URDU_DIGITS)
            kept.append(urdu if rng.random() < P_URDU_DIGITS else number)
    kept += [a for a in _ACRONYM.findall(english) if rng.random() < P_KEEP_LATIN]
    out: list[str] = []
    length = sum(char_length(k) for k in kept)
    while length < wanted:
        word = rng.choice(words)
        out.append(word)
        length += char_length(word)
    for token in kept:
        out.insert(rng.randint(0, len(out)), token)
    end = "؟" if english.rstrip("”’\"'").endswith("?") else "۔"
    return " ".join(out) + end


def build(sentences: int = 2000, seed: int = 7, spread: float | None = None) -> Corpus:
    """The corpus; `spread` overrides the measured log-normal spread of lengths."""
    rng = random.Random(seed)
    pool, model = english_pool(), urdu_length_model()
    if spread is not None:
        model = (model[0], spread, model[2])
    source: list[str] = []
    while len(source) < sentences:
        english = rng.choice(pool)
        source.append(_NUMBER.sub(lambda _: _random_number(rng), english))
    src_paragraphs: list[int] = []
    while len(src_paragraphs) < sentences:
        size = rng.randint(1, 6)
        src_paragraphs += [len(set(src_paragraphs))] * size
    src_paragraphs = src_paragraphs[:sentences]

    target: list[str] = []
    tgt_paragraphs: list[int] = []
    gold: set[tuple[tuple[int, ...], tuple[int, ...]]] = set()
    i = 0
    while i < sentences:
        para = src_paragraphs[i]
        same_paragraph_next = i + 1 < sentences and src_paragraphs[i + 1] == para
        roll = rng.random()
        if roll < P_MERGE and same_paragraph_next:
            src_ids: tuple[int, ...] = (i, i + 1)
            texts = [
                _translate(source[i], rng, model)[:-1]
                + "، "
                + _translate(source[i + 1], rng, model)
            ]
        elif roll < P_MERGE + P_SPLIT:
            src_ids = (i,)
            whole = _translate(source[i], rng, model).split()
            cut = max(1, len(whole) // 2)
            texts = (
                [" ".join(whole[:cut]) + "۔", " ".join(whole[cut:])]
                if len(whole) > 2
                else [" ".join(whole)]
            )
        elif roll < P_MERGE + P_SPLIT + P_DROP:
            src_ids, texts = (i,), []
        else:
            src_ids, texts = (i,), [_translate(source[i], rng, model)]
        if rng.random() < P_ADD:  # a translator's note of its own, before this bead
            gold.add(((), (len(target),)))
            target.append(_translate(rng.choice(pool), rng, model))
            tgt_paragraphs.append(para)
        gold.add((src_ids, tuple(range(len(target), len(target) + len(texts)))))
        target += texts
        tgt_paragraphs += [para] * len(texts)
        i += len(src_ids)
    return Corpus(source, target, src_paragraphs, tgt_paragraphs, gold)


def simulated_mt(corpus: Corpus, seed: int = 11, noise: float = 0.35) -> list[str]:
    """A stand-in for the MT of each source sentence: the words of its true translation with
    a share `noise` of them replaced by random words of the target text (a left-out sentence
    gets random words). No real en→ur model can be installed offline here, so this measures
    what MT similarity adds when MT is about that close to the human translation.
    """
    rng = random.Random(seed)
    truth: dict[int, str] = {}
    for src_ids, tgt_ids in corpus.gold:
        for i in src_ids:
            truth[i] = " ".join(corpus.target[j] for j in tgt_ids)
    words = " ".join(corpus.target).split()

    def garble(text: str) -> str:
        kept = [w if rng.random() > noise else rng.choice(words) for w in text.split()]
        return " ".join(kept) or " ".join(rng.choice(words) for _ in range(8))

    return [garble(truth.get(i, "")) for i in range(len(corpus.source))]
