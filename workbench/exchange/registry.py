"""Every exchange format the workbench reads and writes, each listed once.

Whatever offers a format asks this registry: the CLI's `--format` choices (`format_names`),
the editor's download buttons (`export_formats`: label, file extension, MIME type), the
translation-memory import's sniffing (`detect_format` over `memory_formats`) and the
upload widgets' accepted types (`upload_types`). `tests/exchange/test_format_contract.py`
runs every registered format through write → read and expects the same units back.

Interface
---------
An `ExchangeFormat` is a frozen record:

- `name`: the stable id users type (`--format tmx`); `label`: what a button says;
- `extensions`: lower-case, with the dot; the first is the one exports get; formats may
  share one (`.xlf` for XLIFF 1.2 and 2.0), and `detect_format` then sniffs;
- `mime`: the download's MIME type;
- `write(units, out, *, source_lang, target_lang, original) -> int`: write
  `TranslationUnit`s to a path or binary stream, return how many; `original` names the
  document (XLIFF `<file original>`), formats that have no place for it ignore it;
- `read(source, *, source_lang, target_lang, name) -> Iterator[TranslationUnit]`: the
  reverse, from a path or binary stream; `name` is what error messages call the file;
  malformed input raises `workbench.errors.InputError` with the line;
- `sniff(head: bytes) -> bool`, optional: whether the first bytes look like this format
  (used when the extension does not tell);
- `carries`: the `TranslationUnit` fields a write → read round trip keeps (the contract
  test compares exactly these);
- `memory_import`: a translation memory can be imported from it;
  `document_export`: the editor offers it as a download of a document.

Adding a format: write one module in `workbench/exchange/` (a reader and a writer over
`TranslationUnit`, importing nothing but core modules and this package), then add one
`register(ExchangeFormat(...))` entry at the end of this file. The contract test, the CLI
choices, the download buttons and the upload types pick it up. Names in use: `tmx`, `xliff`
(XLIFF 2.0, the name the CLI has always accepted), `tsv`, `csv`; XLIFF 1.2 would be
`xliff12`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import BinaryIO, Protocol

from workbench.errors import InputError
from workbench.exchange import table, tmx, xliff2
from workbench.exchange.units import TranslationUnit

SNIFF_BYTES = 4096  # how much of a file `detect_format` looks at

Source = str | Path | BinaryIO


class UnitWriter(Protocol):
    def __call__(
        self,
        units: Iterable[TranslationUnit],
        out: str | Path | BinaryIO,
        *,
        source_lang: str,
        target_lang: str,
        original: str,
    ) -> int: ...


class UnitReader(Protocol):
    def __call__(
        self, source: Source, *, source_lang: str, target_lang: str | None, name: str | None
    ) -> Iterator[TranslationUnit]: ...


ALL_FIELDS = frozenset(f.name for f in fields(TranslationUnit))


@dataclass(frozen=True)
class ExchangeFormat:
    """One file format: what it is called, how it is recognised, how units go in and out."""

    name: str
    label: str
    extensions: tuple[str, ...]
    mime: str
    write: UnitWriter
    read: UnitReader
    carries: frozenset[str]
    sniff: Callable[[bytes], bool] | None = None
    memory_import: bool = False
    document_export: bool = True

    @property
    def extension(self) -> str:
        """The extension an export of this format gets (`.xlf`)."""
        return self.extensions[0]


_FORMATS: dict[str, ExchangeFormat] = {}


def register(fmt: ExchangeFormat) -> ExchangeFormat:
    """Add a format; a name another format already has is a programming error.

    Formats may share an extension (XLIFF 1.2 and 2.0 are both `.xlf`): `detect_format`
    then tells them apart by their `sniff`.
    """
    if fmt.name in _FORMATS:
        raise ValueError(f"exchange format {fmt.name!r} is registered twice")
    for ext in fmt.extensions:
        if ext != ext.lower() or not ext.startswith("."):
            raise ValueError(f"{fmt.name}: extension {ext!r} must be lower case with a dot")
    _FORMATS[fmt.name] = fmt
    return fmt


def formats() -> tuple[ExchangeFormat, ...]:
    """Every registered format, in registration order (the order buttons appear in)."""
    return tuple(_FORMATS.values())


def format_names() -> list[str]:
    """The `--format` choices."""
    return list(_FORMATS)


def get_format(name: str | ExchangeFormat) -> ExchangeFormat:
    """The format called `name`; an unknown name is an `InputError` listing the known ones."""
    if isinstance(name, ExchangeFormat):
        return name
    try:
        return _FORMATS[str(name).strip().lower()]
    except KeyError:
        raise InputError(f"unknown format {name!r}; known: {', '.join(_FORMATS)}") from None


def export_formats() -> tuple[ExchangeFormat, ...]:
    """The formats a document can be downloaded in."""
    return tuple(f for f in _FORMATS.values() if f.document_export)


def memory_formats() -> tuple[ExchangeFormat, ...]:
    """The formats a translation memory can be imported from."""
    return tuple(f for f in _FORMATS.values() if f.memory_import)


def format_for_path(
    path: Path | str, among: Iterable[ExchangeFormat] | None = None
) -> ExchangeFormat | None:
    """The first format (in registration order) whose extensions include `path`'s, or `None`."""
    suffix = Path(path).suffix.lower()
    for fmt in among if among is not None else _FORMATS.values():
        if suffix in fmt.extensions:
            return fmt
    return None


