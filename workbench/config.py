"""Settings and paths, each overridable by one environment variable.

Settings are read when asked for, not at import, so tests and the CLI can change them.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

from workbench.errors import InputError, WorkbenchError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = PROJECT_ROOT / "seeds"
GLOSSARIES_DIR = PROJECT_ROOT / "glossaries"
TRANSLATIONS_DIR = PROJECT_ROOT / "translations"
SAMPLE_DOCUMENT = SEEDS_DIR / "pak-afghan-ties.en.txt"

# CTranslate2 intra-op threads. On the 2-core reference machine intra_threads=0 (all cores,
# CTranslate2's default) measured 30-60x slower than 1 because of oversubscription with the
# other process; see bench/mt_throughput.py for the measurement behind this default.
DEFAULT_CT2_THREADS = 1


def ct2_threads() -> int:
    """Threads for CTranslate2 (`WORKBENCH_CT2_THREADS`)."""
    raw = os.environ.get("WORKBENCH_CT2_THREADS", "")
    try:
        value = int(raw) if raw else DEFAULT_CT2_THREADS
    except ValueError:
        value = DEFAULT_CT2_THREADS
    return max(1, value)


# CTranslate2 workers (inter_threads): batches translated in parallel, sharing the model's
# weights. A document is cut into several token batches, so on the 2-core reference machine 2
# workers of 1 thread each measured 1.8x one worker, where 1 worker of 2 threads gained
# little (bench/mt_throughput.py). Default: one worker per core, at most 4.
MAX_DEFAULT_CT2_WORKERS = 4


def _usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def ct2_workers() -> int:
    """Batches CTranslate2 translates in parallel (`WORKBENCH_CT2_WORKERS`)."""
    raw = os.environ.get("WORKBENCH_CT2_WORKERS", "")
    if raw.isdigit() and int(raw) > 0:
        return int(raw)
    return max(1, min(MAX_DEFAULT_CT2_WORKERS, _usable_cores()))


def beam_size() -> int:
    """Beam size for MT (`WORKBENCH_BEAM_SIZE`), 4 like Argos Translate."""
    raw = os.environ.get("WORKBENCH_BEAM_SIZE", "")
    return max(1, int(raw)) if raw.isdigit() else 4


def glossary_path() -> Path:
    """The house glossary the app and CLI use (`WORKBENCH_GLOSSARY`), TBX or CSV."""
    raw = os.environ.get("WORKBENCH_GLOSSARY", "")
    return Path(raw) if raw else GLOSSARIES_DIR / "security.tbx"


def database_url() -> str:
    """The store's SQLAlchemy URL (`WORKBENCH_DB`); a SQLite file under translations/."""
    return os.environ.get("WORKBENCH_DB") or f"sqlite:///{TRANSLATIONS_DIR / 'workbench.db'}"


def workbench_home() -> Path:
    """The workbench's own data directory, separate from Argos's (`WORKBENCH_HOME`).

    Default: `$XDG_DATA_HOME/workbench`, i.e. `~/.local/share/workbench`.
    """
    explicit = os.environ.get("WORKBENCH_HOME")
    if explicit:
        return Path(explicit).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home).expanduser() / "workbench"


def engines_file() -> Path:
    """The JSON file that records model directories that are not Argos packages (NLLB)."""
    return workbench_home() / "engines.json"


def job_mode() -> str:
    """Who runs translation jobs: `local` (a thread of the app, the default) or `queue`
    (the PostgreSQL queue that `workbench worker` processes take jobs from)."""
    mode = os.environ.get("WORKBENCH_JOBS", "local").strip().lower() or "local"
    if mode not in ("local", "queue"):
        raise WorkbenchError(f"WORKBENCH_JOBS must be 'local' or 'queue', not {mode!r}")
    return mode


DEFAULT_JOB_BATCHES = (32, 128)


