"""Test isolation: no network, and a private workbench data directory per test."""

from __future__ import annotations

import os
import socket
import tempfile

import pytest

# Argos reads its directories when first imported: point them at an empty private tree first,
# so tests never see (or write to) the user's installed packages.
_ARGOS_ROOT = tempfile.mkdtemp(prefix="workbench-tests-argos-")
for _var, _sub in (
    ("XDG_DATA_HOME", "data"),
    ("XDG_CONFIG_HOME", "config"),
    ("XDG_CACHE_HOME", "cache"),
):
    os.environ[_var] = os.path.join(_ARGOS_ROOT, _sub)
os.environ["ARGOS_PACKAGES_DIR"] = os.path.join(_ARGOS_ROOT, "data", "argos-translate", "packages")

pytest_plugins = ["tests.fixtures.nllb_model"]


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never download: any non-loopback connection fails loudly."""
    real_connect = socket.socket.connect

    def guarded_connect(self, address):
        host = address[0] if isinstance(address, tuple) else address
        remote = isinstance(host, str) and host not in ("127.0.0.1", "::1", "localhost")
        if remote and self.family in (socket.AF_INET, socket.AF_INET6):
            raise OSError(f"network access in a test: {address!r}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)


@pytest.fixture(autouse=True)
def _workbench_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Engine settings (engines.json) go to a fresh directory, never the user's."""
    home = tmp_path_factory.mktemp("workbench-home")
    monkeypatch.setenv("WORKBENCH_HOME", str(home))
    return home
