"""Backups: made with the online backup API while another program writes, made on leaving the
app when something changed (at most every 30 minutes), thinned to a daily, weekly and
monthly set, listed, and restored safely."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from forbattra.cli.common import EXIT_BUSY, EXIT_DAMAGED
from forbattra.core.domain import NewInitiative
from forbattra.core.ideas import NewIdea
from forbattra.core.vocabulary import Method
from forbattra.store.backup import (
    AUTO,
    Backup,
    automatic_backup,
    backup_path,
    kept_backups,
    list_backups,
    make_backup,
)
from forbattra.store.database import Database
from forbattra.store.services.ideas import submit_idea
from forbattra.store.services.initiatives import create_initiative

from .harness import (
    Acknowledged,
    collect,
    drain,
    fork_writer,
    ids,
    initiative_writer,
    integrity,
    rows,
    stop,
    wait_for,
)

pytestmark = pytest.mark.usefixtures("english")
NOW = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)


def test_a_backup_while_another_program_writes_is_whole(
    tmp_path: Path, run_cli: Callable[..., Any]
) -> None:
    path = tmp_path / "forbattra.db"
    Database.open(str(path)).close()
    pid, channel = fork_writer(initiative_writer(path, seed=7))
    acknowledged = Acknowledged()
    copies: list[tuple[Path, set[int]]] = []
    try:
        for _ in range(3):
            collect([channel], time.monotonic() + 0.4, acknowledged)
            before = set(acknowledged.ids.get("initiative", set()))
            made = run_cli("--db", str(path), "backup")
            assert made.code == 0, made.err
            copies.append((Path(made.out.strip()), before))
    finally:
        stop(pid)
        drain(channel, acknowledged)
    assert acknowledged.errors == []
    assert len({copy for copy, _ in copies}) == 3
    for copy, acknowledged_before in copies:
        assert integrity(copy) == (["ok"], [])
        assert acknowledged_before <= ids(copy, "initiative")
        assert not Path(f"{copy}-wal").exists()
    # The newest copy holds at least as much as the older ones.
    assert ids(copies[0][0], "initiative") <= ids(copies[-1][0], "initiative")


def test_a_backup_to_a_folder_or_a_file(tmp_path: Path, run_cli: Callable[..., Any]) -> None:
    path = tmp_path / "forbattra.db"
    with Database.open(str(path)) as db:
        create_initiative(db, "tester", NewInitiative("Säkrad", Method.PDSA))
    elsewhere = tmp_path / "usb"
    elsewhere.mkdir()
    into_folder = run_cli("--db", str(path), "backup", str(elsewhere))
    assert into_folder.code == 0, into_folder.err
    assert Path(into_folder.out.strip()).parent == elsewhere
    named = elsewhere / "kopia.db"
    assert run_cli("--db", str(path), "backup", str(named)).code == 0
    assert rows(named, "SELECT title FROM initiative") == [("Säkrad",)]
    again = run_cli("--db", str(path), "backup", str(named))
    assert (again.code, again.err.strip()) == (
        2,
        f"Error: {named} already exists; choose another name.",
    )


def _backup(taken_at: datetime) -> Backup:
    return Backup(Path(f"x.db.auto-{taken_at:%Y%m%dT%H%M%SZ}.bak"), AUTO, taken_at, 1)


def test_thinning_keeps_a_daily_weekly_and_monthly_set() -> None:
    # Two automatic backups a day for two years.
    every = [_backup(NOW - timedelta(hours=12 * n, minutes=5)) for n in range(2 * 730)]
    kept = kept_backups(every, NOW)
    kept_times = sorted((b.taken_at for b in every if b.path in kept), reverse=True)
    assert kept_times[0] == max(b.taken_at for b in every)
    # All of the last day, then one a day for the last week, then one a week, then one a
    # month; nothing older than a year.
    assert [t for t in kept_times if NOW - t <= timedelta(hours=24)] == [
        NOW - timedelta(minutes=5),
        NOW - timedelta(hours=12, minutes=5),
    ]
    last_week = [t for t in kept_times if timedelta(days=1) < NOW - t <= timedelta(days=7)]
    assert len(last_week) == len({t.date() for t in last_week}) >= 5
    assert all(NOW - t <= timedelta(days=31 * 12) for t in kept_times)
    assert len({(t.year, t.month) for t in kept_times}) >= 12
    assert len(kept) <= 2 + 7 + 5 + 12
    assert kept_backups([], NOW) == set()


def test_automatic_backups_only_after_changes_and_at_most_every_half_hour(
    tmp_path: Path,
) -> None:
    path = tmp_path / "forbattra.db"
    with Database.open(str(path)) as db:
        assert automatic_backup(db, NOW) is None  # nothing ever changed
        create_initiative(db, "tester", NewInitiative("Ändrad", Method.PDSA))
        first = automatic_backup(db)
        assert first is not None
        assert automatic_backup(db) is None  # nothing changed since
        create_initiative(db, "tester", NewInitiative("Igen", Method.PDSA))
        assert automatic_backup(db) is None  # changed, but the last one is recent
        later = datetime.now(UTC) + timedelta(minutes=31)
        second = automatic_backup(db, later)
        assert second is not None
    assert [b.label for b in list_backups(path)] == [AUTO, AUTO]
    assert ids(second, "initiative") == {1, 2}


def test_an_anonymous_idea_alone_is_a_change_worth_a_backup(tmp_path: Path) -> None:
    """Anonymous ideas record no event, so the backup must notice them another way."""
    path = tmp_path / "forbattra.db"
    with Database.open(str(path)) as db:
        create_initiative(db, "tester", NewInitiative("Ändrad", Method.PDSA))
        time.sleep(1.1)  # backup names keep whole seconds: let the event be strictly older
        assert automatic_backup(db) is not None
        submit_idea(db, NewIdea("Färre blanketter i hemtjänsten"))
        later = datetime.now(UTC) + timedelta(minutes=31)
        second = automatic_backup(db, later)
        assert second is not None
        assert automatic_backup(db, later + timedelta(minutes=31)) is None
    assert len(rows(second, "SELECT id FROM idea")) == 1


def test_old_automatic_backups_are_thinned_but_others_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "forbattra.db"
    with Database.open(str(path)) as db:
        create_initiative(db, "tester", NewInitiative("Ändrad", Method.PDSA))
    now = datetime.now(UTC)
    for days in range(1, 60):
        make_backup(path, AUTO, backup_path(path, AUTO, now - timedelta(days=days)))
    manual = make_backup(path, "manual", backup_path(path, "manual", now - timedelta(days=400)))
    with Database.open(str(path)) as db:
        create_initiative(db, "tester", NewInitiative("Igen", Method.PDSA))
        assert automatic_backup(db) is not None
    left = list_backups(path)
    automatic = [b for b in left if b.label == AUTO]
    assert 7 <= len(automatic) <= 7 + 5 + 12 + 1
    assert manual in [b.path for b in left]


async def test_leaving_the_app_after_a_change_makes_a_backup(tmp_path: Path) -> None:
    from tui.helpers import build_app, running, settle, type_text

    path = tmp_path / "forbattra.db"
    Database.open(str(path)).close()
    app = build_app(path)
    async with running(app) as pilot:
        await pilot.press("n")
        await settle(pilot)
        await type_text(pilot, "Före säkerhetskopian")
        await pilot.press("enter")
        await settle(pilot)
    assert app.backup_problem is None
    (made,) = list_backups(path)
    assert made.label == AUTO
    assert rows(made.path, "SELECT title FROM initiative") == [("Före säkerhetskopian",)]
    # Leaving again without a change makes none.
    async with running(build_app(path)):
        pass
    assert len(list_backups(path)) == 1


def test_list_and_restore(tmp_path: Path, run_cli: Callable[..., Any]) -> None:
    path = tmp_path / "forbattra.db"
    with Database.open(str(path)) as db:
        create_initiative(db, "tester", NewInitiative("Först", Method.PDSA))
    assert run_cli("--db", str(path), "backup").code == 0
    with Database.open(str(path)) as db:
        create_initiative(db, "tester", NewInitiative("Sedan", Method.PDSA))

    listed = json.loads(run_cli("--db", str(path), "backup", "list", "--json").out)
    assert [(entry["number"], entry["kind"]) for entry in listed] == [(1, "manual")]
    table = run_cli("--db", str(path), "backup", "list")
    assert "made by hand" in table.out and listed[0]["path"] in table.out

    restored = run_cli("--db", str(path), "backup", "restore", "1", "--yes")
    assert restored.code == 0, restored.err
    assert rows(path, "SELECT title FROM initiative") == [("Först",)]
    assert integrity(path) == (["ok"], [])
    kept = next(b for b in list_backups(path) if b.label == "before-restore")
    assert rows(kept.path, "SELECT title FROM initiative ORDER BY id") == [("Först",), ("Sedan",)]
    assert run_cli("--db", str(path), "new", "Efter", "--method", "pdsa").code == 0


def test_restore_is_refused_while_the_database_is_open(
    tmp_path: Path, run_cli: Callable[..., Any]
) -> None:
    path = tmp_path / "forbattra.db"
    with Database.open(str(path)) as db:
        create_initiative(db, "tester", NewInitiative("Öppen", Method.PDSA))
    backup = make_backup(path)

    def keep_open(channel: int) -> None:
        with Database.open(str(path)) as db:
            create_initiative(db, "annan", NewInitiative("Pågår", Method.PDSA))
            os.write(channel, b"open 1\n")
            time.sleep(60)

    pid, channel = fork_writer(keep_open)
    opened = Acknowledged()
    try:
        wait_for(channel, opened, "open", 1)
        assert opened.count("open") == 1
        refused = run_cli("--db", str(path), "backup", "restore", str(backup), "--yes")
    finally:
        stop(pid)
        drain(channel, Acknowledged())
    assert refused.code == EXIT_BUSY
    assert "is open in forbattra or another program" in refused.err
    assert rows(path, "SELECT title FROM initiative ORDER BY id") == [("Öppen",), ("Pågår",)]


def test_a_damaged_backup_is_never_restored(tmp_path: Path, run_cli: Callable[..., Any]) -> None:
    path = tmp_path / "forbattra.db"
    with Database.open(str(path)) as db:
        create_initiative(db, "tester", NewInitiative("Hel", Method.PDSA))
    backup = make_backup(path)
    data = bytearray(backup.read_bytes())
    data[len(data) // 2 :] = bytes(len(data) - len(data) // 2)
    backup.write_bytes(bytes(data))
    refused = run_cli("--db", str(path), "backup", "restore", str(backup), "--yes")
    assert refused.code == EXIT_DAMAGED, refused.err
    assert rows(path, "SELECT title FROM initiative") == [("Hel",)]
    assert [b.label for b in list_backups(path)] == ["manual"]
