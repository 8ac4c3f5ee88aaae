"""The workshop timebox (f5) with a clock moved by hand, projector mode (f7) and the parking
lot (f6), by key presses on any screen."""

from __future__ import annotations

from pathlib import Path

from forbattra.store.database import Database
from forbattra.store.services import parking
from forbattra.tui.screens.parking_lot import ParkingLotScreen
from forbattra.tui.screens.timebox import TimeboxScreen, TimeboxStartScreen
from forbattra.tui.screens.workspace import WorkspaceScreen
from forbattra.tui.widgets.timebox import WorkshopDock

from .helpers import build_app, create, running, screen_text, settle, type_text


class Clock:
    """Seconds that move only when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def dock_text(app) -> str:  # type: ignore[no-untyped-def]
    """The dock's words on the full screen on top (dialogs show it beneath them)."""
    docks = app.workshop.host_screen().query(WorkshopDock)
    if not docks or not docks.first().display:
        return ""
    return str(docks.first().render())


async def test_a_timebox_runs_pauses_gets_more_time_and_ends_with_a_signal(
    db_path: Path,
) -> None:
    create(db_path, "Snabbare svar")
    app = build_app(db_path)
    clock = Clock()
    app.workshop.clock = clock
    bells: list[None] = []
    app.bell = lambda: bells.append(None)  # type: ignore[method-assign]
    async with running(app) as pilot:
        assert dock_text(app) == ""
        await pilot.press("f5")
        assert isinstance(app.screen, TimeboxStartScreen)
        await type_text(pilot, "Orsaker")
        await pilot.press("enter")  # on to the minutes: "10", selected, so typing replaces it
        await type_text(pilot, "abc")
        await pilot.press("enter")
        assert isinstance(app.screen, TimeboxStartScreen)
        assert "Write the minutes as a number" in screen_text(app)
        await pilot.press("backspace", "backspace", "backspace")
        await type_text(pilot, "10")
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, TimeboxStartScreen)
        assert "⏱ Orsaker 10:00" in dock_text(app)

        clock.now += 150
        app.workshop.tick()
        assert "7:30" in dock_text(app)

        # f5 again: pause; the time stands still while paused.
        await pilot.press("f5")
        assert isinstance(app.screen, TimeboxScreen)
        await pilot.press("space")
        clock.now += 300
        app.workshop.tick()
        assert "7:30 · paused" in dock_text(app)
        await pilot.press("space", "1", "5")  # resume, +1, +5 minutes
        await pilot.press("escape")
        app.workshop.tick()
        assert "13:30" in dock_text(app) and "paused" not in dock_text(app)

        # The dock follows to other screens: the initiative's workspace.
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, WorkspaceScreen)
        await settle(pilot)
        assert "13:30" in dock_text(app)

        clock.now += 13 * 60 + 29
        app.workshop.tick()
        assert bells == []
        clock.now += 1
        app.workshop.tick()
        app.workshop.tick()
        assert len(bells) == 1  # once, gently
        assert "Orsaker time is up" in dock_text(app)
        assert app.screen.query_one(WorkshopDock).has_class("-over")
        clock.now += 95
        app.workshop.tick()
        assert "(1:35 over)" in dock_text(app)

        await pilot.press("f5")
        assert isinstance(app.screen, TimeboxScreen)
        await pilot.press("s")
        await settle(pilot)
        assert dock_text(app) == ""


async def test_the_end_of_a_timebox_is_notified(db_path: Path) -> None:
    app = build_app(db_path)
    clock = Clock()
    app.workshop.clock = clock
    async with running(app, notifications=True) as pilot:
        app.workshop.start("Lösningar", 1)
        clock.now += 60
        app.workshop.tick()
        await pilot.pause()
        assert any("Time is up: Lösningar" in n.message for n in app._notifications)


def parked(path: Path, initiative_id: int | None) -> list[tuple[str, bool]]:
    with Database.open(str(path)) as database:
        return [(i.text, i.done) for i in parking.list_parking(database, initiative_id)]


async def test_the_parking_lot_belongs_to_the_initiative_on_screen(db_path: Path) -> None:
    initiative_id = create(db_path, "Snabbare svar")
    app = build_app(db_path)
    async with running(app) as pilot:
        # On the portfolio: the lot of the whole workshop.
        await pilot.press("f6")
        await settle(pilot)
        assert isinstance(app.screen, ParkingLotScreen)
        assert "Nothing parked yet" in screen_text(app)
        await type_text(pilot, "Budget för nästa år?")
        await pilot.press("enter")
        await settle(pilot)
        assert "○ Budget för nästa år?" in screen_text(app)
        assert "⚑ 1 parked" in dock_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert "⚑ 1 parked" in dock_text(app)  # the reminder stays on the portfolio

        # In the workspace: the initiative's own lot, empty, so no reminder.
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, WorkspaceScreen)
        assert dock_text(app) == ""
        await pilot.press("f6")
        await settle(pilot)
        lot = app.screen
        assert isinstance(lot, ParkingLotScreen) and lot.initiative_id == initiative_id
        assert "Snabbare svar" in screen_text(app)
        for text in ["Vem äger rutinen?", "Fråga IT om behörigheter", "Ta bort mig"]:
            await type_text(pilot, text)
            await pilot.press("enter")
            await settle(pilot)
        assert "3 open · 0 done" in screen_text(app)
        await pilot.press("tab")  # to the list, on the item just parked
        await pilot.press("home", "space")  # the first one is dealt with
        await settle(pilot)
        lines = [line.strip() for line in screen_text(app).splitlines()]
        order = [line for line in lines if line[:1] in {"○", "✓"}]
        assert order == [
            "○ Fråga IT om behörigheter",
            "○ Ta bort mig",
            "✓ Vem äger rutinen?",
        ]
        await pilot.press("up", "delete")
        await settle(pilot)
        await pilot.press("enter")  # confirm
        await settle(pilot)
        # Something typed but not parked is not thrown away by one Esc.
        await pilot.press("shift+tab")
        assert app.focused is not None and app.focused.id == "parking-input", app.focused
        await type_text(pilot, "Halvfärdig")
        await pilot.press("escape")
        assert isinstance(app.screen, ParkingLotScreen)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, WorkspaceScreen)
        assert "⚑ 2 parked" in dock_text(app)
    assert parked(db_path, initiative_id) == [
        ("Fråga IT om behörigheter", False),
        ("Halvfärdig", False),
        ("Vem äger rutinen?", True),
    ]
    assert parked(db_path, None) == [("Budget för nästa år?", False)]


async def test_projector_mode_hides_the_footer_and_turns_the_contrast_up(db_path: Path) -> None:
    from textual.widgets import Footer

    create(db_path, "Snabbare svar")
    app = build_app(db_path)
    async with running(app) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        footer = app.screen.query_one(Footer)
        assert footer.display
        await pilot.press("f7")
        await pilot.pause()
        assert app.has_class("-projector")
        assert app.theme == "forbattra-high-contrast"
        assert not footer.display
        assert not app.screen.query_one("#workspace-status").display
        await pilot.press("f7")
        await pilot.pause()
        assert app.theme == "textual-dark" and footer.display
