"""Test isolation: private data dirs, no network, tiny real Argos packages.

Order matters here. argostranslate.settings reads HOME, XDG_* and ARGOS_* once, when it is
first imported (and creates its directories then), so the environment is set at the very
top of this file, before any test module or workbench module can import it.
"""

from __future__ import annotations

import importlib.abc
import os
import shutil
import sys
import tempfile
from pathlib import Path

# --------------------------------------------------------------------------- environment

SESSION_DIR = Path(tempfile.mkdtemp(prefix="workbench-tests-"))
_ENV = {
    "HOME": SESSION_DIR / "home",
    "XDG_DATA_HOME": SESSION_DIR / "xdg-data",
    "XDG_CONFIG_HOME": SESSION_DIR / "xdg-config",
    "XDG_CACHE_HOME": SESSION_DIR / "xdg-cache",
    "ARGOS_PACKAGES_DIR": SESSION_DIR / "argos-packages",
}
for _name, _path in _ENV.items():
    _path.mkdir(parents=True, exist_ok=True)
    os.environ[_name] = str(_path)
# Settings that would point argostranslate elsewhere or change its behaviour.
for _name in ("SNAP", "ARGOS_TRANSLATE_PACKAGE_DIR", "ARGOS_DEVICE_TYPE", "ARGOS_MODEL_PROVIDER"):
    os.environ.pop(_name, None)
# argostranslate.translate splits sentences before translating. Its default splitter
# (MiniSBD) downloads an ONNX model on first use, which fails offline; with SPACY it loads
# the `spacy/` directory inside the package (our test packages can carry one) or a cached
# spaCy model, both offline. The cache is seeded below.
os.environ["ARGOS_CHUNK_TYPE"] = "SPACY"
os.environ["WORKBENCH_DB"] = f"sqlite:///{SESSION_DIR / 'workbench.db'}"

ARGOS_CACHE_DIR = Path(os.environ["XDG_CACHE_HOME"]) / "argos-translate"


class _SeedSpacyCacheBeforeArgosSbd(importlib.abc.MetaPathFinder):
    """Seed argostranslate's spaCy cache just before `argostranslate.sbd` is imported.

    With ARGOS_CHUNK_TYPE=SPACY that module calls `cache_spacy()` at import, which runs
    `spacy download` (pip, network; a failed download can even exit the process) unless the
    cache exists. Seeding lazily keeps tests that never touch argostranslate from paying
    for importing spaCy.
    """

    def find_spec(self, fullname, path, target=None):
        if fullname == "argostranslate.sbd":
            sys.meta_path.remove(self)
            from tests.fixtures.argos_package import seed_argos_spacy_cache

            seed_argos_spacy_cache(ARGOS_CACHE_DIR)
        return None


if "argostranslate.sbd" in sys.modules:  # pragma: no cover - only if imported before us
    raise RuntimeError("argostranslate was imported before tests/conftest.py set its paths")
sys.meta_path.insert(0, _SeedSpacyCacheBeforeArgosSbd())

import pytest  # noqa: E402

from tests.fixtures import network  # noqa: E402
from tests.fixtures.argos_package import (  # noqa: E402
    build_argos_package,
    forget_argos_translations,
    install_argos_package,
    package_name,
)

# The NLLB-shaped model fixtures (`nllb_model_dir`, `registered_nllb`).
pytest_plugins = ["tests.fixtures.nllb_model", "tests.fixtures.postgres"]

# --------------------------------------------------------------------------- no network


def pytest_configure(config: pytest.Config) -> None:
    # Installed here rather than in a fixture so that imports during collection are covered.
    network.install()


def pytest_unconfigure(config: pytest.Config) -> None:
    network.uninstall()
    shutil.rmtree(SESSION_DIR, ignore_errors=True)


@pytest.fixture(autouse=True)
def _no_network():
    """Every test runs with the guard on, even if a test or library removed it."""
    if not network.is_installed():
        network.install()
    yield


@pytest.fixture
def network_attempts() -> list[str]:
    """The blocked connection attempts made during the test (cleared at its start)."""
    network.ATTEMPTS.clear()
    return network.ATTEMPTS


# --------------------------------------------------------------------------- Argos packages


@pytest.fixture(scope="session")
def argos_packages_dir() -> Path:
    """argostranslate's package dir for this session (ARGOS_PACKAGES_DIR, a temp dir)."""
    from argostranslate import settings

    path = Path(settings.package_data_dir)
    assert path == Path(os.environ["ARGOS_PACKAGES_DIR"]), "argostranslate imported too early"
    return path


