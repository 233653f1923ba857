"""The browser's upload limit (Streamlit's `server.maxUploadSize`) is the workbench's own, so
an oversized file is refused before it is sent, with the same bound the server applies."""

from __future__ import annotations

import subprocess
import sys
import tomllib

from workbench import config

CONFIG_TOML = config.PROJECT_ROOT / ".streamlit" / "config.toml"


def test_the_upload_limit_is_our_file_limit_in_mib_rounded_up(monkeypatch):
    monkeypatch.delenv(config.MAX_FILE_BYTES_ENV, raising=False)
    assert config.upload_limit_mb() == 5  # 5,000,000 bytes is 4.77 MiB
    monkeypatch.setenv(config.MAX_FILE_BYTES_ENV, str(5 * 1024 * 1024))
    assert config.upload_limit_mb() == 5
    monkeypatch.setenv(config.MAX_FILE_BYTES_ENV, str(5 * 1024 * 1024 + 1))
    assert config.upload_limit_mb() == 6


def test_config_toml_sets_the_browsers_upload_limit_to_ours(monkeypatch):
    monkeypatch.delenv(config.MAX_FILE_BYTES_ENV, raising=False)
    settings = tomllib.loads(CONFIG_TOML.read_text(encoding="utf-8"))
    assert settings["server"]["maxUploadSize"] == config.upload_limit_mb()


def test_streamlit_reads_the_upload_limit_from_config_toml(monkeypatch):
    """Streamlit itself takes the key (a misspelt one would be ignored silently)."""
    monkeypatch.delenv(config.MAX_FILE_BYTES_ENV, raising=False)
    shown = subprocess.run(
        [sys.executable, "-m", "streamlit", "config", "show"],
        cwd=config.PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    assert f"maxUploadSize = {config.upload_limit_mb()}\n" in shown
