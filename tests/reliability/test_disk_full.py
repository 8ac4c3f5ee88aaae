"""The disk fills up in the middle of a large import: the transaction rolls back, the user
is told in one line, and everything saved before is intact.

Two ways to fill it: a tiny tmpfs (as root, where mounting is allowed), and a file-size limit
(RLIMIT_FSIZE) on the command's process, which works for anyone."""

from __future__ import annotations

import resource
import signal
import subprocess
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from forbattra.cli.common import EXIT_DATABASE

from .harness import FORBATTRA, ROOT, integrity, mount_tmpfs, rows, unmount

pytestmark = pytest.mark.usefixtures("english")


def big_csv(folder: Path) -> Path:
    """Three thousand values with long comments: several megabytes for one transaction."""
    lines = ["Datum;Värde;Kommentar"]
    lines += [
        f"{date(2000, 1, 1) + timedelta(days=day)};{day};" + "Mätt vid disken " * 40
        for day in range(3000)
    ]
    path = folder / "stor.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def prepare(path: Path, run_cli: Callable[..., Any]) -> None:
    assert run_cli("--db", str(path), "new", "Före", "--method", "dmaic").code == 0
    assert run_cli("--db", str(path), "measure", "add", "1", "Väntetid").code == 0
    assert run_cli("--db", str(path), "measure", "add", "1", "Nöjdhet").code == 0


def saved(path: Path) -> dict[str, list[tuple[object, ...]]]:
    return {
        "initiative": rows(path, "SELECT id, title, version FROM initiative"),
        "measure": rows(path, "SELECT id, name FROM measure"),
        "observation": rows(path, "SELECT id FROM observation"),
        "event": rows(path, "SELECT id, entity, action FROM event"),
    }


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "tiny"
    if not mount_tmpfs(folder, "1m"):
        pytest.skip("mounting a tmpfs needs root (the RLIMIT_FSIZE test covers the rest)")
    try:
        yield folder
    finally:
        unmount(folder)


def test_a_full_disk_rolls_back_and_says_so(
    tiny_disk: Path, tmp_path: Path, run_cli: Callable[..., Any]
) -> None:
    path = tiny_disk / "forbattra.db"
    prepare(path, run_cli)
    before = saved(path)
    result = run_cli(
        "--db", str(path), "measure", "import", "1", "Väntetid", str(big_csv(tmp_path))
    )
    assert result.code == EXIT_DATABASE
    assert result.err.strip() == "Error: The disk is full; nothing was saved."
    assert integrity(path) == (["ok"], [])
    assert saved(path) == before


def _limit_file_size(limit: int) -> Callable[[], None]:
    def limit_in_child() -> None:
        # Ignored, the signal becomes an error SQLite reports (EFBIG) instead of a crash.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return limit_in_child


def test_a_file_size_limit_rolls_back_and_says_so(
    tmp_path: Path, run_cli: Callable[..., Any]
) -> None:
    path = tmp_path / "forbattra.db"
    prepare(path, run_cli)
    before = saved(path)
    size = path.stat().st_size
    result = subprocess.run(
        [
            *FORBATTRA,
            "--db",
            str(path),
            "measure",
            "import",
            "1",
            "Väntetid",
            str(big_csv(tmp_path)),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "FORBATTRA_LANG": "en", "FORBATTRA_USER": "tester"},
        preexec_fn=_limit_file_size(size + 256 * 1024),
        timeout=120,
        check=False,
    )
    assert result.returncode == EXIT_DATABASE, result.stderr
    assert result.stderr.strip() == (
        "Error: The database file could not be written (the disk may be full or failing);"
        " nothing was saved."
    )
    assert integrity(path) == (["ok"], [])
    assert saved(path) == before
    # Without the limit, the same import goes through.
    again = run_cli("--db", str(path), "measure", "import", "1", "Väntetid", str(big_csv(tmp_path)))
    assert again.code == 0, again.err
