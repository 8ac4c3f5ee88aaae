"""Closing without prestige, pausing and reopening, by key presses: from every DMAIC phase
(on the portfolio), from a PDSA cycle (f8), a refused empty lesson that keeps what was typed,
a pause past its review date flagged in the portfolio, and reopening."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from forbattra.core.domain import NewClosure
from forbattra.core.vocabulary import ClosureReason, Status
from forbattra.store.database import Database
from forbattra.store.services.closures import close_initiative, get_closure, pause_initiative
from forbattra.store.services.cycles import add_cycle
from forbattra.store.services.initiatives import get_initiative, move_to_phase
from forbattra.tui.screens.close_initiative import CloseInitiativeScreen
from forbattra.tui.screens.confirm import ConfirmScreen
from forbattra.tui.screens.cycle import CycleScreen
from forbattra.tui.screens.pause import PauseScreen
from forbattra.tui.screens.portfolio import PortfolioScreen

from .helpers import build_app, create, running, screen_text, settle, table, toasts, type_text

REASONS = list(ClosureReason)


def in_phase(path: Path, title: str, method: str, phase: str) -> int:
    initiative_id = create(path, title, method=method)
    with Database.open(str(path)) as database:
        if get_initiative(database, initiative_id).phase != phase:
            move_to_phase(database, "test", initiative_id, phase)
    return initiative_id


def closure_of(path: Path, initiative_id: int):  # type: ignore[no-untyped-def]
    with Database.open(str(path)) as database:
        return get_closure(database, initiative_id)


def status_of(path: Path, initiative_id: int) -> Status:
    with Database.open(str(path)) as database:
        return get_initiative(database, initiative_id).status


async def choose_reason(pilot: Pilot[None], reason: ClosureReason) -> None:
    """From the reason field (focused when the dialog opens): open the list, pick one."""
    await pilot.press("enter")
    await pilot.press(*["down"] * (REASONS.index(reason) + 1), "enter")
    await pilot.pause()


def field(pilot: Pilot[None], widget_id: str) -> str:
    return pilot.app.screen.query_one(widget_id, Input).value


@pytest.mark.parametrize("phase", ["define", "measure", "analyze", "improve", "control"])
async def test_close_from_each_dmaic_phase_on_the_portfolio(db_path: Path, phase: str) -> None:
    initiative_id = in_phase(db_path, "Anonym förslagslåda", "dmaic", phase)
    app = build_app(db_path)
    async with running(app) as pilot:
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, CloseInitiativeScreen)
        said = screen_text(app)
        assert "normal, respected result" in said
        assert "fail" not in said.lower()
        await choose_reason(pilot, ClosureReason.NOT_USED)
        await pilot.press("tab", "tab")  # past "other reason", into the lesson
        await type_text(pilot, "Few suggestions came in; we ask at the daily meetings.")
        await pilot.press("tab")
        await type_text(pilot, "Daily meetings")
        await pilot.press("tab", "tab")
        await type_text(pilot, "2")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, PortfolioScreen)
        assert "1 lesson" in screen_text(app)  # closures count as lessons
        assert table(pilot).row_count == 0  # closed ones are hidden until c
    closure = closure_of(db_path, initiative_id)
    assert closure is not None
    assert closure.reason is ClosureReason.NOT_USED
    assert closure.learned == "Few suggestions came in; we ask at the daily meetings."
    assert closure.keep == "Daily meetings"
    assert closure.freed_hours == 2.0
    assert closure.decided_by == "test"
    assert closure.closed_on == date.today()
    assert closure.phase_at_close == phase
    assert status_of(db_path, initiative_id) is Status.CLOSED


async def test_close_from_a_pdsa_cycle_with_f8(db_path: Path) -> None:
    initiative_id = in_phase(db_path, "Digital ansökan om bygglov", "pdsa", "cycles")
    with Database.open(str(db_path)) as database:
        cycle = add_cycle(database, "test", initiative_id, "Test med tre sökande")
    app = build_app(db_path)
    async with running(app, notifications=True) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        app.push_screen(CycleScreen(initiative_id, cycle.id))
        await settle(pilot)
        await pilot.press("f8")
        await settle(pilot)
        assert isinstance(app.screen, CloseInitiativeScreen)
        assert "Cycles" in screen_text(app)  # the phase it is closed in
        await choose_reason(pilot, ClosureReason.OTHER)
        await pilot.press("tab")
        await type_text(pilot, "The law changed")
        await pilot.press("tab")
        await type_text(pilot, "A national e-service replaces ours.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CycleScreen)
        assert "Closed without prestige (other reason)" in toasts(app)
    closure = closure_of(db_path, initiative_id)
    assert closure is not None
    assert closure.reason is ClosureReason.OTHER
    assert closure.reason_text == "The law changed"
    assert closure.learned == "A national e-service replaces ours."
    assert closure.phase_at_close == "cycles"


async def test_an_empty_lesson_is_refused_and_nothing_typed_is_lost(db_path: Path) -> None:
    initiative_id = in_phase(db_path, "Veckobrev", "dmaic", "measure")
    app = build_app(db_path)
    async with running(app) as pilot:
        await pilot.press("x")
        await settle(pilot)
        await choose_reason(pilot, ClosureReason.TOO_COSTLY)
        await pilot.press("tab", "tab", "tab")  # other reason, lesson (left empty), keep
        await type_text(pilot, "The short format")
        await pilot.press("tab")
        await type_text(pilot, "The long version")
        await pilot.press("tab")
        await type_text(pilot, "3,5")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CloseInitiativeScreen)
        assert "Write what you learned before closing" in screen_text(app)
        assert field(pilot, "#close-keep") == "The short format"
        assert field(pilot, "#close-stop-doing") == "The long version"
        assert field(pilot, "#close-freed") == "3,5"
        assert closure_of(db_path, initiative_id) is None
        # The lesson field has the focus: write it, close again.
        assert isinstance(app.focused, TextArea)
        await type_text(pilot, "Nobody had time to read it.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, PortfolioScreen)
    closure = closure_of(db_path, initiative_id)
    assert closure is not None
    assert closure.freed_hours == 3.5  # the decimal comma is read
    assert closure.stop_doing == "The long version"


async def test_hours_that_are_not_a_number_get_a_clear_message(db_path: Path) -> None:
    in_phase(db_path, "Veckobrev", "dmaic", "define")
    app = build_app(db_path)
    async with running(app) as pilot:
        await pilot.press("x")
        await settle(pilot)
        await choose_reason(pilot, ClosureReason.GOAL_REACHED)
        await pilot.press("tab", "tab")
        await type_text(pilot, "It works.")
        await pilot.press("tab", "tab", "tab")
        await type_text(pilot, "tre")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CloseInitiativeScreen)
        assert "“tre” is not a number" in screen_text(app)


async def test_closing_a_closed_one_says_so_and_reopen_asks_first(db_path: Path) -> None:
    initiative_id = in_phase(db_path, "Förslagslåda", "dmaic", "improve")
    with Database.open(str(db_path)) as database:
        close_initiative(
            database,
            "test",
            initiative_id,
            NewClosure(reason=ClosureReason.NOT_USED, learned="Few used it."),
        )
    app = build_app(db_path)
    async with running(app, notifications=True) as pilot:
        assert "1 lesson" in screen_text(app)
        await pilot.press("c")  # show closed
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, PortfolioScreen)
        assert "already closed" in toasts(app)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "stay readable in its history" in app.screen.message
        await pilot.press("enter")
        await settle(pilot)
        assert "Reopened: active again in Improve" in toasts(app)
    assert status_of(db_path, initiative_id) is Status.ACTIVE
    assert closure_of(db_path, initiative_id) is None


async def test_a_pause_past_its_review_date_is_flagged_in_words(db_path: Path) -> None:
    overdue = in_phase(db_path, "Gemensam kategorilista", "dmaic", "analyze")
    in_phase(db_path, "Nyanställdas första dag", "dmaic", "define")
    with Database.open(str(db_path)) as database:
        # Paused long ago, to be looked at again on 1 February 2020.
        pause_initiative(database, "test", overdue, date(2020, 2, 1), today=date(2020, 1, 1))
    app = build_app(db_path)
    async with running(app) as pilot:
        said = screen_text(app)
        assert "⚠ review overdue" in said
        assert "1 pause past its review date" in said
        # Resume it: p on a paused one asks, then it is active and the flag is gone.
        grid = table(pilot)
        row = grid.get_row_index(str(overdue))
        grid.move_cursor(row=row)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert "review overdue" not in screen_text(app)
    assert status_of(db_path, overdue) is Status.ACTIVE


async def test_pause_asks_for_a_review_date_and_checks_it(db_path: Path) -> None:
    initiative_id = in_phase(db_path, "Gemensam kategorilista", "pdsa", "aim")
    app = build_app(db_path)
    async with running(app) as pilot:
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PauseScreen)
        await pilot.press("ctrl+u")  # clear the suggested date
        await type_text(pilot, "31/12")
        await pilot.press("enter")
        await settle(pilot)
        assert "is not a date" in screen_text(app)
        await pilot.press("ctrl+u")
        await type_text(pilot, "2020-01-01")
        await pilot.press("enter")
        await settle(pilot)
        assert "already passed" in screen_text(app)
        await pilot.press("ctrl+u")
        await type_text(pilot, "2099-06-30")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PortfolioScreen)
        assert "paused" in screen_text(app)
    with Database.open(str(db_path)) as database:
        row = get_initiative(database, initiative_id)
    assert row.status is Status.PAUSED
