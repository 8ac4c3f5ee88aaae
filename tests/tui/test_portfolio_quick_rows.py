"""The portfolio's rows before the database is open: an SQLite file at the current schema is
read with ``sqlite3`` alone and shown at once; anything else waits for the database, and the
database still has the last word (a refusal hides the early rows)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from forbattra.store import database as database_module
from forbattra.store.database import Database
from forbattra.store.errors import DatabaseDamaged
from forbattra.store.services.initiatives import list_initiatives
from forbattra.store.services.portfolio_read import quick_portfolio
from forbattra.tui.screens.portfolio import PortfolioScreen
from tui.helpers import (
    build_app,
    create,
    document,
    portfolio,
    running,
    screen_text,
    seed,
    settle,
)

OLD_SCHEMA = Path(__file__).parents[1] / "data" / "schema-0001.db"


@pytest.fixture
def hold_open(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[], threading.Event]]:
    """From the call on, ``Database.open`` waits until the event returned is set: the time
    between the rows read early and the database being open, as long as a test needs."""
    release = threading.Event()
    real_open = Database.open.__func__  # type: ignore[attr-defined]

    def waiting_open(cls: type[Database], /, target: str, **options: object) -> Database:
        release.wait(timeout=30)
        opened: Database = real_open(cls, target, **options)
        return opened

    def hold() -> threading.Event:
        monkeypatch.setattr(database_module.Database, "open", classmethod(waiting_open))
        return release

    yield hold
    release.set()


async def _until(pilot: object, holds: object, rounds: int = 200) -> None:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot) and callable(holds)
    for _round in range(rounds):
        if holds():
            return
        await pilot.pause(0.02)
    raise AssertionError("never happened")


def test_the_quick_read_gives_the_services_rows(db_path: Path) -> None:
    seed(
        db_path,
        document("Kortare väntetider", unit="Socialförvaltningen", area=5, leader="Maria"),
        document("Stängd", status="closed", updated="2025-02-01T12:00:00+00:00"),
        document("Pausad", status="paused", updated="2025-04-01T12:00:00+00:00"),
    )
    with Database.open(str(db_path)) as database:
        expected = list_initiatives(database, include_closed=True)
    assert len(expected) == 3
    assert quick_portfolio(str(db_path), include_closed=True) == expected


def test_a_file_that_needs_a_migration_is_not_read_quickly(tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    shutil.copy(OLD_SCHEMA, old)
    assert quick_portfolio(str(old), include_closed=True) is None
    assert quick_portfolio(str(tmp_path / "missing.db")) is None
    assert quick_portfolio("postgresql://nobody@localhost/forbattra") is None


async def test_rows_show_before_the_database_is_open(
    db_path: Path, hold_open: Callable[[], threading.Event]
) -> None:
    first = create(db_path, "Snabbare svar i växeln")
    create(db_path, "Färre fel i fakturorna")
    held_open = hold_open()
    app = build_app(db_path)
    async with app.run_test() as pilot:
        screen = portfolio(pilot)
        await _until(pilot, lambda: screen.table.row_count == 2)
        assert app.database is None and screen.loaded
        assert set(screen.table.shown_ids) == {first, first + 1}
        # Filtering works on them; opening one waits for the database.
        assert screen.check_action("filter", ()) is True
        assert not screen.check_action("open", ())
        screen._open(first)
        await pilot.pause()
        assert type(app.screen).__name__ == "PortfolioScreen"
        held_open.set()
        await settle(pilot)
        assert app.database is not None
        assert screen.table.row_count == 2 and screen.check_action("open", ())


async def test_a_file_that_needs_a_migration_waits_for_the_database(
    tmp_path: Path, hold_open: Callable[[], threading.Event]
) -> None:
    old = tmp_path / "old.db"
    shutil.copy(OLD_SCHEMA, old)
    held_open = hold_open()
    app = build_app(old)
    async with app.run_test() as pilot:
        screen = portfolio(pilot)
        await pilot.pause(0.3)
        assert not screen.loaded and screen.table.row_count == 0
        held_open.set()
        await settle(pilot)
        assert app.database is not None and app.database.backup is not None
        assert screen.loaded and screen.table.row_count > 0


async def test_the_database_refusing_hides_the_rows_read_early(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    create(db_path, "Syns först, sedan inte")
    shown: list[int] = []

    def refuse(cls: type[Database], /, target: str, **_options: object) -> Database:
        screen = app.screen_stack[-1]
        assert isinstance(screen, PortfolioScreen)
        shown.append(screen.table.row_count)
        raise DatabaseDamaged("The database is damaged (in this test).")

    monkeypatch.setattr(database_module.Database, "open", classmethod(refuse))
    app = build_app(db_path)
    async with running(app) as pilot:
        screen = portfolio(pilot)
        assert screen.problem == "The database is damaged (in this test)."
        assert not screen.loaded and not screen.table.display
        assert not screen.check_action("open", ())
    assert shown == [1]  # the rows were there, drawn, before the database was opened


def test_no_sqlalchemy_before_the_rows_show(db_path: Path) -> None:
    create(db_path, "Utan SQLAlchemy")
    code = f"""
import sys
from forbattra.i18n import set_language
set_language("en")
from forbattra.settings import Settings
from forbattra.tui.app import ForbattraApp
from forbattra.tui.screens.portfolio import PortfolioScreen

seen = []
early = PortfolioScreen.show_rows_read_early

def show(self, rows, drawn):
    seen.append(sorted(name for name in sys.modules if name.split(".")[0] in
                       ("sqlalchemy", "sqlmodel", "alembic")))
    early(self, rows, drawn)
    self.app.call_after_refresh(self.app.exit)

PortfolioScreen.show_rows_read_early = show
ForbattraApp(Settings(database={str(db_path)!r}, language="en", user="t")).run(
    headless=True, size=(120, 36))
print("SEEN", seen)
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "SEEN [[]]" in result.stdout, result.stdout + result.stderr


async def test_the_heap_is_frozen_once_the_portfolio_is_complete(db_path: Path) -> None:
    import gc

    create(db_path, "Färre pauser")
    assert gc.get_freeze_count() == 0
    app = build_app(db_path)
    async with running(app):
        screen = app.screen_stack[-1]
        assert isinstance(screen, PortfolioScreen)
        assert all(row.verdicts is not None for row in screen.rows)
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


async def test_after_a_refusal_other_actions_say_why_not_only_not_open(tmp_path: Path) -> None:
    """A damaged file: the idea inbox names the damage, not "the database is not open yet"."""
    import os

    damaged = tmp_path / "skadad.db"
    damaged.write_bytes(os.urandom(5000))
    app = build_app(damaged)
    async with running(app) as pilot:
        await settle(pilot)
        assert app.database is None and app.database_problem
        await pilot.press("b")
        await settle(pilot)
        text = screen_text(app)
        assert "not open yet" not in text
        assert app.database_problem.split(":")[0][:30] in text
