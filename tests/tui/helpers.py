"""Helpers for the Pilot tests: seeding a database, running the app, reading the screen.

Import this only from test modules (after ``conftest.py`` has chosen the language).
"""

from __future__ import annotations

import html
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from forbattra.core.domain import NewInitiative
from forbattra.core.exchange import parse_document
from forbattra.core.vocabulary import Method
from forbattra.settings import Settings
from forbattra.store.database import Database
from forbattra.store.services.exchange import import_documents
from forbattra.store.services.initiatives import create_initiative
from forbattra.tui.app import ForbattraApp, make_app
from forbattra.tui.screens.portfolio import PortfolioScreen
from forbattra.tui.widgets.portfolio_table import PortfolioTable

SIZE = (120, 36)


def document(
    title: str,
    *,
    method: str = "pdsa",
    status: str = "active",
    updated: str = "2025-03-14T12:00:00+00:00",
    unit: str = "",
    area: int | None = None,
    leader: str = "",
    coach: str = "",
    team: str = "",
    phase: str | None = None,
) -> dict[str, Any]:
    """An exchange document with fixed timestamps (noon UTC: the same date in any time zone)."""
    data: dict[str, Any] = {
        "format": "forbattra.initiative",
        "version": 1,
        "initiative": {
            "title": title,
            "method": method,
            "unit": unit,
            "area": area,
            "leader": leader,
            "coach": coach,
            "team": team,
            "status": status,
            "phase": phase,
            "created_at": "2025-01-10T12:00:00+00:00",
            "updated_at": updated,
        },
    }
    if status == "closed":
        data["closure"] = {
            "reason": "not_used",
            "learned": "Few people used it; the time goes to the daily meetings instead.",
            "closed_on": updated[:10],
        }
    return data


def seed(path: Path, *documents: dict[str, Any]) -> None:
    """Store documents through the exchange service (one transaction)."""
    with Database.open(str(path)) as database:
        import_documents(
            database, "test", [(f"doc{i}", parse_document(d)) for i, d in enumerate(documents)]
        )


def create(path: Path, title: str, **fields: Any) -> int:
    """Start an initiative through the initiatives service; returns its id."""
    with Database.open(str(path)) as database:
        new = NewInitiative(title=title, method=Method(fields.pop("method", "dmaic")), **fields)
        return create_initiative(database, "test", new).id


def build_app(path: Path) -> ForbattraApp:
    """The app on database ``path``, through the same factory the CLI uses."""
    app = make_app(Settings(database=str(path), language="en", user="test"))
    app.theme = "textual-dark"
    app.animation_level = "none"
    return app


@asynccontextmanager
async def running(
    app: ForbattraApp, size: tuple[int, int] = SIZE, *, notifications: bool = False
) -> AsyncIterator[Pilot[None]]:
    """Run ``app`` headless and wait until the portfolio has its rows (or its problem).

    With ``notifications`` the toasts are drawn too (Textual leaves them out in tests)."""
    async with app.run_test(size=size, notifications=notifications) as pilot:
        await settle(pilot)
        yield pilot


async def settle(pilot: Pilot[None]) -> None:
    """Wait for workers, and for the messages they post, until nothing is left to do."""
    for _round in range(50):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not any(worker.is_running for worker in pilot.app.workers):
            await pilot.pause()
            return
    raise AssertionError("workers did not finish")


def portfolio(pilot: Pilot[None]) -> PortfolioScreen:
    for screen in pilot.app.screen_stack:
        if isinstance(screen, PortfolioScreen):
            return screen
    raise AssertionError("no portfolio screen")


def table(pilot: Pilot[None]) -> PortfolioTable:
    return portfolio(pilot).table


def titles(pilot: Pilot[None]) -> list[str]:
    """The titles the table holds, top to bottom, as plain text."""
    grid = table(pilot)
    return [
        str(grid.get_row_at(index)[grid.get_column_index("title")])
        for index in range(grid.row_count)
    ]


# Rich's SVG export draws a cell 12.2 units wide (0.61 of its 20-unit font).
_CELL = 12.2
_LINE = re.compile(
    r'<text class="[^"]*" x="([\d.]+)" y="[\d.]+" textLength="[\d.]+"'
    r' clip-path="url\(#[\w-]+-line-(\d+)\)">(.*?)</text>'
)


def screen_lines(app: ForbattraApp) -> list[str]:
    """What the terminal shows, as lines of plain text (read from an SVG screenshot)."""
    svg = app.export_screenshot(simplify=True)
    lines: dict[int, list[str]] = {}
    for x, line, text in _LINE.findall(svg):
        row = lines.setdefault(int(line), [" "] * app.size.width)
        column = round(float(x) / _CELL)
        for offset, char in enumerate(html.unescape(text).replace("\xa0", " ")):
            if column + offset < len(row):
                row[column + offset] = char
    return ["".join(row).rstrip() for _line, row in sorted(lines.items())]


def screen_text(app: ForbattraApp) -> str:
    return "\n".join(screen_lines(app))


def toasts(app: ForbattraApp) -> str:
    """The words on screen on one line, so a message wrapped in a toast reads whole."""
    return " ".join(screen_text(app).replace("▌", " ").split())


# --- The workspace -----------------------------------------------------------------------------


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Type ``text`` key by key, as a person would (a line break is Enter)."""
    keys = ["space" if c == " " else "enter" if c == "\n" else c for c in text]
    await pilot.press(*keys)


def stored(path: Path, initiative_id: int) -> Any:
    """The initiative as another program reads it from the database now."""
    from forbattra.store.services.workspace import load_workspace

    with Database.open(str(path)) as database:
        return load_workspace(database, initiative_id)


def events_of(path: Path, initiative_id: int) -> list[Any]:
    from forbattra.store.services.events import history

    with Database.open(str(path)) as database:
        return history(database, initiative_id)


def focused_id(pilot: Pilot[None]) -> str:
    focused = pilot.app.focused
    return (focused.id or type(focused).__name__) if focused is not None else ""


def top(app: ForbattraApp) -> object:
    """The screen on top, unnarrowed (for ``is`` checks after ``isinstance`` ones)."""
    return app.screen
