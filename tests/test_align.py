"""Sentence alignment of a document with its translation (workbench.align).

The ground truth comes from tests/fixtures/parallel_editorial.py: an English editorial and
its Urdu and Pashto translations, sentence by sentence. Each test edits the translation the
way translators do (merges, splits, left-out or added sentences) and checks the beads.
"""

from __future__ import annotations

import re

import pytest

from tests.fixtures.parallel_editorial import document, paragraphs
from workbench.align import LOW_CONFIDENCE, align_sentences, align_texts
from workbench.align.terms import glossary_terms
from workbench.errors import InputError
from workbench.glossary import parse_glossary

Beads = set[tuple[tuple[int, ...], tuple[int, ...]]]


def flatten(paras: list[list[str]]) -> tuple[list[str], list[int]]:
    """Sentences and their paragraph numbers."""
    return [s for p in paras for s in p], [k for k, p in enumerate(paras) for _ in p]


def beads_of(alignment) -> Beads:
    return {(b.src, b.tgt) for b in alignment.beads}


def one_to_one_except(n: int, *changes: tuple[tuple[int, ...], tuple[int, ...]]) -> Beads:
    """The true beads of an n-sentence text whose translation changed only at `changes`.

    Sentences not named in a change are 1-1, shifted by what the changes add or remove.
    """
    beads, shift = set(changes), 0
    changed = {i: c for c in changes for i in c[0]}
    added = sorted((c[1][0], c) for c in changes if not c[0])
    i = 0
    while i < n:
        while added and added[0][0] == i + shift:
            shift += 1
            added.pop(0)
        if i in changed:
            src, tgt = changed[i]
            shift += len(tgt) - len(src)
            i += len(src)
            continue
        beads.add(((i,), (i + shift,)))
        i += 1
    return beads


@pytest.mark.parametrize("lang", ["ur", "ps"])
def test_a_faithful_translation_aligns_one_to_one_with_high_confidence(lang):
    alignment = align_texts(document(paragraphs("en")), document(paragraphs(lang)), "en", lang)

    assert beads_of(alignment) == {((i,), (i,)) for i in range(16)}
    assert all(b.confidence >= LOW_CONFIDENCE for b in alignment.beads)
    assert alignment.report.paragraphs_aligned


@pytest.mark.parametrize("lang", ["ur", "ps"])
def test_paragraph_breaks_lost_in_the_translation_still_align(lang):
    target = " ".join(" ".join(p) for p in paragraphs(lang))  # one paragraph

    alignment = align_texts(document(paragraphs("en")), target, "en", lang)

    assert beads_of(alignment) == {((i,), (i,)) for i in range(16)}
    assert not alignment.report.paragraphs_aligned


def test_two_sentences_translated_as_one_become_a_2_1_bead():
    urdu = paragraphs("ur")
    # "…انتخاب کرے۔" + "انہوں نے کہا…" → one sentence joined with "اور"
    urdu[0][1:3] = [urdu[0][1].removesuffix("۔") + " اور " + urdu[0][2]]

    alignment = align_texts(document(paragraphs("en")), document(urdu), "en", "ur")

    assert beads_of(alignment) == one_to_one_except(16, ((1, 2), (1,)))
    assert alignment.target_text(alignment.beads[1]).count("۔") == 1


def test_a_sentence_translated_as_two_becomes_a_1_2_bead():
    urdu = paragraphs("ur")
    urdu[1][0:1] = [
        "دسمبر ۲۰۲۴ میں پاکستانی لڑاکا طیاروں نے کارروائی کی۔",
        "انہوں نے صوبہ پکتیکا میں چار مقامات پر عسکریت پسندوں کے ٹھکانوں کو نشانہ بنایا۔",
    ]

    alignment = align_texts(document(paragraphs("en")), document(urdu), "en", "ur")

    assert beads_of(alignment) == one_to_one_except(16, ((4,), (4, 5)))
    assert alignment.beads[4].kind == "1-2"


def test_a_sentence_the_translator_left_out_becomes_a_1_0_bead():
    pashto = paragraphs("ps")
    del pashto[2][0]  # "Trade through the Torkham crossing fell by 30 percent last year."

    alignment = align_texts(document(paragraphs("en")), document(pashto), "en", "ps")

    assert beads_of(alignment) == one_to_one_except(16, ((8,), ()))


