"""The length ratio is judged against the document's own sentences, robustly."""

from __future__ import annotations

from workbench import qa

SOURCE = "Pakistan repeatedly urged Kabul to disarm the TTP and detain its leaders."


def document(ratio: float, count: int = 12) -> list[tuple[str, str]]:
    """A document whose targets all run `ratio` times their (varied) sources."""
    pairs = []
    for i in range(count):
        source = SOURCE + " More words follow here." * (i % 3)
        pairs.append((source, "ب" * round(len(source) * ratio * (1 + 0.03 * (i % 4)))))
    return pairs


def test_a_concise_document_is_not_flagged_for_being_concise():
    pairs = document(0.45)  # every sentence far shorter than the prior expects
    assert not any(qa.LENGTH_RATIO in [f.code for f in flags]
                   for flags in qa.check_document(pairs, "fa-AF"))  # fmt: skip
    assert qa.check_length_ratio(*pairs[0], qa.calibration_model("en", "fa-AF")) != []


def test_a_sentence_far_from_its_documents_ratio_is_flagged():
    pairs = document(1.0)
    pairs[5] = (pairs[5][0], "ب" * (len(pairs[5][0]) // 2))  # half the sentence dropped
    flags = qa.check_document(pairs, "ur")
    assert [i for i, f in enumerate(flags) if qa.LENGTH_RATIO in [x.code for x in f]] == [5]
    assert "this document" in flags[5][-1].message


def test_the_model_is_learned_from_the_document_and_robust_to_its_outliers():
    pairs = document(1.2)
    pairs[0] = (pairs[0][0], "ب" * 5)
    pairs[1] = (pairs[1][0], "ب" * 1000)
    model = qa.learn_length_model(pairs, "en", "ur")
    assert model.origin == "document" and model.segments == 12
    clean = qa.learn_length_model(document(1.2), "en", "ur")
    assert abs(model.centre - clean.centre) < 0.05 and model.spread < 1.5 * clean.spread
    low, high = model.band(80)
    assert low < 1.2 < high


def test_too_few_segments_fall_back_to_the_calibration_prior():
    model = qa.learn_length_model(document(1.0, count=qa.length.MIN_SEGMENTS - 1), "en", "ps")
    assert model == qa.calibration_model("en", "ps")


def test_short_sources_are_not_judged():
    assert qa.check_length_ratio("Yes.", "جی ہاں، بالکل ایسا ہی ہے، جناب والا۔") == []


def test_invisible_marks_do_not_count_as_length():
    target = "پاکستان نے کابل پر زور دیا کہ وہ ٹی ٹی پی کو غیر مسلح کرے۔"
    padded = "\u200e" * 200 + target + "\u2066\u2069" * 100
    assert qa.check_length_ratio(SOURCE, padded) == qa.check_length_ratio(SOURCE, target) == []


def test_tmx_notes_judge_length_against_the_document_they_are_given():
    pairs = document(0.45)
    prior_notes = qa.qa_notes(None, "en", "fa-AF")(*pairs[0])
    assert any(note.startswith(f"QA {qa.LENGTH_RATIO}:") for note in prior_notes)
    assert qa.qa_notes(None, "en", "fa-AF", pairs)(*pairs[0]) == [
        note for note in prior_notes if not note.startswith(f"QA {qa.LENGTH_RATIO}:")
    ]
    model = qa.learn_length_model(pairs, "en", "fa-AF")
    assert qa.qa_notes(None, "en", "fa-AF", length_model=model)(*pairs[0]) == (
        qa.qa_notes(None, "en", "fa-AF", pairs)(*pairs[0])
    )
