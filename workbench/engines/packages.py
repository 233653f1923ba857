"""Installing models: Argos packages from the Argos index when online or from a file when not,
and registering a converted NLLB-200 directory (`add_nllb`).

Downloads go through our own small loop (not `AvailablePackage.download`) so the CLI and the
app can show progress and an offline machine fails in seconds with a plain message.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from workbench.engines import engine_settings, nllb
from workbench.engines.argos import (
    ArgosPackageInfo,
    argos_package_dirs,
    clear_model_cache,
    installed_packages,
)

# Per-target status spans both engines, so it lives in the registry; importable here too.
from workbench.engines.registry import TargetStatus, target_statuses  # noqa: F401
from workbench.errors import InputError, MissingModelError, OfflineError, WorkbenchError
from workbench.languages import get_language

# (bytes done, bytes total or 0 when unknown)
DownloadProgress = Callable[[int, int], None]

NETWORK_TIMEOUT_S = 10
CHUNK_BYTES = 1 << 16
# The targets `make run` installs when the index is reachable (Pashto has no Argos package).
DEFAULT_PAIRS: tuple[tuple[str, str], ...] = (("en", "ur"), ("en", "fa"))


def install_from_file(path: Path) -> ArgosPackageInfo:
    """Install a downloaded `.argosmodel` file, checking it before anything is written."""
    path = Path(path)
    if not path.is_file():
        raise InputError("no such file", path=str(path))
    if not zipfile.is_zipfile(path):
        raise InputError("not an Argos package (an .argosmodel is a zip archive)", path=str(path))
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        _check_archive_members(path, names)
        top = PurePosixPath(names[0]).parts[0]
        with tempfile.TemporaryDirectory() as tmp:
            archive.extractall(tmp)
            ArgosPackageInfo.from_dir(Path(tmp) / top)  # validates the layout first
            target = _install_dir() / top
            if target.exists():
                shutil.rmtree(target)
            shutil.move(str(Path(tmp) / top), target)
    clear_model_cache()
    return ArgosPackageInfo.from_dir(target)


def _check_archive_members(path: Path, names: list[str]) -> None:
    if not names:
        raise InputError("the archive is empty", path=str(path))
    tops = {PurePosixPath(n).parts[0] for n in names if PurePosixPath(n).parts}
    if len(tops) != 1:
        raise InputError("an Argos package holds exactly one top-level folder", path=str(path))
    for name in names:
        member = PurePosixPath(name)
        if member.is_absolute() or ".." in member.parts:
            raise InputError(f"unsafe path in archive: {name!r}", path=str(path))
    top = tops.pop()
    if f"{top}/metadata.json" not in names:
        raise InputError(f"no {top}/metadata.json in the archive", path=str(path))


def _install_dir() -> Path:
    target = argos_package_dirs()[0]
    target.mkdir(parents=True, exist_ok=True)
    return target


def fetch_index() -> list[dict]:
    """Download the Argos package index; offline raises `OfflineError` within seconds."""
    from argostranslate import settings

    url = settings.remote_package_index
    try:
        with urllib.request.urlopen(url, timeout=NETWORK_TIMEOUT_S) as response:
            data = response.read()
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise OfflineError(
            f"cannot reach the Argos package index ({_reason(exc)}); offline, install a "
            "downloaded file instead: workbench packages install FILE.argosmodel"
        ) from exc
    try:
        index = json.loads(data)
    except ValueError as exc:
        raise WorkbenchError(f"the Argos package index at {url} is not valid JSON") from exc
    Path(settings.local_package_index).write_bytes(data)
    return index


def install_from_index(
    src: str, tgt: str, progress: DownloadProgress | None = None
) -> ArgosPackageInfo:
    """Download and install the package for src → tgt (Argos codes or workbench codes)."""
    src_code, tgt_code = _argos_code(src), _argos_code(tgt)
    index = fetch_index()
    entry = next(
        (
            e
            for e in index
            if e.get("from_code") == src_code
            and e.get("to_code") == tgt_code
            and e.get("type", "translate") == "translate"
        ),
        None,
    )
    if entry is None:
        raise MissingModelError(f"the Argos index has no package for {src_code} → {tgt_code}")
    with tempfile.TemporaryDirectory() as tmp:
        file = Path(tmp) / f"translate-{src_code}_{tgt_code}.argosmodel"
        _download(entry.get("links") or [], file, progress)
        return install_from_file(file)


def _download(links: list[str], dest: Path, progress: DownloadProgress | None) -> None:
    last_error: Exception | None = None
    for link in links:
        try:
            with urllib.request.urlopen(link, timeout=NETWORK_TIMEOUT_S) as response:
                total = int(response.headers.get("Content-Length") or 0)
                done = 0
                with dest.open("wb") as out:
                    while chunk := response.read(CHUNK_BYTES):
                        out.write(chunk)
                        done += len(chunk)
                        if progress:
                            progress(done, total)
            return
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            last_error = exc
    reason = _reason(last_error) if last_error else "the index lists no download link"
    raise OfflineError(f"download failed ({reason})")


def _argos_code(code: str) -> str:
    try:
        return get_language(code).argos_code
    except WorkbenchError:
        return code


def _reason(exc: BaseException) -> str:
    reason = getattr(exc, "reason", None)
    return str(reason or exc)


def uninstall(src: str, tgt: str) -> ArgosPackageInfo:
    """Remove the installed package for the pair."""
    src_code, tgt_code = _argos_code(src), _argos_code(tgt)
    packages, _ = installed_packages()
    for info in packages:
        if (info.from_code, info.to_code) == (src_code, tgt_code):
            shutil.rmtree(info.path)
            clear_model_cache()
            return info
    raise MissingModelError(f"no package for {src_code} → {tgt_code} is installed")


def add_nllb(path: Path) -> nllb.NllbModelInfo:
    """Check an NLLB-200 CTranslate2 directory and register it as the NLLB engine's model."""
    return nllb.register(path)


def remove_nllb() -> bool:
    """Forget the registered NLLB directory (its files stay); False when none was."""
    removed = engine_settings.clear_nllb_dir()
    nllb.clear_model_cache()
    return removed
