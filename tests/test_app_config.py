"""Streamlit options the app is served with (`.streamlit/config.toml`, read from the project
root where `make run` and the browser tests start it)."""

from __future__ import annotations

import os
import subprocess
import sys

from workbench import config


def _served_option(name: str) -> str:
    """The option's value as `streamlit run` in the project root sees it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")}
    shown = subprocess.run(
        [sys.executable, "-c", f"from streamlit import config; print(config.get_option({name!r}))"],
        cwd=config.PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return shown.stdout.strip()


def test_no_full_garbage_collection_after_each_script_run():
    # gc.collect(2) after every run held the GIL for 150-400 ms with a long document open,
    # and the answer to each save in the editor waited for it.
    assert _served_option("runner.postScriptGC") == "False"
