"""Damaged database files: random bytes, a truncated file, an emptied file, one damaged page.

forbattra never writes to them, says what is wrong, names the newest backup (and how to go
back to it), and stops with the documented exit code 8 (or 4 for a file that was never a
database)."""

from __future__ import annotations

import hashlib
import random
import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from forbattra.cli.common import EXIT_DAMAGED, EXIT_DATABASE
from forbattra.store.backup import backup_path, list_backups, make_backup

from .harness import cli, rows

pytestmark = pytest.mark.usefixtures("english")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _random_bytes(path: Path) -> None:
    path.write_bytes(random.Random(8).randbytes(path.stat().st_size))


def _truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 100])


def _emptied(path: Path) -> None:
    path.write_bytes(b"")


def _one_damaged_page(path: Path) -> None:
    """Overwrite the page that holds the initiative table's root with random bytes."""
    (root,) = rows(path, "SELECT rootpage FROM sqlite_master WHERE name = 'initiative'")[0]
    page_size = rows(path, "PRAGMA page_size")[0][0]
    assert isinstance(root, int) and isinstance(page_size, int) and root > 1
    with path.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(random.Random(9).randbytes(page_size))


DAMAGE: dict[str, tuple[Callable[[Path], None], int]] = {
    "random-bytes": (_random_bytes, EXIT_DATABASE),
    "truncated": (_truncated, EXIT_DAMAGED),
    "emptied": (_emptied, EXIT_DAMAGED),
    "one-damaged-page": (_one_damaged_page, EXIT_DAMAGED),
}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with the sample projects and more, closed (no WAL beside it)."""
    from forbattra.cli.ui import load_samples
    from forbattra.core.domain import NewInitiative
    from forbattra.core.vocabulary import Method
    from forbattra.store.database import Database
    from forbattra.store.services.initiatives import create_initiative

    path = tmp_path_factory.mktemp("template") / "forbattra.db"
    load_samples(str(path), "tester")
    with Database.open(str(path)) as db:
        for number in range(5):
            create_initiative(db, "tester", NewInitiative(f"Nyare {number}", Method.PDSA))
    assert not path.with_name("forbattra.db-wal").exists()
    return path


@pytest.fixture
def backed_up(template: Path, tmp_path: Path) -> Path:
    """A copy of the template with two backups beside it; the newer one is the one to offer."""
    path = tmp_path / "forbattra.db"
    shutil.copyfile(template, path)
    make_backup(path, "manual", backup_path(path, "manual", datetime(2026, 1, 5, tzinfo=UTC)))
    make_backup(path, "auto", backup_path(path, "auto", datetime(2026, 2, 5, tzinfo=UTC)))
    return path


@pytest.mark.parametrize("kind", list(DAMAGE))
@pytest.mark.parametrize("command", [("list",), ("new", "Ska inte sparas", "--method", "pdsa")])
def test_a_damaged_file_is_named_left_alone_and_its_backup_offered(
    backed_up: Path, kind: str, command: tuple[str, ...], run_cli: Callable[..., Any]
) -> None:
    damage, code = DAMAGE[kind]
    damage(backed_up)
    before = digest(backed_up)
    newest = list_backups(backed_up)[0]
    assert newest.label == "auto"

    result = run_cli("--db", str(backed_up), *command)

    assert result.code == code, result.err
    assert len(result.err.strip().splitlines()) == 1, result.err
    assert digest(backed_up) == before, "forbattra wrote to a damaged file"
    if code == EXIT_DAMAGED:
        assert str(backed_up) in result.err
        assert ("is damaged" in result.err) or ("is empty" in result.err)
        assert f"forbattra backup restore {newest.path}" in result.err
    else:
        assert "is not a forbattra database" in result.err


def test_the_offered_backup_brings_the_data_back(backed_up: Path) -> None:
    titles = rows(backed_up, "SELECT title FROM initiative ORDER BY id")
    _one_damaged_page(backed_up)
    newest = list_backups(backed_up)[0]
    restored = cli("backup", "restore", str(newest.path), "--yes", db=backed_up)
    assert restored.returncode == 0, restored.stderr
    assert rows(backed_up, "PRAGMA integrity_check") == [("ok",)]
    assert rows(backed_up, "SELECT title FROM initiative ORDER BY id") == titles
    # The damaged file is kept too, as it was, in case someone wants to rescue from it.
    kept = [backup for backup in list_backups(backed_up) if backup.label == "before-restore"]
    assert len(kept) == 1
    assert cli("list", db=backed_up).returncode == 0


async def test_the_app_shows_the_problem_and_the_backup(backed_up: Path) -> None:
    from tui.helpers import build_app, running, screen_text

    _one_damaged_page(backed_up)
    before = digest(backed_up)
    newest = list_backups(backed_up)[0]
    app = build_app(backed_up)
    async with running(app, size=(200, 40)):
        shown = " ".join(screen_text(app).split())
        assert "is damaged" in shown
        assert newest.path.name in shown
    assert digest(backed_up) == before
