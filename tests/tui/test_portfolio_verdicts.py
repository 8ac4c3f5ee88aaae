"""The portfolio's measures column: which initiatives show an improvement, a deterioration,
or too little data to say (issue 4, point 6)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from forbattra.core.domain import InitiativeRow, MeasureVerdicts, NewMeasure
from forbattra.core.vocabulary import Direction, Method, Status
from forbattra.store.database import Database
from forbattra.store.services import measures as service
from forbattra.store.services import observations
from forbattra.tui import portfolio_model as model

from .helpers import build_app, create, running, screen_text, table


def row(id: int, title: str, verdicts: MeasureVerdicts | None = None) -> InitiativeRow:
    return InitiativeRow(
        id=id,
        title=title,
        method=Method.DMAIC,
        phase="define",
        status=Status.ACTIVE,
        unit="",
        area=None,
        leader="",
        updated_at=datetime(2025, 3, id, 12, tzinfo=UTC),
        verdicts=verdicts,
    )


SHIFT_DOWN = [10, 11, 9, 10, 12, 10, 11, 9, 10, 11, 6, 5, 6, 5, 4, 6, 5, 5]


def measure(path: Path, initiative_id: int, values: Sequence[float], direction: str) -> None:
    with Database.open(str(path)) as database:
        new = NewMeasure(name="Väntetid", direction=Direction(direction))
        measure_id = service.add_measure(database, "test", initiative_id, new).id
        for index, value in enumerate(values):
            day = date(2025, 1, 6) + timedelta(weeks=index)
            observations.add_observation(database, "test", measure_id, day, value)


async def test_the_portfolio_says_where_the_improvements_are(db_path: Path) -> None:
    better = create(db_path, "Kortare väntetider")
    worse = create(db_path, "Färre fel i fakturor")
    early = create(db_path, "Trygg hemgång")
    create(db_path, "Utan mått")
    measure(db_path, better, SHIFT_DOWN, "down")
    measure(db_path, worse, SHIFT_DOWN, "up")
    measure(db_path, early, [3, 4, 5], "up")
    app = build_app(db_path)
    async with running(app, (140, 30)) as pilot:
        grid = table(pilot)
        column = grid.get_column_index("measures")
        cells = {
            str(grid.get_row_at(i)[grid.get_column_index("title")]): str(grid.get_row_at(i)[column])
            for i in range(grid.row_count)
        }
        assert cells == {
            "Kortare väntetider": "✓ improvement",
            "Färre fel i fakturor": "✗ deterioration",
            "Trygg hemgång": "… too little data",
            "Utan mått": "",
        }
        # The filter finds them by the word, too.
        await pilot.press("slash", *"deterioration")
        assert "1 of 4 initiatives" in screen_text(app)


async def test_no_measures_anywhere_means_no_column(db_path: Path) -> None:
    create(db_path, "Kortare väntetider")
    app = build_app(db_path)
    async with running(app, (140, 30)) as pilot:
        assert "measures" not in table(pilot).layout_keys


def test_the_column_goes_last_when_the_window_narrows() -> None:
    title = "Tydligare information till nyanlända i genomgångsbostäderna"
    rows = [row(1, title, MeasureVerdicts(improvement=1))]
    content = model.content_widths(rows, len)
    headings = {spec.key: len(spec.title) for spec in model.COLUMNS}
    narrow = model.plan_columns(80, content, headings)
    assert "measures" in narrow.keys
    assert "changed" not in narrow.keys
    assert "measures" not in model.plan_columns(40, content, headings).keys


def test_sorting_puts_bad_news_first() -> None:
    rows = [
        row(1, "A", MeasureVerdicts(improvement=1)),
        row(2, "B", MeasureVerdicts(improvement=1, deterioration=1)),
        row(3, "C", MeasureVerdicts()),
        row(4, "D", MeasureVerdicts(deterioration=2)),
    ]
    ordered = model.sort_rows(rows, "measures", descending=False)
    assert [r.id for r in ordered] == [2, 4, 1, 3]
    assert model.measures_text(rows[1]) == "✓✗ mixed"
