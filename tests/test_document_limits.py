"""Issue 19.10: documented size limits, refused in one line before any work."""

from __future__ import annotations

import tracemalloc

import pytest

from workbench import config
from workbench.documents import decode_document, read_document
from workbench.errors import InputError
from workbench.segment import iter_segments, segment_document


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBENCH_MAX_FILE_BYTES", "100")
    big = tmp_path / "big.txt"
    big.write_text("A sentence. " * 20, encoding="utf-8")
    big.chmod(0)  # unreadable: the refusal must come from the size alone
    try:
        with pytest.raises(InputError) as err:
            read_document(big)
    finally:
        big.chmod(0o644)
    assert str(err.value) == (
        f"{big}: the file is 240 bytes; the limit is 100 "
        "(split the document, or raise WORKBENCH_MAX_FILE_BYTES)"
    )


def test_an_upload_over_the_size_limit_is_refused(monkeypatch):
    monkeypatch.setenv("WORKBENCH_MAX_FILE_BYTES", "10")
    with pytest.raises(InputError, match=r"^up\.txt: the file is 12 bytes; the limit is 10 "):
        decode_document(b"Hello there.", "up.txt")


def test_a_document_over_the_character_limit_is_refused(monkeypatch):
    monkeypatch.setenv("WORKBENCH_MAX_DOCUMENT_CHARS", "5")
    # Urdu takes two bytes a character: the character limit is what applies.
    with pytest.raises(InputError, match=r"^ur\.txt: the document has 6 characters; the limit"):
        decode_document("یہ ہے۔".encode(), "ur.txt")


def test_a_document_with_more_segments_than_the_limit_is_refused(monkeypatch):
    monkeypatch.setenv("WORKBENCH_MAX_SEGMENTS", "3")
    assert len(segment_document("One. Two. Three.", "en")) == 3
    with pytest.raises(InputError, match=r"^doc\.txt: more than 3 segments; the limit is 3 "):
        segment_document("One. Two. Three. Four.", "en", path="doc.txt")


@pytest.mark.parametrize(
    ("name", "raw", "expected"),
    [
        ("max_file_bytes", "", config.DEFAULT_MAX_FILE_BYTES),
        ("max_file_bytes", "2_000", 2000),
        ("max_document_chars", "0", config.DEFAULT_MAX_DOCUMENT_CHARS),
        ("max_segments", "many", config.DEFAULT_MAX_SEGMENTS),
        ("max_segments", "50", 50),
    ],
)
def test_limits_come_from_the_environment_with_defaults(monkeypatch, name, raw, expected):
    env = {
        "max_file_bytes": config.MAX_FILE_BYTES_ENV,
        "max_document_chars": config.MAX_DOCUMENT_CHARS_ENV,
        "max_segments": config.MAX_SEGMENTS_ENV,
    }[name]
    monkeypatch.setenv(env, raw)
    assert getattr(config, name)() == expected


def test_segmentation_streams_so_memory_does_not_grow_with_the_document():
    text = "Mr. Khan said the talks failed. “We will go on,” he said.\n" * 20_000  # 1.1 MB
    next(iter_segments("Rules compiled first.", "en"))
    tracemalloc.start()
    try:
        count = sum(1 for _ in iter_segments(text, "en"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 40_000
    assert peak < 1_000_000  # less than the text itself; no list of lines or segments


def test_the_cli_refuses_a_file_over_the_limit_in_one_line(tmp_path, monkeypatch, capsys):
    from workbench.cli import main

    monkeypatch.setenv("WORKBENCH_MAX_FILE_BYTES", "1000")
    doc = tmp_path / "report.txt"
    doc.write_text("The talks failed. " * 100, encoding="utf-8")
    assert main(["segment", str(doc)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "the file is 1,800 bytes; the limit is 1,000" in err and "Traceback" not in err
