"""`pip install .` gives a working `workbench`: the wheel declares what the package imports,
the tested pins in requirements.txt satisfy those ranges, and a wheel built from the tree
installs into a fresh virtual environment offline and runs `workbench --help`."""

from __future__ import annotations

import ast
import importlib.metadata
import os
import shutil
import subprocess
import sys
import tomllib
import venv
import zipfile
from dataclasses import dataclass
from email.parser import Parser
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from workbench import config

ROOT = config.PROJECT_ROOT
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
DECLARED = {
    canonicalize_name(r.name): r for r in map(Requirement, PYPROJECT["project"]["dependencies"])
}
# What a fresh environment must not borrow from the test environment: this package itself.
OWN_ENTRIES = ("workbench", "__editable__", "_workbench", "distutils-precedence.pth")


def _pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            requirement = Requirement(line)
            (spec,) = requirement.specifier
            pins[canonicalize_name(requirement.name)] = spec.version
    return pins


def _third_party_imports() -> set[str]:
    """Top-level modules imported anywhere in the package that are not its own or stdlib."""
    names = set()
    for path in (ROOT / "workbench").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return {n for n in names if n != "workbench" and n not in sys.stdlib_module_names}


def test_every_imported_distribution_is_a_declared_dependency():
    providers = importlib.metadata.packages_distributions()
    imported = {canonicalize_name(providers[name][0]) for name in _third_party_imports()}
    assert imported - set(DECLARED) == set()


def test_the_pinned_versions_satisfy_the_declared_ranges():
    pins = _pins()
    for name, requirement in DECLARED.items():
        assert name in pins, f"{name} is declared but not pinned in requirements.txt"
        assert requirement.specifier.contains(pins[name]), f"{name}=={pins[name]}"


def test_torch_stays_pinned_in_the_lock():
    assert _pins()["torch"] == "2.13.0"


def _borrowed_site_packages(into: Path) -> Path:
    """The test environment's installed distributions, minus this package, as a folder of
    links: a fresh venv sees them through a .pth file, so resolving the wheel's declared
    dependencies needs no network and no copy of gigabytes of wheels."""
    (site_packages,) = {Path(p) for p in sys.path if p.endswith("site-packages")} & {
        Path(sys.prefix)
        / "lib"
        / f"python{sys.version_info.major}.{sys.version_info.minor}"
        / "site-packages"
    }
    into.mkdir()
    for entry in site_packages.iterdir():
        if not entry.name.startswith(OWN_ENTRIES) and not entry.name.endswith(".pth"):
            (into / entry.name).symlink_to(entry)
    return into


def _run(*args: object, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    env["PIP_NO_INDEX"] = "1"
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


@dataclass
class InstalledWheel:
    wheel: Path
    python: Path  # of a fresh venv with the wheel installed (not editable)
    site_packages: Path
    install_output: str
    folder: Path  # where the build happened (no `workbench` package in it)


@pytest.fixture(scope="module")
def installed_wheel(tmp_path_factory) -> InstalledWheel:
    """A wheel built from the tree, installed offline into a fresh virtual environment."""
    tmp_path = tmp_path_factory.mktemp("wheel")
    tree = tmp_path / "tree"
    tree.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, tree / name)
    shutil.copytree(
        ROOT / "workbench", tree / "workbench", ignore=shutil.ignore_patterns("__pycache__")
    )
    built = _run(
        sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
        "-w", tmp_path / "dist", tree, cwd=tmp_path,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "dist").glob("workbench-*.whl")

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False, system_site_packages=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site_packages = Path(
        _run(
            python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp_path
        ).stdout.strip()
    )
    borrowed = _borrowed_site_packages(tmp_path / "borrowed")
    (site_packages / "borrowed.pth").write_text(f"{borrowed}\n", encoding="utf-8")

    installed = _run(python, "-m", "pip", "install", "--no-index", wheel, cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr
    return InstalledWheel(wheel, python, site_packages, installed.stdout, tmp_path)


@pytest.mark.slow
def test_a_wheel_built_from_the_tree_installs_offline_and_runs(installed_wheel):
    with zipfile.ZipFile(installed_wheel.wheel) as archive:
        # The segmentation rules are data files the package reads at run time.
        assert "workbench/segment/rules/en.toml" in archive.namelist()
        metadata = Parser().parsestr(
            archive.read(
                next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
            ).decode()
        )
    assert {
        canonicalize_name(Requirement(r).name) for r in metadata.get_all("Requires-Dist")
    } >= set(DECLARED)

    site_packages = installed_wheel.site_packages
    # pip resolved every declared dependency (offline, from the borrowed distributions).
    assert "Requirement already satisfied: streamlit" in installed_wheel.install_output
    assert (site_packages / "workbench" / "cli" / "__init__.py").is_file()

    cwd = installed_wheel.folder
    helped = _run(installed_wheel.python.parent / "workbench", "--help", cwd=cwd)
    assert helped.returncode == 0, helped.stderr
    assert "translate" in helped.stdout and "align" in helped.stdout
    where = _run(
        installed_wheel.python, "-c", "import workbench; print(workbench.__file__)", cwd=cwd
    )
    assert Path(where.stdout.strip()).is_relative_to(site_packages)


@pytest.mark.slow
def test_streamlit_finds_the_installed_grids_script_and_style(installed_wheel):
    """The component manifest and the grid's files are in the wheel, and Streamlit's scan
    of installed packages finds them: the grid's script is served as a file."""
    from workbench.ui.grid import COMPONENT_NAME, CSS_FILE, JS_FILE

    found = _run(
        installed_wheel.python,
        "-c",
        "from streamlit.components.v2.component_manager import BidiComponentManager\n"
        "manager = BidiComponentManager()\n"
        "manager.discover_and_register_components(start_file_watching=False)\n"
        f"print(manager.get_component_asset_root({COMPONENT_NAME!r}))",
        cwd=installed_wheel.folder,
    )
    assert found.returncode == 0, found.stderr
    asset_root = Path(found.stdout.strip())
    assert asset_root == installed_wheel.site_packages / "workbench" / "ui" / "grid" / "assets"
    for name in (JS_FILE, CSS_FILE):
        assert (asset_root / name).read_bytes() == (
            ROOT / "workbench/ui/grid/assets" / name
        ).read_bytes()