def test_a_sentence_the_translator_added_becomes_a_0_1_bead():
    urdu = paragraphs("ur")
    # A translator's note: "Paktika is a remote Afghan province on the border with Pakistan."
    note = "پکتیکا افغانستان کا ایک دور افتادہ صوبہ ہے جس کی سرحد پاکستان سے ملتی ہے۔"
    urdu[1].insert(1, note)

    alignment = align_texts(document(paragraphs("en")), document(urdu), "en", "ur")

    assert beads_of(alignment) == one_to_one_except(16, ((), (5,)))
    assert alignment.target_text(alignment.beads[5]) == note


def test_merges_splits_and_a_left_out_sentence_in_one_pashto_text():
    pashto = paragraphs("ps")
    pashto[0][2:4] = [pashto[0][2].removesuffix(".") + "، " + pashto[0][3]]  # 2-1
    pashto[2][1:2] = [  # 1-2
        "سوداګر وايي چې له ۲۰۰۰ څخه زیات کانټینرونه له لاسه ورکړل.",
        "دا کانټینرونه د خرابېدونکو توکو وو او په پوله ودرول شوي وو.",
    ]
    del pashto[1][0]  # 1-0: "In December 2024, Pakistani fighter jets struck …"

    alignment = align_texts(document(paragraphs("en")), document(pashto), "en", "ps")

    assert beads_of(alignment) == one_to_one_except(16, ((2, 3), (2,)), ((4,), ()), ((9,), (7, 8)))


def test_a_number_repairs_a_left_out_sentence_that_length_alone_misplaces():
    english, en_paras = flatten(paragraphs("en"))
    urdu = paragraphs("ur")
    # "Islamabad warned …" left out. It is as long as the sentence before it, which has the
    # number 16 that its translation kept as ۱۶.
    del urdu[1][2]
    target, ur_paras = flatten(urdu)
    truth = one_to_one_except(16, ((6,), ()))
    options = {"src_paragraphs": en_paras, "tgt_paragraphs": ur_paras}

    by_length = align_sentences(english, target, "en", "ur", use_anchors=False, **options)
    with_anchors = align_sentences(english, target, "en", "ur", **options)

    assert beads_of(by_length) != truth
    assert beads_of(with_anchors) == truth


# A glossary in the house CSV format with one concept, "trade".
TRADE_GLOSSARY = (
    "concept,lang,full,short,full_variants,short_variants,deprecated,definition,note\n"
    "trade,en,trade,,,,,,\n"
    "trade,ur,تجارت,,,,,,\n"
    "trade,ps,سوداګري,,سوداګرۍ,,,,\n"
)


def test_a_glossary_term_repairs_what_length_and_numbers_get_wrong():
    english, en_paras = flatten(paragraphs("en"))
    urdu = paragraphs("ur")
    del urdu[3][0]  # "Officials … in Islamabad." left out; "… security and trade." stays
    target, ur_paras = flatten(urdu)
    truth = one_to_one_except(16, ((12,), ()))
    options = {"src_paragraphs": en_paras, "tgt_paragraphs": ur_paras}

    terms = glossary_terms(parse_glossary(TRADE_GLOSSARY.encode(), "trade.csv"), "en", "ur")

    without_glossary = align_sentences(english, target, "en", "ur", **options)
    with_glossary = align_sentences(english, target, "en", "ur", term_finder=terms, **options)

    assert beads_of(without_glossary) != truth
    assert beads_of(with_glossary) == truth


def test_an_ambiguous_bead_is_flagged_low_confidence():
    # Two source sentences of the same length (73 characters); the translation of the first
    # ("… left 16 security personnel dead.") is left out, so its anchor 16 matches nothing.
    english, en_paras = flatten(paragraphs("en"))
    urdu = paragraphs("ur")
    del urdu[1][1]
    target, ur_paras = flatten(urdu)

    alignment = align_sentences(
        english, target, "en", "ur", src_paragraphs=en_paras, tgt_paragraphs=ur_paras
    )

    around = [b for b in alignment.beads if set(b.src) & {5, 6}]
    assert around and all(b.low_confidence for b in around)
    assert not any(b.low_confidence for b in alignment.beads if not set(b.src) & {5, 6})