def job_batch_sizes() -> tuple[int, int]:
    """Sentences in a job's first batch (the editor's rows) and in each later one:
    `WORKBENCH_JOB_BATCH=FIRST,LATER` (default 32,128; `bench/jobs.py` measures them)."""
    raw = os.environ.get("WORKBENCH_JOB_BATCH", "").strip()
    if not raw:
        return DEFAULT_JOB_BATCHES
    parts = raw.split(",")
    try:
        sizes = tuple(int(p) for p in parts)
    except ValueError:
        sizes = ()
    if len(sizes) not in (1, 2) or min(sizes) < 1:
        raise WorkbenchError(f"WORKBENCH_JOB_BATCH must be N or FIRST,LATER (numbers), not {raw!r}")
    return (sizes[0], sizes[-1])


def segmentation_rules_dir() -> Path:
    """Where a desk keeps its additions to the segmentation rules (`WORKBENCH_SEGMENT_RULES`):
    one `<lang>.toml` per language (docs/segmentation.md). Default: `<workbench home>/segmentation`.
    """
    raw = os.environ.get("WORKBENCH_SEGMENT_RULES", "")
    return Path(raw).expanduser() if raw else workbench_home() / "segmentation"


# Size limits for one document, checked before any work so a huge upload is refused in a
# moment instead of blocking the app (a 20 MB text once took 55 s and 1.3 GB to segment and
# never finished translating). A news article is 5-50 kB; a long report about 1 MB.
MAX_FILE_BYTES_ENV = "WORKBENCH_MAX_FILE_BYTES"
MAX_DOCUMENT_CHARS_ENV = "WORKBENCH_MAX_DOCUMENT_CHARS"
MAX_SEGMENTS_ENV = "WORKBENCH_MAX_SEGMENTS"
DEFAULT_MAX_FILE_BYTES = 5_000_000
DEFAULT_MAX_DOCUMENT_CHARS = 2_000_000
DEFAULT_MAX_SEGMENTS = 20_000


def _positive_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").replace("_", "")
    return int(raw) if raw.isdigit() and int(raw) > 0 else default


def max_file_bytes() -> int:
    """Largest document file read or uploaded, in bytes (`WORKBENCH_MAX_FILE_BYTES`)."""
    return _positive_int(MAX_FILE_BYTES_ENV, DEFAULT_MAX_FILE_BYTES)


def upload_limit_mb() -> int:
    """The browser's upload limit that matches ours: the largest file any upload of ours
    accepts (only documents have a limit), in MiB rounded up, as Streamlit's
    `server.maxUploadSize` counts it (`.streamlit/config.toml` holds the default's)."""
    return math.ceil(max_file_bytes() / (1024 * 1024))


def max_document_chars() -> int:
    """Most characters in one document (`WORKBENCH_MAX_DOCUMENT_CHARS`)."""
    return _positive_int(MAX_DOCUMENT_CHARS_ENV, DEFAULT_MAX_DOCUMENT_CHARS)


def max_segments() -> int:
    """Most segments in one document (`WORKBENCH_MAX_SEGMENTS`)."""
    return _positive_int(MAX_SEGMENTS_ENV, DEFAULT_MAX_SEGMENTS)


def check_file_size(size: int, *, path: str | None = None) -> None:
    """Refuse a file larger than `max_file_bytes()` with one `InputError`."""
    _refuse_over(size, max_file_bytes(), "the file is {:,} bytes", MAX_FILE_BYTES_ENV, path)


def check_document_chars(length: int, *, path: str | None = None) -> None:
    """Refuse a text longer than `max_document_chars()` with one `InputError`."""
    what = "the document has {:,} characters"
    _refuse_over(length, max_document_chars(), what, MAX_DOCUMENT_CHARS_ENV, path)


def _refuse_over(value: int, limit: int, what: str, env: str, path: str | None) -> None:
    if value > limit:
        raise InputError(
            f"{what.format(value)}; the limit is {limit:,} (split the document, or raise {env})",
            path=path,
        )


def propagate_repetitions() -> bool:
    """Whether confirming a sentence fills its repetitions in the same document
    (`WORKBENCH_PROPAGATE`; on unless set to 0, false, no or off)."""
    raw = os.environ.get("WORKBENCH_PROPAGATE", "").strip().lower()
    return raw not in {"0", "false", "no", "off"}
