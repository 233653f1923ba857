"""Glossary files on disk: load by extension, save atomically, keep a CSV twin in step.

The file is the source of truth: the app and the CLI load it, edit in memory and save it
back. Saving writes a temporary file and renames it over the old one, so a crash never
leaves half a glossary; and it refuses to overwrite a file that changed on disk since it
was loaded (another editor's save), so no one's edit is silently lost.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from workbench.errors import InputError, WorkbenchError
from workbench.glossary.csv_format import read_csv, write_csv
from workbench.glossary.model import Glossary
from workbench.glossary.tbx_format import read_tbx, write_tbx

FORMATS = (".tbx", ".csv")


def file_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise InputError(
            f"unknown glossary format {suffix or '(none)'}; use .tbx or .csv", path=str(path)
        )
    return suffix


def parse_glossary(data: bytes, name: str) -> Glossary:
    """Parse glossary bytes named `name` (the extension picks the format)."""
    if file_format(Path(name)) == ".tbx":
        return read_tbx(data, name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError("not UTF-8 text (save the CSV as UTF-8)", path=name, line=line) from exc
    return read_csv(text, name)


def load_glossary(path: Path) -> Glossary:
    """Read a glossary file; a missing, unreadable or malformed file is an `InputError`."""
    path = Path(path)
    file_format(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such glossary file", path=str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror})", path=str(path)) from exc
    return parse_glossary(data, str(path))


def serialize_glossary(glossary: Glossary, name: str, tbx_version: int = 2) -> bytes:
    if file_format(Path(name)) == ".tbx":
        return write_tbx(glossary, tbx_version)
    return write_csv(glossary).encode("utf-8")


def file_digest(path: Path) -> str | None:
    """A fingerprint of a file's bytes (None if it does not exist), to detect concurrent saves."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


def twin_path(path: Path) -> Path | None:
    """The same glossary in the other format beside it (security.csv for security.tbx)."""
    other = {".tbx": ".csv", ".csv": ".tbx"}[file_format(Path(path))]
    twin = Path(path).with_suffix(other)
    return twin if twin.exists() else None


def save_glossary(
    glossary: Glossary,
    path: Path,
    *,
    expected_digest: str | None = None,
    tbx_version: int = 2,
    update_twin: bool = True,
) -> list[Path]:
    """Write the glossary (and its twin in the other format, if one exists); return the paths.

    With `expected_digest` (from `file_digest` at load time) the save is refused when the
    file changed meanwhile.
    """
    path = Path(path)
    if expected_digest is not None and file_digest(path) != expected_digest:
        raise WorkbenchError(
            f"{path}: changed on disk since it was loaded; reload it and redo the edit"
        )
    written = [path]
    twin = twin_path(path) if update_twin else None
    if twin is not None:
        written.append(twin)
    for target in written:
        _write_atomically(target, serialize_glossary(glossary, target.name, tbx_version))
    return written


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
