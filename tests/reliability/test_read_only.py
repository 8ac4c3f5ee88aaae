"""A database forbattra may not write to opens read-only: everything shows, the header says
so on every screen, and a change is refused with a message, the file left as it was.

The file sits on a filesystem mounted read-only (so even root cannot write), or, where
mounting is not allowed, in a folder without write permission for an ordinary user."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from forbattra.cli.common import EXIT_DATABASE

from .harness import mount_tmpfs, unmount

pytestmark = pytest.mark.usefixtures("english")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def read_only_database(tmp_path: Path) -> Iterator[Path]:
    """A database with two initiatives that nobody may write to, nor its folder."""
    from forbattra.core.domain import NewInitiative
    from forbattra.core.vocabulary import Method
    from forbattra.store.database import Database
    from forbattra.store.services.initiatives import create_initiative

    source = tmp_path / "source.db"
    with Database.open(str(source)) as db:
        for title in ("Kortare väntetid", "Färre fel i fakturor"):
            create_initiative(db, "tester", NewInitiative(title, Method.DMAIC))
    folder = tmp_path / "mounted"
    if mount_tmpfs(folder, "4m"):
        try:
            shutil.copyfile(source, folder / "forbattra.db")
            remounted = subprocess.run(
                ["mount", "-o", "remount,ro", str(folder)], capture_output=True, check=False
            )
            assert remounted.returncode == 0, remounted.stderr
            yield folder / "forbattra.db"
        finally:
            unmount(folder)
        return
    if os.geteuid() == 0:
        pytest.skip("root may write anywhere, and mounting a read-only filesystem failed")
    folder.mkdir()
    shutil.copyfile(source, folder / "forbattra.db")
    (folder / "forbattra.db").chmod(0o444)
    folder.chmod(0o555)
    try:
        yield folder / "forbattra.db"
    finally:
        folder.chmod(0o755)


def test_the_command_line_reads_and_refuses_to_write(
    read_only_database: Path, run_cli: Callable[..., Any]
) -> None:
    before = digest(read_only_database)
    listed = run_cli("--db", str(read_only_database), "list")
    assert listed.code == 0, listed.err
    assert "Kortare väntetid" in listed.out
    refused = run_cli("--db", str(read_only_database), "new", "Nytt", "--method", "pdsa")
    assert refused.code == EXIT_DATABASE
    assert refused.err.strip() == (
        "Error: The database is open read-only, so this change cannot be saved."
    )
    assert digest(read_only_database) == before
    assert sorted(p.name for p in read_only_database.parent.iterdir()) == ["forbattra.db"]


async def test_the_app_shows_a_read_only_banner_and_refuses_changes(
    read_only_database: Path,
) -> None:
    from tui.helpers import build_app, running, screen_lines, settle, titles, type_text

    before = digest(read_only_database)
    app = build_app(read_only_database)
    async with running(app) as pilot:
        assert sorted(titles(pilot)) == ["Färre fel i fakturor", "Kortare väntetid"]
        assert "read-only" in screen_lines(app)[0]
        assert app.has_class("-read-only")
        notes = [str(note.message) for note in app._notifications]
        assert any("changes cannot be saved" in note for note in notes), notes
        # Trying to start an initiative: refused with a message, nothing written.
        await pilot.press("n")
        await settle(pilot)
        await type_text(pilot, "Nytt")
        await pilot.press("enter")
        await settle(pilot)
        notes = [str(note.message) for note in app._notifications]
        assert any("cannot be saved" in note and "read-only" in note for note in notes), notes
    assert digest(read_only_database) == before
