"""Every error a person sees is one line (issue 19, item 6)."""

from __future__ import annotations

from workbench.errors import InputError, WorkbenchError
from workbench.exchange.xmlparse import parse_document


def test_a_message_quoting_several_lines_is_shown_on_one():
    error = WorkbenchError("cannot save: server said\nERROR:  disk full\r\nHINT:  free space")
    assert str(error) == "cannot save: server said ERROR:  disk full HINT:  free space"


def test_an_input_error_keeps_its_file_and_line_and_stays_on_one_line():
    error = InputError("bad thing\n  at column 3", path="memo.tmx", line=4)
    assert str(error) == "memo.tmx:4: bad thing at column 3"


def test_a_parser_error_from_a_broken_xml_file_is_one_line():
    data = b"<?xml version='1.0'?>\n<xliff>\n<file attr='x\n\n</xliff>"
    try:
        parse_document(data, "broken.xlf")
    except InputError as exc:
        assert "\n" not in str(exc) and str(exc).startswith("broken.xlf:")
    else:
        raise AssertionError("a broken file was accepted")
