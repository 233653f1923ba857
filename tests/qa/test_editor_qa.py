"""The editor judges a row's length against its own document, as `workbench qa` does."""

from __future__ import annotations

from tests.fixtures.qa_human import human_pairs
from workbench import qa
from workbench.editing import qa_checks
from workbench.editing.payload import document_rows
from workbench.engines.base import Hypothesis
from workbench.store import Store, open_store
from workbench.workflows.qa import document_length_model


def stored(store: Store, pairs: list[tuple[str, str]], target: str) -> int:
    """A document of the pairs' sources (one per paragraph) with their targets as MT."""
    document = store.add_document("concise.txt", "\n\n".join(s for s, _ in pairs))
    assert document.segment_count == len(pairs)
    store.add_machine_translations(
        document.id, target, "argos", "test", [[Hypothesis(t, -0.1)] for _, t in pairs]
    )
    return document.id


def length_flagged(store: Store, document_id: int, model: qa.LengthModel | None) -> list[int]:
    rows = document_rows(store, document_id, "fa-AF", qa_checks(None, "en", model))
    return [row["n"] - 1 for row in rows if qa.LENGTH_RATIO in [code for code, _ in row["qa"]]]


def test_a_concise_document_is_judged_by_its_own_length_model_in_the_editor():
    store = open_store("sqlite://")
    pairs = [(s, t[: len(t) * 45 // 100]) for s, t in human_pairs("fa-AF")]
    document_id = stored(store, pairs, "fa-AF")
    model = document_length_model(store, document_id, "fa-AF")
    assert model.origin == "document" and model.segments >= qa.length.MIN_SEGMENTS
    assert len(length_flagged(store, document_id, None)) > len(pairs) / 2  # the prior
    assert length_flagged(store, document_id, model) == []


def test_an_untranslated_document_falls_back_to_the_prior():
    store = open_store("sqlite://")
    document = store.add_document("empty.txt", "One sentence here.\n\nAnother one there.")
    model = document_length_model(store, document.id, "ur")
    assert model == qa.calibration_model("en", "ur")
