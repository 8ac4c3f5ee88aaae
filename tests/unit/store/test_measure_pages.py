"""Reading measures for the screens: one initiative's page, and the portfolio's verdicts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import pytest

from forbattra.core.domain import MeasuresSignal, MeasureVerdicts, NewInitiative, NewMeasure
from forbattra.core.vocabulary import Direction, Method
from forbattra.store.database import Database
from forbattra.store.errors import NotFound
from forbattra.store.services import cycles, observations
from forbattra.store.services import measures as service
from forbattra.store.services.initiatives import create_initiative

pytestmark = pytest.mark.usefixtures("english")

MONDAY = date(2025, 1, 6)


def initiative(db: Database, title: str) -> int:
    return create_initiative(db, "tester", NewInitiative(title=title, method=Method.PDSA)).id


def measure_with(
    db: Database, initiative_id: int, values: Sequence[float], direction: str = "down"
) -> int:
    new = NewMeasure(name=f"Mått {len(values)}", direction=Direction(direction))
    measure_id = service.add_measure(db, "tester", initiative_id, new).id
    for week, value in enumerate(values):
        day = MONDAY + timedelta(weeks=week)
        label = f"{day.isocalendar().year}-W{day.isocalendar().week:02d}"
        observations.add_observation(db, "tester", measure_id, day, value, period=label)
    return measure_id


SHIFT_DOWN = [10, 11, 9, 10, 12, 10, 11, 9, 10, 11, 6, 5, 6, 5, 4, 6, 5, 5]
NOISE = [10, 12, 9, 11, 10, 12, 9, 11, 10, 12, 9, 11]


def test_the_page_has_measures_values_and_cycle_starts(database: Database) -> None:
    first = initiative(database, "Kortare väntetider")
    measure_id = measure_with(database, first, [3, 4, 5])
    cycle = cycles.add_cycle(database, "tester", first)
    cycles.set_cycle_dates(
        database, "tester", cycle.id, MONDAY + timedelta(days=8), None, expected_version=None
    )
    page = service.load_measures_page(database, first)
    assert page.title == "Kortare väntetider"
    assert [m.id for m in page.measures] == [measure_id]
    assert page.measures[0].values == [3, 4, 5]
    assert page.measures[0].labels == ["2025-W02", "2025-W03", "2025-W04"]
    assert [(c.number, c.started_on) for c in page.cycles] == [(1, MONDAY + timedelta(days=8))]
    assert page.measure(measure_id) is page.measures[0]
    assert page.measure(-1) is None


def test_the_page_of_a_missing_initiative_is_not_found(database: Database) -> None:
    with pytest.raises(NotFound):
        service.load_measures_page(database, 999)


def test_verdicts_per_initiative(database: Database) -> None:
    better = initiative(database, "Bättre")
    mixed = initiative(database, "Blandat")
    quiet = initiative(database, "Lugnt")
    initiative(database, "Utan mått")
    measure_with(database, better, SHIFT_DOWN)  # lower is better: an improvement
    measure_with(database, better, [1, 2])  # too little data
    measure_with(database, mixed, SHIFT_DOWN)
    measure_with(database, mixed, SHIFT_DOWN, direction="up")  # the same drop is bad news
    measure_with(database, quiet, NOISE)
    verdicts = service.initiative_verdicts(database)
    assert verdicts == {
        better: MeasureVerdicts(improvement=1, too_little_data=1),
        mixed: MeasureVerdicts(improvement=1, deterioration=1),
        quiet: MeasureVerdicts(no_signal=1),
    }
    assert verdicts[better].signal is MeasuresSignal.IMPROVEMENT
    assert verdicts[mixed].signal is MeasuresSignal.MIXED
    assert verdicts[quiet].signal is MeasuresSignal.NO_SIGNAL


@pytest.mark.parametrize(
    ("counts", "signal"),
    [
        ({}, MeasuresSignal.NONE),
        ({"too_little_data": 2}, MeasuresSignal.TOO_LITTLE_DATA),
        ({"too_little_data": 1, "no_signal": 1}, MeasuresSignal.NO_SIGNAL),
        ({"no_signal": 1, "unclear": 1}, MeasuresSignal.UNCLEAR),
        ({"improvement": 2, "unclear": 1}, MeasuresSignal.IMPROVEMENT),
        ({"deterioration": 1, "no_signal": 3}, MeasuresSignal.DETERIORATION),
        ({"deterioration": 1, "improvement": 3}, MeasuresSignal.MIXED),
    ],
)
def test_one_word_for_an_initiative(counts: dict[str, int], signal: MeasuresSignal) -> None:
    verdicts = MeasureVerdicts(**counts)
    assert verdicts.signal is signal
    assert verdicts.measures == sum(counts.values())
