"""The parts of the aligner: anchors, the dynamic programme and its posteriors, the band."""

from __future__ import annotations

import itertools
import math
import random

import numpy as np
import pytest
from sacrebleu.metrics import CHRF

from workbench import config
from workbench.align import align_sentences
from workbench.align.anchors import find_anchors, is_question, latin_words, numbers
from workbench.align.band import Band
from workbench.align.costs import bead_costs, length_model
from workbench.align.dp import posteriors, viterbi
from workbench.align.similarity import ChrfTable
from workbench.align.terms import glossary_terms
from workbench.glossary import load_glossary, parse_glossary

# ------------------------------------------------------------------------------ anchors


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("more than 2,000 containers", {"2000"}),
        ("۲٬۰۰۰ سے زائد کنٹینر", {"2000"}),
        ("٢٠٠٠ حاوية", {"2000"}),
        ("دسمبر ۲۰۲۴ میں", {"2024"}),
        ("growth of 2.50 percent", {"2.5"}),
        ("رشد ۲٫۵ درصد", {"2.5"}),
        ("in 2023-24 and 07 cases", {"2023", "24", "7"}),
        ("no numbers here", set()),
    ],
)
def test_numbers_are_the_same_in_western_arabic_indic_and_persian_digits(text, expected):
    assert numbers(text) == expected


def test_latin_words_and_questions_are_found_in_both_scripts():
    assert latin_words("پاکستان اور TTP میں سے") == {"ttp"}
    assert is_question("کیا کابل تیار ہے؟") and is_question("Is Kabul willing?")
    assert not is_question("کابل تیار ہے۔")


def test_names_left_in_latin_script_anchor_to_the_same_word_in_the_source():
    anchors = find_anchors(
        ["Talks with the TTP failed.", "APTTA expired.", "Trade fell."],
        ["TTP سے مذاکرات ناکام ہو گئے۔", "اپٹا ختم ہو گیا۔", "تجارت کم ہو گئی۔"],
        "en",
        "ur",
    )

    assert anchors.source == (frozenset({"name:ttp"}), frozenset(), frozenset())
    assert anchors.target == (frozenset({"name:ttp"}), frozenset(), frozenset())


def test_an_anchor_found_on_one_side_only_is_dropped_and_rare_anchors_weigh_more():
    source = ["In 2024 it rose.", "Why?", "Why not?", "It fell by 16."]
    target = ["۲۰۲۴ میں اضافہ ہوا۔", "کیوں؟", "کیوں نہیں؟", "اس میں کمی آئی۔"]

    anchors = find_anchors(source, target, "en", "ur")

    assert "num:16" not in anchors.bonus
    assert anchors.bonus["num:2024"] > anchors.bonus["punct:?"] > 0


def test_a_term_finder_plugs_glossary_concepts_in_as_anchors():
    def terms(sentence: str, lang: str) -> set[str]:
        form = {"en": "Torkham", "ur": "طورخم"}[lang]
        return {"torkham"} if form in sentence else set()

    anchors = find_anchors(
        ["Trade through Torkham fell.", "Talks resume."],
        ["طورخم کے راستے تجارت کم ہوئی۔", "مذاکرات دوبارہ شروع ہوں گے۔"],
        "en",
        "ur",
        term_finder=terms,
    )

    assert anchors.source[0] == anchors.target[0] == frozenset({"term:torkham"})


# ------------------------------------------------------------------- dynamic programme


def _all_paths(n: int, m: int, shapes):
    """Every bead sequence from (0, 0) to (n, m), by brute force."""
    if n == 0 and m == 0:
        yield []
        return
    for di, dj in shapes:
        if n >= di and m >= dj:
            for path in _all_paths(n - di, m - dj, shapes):
                yield [*path, (n, m, (di, dj))]


