"""A small stored document with MT and revisions, for the store-based scoring tests.

The store tests' four sentences; MT for all; amna edits sentences 1 and 2 and confirms 4
unchanged; bilal confirms sentence 1. After `intl` tokenization (the Urdu full stop `۔` is a token):

    1  MT     پاکستان اور افغانستان نے کابل میں بات چیت کی ۔      10 tokens
       final  پاکستان اور افغانستان نے کابل میں مذاکرات کیے ۔      9 tokens, 3 edits
    2  MT     ٹی ٹی پی پر بات ہوئی ۔                               7 tokens
       final  ٹی ٹی پی پر بھی بات ہوئی ۔                           8 tokens, 1 edit
    3  MT only (not post-edited)
    4  MT = final  کوئی مشترکہ بیان جاری نہیں ہوا ۔                 7 tokens, 0 edits
"""

from __future__ import annotations

import pytest

from tests.store.conftest import FOUR_SENTENCES
from workbench.engines.base import Hypothesis
from workbench.store import Document, Store, open_store

MT = [
    "پاکستان اور افغانستان نے کابل میں بات چیت کی۔",
    "ٹی ٹی پی پر بات ہوئی۔",
    "تجارت بھی ایجنڈے پر تھی۔",
    "کوئی مشترکہ بیان جاری نہیں ہوا۔",
]
EDIT_1 = "پاکستان اور افغانستان نے کابل میں مذاکرات کیے۔"
EDIT_2 = "ٹی ٹی پی پر بھی بات ہوئی۔"


@pytest.fixture
def db_url(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'workbench.db'}"
    monkeypatch.setenv("WORKBENCH_DB", url)
    return url


@pytest.fixture
def store(db_url) -> Store:
    opened = open_store(db_url)
    yield opened
    opened.close()


@pytest.fixture
def document(store) -> Document:
    doc = store.add_document("talks.txt", FOUR_SENTENCES)
    s = store.segments(doc.id)
    store.add_machine_translations(doc.id, "ur", "argos", "m1", [[Hypothesis(t, -0.1)] for t in MT])
    head = store.current_revision(s[0].id, "ur")
    edit = store.save_revision(s[0].id, "ur", EDIT_1, "amna", head.id)
    store.confirm(s[0].id, "ur", "bilal", edit.id)
    head = store.current_revision(s[1].id, "ur")
    store.save_revision(s[1].id, "ur", EDIT_2, "amna", head.id)
    store.confirm(s[3].id, "ur", "amna", store.current_revision(s[3].id, "ur").id)
    return doc
