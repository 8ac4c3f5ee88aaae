"""The stop-doing check by key presses: a unit's own check (u on the portfolio) with four
activities given in hours or minutes × times, decided, the sums checked against arithmetic
done by hand; a follow-up that restarts one; and the guided step at Analyze → Improve."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from forbattra.core.vocabulary import FollowUpResult, StopDecision
from forbattra.store.database import Database
from forbattra.store.services.initiatives import move_to_phase
from forbattra.store.services.stop_doing import stop_check
from forbattra.tui.app import ForbattraApp
from forbattra.tui.screens.stop_doing import StopDoingScreen
from forbattra.tui.screens.stop_doing_dialogs import DecideScreen, FollowUpScreen, StopItemScreen
from forbattra.tui.screens.stop_doing_gate import StopDoingGateScreen
from forbattra.tui.screens.unit_pick import UnitPickScreen
from forbattra.tui.screens.workspace import WorkspaceScreen

from .helpers import build_app, create, running, screen_text, settle, type_text

UNIT = "Kommunledningskontoret"
CHOICES = [StopDecision.KEEP, StopDecision.SIMPLIFY, StopDecision.REPLACE, StopDecision.STOP]


def shown(pilot: Pilot[None]) -> str:
    app = pilot.app
    assert isinstance(app, ForbattraApp)
    return screen_text(app)


async def add_activity(
    pilot: Pilot[None], name: str, *, hours: str = "", minutes: str = "", times: str = ""
) -> None:
    await pilot.press("a")
    await settle(pilot)
    assert isinstance(pilot.app.screen, StopItemScreen)
    await type_text(pilot, name)
    await pilot.press("tab", "tab")  # who (left empty), hours per month
    await type_text(pilot, hours)
    await pilot.press("tab")
    await type_text(pilot, minutes)
    await pilot.press("tab")
    await type_text(pilot, times)
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, StopDoingScreen), shown(pilot)


async def decide(pilot: Pilot[None], row: int, decision: StopDecision, freed: str = "") -> None:
    screen = pilot.app.screen
    assert isinstance(screen, StopDoingScreen)
    screen.table.move_cursor(row=row)
    await pilot.press("d")
    await settle(pilot)
    assert isinstance(pilot.app.screen, DecideScreen)
    await pilot.press(*["down"] * CHOICES.index(decision), "enter")
    await pilot.press("tab")
    await type_text(pilot, "Decided in the workshop")
    await pilot.press("tab")
    await type_text(pilot, freed)
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, StopDoingScreen), shown(pilot)


def summary(pilot: Pilot[None]) -> str:
    """What the summary under the table says (the whole screen: the lines are short)."""
    return shown(pilot)


async def test_a_units_check_sums_what_is_freed(db_path: Path) -> None:
    create(db_path, "Anything", unit="Kontaktcenter")
    app = build_app(db_path)
    async with running(app) as pilot:
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, UnitPickScreen)
        assert "Kontaktcenter" in screen_text(app)  # a known unit to choose
        await type_text(pilot, UNIT)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, StopDoingScreen)
        assert "No activities listed yet" in summary(pilot)

        await add_activity(pilot, "Weekly status report", hours="4")
        await add_activity(pilot, "Quality meeting", minutes="15", times="8")
        await add_activity(pilot, "Paper form", minutes="30", times="6")
        await add_activity(pilot, "Double registration", hours="2,5")
        assert "The listed activities cost 11.5 h a month." in summary(pilot)

        await decide(pilot, 0, StopDecision.STOP)  # frees all 4 h
        await decide(pilot, 1, StopDecision.STOP)  # 15 min × 8 = 120 min = 2 h
        await decide(pilot, 2, StopDecision.SIMPLIFY, "1,5")  # of 30 min × 6 = 3 h
        await decide(pilot, 3, StopDecision.REPLACE, "2")  # of 2.5 h
        # By hand: 4 + 2 + 1.5 + 2 = 9.5 h a month; × 12 = 114 h a year.
        said = summary(pilot)
        assert "Frees 9.5 h a month (114 h a year)." in said
        assert "Stopped: 2 · simplified: 1 · replaced: 1 · kept: 0 · not decided: 0" in said
        table_text = screen_text(app)
        assert "✂ stop" in table_text and "↓ simplify" in table_text

        # The weekly report was missed: restarted, with why. Its 4 h no longer count.
        app.screen.table.move_cursor(row=0)
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, FollowUpScreen)
        await pilot.press("down", "enter", "tab")
        await type_text(pilot, "The department missed the numbers")
        await pilot.press("ctrl+s")
        await settle(pilot)
        # By hand: 9.5 - 4 = 5.5 h a month; × 12 = 66 h a year.
        assert "Frees 5.5 h a month (66 h a year)." in summary(pilot)

    with Database.open(str(db_path)) as database:
        check = stop_check(database, unit=UNIT)
    assert check.initiative_id is None
    assert [item.cost_per_month for item in check.items] == [4.0, 2.0, 3.0, 2.5]
    assert [item.decision for item in check.items] == [
        StopDecision.STOP,
        StopDecision.STOP,
        StopDecision.SIMPLIFY,
        StopDecision.REPLACE,
    ]
    assert check.items[0].follow_up_result is FollowUpResult.RESTARTED
    assert check.items[0].follow_up_note == "The department missed the numbers"
    assert check.summary.hours_freed_per_month == 5.5
    assert check.summary.hours_freed_per_year == 66


async def test_a_time_that_is_not_a_number_is_kept_and_explained(db_path: Path) -> None:
    app = build_app(db_path)
    async with running(app) as pilot:
        await pilot.press("u")
        await settle(pilot)
        await type_text(pilot, UNIT)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await type_text(pilot, "Monthly report")
        await pilot.press("tab", "tab")
        await type_text(pilot, "four")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, StopItemScreen)
        assert "“four” is not a number" in screen_text(app)
        # Both ways at once is refused by the rule, in the dialog.
        await pilot.press("ctrl+u")
        await type_text(pilot, "4")
        await pilot.press("tab")
        await type_text(pilot, "15")
        await pilot.press("tab")
        await type_text(pilot, "8")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, StopItemScreen)
        assert "Give the time one way" in screen_text(app)


async def test_the_gate_from_analyze_offers_the_check(db_path: Path) -> None:
    initiative_id = create(db_path, "Synpunkter som leder till förbättring")
    with Database.open(str(db_path)) as database:
        move_to_phase(database, "test", initiative_id, "analyze")
    app = build_app(db_path)
    async with running(app) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, WorkspaceScreen)
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert isinstance(app.screen, StopDoingGateScreen)
        said = screen_text(app)
        assert "Before we add anything new: what can we stop?" in said
        assert "Move on to Improve" in said  # offered, never forced
        await pilot.press("f9")
        await settle(pilot)
        assert isinstance(app.screen, StopDoingScreen)
        assert "Before we add anything new: what can we stop?" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, WorkspaceScreen)
        # The button does the same as f9.
        await pilot.press("ctrl+g")
        await settle(pilot)
        await pilot.press("shift+tab", "enter")
        await settle(pilot)
        assert isinstance(app.screen, StopDoingScreen)
        await pilot.press("escape")
        await settle(pilot)
        # Enter on the gate still moves on, as at every gate.
        await pilot.press("ctrl+g")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert "Improve: the team is here" in screen_text(app)


async def test_control_shows_the_question_and_f9_opens_the_check(db_path: Path) -> None:
    initiative_id = create(db_path, "Introduktion för nyanställda")
    with Database.open(str(db_path)) as database:
        move_to_phase(database, "test", initiative_id, "control")
    app = build_app(db_path)
    async with running(app) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        assert "Now that the new way works, what old step goes?" in screen_text(app)
        await pilot.press("f9")
        await settle(pilot)
        assert isinstance(app.screen, StopDoingScreen)
        assert app.screen.initiative_id == initiative_id
        assert "Now that the new way works" in screen_text(app)
