"""The browser refuses an oversized document before sending it, with the bound the server
applies (`max_upload_size` on the document uploaders); memory files keep the larger app-wide
`server.maxUploadSize`."""

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


def test_memory_files_may_be_larger_than_documents(monkeypatch):
    """A desk's TMX runs to tens of MB: the app-wide limit is well above the document one."""
    monkeypatch.delenv(config.MAX_FILE_BYTES_ENV, raising=False)
    settings = tomllib.loads(CONFIG_TOML.read_text(encoding="utf-8"))
    assert settings["server"]["maxUploadSize"] >= 100 > config.upload_limit_mb()


def _uploader_limits() -> dict[str, int]:
    return {u.label: u.proto.max_upload_size_mb for u in _uploaders()}


def _uploaders():
    from tests.fixtures.editor_app import open_app

    return open_app("amina").get("file_uploader")


def test_the_editors_document_upload_is_limited_to_our_file_limit_in_the_browser(
    monkeypatch, tmp_path
):
    monkeypatch.setenv("WORKBENCH_DB", f"sqlite:///{tmp_path / 'limits.db'}")
    monkeypatch.setenv(config.MAX_FILE_BYTES_ENV, str(3 * 1024 * 1024))
    limits = _uploader_limits()
    [document_limit] = [mb for label, mb in limits.items() if label.startswith("Add a document")]
    assert document_limit == 3
    assert max(limits.values()) == 200  # memory and XLIFF imports keep the app-wide limit


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
    settings = tomllib.loads(CONFIG_TOML.read_text(encoding="utf-8"))
    assert f"maxUploadSize = {settings['server']['maxUploadSize']}\n" in shown
