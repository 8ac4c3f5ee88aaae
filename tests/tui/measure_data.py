"""Measures built in memory for the chart and model tests (no database)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from forbattra.core.domain import MeasureRow, ObservationRow
from forbattra.core.vocabulary import Direction, MeasureKind

FIRST_MONDAY = date(2025, 1, 6)  # week 2 of 2025


def week_label(day: date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def weekly(
    values: Sequence[float | None],
    *,
    direction: str = "down",
    target: float | None = None,
    baseline: int | None = None,
    notes: dict[int, str] | None = None,
    unit: str = "dagar",
    start: date = FIRST_MONDAY,
) -> MeasureRow:
    """A measure with one value a week from ``start``, labelled with ISO weeks."""
    observations = []
    for index, value in enumerate(values):
        day = start + timedelta(weeks=index)
        observations.append(
            ObservationRow(
                id=100 + index,
                measure_id=1,
                observed_on=day,
                period=week_label(day),
                value=value,
                note=(notes or {}).get(index, ""),
                version=1,
            )
        )
    return MeasureRow(
        id=1,
        initiative_id=1,
        position=0,
        name="Väntetid till första besök",
        kind=MeasureKind.OUTCOME,
        unit=unit,
        direction=Direction(direction),
        target=target,
        baseline_points=baseline,
        definition="",
        collection="",
        collector="",
        version=1,
        observations=tuple(observations),
    )


# Ten weeks around 10, then eight weeks clearly lower: a shift down.
BEFORE = [10, 11, 9, 10, 12, 10, 11, 9, 10, 11]
AFTER = [6, 5, 6, 5, 4, 6, 5, 5]