def test_pairs_join_the_sentences_of_a_bead_and_skip_one_sided_beads():
    urdu = paragraphs("ur")
    urdu[0][1:3] = [urdu[0][1].removesuffix("۔") + " اور " + urdu[0][2]]
    del urdu[2][0]

    alignment = align_texts(document(paragraphs("en")), document(urdu), "en", "ur")
    pairs = alignment.pairs()

    assert len(pairs) == len([b for b in alignment.beads if b.src and b.tgt]) == 14
    assert pairs[1][0] == " ".join(paragraphs("en")[0][1:3])


def test_a_soft_wrapped_sentence_is_one_line_in_the_alignment():
    english = (
        "Relations between Pakistan and\nAfghanistan have hit another low.\n\n"
        "Is Kabul willing to act?\n"
    )
    urdu = document([paragraphs("ur")[0][:1], paragraphs("ur")[0][3:4]])

    alignment = align_texts(english, urdu, "en", "ur")

    assert alignment.source[0] == "Relations between Pakistan and Afghanistan have hit another low."


@pytest.mark.parametrize(
    ("source", "target", "empty"),
    [
        ("", document(paragraphs("ur")), "old.en.txt"),
        (document(paragraphs("en")), "", "old.ur.txt"),
        (document(paragraphs("en")), " \n\n\t\n", "old.ur.txt"),
        ("\ufeff\n", "", "old.en.txt"),
    ],
)
def test_an_empty_side_is_a_clear_error_naming_its_file(source, target, empty):
    with pytest.raises(InputError, match=re.escape(empty)) as caught:
        align_texts(source, target, "en", "ur", names=("old.en.txt", "old.ur.txt"))

    assert "empty" in str(caught.value)


def test_one_sided_sentence_lists_are_a_clear_error():
    with pytest.raises(InputError, match=r"target.*nothing to align"):
        align_sentences(["A sentence."], [], "en", "ur")
    with pytest.raises(InputError, match=r"source.*nothing to align"):
        align_sentences(["  "], ["ایک جملہ۔"], "en", "ur")


def test_a_one_sentence_document_aligns_with_a_one_sentence_translation():
    alignment = align_texts(
        "Is Kabul willing to act?", "کیا کابل کارروائی کے لیے تیار ہے؟", "en", "ur"
    )

    assert beads_of(alignment) == {((0,), (0,))}


@pytest.mark.parametrize(("lang", "paragraph", "left_out"), [("ur", 3, 2), ("ps", 1, 3)])
def test_a_2_1_bead_hiding_an_untranslated_sentence_is_flagged(lang, paragraph, left_out):
    """The new-user report: one English sentence left untranslated, the aligner pairs two
    English sentences with one translated sentence at 80% or more, unflagged. The bead's
    length fits the document's ratio only without one of its sentences: an omission."""
    translation = paragraphs(lang)
    del translation[paragraph][left_out]

    alignment = align_texts(document(paragraphs("en")), document(translation), "en", lang)

    (merged,) = [b for b in alignment.beads if b.kind == "2-1"]
    assert merged.low_confidence
    assert not any(b.low_confidence for b in alignment.beads if b is not merged)


def test_a_genuine_merge_keeps_its_confidence():
    urdu = paragraphs("ur")
    urdu[0][1:3] = [urdu[0][1].removesuffix("۔") + " اور " + urdu[0][2]]

    alignment = align_texts(document(paragraphs("en")), document(urdu), "en", "ur")

    assert not alignment.beads[1].low_confidence


def test_a_sentence_whose_number_the_translation_lacks_is_evidence_of_an_omission():
    from workbench.align.anchors import Anchors
    from workbench.align.omission import omission_probability

    # The target's length (85) fits the two sources (120) as badly as either one alone (60):
    # length alone cannot tell; the number 16 the target lacks can.
    lengths, target = [60.0, 60.0], [85.0]
    without = omission_probability((0, 1), (0,), lengths, target, (0.0, 0.1))
    anchors = Anchors(
        source=(frozenset(), frozenset({"num:16"})), target=(frozenset(),), bonus={"num:16": 3.0}
    )
    with_number = omission_probability((0, 1), (0,), lengths, target, (0.0, 0.1), anchors)
    assert without < 0.2 and with_number > 0.5
