"""The coach's screens by real key presses: history, comments, the review queue, overview and
the learning archive, on the sample projects in a temporary database."""

from __future__ import annotations

import json
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from forbattra.store.database import Database
from forbattra.store.services.comments import list_comments
from forbattra.tui.screens.archive import ArchiveScreen
from forbattra.tui.screens.comments import CommentsScreen
from forbattra.tui.screens.edit_line import EditLineScreen
from forbattra.tui.screens.history import HistoryScreen
from forbattra.tui.screens.overview import OverviewScreen
from forbattra.tui.screens.review_queue import ReviewQueueScreen
from forbattra.tui.screens.workspace import WorkspaceScreen

from .helpers import build_app, running, screen_text, seed, settle, type_text

SAMPLES = Path(__file__).parents[2] / "sample_projects"


def seed_samples(path: Path, *names: str) -> None:
    seed(path, *(json.loads((SAMPLES / name).read_text(encoding="utf-8")) for name in names))


async def highlight(pilot: Pilot[None], words: str) -> None:
    """Filter the portfolio to one initiative and put the cursor on it."""
    await pilot.press("slash")
    await type_text(pilot, words)
    await pilot.press("down")
    await settle(pilot)


async def test_history_from_the_portfolio_filters_by_kind_and_period(db_path: Path) -> None:
    seed_samples(db_path, "01-information-nyanlanda.json")
    app = build_app(db_path)
    async with running(app) as pilot:
        await highlight(pilot, "nyanlända")
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        text = screen_text(app)
        assert "Moved from Define to Measure" in text
        assert "Cycle 1 finished: adopt" in text
        assert "Signal of improvement" in text
        # k: choose "Cycles" (All kinds, Phases, Answers, Causes and solutions, Cycles).
        await pilot.press("k", "down", "down", "down", "down", "enter")
        await settle(pilot)
        text = screen_text(app)
        assert "Moved from Define" not in text
        assert "Cycle 2 finished: adapt" in text
        assert "5 entries · Cycles · all time" in text
        # p: from a date.
        await pilot.press("p", "up", "enter")
        await settle(pilot)
        # A typo asks again with what was typed, instead of throwing it away.
        await type_text(pilot, "2025-04-0x")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EditLineScreen)
        assert app.screen.query_one(Input).value == "2025-04-0x"
        await pilot.press("backspace")
        await type_text(pilot, "1")
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(app)
        assert "Cycle 1 finished" not in text
        assert "2 entries · Cycles · from 2025-04-01" in text
        # The entry under the cursor shows its texts below the table.
        assert "Boendevärdar i Kvarnbacken" in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HistoryScreen)


async def test_comments_on_the_phase_in_the_workspace(db_path: Path) -> None:
    seed_samples(db_path, "01-information-nyanlanda.json")
    app = build_app(db_path)
    async with running(app) as pilot:
        await highlight(pilot, "nyanlända")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, WorkspaceScreen)
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, CommentsScreen)
        assert "Comments on the Improve phase" in screen_text(app)
        await type_text(pilot, "Vem följer upp boendevärdarna? [b]x[/b]")
        await pilot.press("enter")
        await settle(pilot)
        assert "Vem följer upp boendevärdarna? [b]x[/b]" in screen_text(app)
        assert "1 open · 0 resolved" in screen_text(app)
        with Database.open(str(db_path)) as database:
            (stored,) = list_comments(database, 1, target="phase:improve")
        assert (stored.author, stored.resolved) == ("test", False)
        # Resolve it from the list.
        await pilot.press("tab", "space")
        await settle(pilot)
        assert "0 open · 1 resolved" in screen_text(app)
        with Database.open(str(db_path)) as database:
            (stored,) = list_comments(database, 1, target="phase:improve")
        assert stored.resolved
        await pilot.press("escape")
        assert isinstance(app.screen, WorkspaceScreen)
        # f4: the history, with the comment in it.
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert "Comment on the Improve phase resolved" in screen_text(app)


async def test_review_queue_opens_an_initiative_and_marks_what_was_seen(db_path: Path) -> None:
    seed_samples(db_path, "03-anonym-forbattringsinkorg.json", "05-aggregerad-budget.json")
    app = build_app(db_path)
    async with running(app) as pilot:
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, ReviewQueueScreen)
        text = screen_text(app)
        assert "You have not looked before" in text
        assert "Cycle 3 finished: abandon" in text
        assert "No activity for" in text
        await pilot.press("m")
        await settle(pilot)
        text = screen_text(app)
        assert "New since you last looked" in text
        assert "Cycle 3 finished" not in text
        with Database.open(str(db_path)) as database:
            from forbattra.store.services.review import review_queue

            assert review_queue(database, "test").looked_at is not None
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, WorkspaceScreen)
        assert "Försök med aggregerad budget" in screen_text(app)


async def test_overview_and_archive_from_the_portfolio(db_path: Path) -> None:
    seed_samples(db_path, "03-anonym-forbattringsinkorg.json", "05-aggregerad-budget.json")
    app = build_app(db_path)
    async with running(app) as pilot:
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        text = screen_text(app)
        assert "Portfolio overview, all time" in text
        assert "Where the improvements are" in text
        await pilot.press("escape", "l")
        await settle(pilot)
        assert isinstance(app.screen, ArchiveScreen)
        await type_text(pilot, "ANONYM inkorg")
        await pilot.press("enter")
        await settle(pilot)
        assert "Anonym förbättringsinkorg för medarbetare" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, WorkspaceScreen)
