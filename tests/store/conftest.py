"""Fixtures for the store tests: a fresh database per test and a small stored document.

Every test that opens the store through `db_url` runs twice: on a SQLite file (the default
store) and on a throwaway PostgreSQL server (`tests.fixtures.postgres`; skipped, with the
reason, where PostgreSQL or its driver is missing), so the store's SQL is proven portable.
"""

from __future__ import annotations

import pytest

from workbench.engines.base import Hypothesis
from workbench.store import Document, Store, open_store

FOUR_SENTENCES = (
    "Pakistan and Afghanistan held talks in Kabul.\n\n"
    "The TTP was discussed. Trade was on the agenda too.\n\n"
    "No joint statement was issued."
)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    if request.param == "postgresql":
        return request.getfixturevalue("postgres_server").new_database()
    return f"sqlite:///{tmp_path / 'workbench.db'}"


@pytest.fixture
def store(db_url) -> Store:
    opened = open_store(db_url)
    yield opened
    opened.close()


@pytest.fixture
def document(store) -> Document:
    return store.add_document("talks.txt", FOUR_SENTENCES)


def made_up_mt(store: Store, document: Document, n_best: int = 2) -> list[list[Hypothesis]]:
    """MT whose best hypothesis for segment i (0-based) is `MT<i>`, then `MT<i> alt<k>`."""
    return [
        [
            Hypothesis(f"MT{seg.index}" + (f" alt{k}" if k else ""), -0.5 * (k + 1))
            for k in range(n_best)
        ]
        for seg in store.segments(document.id)
    ]


@pytest.fixture
def translated(store, document) -> Document:
    """`document` with made-up Urdu MT stored for every segment."""
    store.add_machine_translations(
        document.id, "ur", "argos", "test-model-1", made_up_mt(store, document)
    )
    return document
