"""Single-user mode serves this machine only: nobody on the network reaches the app.

The server is started the way `make run` starts it (from the project root, so
`.streamlit/config.toml` applies, with the Makefile's default address), then probed on a
non-loopback address of this machine. The probe runs in a subprocess: the test session's
network guard would refuse the connection itself, proving nothing.
"""

from __future__ import annotations

import contextlib
import ipaddress
import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.fixtures.app_server import _free_port
from workbench import config

PROBE = (
    "import socket, sys\n"
    "try:\n"
    "    socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=3).close()\n"
    "except OSError as exc:\n"
    "    print(type(exc).__name__, exc)\n"
    "    sys.exit(1)\n"
)


def non_loopback_address() -> str | None:
    """An IPv4 address of this machine other than 127.x (from `ip`, else the hostname)."""
    candidates: list[str] = []
    with contextlib.suppress(OSError):  # no `ip` program
        listing = subprocess.run(
            ["ip", "-o", "-4", "addr", "show"], capture_output=True, text=True, check=False
        ).stdout
        candidates += re.findall(r"\binet (\d+\.\d+\.\d+\.\d+)/", listing)
    with contextlib.suppress(OSError):  # the hostname does not resolve
        candidates += socket.gethostbyname_ex(socket.gethostname())[2]
    for address in candidates:
        if not ipaddress.ip_address(address).is_loopback:
            return address
    return None


def reachable(host: str, port: int) -> bool:
    probe = subprocess.run(
        [sys.executable, "-c", PROBE, host, str(port)], capture_output=True, timeout=30
    )
    return probe.returncode == 0


@pytest.fixture(scope="module")
def outside_address() -> str:
    address = non_loopback_address()
    if address is None:
        pytest.skip("this machine has no non-loopback IPv4 address to probe from")
    return address


def test_the_probe_reaches_a_server_listening_on_every_interface(outside_address):
    """The control: without it, "unreachable" could just mean the probe never works here."""
    with socket.socket() as listener:
        listener.bind(("0.0.0.0", 0))
        listener.listen()
        assert reachable(outside_address, listener.getsockname()[1])


def test_make_run_binds_the_app_to_loopback():
    dry_run = subprocess.run(
        ["make", "-n", "run", "VENV=/nonexistent-venv"],
        cwd=config.PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    command = next(line for line in dry_run.splitlines() if "streamlit run" in line)
    assert "--server.address 127.0.0.1" in command


def test_the_single_user_server_is_not_reachable_on_a_non_loopback_address(
    outside_address, tmp_path
):
    port = _free_port()
    log = tmp_path / "streamlit.log"
    # No --server.address: what .streamlit/config.toml says is what a plain
    # `streamlit run workbench/app.py` from the project gets.
    server = subprocess.Popen(
        [
            *(sys.executable, "-m", "streamlit", "run", "workbench/app.py"),
            *("--server.port", str(port), "--server.headless", "true"),
        ],
        cwd=config.PROJECT_ROOT,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail(f"streamlit did not start:\n{log.read_text(errors='replace')}")
                time.sleep(0.3)
        assert reachable("127.0.0.1", port)
        assert not reachable(outside_address, port)
    finally:
        server.terminate()
        server.wait(timeout=20)
