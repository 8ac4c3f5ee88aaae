"""A cycle's choices save like its texts: quick changes keep the last one with no false
conflict, the first decision (which finishes the cycle) is asked for, and starting the test
moves on to what happened."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.containers import VerticalScroll
from textual.widgets import Input, Static

from forbattra.core.vocabulary import CycleDecision, PredictionHeld
from forbattra.store.database import Database
from forbattra.store.services import cycles
from forbattra.tui.screens.confirm import ConfirmScreen
from forbattra.tui.screens.cycle import CycleScreen
from forbattra.tui.widgets.cycles import DecisionChoice

from .helpers import (
    build_app,
    create,
    events_of,
    focused_id,
    running,
    settle,
    stored,
    toasts,
    type_text,
)


def hold_writes(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """From now on cycle choices are written one at a time, and the first waits until the
    returned event is set: a second click then surely comes while the first is in flight."""
    gate = threading.Event()
    one_at_a_time = threading.Lock()
    calls = {"n": 0}

    def hold(real: Any) -> Any:
        def held(*args: Any, **kwargs: Any) -> Any:
            with one_at_a_time:
                calls["n"] += 1
                if calls["n"] == 1:
                    gate.wait(timeout=10)
                return real(*args, **kwargs)

        return held

    for name in ("set_cycle_decision", "set_prediction_held"):
        monkeypatch.setattr(cycles, name, hold(getattr(cycles, name)))
    return gate


def started_cycle(db_path: Path, *, decision: CycleDecision | None = None) -> tuple[int, int]:
    initiative_id = create(db_path, "Trygg hemgång", method="pdsa")
    with Database.open(str(db_path)) as database:
        cycle = cycles.add_cycle(database, "test", initiative_id, "Test")
        cycles.start_cycle(database, "test", cycle.id)
        if decision is not None:
            cycles.set_cycle_decision(database, "test", cycle.id, decision)
    return initiative_id, cycle.id


async def test_a_quick_double_change_saves_the_last_choice(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    initiative_id, cycle_id = started_cycle(db_path, decision=CycleDecision.ABANDON)
    first_write = hold_writes(monkeypatch)
    app = build_app(db_path)
    async with running(app, notifications=True) as pilot:
        app.push_screen(CycleScreen(initiative_id, cycle_id))
        await settle(pilot)
        app.screen.query_one("#cycle-decision").focus()
        await pilot.press("left")  # the highlight on abandon, the stored decision
        await pilot.press("left", "space", "left", "space")  # adapt, then adopt
        app.screen.query_one("#cycle-held").focus()
        await pilot.press("space", "right", "space")  # yes, then partly
        assert not first_write.is_set()  # all four choices came while it was held
        first_write.set()
        await settle(pilot)
        assert isinstance(app.screen, CycleScreen)  # no question of whose change to keep
        assert "Someone else changed" not in toasts(app)
        assert str(app.screen.query_one("#save-status", Static).render()).startswith("✓")
    cycle = stored(db_path, initiative_id).cycle(cycle_id)
    assert cycle.decision is CycleDecision.ADOPT
    assert cycle.prediction_held is PredictionHeld.PARTLY
    decisions = [(e.old, e.new) for e in events_of(db_path, initiative_id) if e.action == "decide"]
    assert decisions[-2:] == [("abandon", "adapt"), ("adapt", "adopt")]


async def test_a_stray_space_does_not_finish_a_cycle_unasked(db_path: Path) -> None:
    initiative_id, cycle_id = started_cycle(db_path)
    app = build_app(db_path)
    async with running(app) as pilot:
        app.push_screen(CycleScreen(initiative_id, cycle_id))
        await settle(pilot)
        app.screen.query_one("#cycle-decision").focus()
        await type_text(pilot, "Vi ser")  # meant for a text field
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)  # it asks first
        await pilot.press("escape")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CycleScreen)
        assert screen.query_one("#cycle-decision", DecisionChoice).value_to_save == ""
        cycle = stored(db_path, initiative_id).cycle(cycle_id)
        assert (cycle.decision, cycle.finished_on) == (None, None)

        await pilot.press("space")  # now on purpose: adopt, confirmed with Enter
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert focused_id(pilot) == "cycle-decision"
    cycle = stored(db_path, initiative_id).cycle(cycle_id)
    assert (cycle.decision, cycle.finished_on) == (CycleDecision.ADOPT, date.today())


async def test_after_the_start_the_keys_go_to_what_happened(db_path: Path) -> None:
    initiative_id = create(db_path, "Trygg hemgång", method="pdsa")
    with Database.open(str(db_path)) as database:
        cycle = cycles.add_cycle(database, "test", initiative_id, "Test")
    app = build_app(db_path)
    async with running(app) as pilot:
        app.push_screen(CycleScreen(initiative_id, cycle.id))
        await settle(pilot)
        app.screen.query_one("#cycle-prediction").focus()
        await type_text(pilot, "Hälften ringer")
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert focused_id(pilot) == "cycle-what-happened"
        field = app.screen.query_one("#cycle-what-happened")
        body = app.screen.query_one("#cycle-body", VerticalScroll)
        assert body.region.contains_region(field.region)  # in view
        await type_text(pilot, "Tre ringde")
        await pilot.press("ctrl+s")
        await settle(pilot)
    saved = stored(db_path, initiative_id).cycle(cycle.id)
    assert saved.started_on == date.today()
    assert (saved.prediction, saved.what_happened, saved.plan) == (
        "Hälften ringer",
        "Tre ringde",
        "",
    )


async def test_a_typed_date_is_kept_by_save_now_and_by_leaving(db_path: Path) -> None:
    """ctrl+s and Esc save what the date fields hold, without Enter or leaving the field."""
    initiative_id, cycle_id = started_cycle(db_path)
    app = build_app(db_path)
    async with running(app) as pilot:
        app.push_screen(CycleScreen(initiative_id, cycle_id))
        await settle(pilot)
        app.screen.query_one("#cycle-finished").focus()
        await type_text(pilot, "2099-01-01")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert stored(db_path, initiative_id).cycle(cycle_id).finished_on == date(2099, 1, 1)
        app.screen.query_one("#cycle-finished", Input).value = ""  # then one that is not a date
        await type_text(pilot, "2099-13-01")
        assert app.screen.query_one("#cycle-finished", Input).value == "2099-13-01"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CycleScreen)  # not left: the text would be lost
        assert app.screen.query_one("#cycle-finished", Input).value == "2099-13-01"
        await pilot.press("escape")  # the second Esc leaves, the stored date unchanged
        await settle(pilot)
        assert not isinstance(app.screen, CycleScreen)
    assert stored(db_path, initiative_id).cycle(cycle_id).finished_on == date(2099, 1, 1)
