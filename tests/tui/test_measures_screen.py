"""The measures screen, driven by key presses against a real (temporary) database."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from textual import events
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, Static

from forbattra.core.domain import NewMeasure
from forbattra.core.vocabulary import Direction
from forbattra.store.database import Database
from forbattra.store.services import measures as service
from forbattra.store.services import observations
from forbattra.tui.screens.measure_dialogs import ImportDialog, MeasureDialog, StageDialog
from forbattra.tui.screens.measures import MeasuresScreen
from forbattra.tui.widgets.chart import ChartView
from forbattra.tui.widgets.measure_list import MeasureList
from forbattra.tui.widgets.observation_entry import ObservationEntry

from .helpers import build_app, create, running, screen_text, settle, type_text

SIZE = (100, 32)


def define(path: Path, initiative_id: int, **fields: object) -> int:
    with Database.open(str(path)) as database:
        new = NewMeasure(name="Väntetid till första besök", unit="dagar", **fields)  # type: ignore[arg-type]
        return service.add_measure(database, "test", initiative_id, new).id


def values_of(path: Path, measure_id: int) -> list[float | None]:
    with Database.open(str(path)) as database:
        return service.get_measure(database, measure_id).values


def add_weeks(path: Path, measure_id: int, values: list[float]) -> None:
    with Database.open(str(path)) as database:
        for index, value in enumerate(values):
            day = date(2025, 1, 6) + timedelta(weeks=index)
            label = f"2025-W{day.isocalendar().week:02d}"
            observations.add_observation(database, "test", measure_id, day, value, period=label)


async def open_measures(pilot: Pilot[None], initiative_id: int) -> MeasuresScreen:
    screen = MeasuresScreen(initiative_id)
    await pilot.app.push_screen(screen)
    await settle(pilot)
    return screen


def on_top(pilot: Pilot[None]) -> Screen[object]:
    """The screen on top now (a function, so each check reads it again)."""
    return pilot.app.screen


def verdict_cell(screen: MeasuresScreen) -> str:
    listing = screen.query_one(MeasureList)
    return str(listing.get_row_at(listing.cursor_row)[listing.get_column_index("verdict")])


def sentence(screen: MeasuresScreen) -> str:
    return str(screen.query_one("#chart-sentence", Static).render())


async def test_typing_values_shows_the_verdict_change_when_a_shift_appears(db_path: Path) -> None:
    initiative_id = create(db_path, "Kortare väntetider")
    measure_id = define(db_path, initiative_id, direction=Direction.LOWER_IS_BETTER)
    app = build_app(db_path)
    async with running(app, SIZE) as pilot:
        screen = await open_measures(pilot, initiative_id)
        assert "No values yet" in screen_text(app)
        await pilot.press("a")
        entry = screen.query_one(ObservationEntry)
        assert entry.display
        assert app.focused is entry.field("period")  # no values yet: nothing to go by
        await type_text(pilot, "2025-W02\n")
        assert app.focused is entry.field("value")
        # Ten weeks around ten, typed the Swedish way where there are decimals.
        for value in ["10", "11", "9,5", "10", "12", "10,5", "11", "9", "10", "11"]:
            await type_text(pilot, value + "\n")
            await settle(pilot)
        assert entry.field("period").value == "2025-W12"  # the next week is ready
        assert values_of(db_path, measure_id)[:3] == [10, 11, 9.5]
        assert "improvement" not in verdict_cell(screen)
        # Then eight weeks clearly lower: an unusually long run below the median.
        for value in ["6", "5", "6", "5", "4", "6", "5", "5"]:
            await type_text(pilot, value + "\n")
            await settle(pilot)
        assert len(values_of(db_path, measure_id)) == 18
        assert verdict_cell(screen) == "✓ improvement"
        assert "8 weeks in a row below the median since week 12, 2025" in sentence(screen)
        assert "an improvement" in sentence(screen)
        # The newest point is selected and says which rule it broke.
        point = str(screen.query_one("#chart-point", Static).render())
        assert point.startswith("week 19, 2025: 5 dagar")
        assert "broke: unusually long run" in point


async def test_bad_input_is_explained_and_nothing_typed_is_lost(db_path: Path) -> None:
    initiative_id = create(db_path, "Kortare väntetider")
    measure_id = define(db_path, initiative_id)
    add_weeks(db_path, measure_id, [4, 5])
    app = build_app(db_path)
    async with running(app, SIZE) as pilot:
        screen = await open_measures(pilot, initiative_id)
        await pilot.press("a")
        entry = screen.query_one(ObservationEntry)
        assert entry.field("period").value == "2025-W04"
        await type_text(pilot, "tre\n")
        await settle(pilot)
        assert "Value: tre is not a number." in screen_text(app)
        assert entry.field("value").value == "tre"
        assert values_of(db_path, measure_id) == [4, 5]
        # A period that already has a value: the service says so, the value stays typed.
        entry.field("period").value = "2025-W03"
        entry.field("value").value = "3,5"
        entry.field("value").focus()
        await pilot.press("enter")
        await settle(pilot)
        assert "There is already a value for 2025-W03" in screen_text(app)
        assert entry.field("value").value == "3,5"
        # Esc with a value typed asks first; the second Esc closes.
        await pilot.press("escape")
        assert entry.display
        await pilot.press("escape")
        assert not entry.display
        assert values_of(db_path, measure_id) == [4, 5]


async def test_a_broken_csv_file_lists_its_lines_and_imports_nothing(
    db_path: Path, tmp_path: Path
) -> None:
    initiative_id = create(db_path, "Kortare väntetider")
    measure_id = define(db_path, initiative_id)
    broken = tmp_path / "väntetider.csv"
    broken.write_text(
        "Vecka;Värde;Kommentar\n2025-W10;3,5;\n2025-W11;tre;\n2025-W12;4,0;\nv. 99 2025;5;\n",
        encoding="utf-8",
    )
    app = build_app(db_path)
    async with running(app, SIZE) as pilot:
        screen = await open_measures(pilot, initiative_id)
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(on_top(pilot), ImportDialog)
        await type_text(pilot, str(broken))
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(app)
        assert "Nothing was imported; 2 problems in the file:" in text
        assert "line 3: tre is not a number" in text
        assert "line 5: 2025 has no week 99" in text
        assert isinstance(on_top(pilot), ImportDialog)  # still open, the path still typed
        assert app.screen.query_one(Input).value == str(broken)
        assert values_of(db_path, measure_id) == []
        # A good file then goes in whole.
        good = tmp_path / "bra.csv"
        good.write_text("Vecka;Värde\n2025-W10;3,5\n2025-W11;4\n", encoding="utf-8")
        app.screen.query_one(Input).value = str(good)
        await pilot.press("enter")
        await settle(pilot)
        assert on_top(pilot) is screen
        assert values_of(db_path, measure_id) == [3.5, 4]
        listing = screen.query_one(MeasureList)
        assert str(listing.get_row_at(0)[listing.get_column_index("n")]) == "2"


async def test_define_a_measure_switch_charts_and_split_into_a_stage(db_path: Path) -> None:
    initiative_id = create(db_path, "Kortare väntetider")
    app = build_app(db_path)
    async with running(app, SIZE) as pilot:
        screen = await open_measures(pilot, initiative_id)
        assert "No measures yet" in screen_text(app)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(on_top(pilot), MeasureDialog)
        await type_text(pilot, "Andel nöjda")
        app.screen.query_one("#measure-unit", Input).value = "%"
        app.screen.query_one("#measure-target", Input).value = "85,5"
        await pilot.press("enter")
        await settle(pilot)
        assert on_top(pilot) is screen
        page = screen.page
        assert page is not None
        measure = page.measures[0]
        assert (measure.name, measure.unit, measure.target) == ("Andel nöjda", "%", 85.5)
        add_weeks(db_path, measure.id, [80, 82, 79, 81, 80, 83, 79, 81, 80, 82, 88, 89])
        await pilot.press("ctrl+r")
        await settle(pilot)
        title = screen_text(app)
        assert "Run chart · Anhøj rules" in title
        await pilot.press("r")
        assert "IHI rules" in screen_text(app)
        await pilot.press("x")
        assert "XmR chart" in screen_text(app)
        # A stage from the 11th week, with a reason; an empty reason is refused.
        chart = screen.query_one(ChartView)
        await pilot.press("left")
        assert chart.selected == 10
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(on_top(pilot), StageDialog)
        await pilot.press("enter")
        assert "a stage needs a reason" in screen_text(app)
        await type_text(pilot, "Ny enkät\n")
        await settle(pilot)
        assert on_top(pilot) is screen
        assert len(screen.charts[measure.id].stages) == 2
        assert "Since week 12, 2025 (Ny enkät)" in sentence(screen)
        await pilot.press("S")
        await settle(pilot)
        assert "Remove the stage from week 12, 2025?" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert len(screen.charts[measure.id].stages) == 1


async def test_delete_a_value_asks_first(db_path: Path) -> None:
    initiative_id = create(db_path, "Kortare väntetider")
    measure_id = define(db_path, initiative_id)
    add_weeks(db_path, measure_id, [4, 5, 6])
    app = build_app(db_path)
    async with running(app, SIZE) as pilot:
        screen = await open_measures(pilot, initiative_id)
        await pilot.press("left", "d")
        await settle(pilot)
        assert "Delete this value?" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert values_of(db_path, measure_id) == [4, 5, 6]
        await pilot.press("d", "enter")
        await settle(pilot)
        assert on_top(pilot) is screen
        assert values_of(db_path, measure_id) == [4, 6]


async def test_someone_elses_change_is_a_clear_message(db_path: Path) -> None:
    initiative_id = create(db_path, "Kortare väntetider")
    measure_id = define(db_path, initiative_id)
    add_weeks(db_path, measure_id, [4, 5, 6])
    app = build_app(db_path)
    async with running(app, SIZE) as pilot:
        await open_measures(pilot, initiative_id)
        await pilot.press("c")
        await settle(pilot)
        # Meanwhile someone else changes the same value.
        with Database.open(str(db_path)) as database:
            row = service.get_measure(database, measure_id).observations[-1]
            observations.edit_observation(
                database, "other", row.id, row.observed_on, 7, period=row.period
            )
        app.screen.query_one("#observation-value", Input).value = "8"
        await pilot.press("enter")
        await settle(pilot)
        assert "Someone else changed this value; reload and try again." in screen_text(app)
        assert values_of(db_path, measure_id) == [4, 5, 7]


async def test_a_fast_typist_loses_nothing(db_path: Path) -> None:
    """Values typed before the previous one is stored are kept and stored after it."""
    initiative_id = create(db_path, "Kortare väntetider")
    measure_id = define(db_path, initiative_id)
    add_weeks(db_path, measure_id, [4, 5])
    app = build_app(db_path)
    async with running(app, SIZE) as pilot:
        screen = await open_measures(pilot, initiative_id)
        await pilot.press("a")
        value = screen.query_one(ObservationEntry).field("value")
        # All keys at once, as a terminal delivers them when someone types quickly.
        for character in "3,1\r3,3\r2,9\r":
            key = {"\r": "enter", ",": "comma"}.get(character, character)
            value.post_message(events.Key(key, character))
        await settle(pilot)
        await settle(pilot)
        assert values_of(db_path, measure_id) == [4, 5, 3.1, 3.3, 2.9]
        assert value.value == ""
        assert screen.query_one(ObservationEntry).field("period").value == "2025-W07"


async def test_changing_a_value_keeps_its_date(db_path: Path) -> None:
    """A value labelled with its week but measured on a Friday stays on that Friday."""
    initiative_id = create(db_path, "Kortare väntetider")
    measure_id = define(db_path, initiative_id)
    friday = date(2025, 3, 14)
    with Database.open(str(db_path)) as database:
        observations.add_observation(database, "test", measure_id, friday, 4, period="2025-W11")
    app = build_app(db_path)
    async with running(app, SIZE) as pilot:
        await open_measures(pilot, initiative_id)
        await pilot.press("c")
        await settle(pilot)
        assert on_top(pilot).query_one("#observation-value", Input).value == "4"
        on_top(pilot).query_one("#observation-value", Input).value = "4,5"
        await pilot.press("enter")
        await settle(pilot)
        with Database.open(str(db_path)) as database:
            row = service.get_measure(database, measure_id).observations[0]
        assert (row.observed_on, row.period, row.value) == (friday, "2025-W11", 4.5)


async def test_a_closed_initiatives_measures_are_read_not_changed(db_path: Path) -> None:
    """The chart and its verdict stay readable; adding values or stages is not offered."""
    from forbattra.core.domain import NewClosure
    from forbattra.core.vocabulary import ClosureReason
    from forbattra.store.services.closures import close_initiative
    from forbattra.tui.commands import commands

    initiative_id = create(db_path, "Kortare väntetider")
    measure_id = define(db_path, initiative_id)
    add_weeks(db_path, measure_id, [10, 11, 9, 10, 12])
    with Database.open(str(db_path)) as database:
        close_initiative(
            database,
            "test",
            initiative_id,
            NewClosure(ClosureReason.NO_EFFECT, "Vi mätte för sent."),
            today=date(2025, 6, 1),
        )
    app = build_app(db_path)
    async with running(app, SIZE) as pilot:
        screen = await open_measures(pilot, initiative_id)
        assert "Closed: read-only" in screen_text(app)
        for action in ("add_values", "new", "stage", "import_csv"):
            assert screen.check_action(action, ()) is False, action
        assert screen.check_action("chart", ()) is True  # reading still works
        offered = [found.english for found in commands(app, screen)]
        assert "Chart: run chart or XmR" in offered
        assert "Measure: add values" not in offered  # the palette offers what the keys do
        await pilot.press("a", "n", "i")
        await settle(pilot)
        assert on_top(pilot) is screen
        assert not screen.query_one(ObservationEntry).display
    assert values_of(db_path, measure_id) == [10, 11, 9, 10, 12]