def detect_format(
    path: Path, head: bytes | None = None, among: Iterable[ExchangeFormat] | None = None
) -> ExchangeFormat:
    """The format of `path` (among `among`, default all), for an import.

    The extension decides when one format claims it (a broken `.tmx` then gets the TMX
    reader's precise error); when several do, their `sniff` on the first bytes (`head`, read
    from the file when not given) picks one, else the first registered; with an unknown
    extension every format's `sniff` is tried. Anything else is one clear `InputError`.
    """
    candidates = tuple(among if among is not None else _FORMATS.values())
    suffix = Path(path).suffix.lower()
    by_extension = [fmt for fmt in candidates if suffix in fmt.extensions]
    if len(by_extension) == 1:
        return by_extension[0]
    if head is None:
        try:
            with Path(path).open("rb") as handle:
                head = handle.read(SNIFF_BYTES)
        except OSError as exc:
            raise InputError(f"cannot read the file: {exc}", path=str(path)) from exc
    for fmt in by_extension or candidates:
        if fmt.sniff is not None and fmt.sniff(head[:SNIFF_BYTES]):
            return fmt
    if by_extension:
        return by_extension[0]
    labels = [f.label for f in candidates]
    extensions = list(dict.fromkeys(ext for f in candidates for ext in f.extensions))
    raise InputError(
        f"neither {' nor '.join(labels)} (expected a {_or_list(extensions)} file)",
        path=str(path),
    )


def upload_types(among: Iterable[ExchangeFormat]) -> list[str]:
    """Extensions without the dot (each once), as `st.file_uploader(type=...)` wants them."""
    return list(dict.fromkeys(ext.lstrip(".") for fmt in among for ext in fmt.extensions))


def _or_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} or {items[-1]}"


def _head_text(head: bytes) -> Iterator[str]:
    for encoding in ("utf-8", "utf-16"):
        yield head.decode(encoding, errors="ignore")


# --- the built-in formats ------------------------------------------------------------------


def _write_tmx(units, out, *, source_lang, target_lang, original):
    return tmx.write_tmx(units, out, srclang=source_lang)


def _read_tmx(source, *, source_lang, target_lang=None, name=None):
    return tmx.read_tmx(source, source_lang=source_lang, name=name)


def _write_xliff(units, out, *, source_lang, target_lang, original):
    return xliff2.write_xliff(
        units, out, srclang=source_lang, trglang=target_lang, original=original
    )


def _read_xliff(source, *, source_lang=None, target_lang=None, name=None):
    return xliff2.read_xliff(source, name=name)


def _table(name: str, label: str, extension: str, mime: str, delimiter: str) -> ExchangeFormat:
    """A document table (`exchange.table`) with this delimiter; tables name no languages,
    so reading one needs the target language."""

    def write(units, out, *, source_lang, target_lang, original):
        return table.write_table(units, out, target_lang=target_lang, delimiter=delimiter)

    def read(source, *, source_lang, target_lang, name=None):
        if not target_lang:
            raise InputError("a TSV or CSV file names no target language; say which", path=name)
        return table.read_table(
            source,
            source_lang=source_lang,
            target_lang=target_lang,
            delimiter=delimiter,
            name=name,
        )

    return ExchangeFormat(
        name=name,
        label=label,
        extensions=(extension,),
        mime=mime,
        write=write,
        read=read,
        carries=frozenset(("source_lang", "source", "targets", "changed", "changed_by", "props")),
    )


TMX = register(
    ExchangeFormat(
        name="tmx",
        label="TMX",
        extensions=(".tmx",),
        mime="application/x-tmx+xml",
        write=_write_tmx,
        read=_read_tmx,
        carries=ALL_FIELDS,
        sniff=lambda head: any("<tmx" in text for text in _head_text(head)),
        memory_import=True,
    )
)
XLIFF2 = register(
    ExchangeFormat(
        name="xliff",
        label="XLIFF 2",
        extensions=(".xlf", ".xliff", ".xlf2"),
        mime="application/xliff+xml",
        write=_write_xliff,
        read=_read_xliff,
        carries=ALL_FIELDS - {"notes"},
        sniff=lambda head: any(xliff2.XLIFF_NS in text for text in _head_text(head)),
        memory_import=True,
    )
)
TSV = register(_table("tsv", "TSV", ".tsv", "text/tab-separated-values", "\t"))
CSV = register(_table("csv", "CSV (Excel)", ".csv", "text/csv", ","))
