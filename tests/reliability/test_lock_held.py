"""Another program holds the write lock for a long time: the command line says "busy, try
again" with its own exit code, the app says it is waiting, and nothing is lost."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from forbattra.cli.common import EXIT_BUSY
from forbattra.store import engine as engine_module

from .harness import cli, rows, write_lock_held

pytestmark = pytest.mark.usefixtures("english")


def test_the_command_line_says_busy_and_loses_nothing(tmp_path: Path) -> None:
    path = tmp_path / "forbattra.db"
    assert cli("new", "Före låset", "--method", "pdsa", db=path).returncode == 0
    # The lock is held for as long as the command runs: it waits its 10 s, then gives up.
    with write_lock_held(path) as holder:
        holder.execute("UPDATE initiative SET title = 'Ändrad av den andra'")
        result = cli("new", "Under låset", "--method", "pdsa", db=path)
    assert result.returncode == EXIT_BUSY, result.stderr
    assert result.stderr.strip() == (
        "Error: The database is busy: another program is writing to it. Try again shortly."
    )
    assert "Traceback" not in result.stderr
    # The other program's change is kept, the refused one was not half-made, and a second
    # try works.
    assert rows(path, "SELECT title FROM initiative ORDER BY id") == [("Ändrad av den andra",)]
    again = cli("new", "Under låset", "--method", "pdsa", db=path)
    assert again.returncode == 0, again.stderr
    assert [title for (title,) in rows(path, "SELECT title FROM initiative ORDER BY id")] == [
        "Ändrad av den andra",
        "Under låset",
    ]


async def test_the_app_says_it_waits_and_saves_once_the_lock_is_free(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.notifications import Notification

    from tui.helpers import build_app, running, settle, type_text

    monkeypatch.setattr(engine_module, "BUSY_NOTICE_MS", 300)
    path = tmp_path / "forbattra.db"
    assert cli("new", "Före låset", "--method", "pdsa", db=path).returncode == 0
    app = build_app(path)
    seen: list[Notification] = []
    async with running(app) as pilot:
        holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        holder.execute("BEGIN IMMEDIATE")
        try:
            await pilot.press("n")
            await settle(pilot)
            await type_text(pilot, "Sparas efter väntan")
            await pilot.press("enter")  # the save waits for the lock in its worker
            for _ in range(100):
                seen = list(app._notifications)  # what the toasts show
                if any("waiting" in str(note.message) for note in seen):
                    break
                await asyncio.sleep(0.05)
        finally:
            holder.execute("COMMIT")
            holder.close()
        for _ in range(200):  # the waiting save goes on by itself, then opens the workspace
            if type(app.screen).__name__ == "WorkspaceScreen":
                break
            await pilot.pause(0.05)
        await pilot.pause(0.3)
    notices = [note for note in seen if "Another program is writing" in str(note.message)]
    assert notices, [note.message for note in seen]
    assert notices[0].severity == "warning"
    titles = [title for (title,) in rows(path, "SELECT title FROM initiative ORDER BY id")]
    assert titles == ["Före låset", "Sparas efter väntan"]