@pytest.mark.parametrize("seed", range(4))
def test_viterbi_and_posteriors_agree_with_enumerating_every_alignment(seed):
    rng = random.Random(seed)
    n, m = rng.randint(2, 4), rng.randint(2, 4)
    src = np.array([rng.randint(10, 120) for _ in range(n)], dtype=float)
    tgt = np.array([rng.randint(10, 120) for _ in range(m)], dtype=float)
    paragraphs = ([0] * (n - 1) + [1], [0] * (m // 2) + [1] * (m - m // 2))
    band = Band.around_diagonal(n, m, 10)
    costs = bead_costs(band, src, tgt, length_model(src, tgt, 4.0), None, *paragraphs)

    def cost(path):
        return sum(costs[s][i, j - band.lo[i]] for i, j, s in path)

    paths = list(_all_paths(n, m, list(costs)))
    best = min(paths, key=cost)
    total = sum(math.exp(-cost(p)) for p in paths)
    found = viterbi(band, costs)

    assert found.beads == best
    assert found.cost == pytest.approx(cost(best))
    for bead, probability in zip(best, posteriors(band, costs, found), strict=True):
        share = sum(math.exp(-cost(p)) for p in paths if bead in p) / total
        assert probability == pytest.approx(share, rel=1e-6)


def test_the_band_widens_when_the_alignment_runs_far_from_the_diagonal():
    rng = random.Random(3)
    lengths = [rng.randint(20, 160) for _ in range(400)]
    source = ["x" * n + "." for n in lengths]
    # The first 200 sentences are translated two by two, the last 200 one by one.
    merged = ["y" * (lengths[k] + lengths[k + 1]) + "۔" for k in range(0, 200, 2)]
    target = merged + ["y" * n + "۔" for n in lengths[200:]]
    truth = {((k, k + 1), (k // 2,)) for k in range(0, 200, 2)}
    truth |= {((k,), (k - 100,)) for k in range(200, 400)}

    alignment = align_sentences(source, target, "en", "ur")

    assert {(b.src, b.tgt) for b in alignment.beads} == truth
    first_band = Band.around_diagonal(400, 300, 40)
    assert not first_band.lo[200] <= 100 < first_band.lo[200] + first_band.width


def test_the_band_never_leaves_the_matrix_and_holds_both_corners():
    for n, m in itertools.product((1, 2, 7, 50), (1, 3, 60)):
        band = Band.around_diagonal(n, m, 5)
        cols = band.columns()
        assert cols.min() >= 0 and cols.max() <= m
        assert cols[0, 0] == 0 and cols[n, -1] == m


# ---------------------------------------------------------------------------------- MT


def test_cached_chrf_is_sacrebleus_sentence_chrf():
    mt = ["Relations between Pakistan and Afghanistan have hit a low.", "Kabul must act."]
    target = ["Relations between Pakistan and Afghanistan hit another low.", "Kabul acts.", "No."]
    table = ChrfTable(mt, target)

    for s0, s1, t0, t1 in [(0, 1, 0, 1), (1, 2, 1, 2), (0, 2, 0, 1), (0, 1, 1, 3)]:
        hypothesis, reference = " ".join(mt[s0:s1]), " ".join(target[t0:t1])
        expected = CHRF().sentence_score(hypothesis, [reference]).score
        assert table.score(s0, s1, t0, t1) == pytest.approx(expected)


def test_the_house_glossary_finds_a_concept_by_its_source_term_and_by_its_renderings():
    terms = glossary_terms(load_glossary(config.glossary_path()), "en", "ur")

    assert "TTP" in terms("Kabul must choose between Pakistan and the TTP.", "en")
    assert "TTP" in terms("کابل کو پاکستان اور ٹی ٹی پی میں سے ایک کو چننا ہوگا۔", "ur")
    assert "TTP" in terms("تحریک طالبان پاکستان کے حملے بڑھ گئے۔", "ur")
    assert "TTP" not in terms("کابل کو فیصلہ کرنا ہوگا۔", "ur")


def test_an_old_translation_with_a_retired_rendering_still_anchors():
    glossary = parse_glossary(
        (
            "concept,lang,full,short,full_variants,short_variants,deprecated,definition,note\n"
            "torkham,en,Torkham,,,,,,\n"
            "torkham,ur,طورخم,,,,تورخم,,\n"
        ).encode(),
        "border.csv",
    )
    terms = glossary_terms(glossary, "en", "ur")

    assert terms("تورخم کی سرحد بند ہے۔", "ur") == {"torkham"} == terms("Torkham is shut.", "en")