@pytest.fixture(scope="session")
def make_argos_package(argos_packages_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    """Factory: `make_argos_package(from_code, to_code, kind="copy", target_prefix=None,
    **build_options)` builds (once per session per arguments) and installs a test package,
    and returns the installed directory.

    Only one package per language pair is installed at a time: installing a variant removes
    the pair's other variants, so calling the factory again (cheap when already installed)
    is the way to be sure which one is there. `build_options` go to `build_argos_package`.
    """
    build_root = tmp_path_factory.mktemp("argosmodels")
    built: dict[tuple, Path] = {}

    def make(
        from_code: str = "en",
        to_code: str = "ur",
        kind: str = "copy",
        target_prefix: str | None = None,
        **build_options,
    ) -> Path:
        key = (from_code, to_code, kind, target_prefix, tuple(sorted(build_options.items())))
        if key not in built:
            out = build_root / f"build-{len(built)}"
            out.mkdir()
            built[key] = build_argos_package(
                out,
                from_code=from_code,
                to_code=to_code,
                kind=kind,
                target_prefix=target_prefix,
                **build_options,
            )
        archive = built[key]
        from argostranslate import settings

        # Usually argos_packages_dir; the empty dir while `no_argos_packages` is active.
        packages_dir = Path(settings.package_data_dir)
        installed = packages_dir / archive.stem
        marker = installed / ".installed-from"
        if marker.exists() and marker.read_text() == str(archive):
            return installed
        _remove_installed_pair(packages_dir, from_code, to_code)
        installed = install_argos_package(archive)
        marker.write_text(str(archive))
        return installed

    return make


@pytest.fixture
def temporary_argos_package(make_argos_package):
    """`make_argos_package` for one test: a pair that was not installed before the test is
    removed after it, so later tests see the session's usual packages (e.g. no Pashto)."""
    from argostranslate import settings

    packages_dir = Path(settings.package_data_dir)
    added: list[tuple[str, str]] = []

    def make(from_code: str = "en", to_code: str = "ur", kind: str = "copy", **options) -> Path:
        if not _installed_pair(packages_dir, from_code, to_code):
            added.append((from_code, to_code))
        return make_argos_package(from_code, to_code, kind, **options)

    yield make
    for from_code, to_code in added:
        _remove_installed_pair(packages_dir, from_code, to_code)


def _installed_pair(packages_dir: Path, from_code: str, to_code: str) -> bool:
    import json

    for meta in packages_dir.glob("*/metadata.json"):
        data = json.loads(meta.read_text(encoding="utf-8"))
        if (data.get("from_code"), data.get("to_code")) == (from_code, to_code):
            return True
    return False


def _remove_installed_pair(packages_dir: Path, from_code: str, to_code: str) -> None:
    import json

    for child in packages_dir.iterdir():
        meta = child / "metadata.json"
        if not meta.is_file():
            continue
        data = json.loads(meta.read_text(encoding="utf-8"))
        if (data.get("from_code"), data.get("to_code")) == (from_code, to_code):
            shutil.rmtree(child)
    forget_argos_translations(from_code, to_code)


@pytest.fixture
def argos_en_ur_copy(make_argos_package) -> Path:
    """The en→ur copy model (output = input), installed; returns its directory."""
    path = make_argos_package("en", "ur", "copy")
    assert path.name == package_name("en", "ur", "copy")
    return path


@pytest.fixture
def fresh_argos_models():
    """Loaded Argos models forgotten before and after the test (it may change one)."""
    from workbench.engines import argos

    argos.clear_model_cache()
    yield
    argos.clear_model_cache()


@pytest.fixture
def no_argos_packages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point argostranslate at a fresh, empty package dir for one test; returns that dir.

    argostranslate computes its package dirs at import, so this patches
    `settings.package_dirs` and `settings.package_data_dir` (where installs go) directly.
    """
    from argostranslate import settings

    empty = tmp_path / "argos-packages-empty"
    empty.mkdir()
    monkeypatch.setattr(settings, "package_dirs", [empty])
    monkeypatch.setattr(settings, "package_data_dir", empty)
    forget_argos_translations()
    yield empty
    forget_argos_translations()


# --------------------------------------------------------------------------- workbench data


@pytest.fixture(autouse=True)
def _workbench_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Engine settings (engines.json: the registered NLLB model) start empty in every test."""
    home = tmp_path_factory.mktemp("workbench-home")
    monkeypatch.setenv("WORKBENCH_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def _workbench_db(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Every test gets its own empty store (WORKBENCH_DB): no test sees another's documents."""
    path = tmp_path_factory.mktemp("workbench-db") / "workbench.db"
    monkeypatch.setenv("WORKBENCH_DB", f"sqlite:///{path}")
    return path


# --------------------------------------------------------------------------- screenshots


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where browser tests save screenshots: a temp dir, so `make test` leaves the tree clean;
    `make screenshots` sets WORKBENCH_SCREENSHOTS=docs/screenshots to refresh the docs."""
    chosen = os.environ.get("WORKBENCH_SCREENSHOTS")
    path = Path(chosen) if chosen else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path
