"""Sentence segmentation: boundary recall and inside-splits per language, before and after.

    .venv/bin/python bench/segmentation.py [--before COMMIT] [--sentences 2000]

*Before* is the pysbd-based splitter as it was at `--before` (default: the commit issue 16
started from), loaded from git so no copy of it lives in the package; *after* is the current
`workbench.segment`. Both run on the test corpus in tests/fixtures/segmentation/ (tricky news
cases with gold boundaries, see its README): recall is the share of gold sentence boundaries
found, inside-splits the boundaries put inside a gold sentence per gold sentence.

Alignment: bench/align.py's corpus (2,000 English news sentences and a pseudo-Urdu
translation with a known alignment, paragraphs kept) aligned twice with workbench.align: given
one sentence per line (pre-split), and given the raw paragraphs, segmented by the splitter
first. Beads found on raw text are mapped back to the gold sentences their segments overlap,
so a sentence the splitter merged or cut costs the beads it touches. Reported: bead F1 of
both and the difference (goal: within 0.02).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
import types
from collections.abc import Callable
from itertools import groupby, pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import align_corpus  # noqa: E402

from tests.fixtures import segmentation_corpus as corpus  # noqa: E402
from workbench.align import align_sentences  # noqa: E402
from workbench.languages import get_language  # noqa: E402
from workbench.segment import segment_text  # noqa: E402

BEFORE_COMMIT = "52eae70"  # main when issue 16 was taken up: pysbd 0.3.4 + corrections
# A splitter: (text, lang) -> [(paragraph, start, end)] of its segments.
SpanSplitter = Callable[[str, str], list[tuple[int, int, int]]]


def legacy_module(commit: str) -> types.ModuleType:
    """`workbench/segment.py` as it was at `commit`, imported under another name."""
    source = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{commit}:workbench/segment.py"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    module = types.ModuleType("legacy_segment")
    module.__file__ = f"{commit}:workbench/segment.py"
    sys.modules[module.__name__] = module  # dataclasses look their module up
    exec(compile(source, module.__file__, "exec"), module.__dict__)
    module.get_language = _with_pysbd_code  # Language no longer carries pysbd's code
    return module


# The pysbd rule set the old splitter used per language (Pashto and Dari used Persian's).
_PYSBD_CODES = {"en": "en", "ur": "ur", "fa": "fa", "fa-AF": "fa", "ps": "fa"}


def _with_pysbd_code(code: str) -> types.SimpleNamespace:
    language = get_language(code)
    return types.SimpleNamespace(code=language.code, pysbd_code=_PYSBD_CODES[language.code])


def spans_of(segment: Callable) -> SpanSplitter:
    return lambda text, lang: [(s.paragraph, s.start, s.end) for s in segment(text, lang)]


def boundary_table(splitters: dict[str, SpanSplitter]) -> None:
    print(f"{'language':10} {'boundaries':>10} " + " ".join(f"{n:>22}" for n in splitters))
    print(f"{'':10} {'':>10} " + " ".join(f"{'recall  inside-splits':>22}" for _ in splitters))
    for lang in corpus.LANGUAGES:
        cases = corpus.load(lang)
        cells = []
        total = 0
        for split in splitters.values():
            result = corpus.score(cases, lang, lambda t, g, s=split: [a for _, a, _ in s(t, g)])
            total = result.boundaries
            cells.append(f"{result.recall:>10.3f} {result.inside_rate:>10.1%} ")
        print(f"{lang:10} {total:>10} " + " ".join(f"{c:>22}" for c in cells))


def _raw_document(sentences: list[str], paragraphs: list[int]) -> tuple[str, list[int]]:
    """Sentences joined into paragraphs (blank lines between); start offset of each."""
    parts: list[str] = []
    starts: list[int] = []
    pos = 0
    for _, members in groupby(range(len(sentences)), key=lambda i: paragraphs[i]):
        if parts:
            parts.append("\n\n")
            pos += 2
        for k, i in enumerate(members):
            if k:
                parts.append(" ")
                pos += 1
            starts.append(pos)
            parts.append(sentences[i])
            pos += len(sentences[i])
    return "".join(parts), starts


def _gold_ids(starts: list[int], lengths: list[int], a: int, b: int) -> set[int]:
    return {i for i, s in enumerate(starts) if s < b and s + lengths[i] > a}


def raw_alignment_f1(c: align_corpus.Corpus, split: SpanSplitter) -> float:
    src_text, src_starts = _raw_document(c.source, c.src_paragraphs)
    tgt_text, tgt_starts = _raw_document(c.target, c.tgt_paragraphs)
    src_segs, tgt_segs = split(src_text, "en"), split(tgt_text, "ur")
    alignment = align_sentences(
        [src_text[a:b] for _, a, b in src_segs],
        [tgt_text[a:b] for _, a, b in tgt_segs],
        "en",
        "ur",
        src_paragraphs=[p for p, _, _ in src_segs],
        tgt_paragraphs=[p for p, _, _ in tgt_segs],
    )
    src_len, tgt_len = [len(s) for s in c.source], [len(s) for s in c.target]
    found = set()
    for bead in alignment.beads:
        src_ids: set[int] = set()
        tgt_ids: set[int] = set()
        for i in bead.src:
            src_ids |= _gold_ids(src_starts, src_len, src_segs[i][1], src_segs[i][2])
        for j in bead.tgt:
            tgt_ids |= _gold_ids(tgt_starts, tgt_len, tgt_segs[j][1], tgt_segs[j][2])
        found.add((tuple(sorted(src_ids)), tuple(sorted(tgt_ids))))
    return _f1(found, c.gold)


def presplit_alignment_f1(c: align_corpus.Corpus) -> float:
    alignment = align_sentences(
        c.source,
        c.target,
        "en",
        "ur",
        src_paragraphs=c.src_paragraphs,
        tgt_paragraphs=c.tgt_paragraphs,
    )
    return _f1({(b.src, b.tgt) for b in alignment.beads}, c.gold)


def _f1(found: set, gold: set) -> float:
    right = len(found & gold)
    precision, recall = right / max(len(found), 1), right / max(len(gold), 1)
    return 2 * precision * recall / max(precision + recall, 1e-9)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", default=BEFORE_COMMIT, help="commit of the old splitter")
    parser.add_argument("--sentences", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    splitters = {
        f"before ({args.before})": spans_of(legacy_module(args.before).segment_text),
        "after": spans_of(segment_text),
    }
    print("## Boundaries on tests/fixtures/segmentation\n")
    boundary_table(splitters)

    full_pool = align_corpus.english_pool
    variants = {
        "all pool sentences": full_pool,
        # The pool holds a headline and a clause ending in a comma: drawn into running text,
        # no splitter can find where they end. This variant leaves them out.
        "pool sentences ending in . ! ?": lambda: [s for s in full_pool() if _punctuated(s)],
        # Plus the test corpus's English sentences (multi-sentence quotations, abbreviations,
        # initials, URLs), drawn as often as the editorial's.
        "the same + test-corpus sentences": lambda: [
            s for s in full_pool() + _corpus_sentences("en") * 2 if _punctuated(s)
        ],
    }
    for title, pool in variants.items():
        align_corpus.english_pool = pool
        c = align_corpus.build(args.sentences, args.seed)
        print(f"\n## Alignment, {title}: {len(c.source)} x {len(c.target)} sentences\n")
        presplit = presplit_alignment_f1(c)
        print(f"{'input':32} {'bead F1':>8} {'vs pre-split':>13} {'seconds':>8}")
        print(f"{'one sentence per line':32} {presplit:8.3f} {'':>13} {'':>8}")
        for name, split in splitters.items():
            started = time.perf_counter()
            f1 = raw_alignment_f1(c, split)
            seconds = time.perf_counter() - started
            print(f"{'raw text, ' + name:32} {f1:8.3f} {f1 - presplit:+13.3f} {seconds:8.2f}")
    align_corpus.english_pool = full_pool


def _corpus_sentences(lang: str) -> list[str]:
    """The gold sentences of the test corpus, each on one line."""
    sentences = []
    for case in corpus.load(lang):
        cuts = [0, *sorted(case.starts), len(case.text)]
        sentences += [" ".join(case.text[a:b].split()) for a, b in pairwise(cuts)]
    return sentences


def _punctuated(sentence: str) -> bool:
    return sentence.rstrip("”’\"')").endswith((".", "!", "?"))


if __name__ == "__main__":
    main()
