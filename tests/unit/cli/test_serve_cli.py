"""`forbattra serve`: only this computer can connect unless another address is named, and then
with a warning. The server itself is started once, in a subprocess, and killed."""

from __future__ import annotations

import os
import shlex
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from textual_serve.server import Server

from forbattra.cli.serve import is_local


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[Server]:
    """Servers that would have been started: ``serve()`` records them instead of blocking."""
    started: list[Server] = []
    monkeypatch.setattr(Server, "serve", lambda self, debug=False: started.append(self))
    return started


def test_serve_listens_on_this_computer_only_by_default(
    run_cli: Any, served: list[Server], tmp_path: Path
) -> None:
    database = tmp_path / "rum.db"
    result = run_cli("--db", str(database), "serve")
    assert result.code == 0, result.err
    [server] = served
    assert (server.host, server.port) == ("127.0.0.1", 8000)
    assert "Warning" not in result.err
    assert "http://127.0.0.1:8000" in result.err
    command = shlex.split(server.command)
    assert command[:3] == [sys.executable, "-m", "forbattra"]
    assert command[command.index("--db") + 1] == str(database)
    assert command[command.index("--user") + 1] == "tester"


def test_another_address_is_served_with_a_warning(
    run_cli: Any, served: list[Server], tmp_path: Path
) -> None:
    result = run_cli(
        "--db", str(tmp_path / "rum.db"), "serve", "--host", "0.0.0.0", "--port", "8123"
    )
    assert result.code == 0
    assert (served[0].host, served[0].port) == ("0.0.0.0", 8123)
    assert "Anyone who can reach this address can read and change" in result.err


def test_a_database_that_cannot_be_opened_is_said_before_serving(
    run_cli: Any, served: list[Server], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"not a database at all" * 100)
    result = run_cli("--db", str(broken), "serve")
    assert result.code != 0 and result.err.startswith("Error:")
    assert served == []


@pytest.mark.parametrize(
    ("host", "local"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("127.0.0.2", True),
        ("0.0.0.0", False),
        ("192.168.1.20", False),
        ("::", False),
        ("example.org", False),
    ],
)
def test_which_addresses_are_local(host: str, local: bool) -> None:
    assert is_local(host) is local


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _listening_addresses(port: int) -> set[str]:
    """Local addresses with a listening TCP socket on ``port``, from /proc (Linux)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            address, hex_port = fields[1].rsplit(":", 1)
            if int(hex_port, 16) == port and fields[3] == "0A":  # 0A: LISTEN
                found.add(address)
    return found


@pytest.mark.skipif(not os.path.exists("/proc/net/tcp"), reason="reads /proc/net/tcp")
def test_a_real_server_answers_on_127_0_0_1_only(tmp_path: Path) -> None:
    port = _free_port()
    env = {**os.environ, "FORBATTRA_LANG": "en", "FORBATTRA_USER": "tester"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "forbattra",
            "--db",
            str(tmp_path / "rum.db"),
            "serve",
            "--port",
            str(port),
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        page = ""
        for _attempt in range(300):  # waits for the server to come up, at most about 30 s
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as answer:
                    page = answer.read().decode()
                break
            except OSError:
                assert process.poll() is None, process.stderr.read() if process.stderr else ""
                time.sleep(0.1)
        assert "forbattra" in page
        assert _listening_addresses(port) == {"0100007F"}  # 127.0.0.1, and nothing else
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
