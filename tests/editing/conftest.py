"""A fresh SQLite store per test with a three-sentence document (two paragraphs)."""

from __future__ import annotations

import pytest

from workbench.store import Document, Store, open_store

THREE_SENTENCES = (
    "The TTP was discussed. Trade was on the agenda.\n\nNo joint statement was issued."
)


@pytest.fixture
def store(tmp_path) -> Store:
    return open_store(f"sqlite:///{tmp_path / 'editing.db'}")


@pytest.fixture
def document(store: Store) -> Document:
    return store.add_document("talks.txt", THREE_SENTENCES)


@pytest.fixture
def segment_ids(store: Store, document: Document) -> list[int]:
    return [s.id for s in store.segments(document.id)]
