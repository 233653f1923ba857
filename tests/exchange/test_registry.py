"""The format registry: each format listed once, and what the CLI, the editor and the
importers ask of it."""

from __future__ import annotations

import ast
from dataclasses import replace
from pathlib import Path

import pytest

import workbench.exchange
from workbench.errors import InputError
from workbench.exchange import registry

EXCHANGE_DIR = Path(workbench.exchange.__file__).parent
CORE_MODULES = {"workbench", "workbench.errors", "workbench.languages", "workbench.timeutil"}
CORE_MODULES |= {"workbench.vocabulary"}


def test_the_built_in_formats_in_button_order():
    assert [(f.name, f.label, f.extension) for f in registry.formats()] == [
        ("tmx", "TMX", ".tmx"),
        ("xliff", "XLIFF 2", ".xlf"),
        ("tsv", "TSV", ".tsv"),
        ("csv", "CSV (Excel)", ".csv"),
    ]


def test_a_memory_can_be_imported_from_tmx_and_xliff_only():
    assert [f.name for f in registry.memory_formats()] == ["tmx", "xliff"]
    assert registry.upload_types(registry.memory_formats()) == ["tmx", "xlf", "xliff", "xlf2"]


def test_a_format_name_is_looked_up_in_any_case_and_an_unknown_one_is_one_line():
    assert registry.get_format(" XLIFF ") is registry.XLIFF2
    with pytest.raises(InputError, match=r"^unknown format 'docx'; known: tmx, xliff, tsv, csv$"):
        registry.get_format("docx")


def test_registering_a_name_twice_is_refused():
    with pytest.raises(ValueError, match="registered twice"):
        registry.register(replace(registry.TMX, extensions=(".tmx2",)))


def test_formats_sharing_an_extension_are_told_apart_by_their_content(tmp_path):
    xliff12 = replace(
        registry.XLIFF2,
        name="xliff12-example",
        extensions=(".xlf",),
        sniff=lambda head: b'version="1.2"' in head,
    )
    among = (registry.XLIFF2, xliff12)
    old = tmp_path / "old.xlf"
    old.write_bytes(b'<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"/>')
    new = tmp_path / "new.xlf"
    registry.XLIFF2.write([], new, source_lang="en", target_lang="ur", original="d")
    assert registry.detect_format(old, among=among) is xliff12
    assert registry.detect_format(new, among=among) is registry.XLIFF2


def test_a_broken_file_with_a_known_extension_goes_to_that_formats_reader(tmp_path):
    path = tmp_path / "broken.tmx"
    path.write_bytes(b"<not-xml")
    assert registry.detect_format(path) is registry.TMX


def test_a_file_neither_extension_nor_content_recognises_is_one_clear_error(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("just text", encoding="utf-8")
    with pytest.raises(
        InputError,
        match=r"notes\.txt: neither TMX nor XLIFF 2 \(expected a "
        r"\.tmx, \.xlf, \.xliff or \.xlf2 file\)$",
    ):
        registry.detect_format(path, among=registry.memory_formats())


def test_the_exchange_package_imports_only_core_modules_and_itself():
    outside = set()
    for module in EXCHANGE_DIR.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            outside |= {
                f"{module.name}: {name}"
                for name in names
                if name.startswith("workbench")
                and name not in CORE_MODULES
                and not name.startswith("workbench.exchange")
            }
    assert outside == set()
