"""Which fuzzy scorer for the translation memory? Scores on known edits, and speed.

    .venv/bin/python bench/tm_scorers.py [--entries 100000] [--queries 50]

Every sentence of the bundled editorial is edited the ways a memory's sentences differ
from new ones (one number changed, a word swapped or added, only case and punctuation
changed, two names swapped, cut in half, a clause added, words shuffled) and paired with
an unrelated sentence of the same text. Each candidate scorer then scores every pair. A
good TM scorer puts light edits well above the 75% floor, never scores a changed
sentence 100 (that would pass for an exact match), and keeps unrelated or shuffled
sentences under 75 (matches a translator would have to read and reject). The second
table times each scorer on lookups against a large memory with `score_cutoff`.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import time
from collections.abc import Callable

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein
from synthetic_tm import SentenceMaker, seed_sentences

from workbench.memory.index import MAX_FUZZY, TmEntry, TranslationMemory, normalize_source, tokenize


def word_levenshtein(a: str, b: str, score_cutoff: float | None = None) -> float:
    """The TM's scorer, standalone: Levenshtein over case-folded word tokens, and at most
    99 for sentences that are not the same (as `TranslationMemory.lookup` caps it)."""
    codes: dict[str, str] = {}
    ea = "".join(codes.setdefault(t.casefold(), chr(0x100 + len(codes))) for t in tokenize(a))
    eb = "".join(codes.setdefault(t.casefold(), chr(0x100 + len(codes))) for t in tokenize(b))
    score = 100.0 * Levenshtein.normalized_similarity(ea, eb)
    return score if a == b else min(score, MAX_FUZZY)


SCORERS: dict[str, Callable[..., float]] = {
    "word Levenshtein (ours)": word_levenshtein,
    "char Indel ratio": fuzz.ratio,
    "char Levenshtein": lambda a, b, **_: 100.0 * Levenshtein.normalized_similarity(a, b),
    "token_sort_ratio": fuzz.token_sort_ratio,
    "token_set_ratio": fuzz.token_set_ratio,
    "partial_ratio": fuzz.partial_ratio,
    "WRatio": fuzz.WRatio,
}

LIGHT = ("number changed", "word swapped", "word added", "case+punctuation")
MEANING = ("names swapped",)
HEAVY = ("cut in half", "clause added")
UNRELATED = ("words shuffled", "unrelated")


def edits(sentence: str, other: str, rng: random.Random) -> dict[str, str]:
    words = sentence.split()
    mid = len(words) // 2
    swapped = words.copy()
    swapped[mid] = "reportedly" if words[mid] != "reportedly" else "officially"
    added = [*words[:mid], "also", *words[mid:]]
    capitals = [i for i, w in enumerate(words) if w[:1].isupper() and i > 0]
    names = words.copy()
    if len(capitals) >= 2:
        i, j = capitals[0], capitals[-1]
        names[i], names[j] = names[j], names[i]
    else:
        names[0], names[-1] = names[-1], names[0]
    shuffled = words.copy()
    rng.shuffle(shuffled)
    numbered = re.sub(r"\d+|\bfour\b|\btwo\b", "three", sentence, count=1)
    if numbered == sentence:
        numbered = sentence.replace(words[-1], "7 " + words[-1], 1)
    return {
        "number changed": numbered,
        "word swapped": " ".join(swapped),
        "word added": " ".join(added),
        "case+punctuation": sentence.lower().rstrip(".") + " .",
        "names swapped": " ".join(names),
        "cut in half": " ".join(words[:mid]),
        "clause added": sentence.rstrip(".") + ", officials said on Monday in Islamabad.",
        "words shuffled": " ".join(shuffled),
        "unrelated": other,
    }


def quality_table() -> None:
    sentences = [normalize_source(s) for s in seed_sentences()]
    rng = random.Random(5)
    cases: dict[str, list[tuple[str, str]]] = {}
    for n, sentence in enumerate(sentences):
        other = sentences[(n + len(sentences) // 2) % len(sentences)]
        for kind, edited in edits(sentence, other, rng).items():
            cases.setdefault(kind, []).append((sentence, edited))
    kinds = list(cases)
    print(f"== mean score per kind of edit ({len(sentences)} editorial sentences each)")
    print(f"  {'scorer':24}" + "".join(f"{k[:11]:>12}" for k in kinds))
    for name, scorer in SCORERS.items():
        means = [statistics.mean(scorer(a, b) for a, b in cases[k]) for k in kinds]
        print(f"  {name:24}" + "".join(f"{m:12.1f}" for m in means))
    print("\n== mistakes a translator would see (counts over all pairs)")
    print(f"  {'scorer':24}{'light <75':>11}{'changed=100':>13}{'unrelated>=75':>15}")
    for name, scorer in SCORERS.items():
        missed = sum(scorer(a, b) < 75 for k in LIGHT for a, b in cases[k])
        full = sum(
            scorer(a, b) >= 99.95 and a != b for k in LIGHT + MEANING + HEAVY for a, b in cases[k]
        )
        false = sum(scorer(a, b) >= 75 for k in UNRELATED for a, b in cases[k])
        print(f"  {name:24}{missed:>11}{full:>13}{false:>15}")


def speed_table(entries: int, queries: int) -> None:
    maker = SentenceMaker(seed=3)
    sources = [normalize_source(maker.english()) for _ in range(entries)]
    probes = [normalize_source(s) for s in seed_sentences()][:queries]
    memory = TranslationMemory(TmEntry(s, "t", "ur") for s in sources)
    print(f"\n== lookup time against {entries:,} entries, {len(probes)} queries, cutoff 75")
    timings: dict[str, list[float]] = {}

    def run(name: str, lookup: Callable[[str], object]) -> None:
        times = []
        for probe in probes:
            start = time.perf_counter()
            lookup(probe)
            times.append((time.perf_counter() - start) * 1000)
        timings[name] = times

    run("word Levenshtein (ours)", lambda q: memory.lookup(q, "ur"))
    for name in ("char Indel ratio", "token_sort_ratio", "WRatio"):
        scorer = SCORERS[name]
        run(name, lambda q, s=scorer: process.extract(q, sources, scorer=s, score_cutoff=75))
    base = statistics.median(timings["char Indel ratio"])
    for name, times in timings.items():
        median = statistics.median(times)
        print(
            f"  {name:24} median {median:7.2f} ms  max {max(times):7.2f} ms  "
            f"{base / median:5.1f}x vs char Indel ratio"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=50)
    args = parser.parse_args()
    quality_table()
    speed_table(args.entries, args.queries)


if __name__ == "__main__":
    main()
