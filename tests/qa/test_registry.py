"""Every QA code is registered once with a description and severity, and documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench import qa

DOCS = Path(__file__).resolve().parents[2] / "docs" / "qa.md"


def test_every_registered_code_is_in_codes_with_its_description():
    assert set(qa.CODES) == set(qa.REGISTRY)
    assert all(qa.CODES[c] == qa.REGISTRY[c].description for c in qa.CODES)


def test_every_registered_code_is_documented_in_docs_qa():
    text = DOCS.read_text(encoding="utf-8")
    assert [code for code in qa.REGISTRY if f"`{code}`" not in text] == []


def test_flag_codes_callers_rely_on_are_registered():
    for code in ("glossary-missing", "glossary-variant", "number-missing", "punctuation"):
        assert code in qa.CODES


def test_a_new_code_registers_once_and_a_clash_is_refused():
    code = qa.register("test-only-code", "a code for this test", qa.WARNING, "tests")
    try:
        assert qa.register(code, "a code for this test", qa.WARNING, "tests") == code
        with pytest.raises(ValueError, match="already registered"):
            qa.register(code, "something else", qa.ERROR, "elsewhere")
    finally:
        del qa.REGISTRY[code], qa.CODES[code]


def test_flags_carry_the_severity_their_code_was_registered_with():
    (flag,) = qa.check_numbers("It left 16 dead.", "کسان ووژل شول.", "ps")
    assert flag.severity == qa.REGISTRY[qa.NUMBER_MISSING].severity == qa.WARNING
