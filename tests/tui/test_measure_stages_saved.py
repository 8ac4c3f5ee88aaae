"""Stages split on the measures screen are stored: a fresh app on the same database has them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from forbattra.core.domain import NewMeasure
from forbattra.store.database import Database
from forbattra.store.services import measures as service
from forbattra.store.services import observations
from forbattra.store.services.stages import add_stage, list_stages
from forbattra.tui.screens.measures import MeasuresScreen
from forbattra.tui.widgets.chart import ChartView

from .helpers import build_app, create, events_of, running, screen_text, settle, type_text

SIZE = (100, 32)


def measure_with_weeks(path: Path, initiative_id: int, values: Sequence[float]) -> int:
    with Database.open(str(path)) as database:
        measure = service.add_measure(
            database, "test", initiative_id, NewMeasure(name="Väntetid", unit="dagar")
        )
        for index, value in enumerate(values):
            day = date(2025, 1, 6) + timedelta(weeks=index)
            label = f"2025-W{day.isocalendar().week:02d}"
            observations.add_observation(database, "test", measure.id, day, value, period=label)
        return measure.id


async def open_measures(pilot: Pilot[None], initiative_id: int) -> MeasuresScreen:
    screen = MeasuresScreen(initiative_id)
    await pilot.app.push_screen(screen)
    await settle(pilot)
    return screen


def sentence(screen: MeasuresScreen) -> str:
    return str(screen.query_one("#chart-sentence", Static).render())


async def test_a_split_chart_is_there_in_a_fresh_app(db_path: Path) -> None:
    initiative_id = create(db_path, "Kortare väntetider")
    values = [9, 10, 9, 11, 10, 9, 10, 11, 10, 9, 6, 5, 6, 5, 6, 5, 6]
    measure_id = measure_with_weeks(db_path, initiative_id, values)
    app = build_app(db_path)
    async with running(app, SIZE, notifications=True) as pilot:
        screen = await open_measures(pilot, initiative_id)
        chart = screen.query_one(ChartView)
        chart.focus()
        await pilot.press("end", *["left"] * 6)  # week 12: the 11th value
        assert chart.selected == 10
        await pilot.press("s")
        await settle(pilot)
        await type_text(pilot, "Ny rutin i receptionen\n")
        await settle(pilot)
        assert len(screen.charts[measure_id].stages) == 2
        assert "It is saved with the measure" in " ".join(screen_text(app).split())
        await pilot.press("escape")
        await settle(pilot)
    with Database.open(str(db_path)) as database:
        (stage,) = list_stages(database, measure_id)
    assert (stage.starts_on, stage.reason) == (date(2025, 3, 17), "Ny rutin i receptionen")
    assert any(e.entity == "measure_stage" for e in events_of(db_path, initiative_id))

    async with running(build_app(db_path), SIZE) as pilot:
        screen = await open_measures(pilot, initiative_id)
        assert len(screen.charts[measure_id].stages) == 2
        assert "Since week 12, 2025 (Ny rutin i receptionen)" in sentence(screen)


async def test_removing_a_stage_asks_and_is_stored(db_path: Path) -> None:
    initiative_id = create(db_path, "Kortare väntetider")
    measure_id = measure_with_weeks(db_path, initiative_id, [4, 5, 6, 5, 4, 3, 2])
    with Database.open(str(db_path)) as database:
        add_stage(database, "test", measure_id, date(2025, 2, 10), "Nytt schema")
    app = build_app(db_path)
    async with running(app, SIZE) as pilot:
        screen = await open_measures(pilot, initiative_id)
        screen.query_one(ChartView).focus()
        await pilot.press("S")
        await settle(pilot)
        assert "Reason: Nytt schema" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert len(screen.charts[measure_id].stages) == 2
        await pilot.press("S")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert len(screen.charts[measure_id].stages) == 1
    with Database.open(str(db_path)) as database:
        assert list_stages(database, measure_id) == []
