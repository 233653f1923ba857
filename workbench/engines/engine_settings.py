"""The workbench's record of model directories that are not Argos packages: `engines.json`.

Argos keeps its own package directory; an NLLB-200 model is a directory the user converted
somewhere, so we remember where. The file lives in the workbench data directory
(`config.engines_file()`, under `$WORKBENCH_HOME`) and looks like

    {"nllb": {"path": "/models/nllb-200-distilled-600M-int8"}}

Writes are atomic (temporary file + rename) so a crash never leaves half a file.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from workbench import config
from workbench.errors import WorkbenchError

NLLB_KEY = "nllb"


def read() -> dict:
    """The whole settings object; no file yet is an empty one."""
    path = config.engines_file()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise WorkbenchError(
            f"{path}: unreadable engine settings ({exc}); fix or delete the file"
        ) from exc
    if not isinstance(data, dict):
        raise WorkbenchError(f"{path}: engine settings must be a JSON object; fix or delete it")
    return data


def nllb_dir() -> Path | None:
    """The registered NLLB model directory, or None when none is registered."""
    entry = read().get(NLLB_KEY)
    if not isinstance(entry, dict) or not entry.get("path"):
        return None
    return Path(str(entry["path"]))


def set_nllb_dir(path: Path) -> None:
    data = read()
    data[NLLB_KEY] = {"path": str(Path(path).resolve())}
    _write(data)


def clear_nllb_dir() -> bool:
    """Forget the NLLB directory (its files stay); False when none was registered."""
    data = read()
    if NLLB_KEY not in data:
        return False
    del data[NLLB_KEY]
    _write(data)
    return True


def _write(data: dict) -> None:
    path = config.engines_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".engines-", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, indent=2, ensure_ascii=False)
            out.write("\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
