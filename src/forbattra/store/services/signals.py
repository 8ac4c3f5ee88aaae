"""Run chart signals of measures over time: when each appeared, for history, queue and
overview. The verdict is the portfolio's: Anhøj rules on the measure's current stage, or on its
frozen baseline when it has no stages (see ``core.stages.current_run_chart``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from forbattra.core.domain import StageMark
from forbattra.core.review import current_signal
from forbattra.core.stages import current_run_chart
from forbattra.core.vocabulary import Direction
from forbattra.store.models import Measure, Observation
from forbattra.store.services.stages import stages_of


@dataclass(frozen=True)
class MeasureSeries:
    initiative_id: int
    measure_id: int
    name: str
    has_target: bool
    # (observed_on, created_at, value) in time order
    points: tuple[tuple[date, datetime, float | None], ...]
    verdict_of: Callable[[Sequence[float | None]], str]

    @property
    def values(self) -> list[float | None]:
        return [value for _day, _at, value in self.points]


@dataclass(frozen=True)
class CurrentSignal:
    initiative_id: int
    measure_id: int
    name: str
    improvement: bool
    since: date  # the period of the value that first showed it
    entered_at: datetime  # when that value was entered
    last_on: date


def _verdict_function(
    baseline: int | None, direction: str, days: Sequence[date], marks: Sequence[StageMark]
) -> Callable[[Sequence[float | None]], str]:
    """The verdict of the first ``len(values)`` values, as the chart read then."""

    def verdict_of(values: Sequence[float | None]) -> str:
        chart = current_run_chart(
            values, days[: len(values)], marks, baseline, direction=Direction(direction)
        )
        return chart.verdict.value

    return verdict_of


def measure_series(session: Session, initiative_ids: Sequence[int] | None) -> list[MeasureSeries]:
    """The measures (of ``initiative_ids``, or all) with their values and stages, three
    queries."""
    query = select(
        col(Measure.id),
        col(Measure.initiative_id),
        col(Measure.name),
        col(Measure.target),
        col(Measure.direction),
        col(Measure.baseline_points),
    ).order_by(col(Measure.initiative_id), col(Measure.position), col(Measure.id))
    if initiative_ids is not None:
        query = query.where(col(Measure.initiative_id).in_(list(initiative_ids)))
    measures = list(session.execute(query))
    points: dict[int, list[tuple[date, datetime, float | None]]] = {m.id: [] for m in measures}
    if measures:
        rows = session.execute(
            select(
                col(Observation.measure_id),
                col(Observation.observed_on),
                col(Observation.created_at),
                col(Observation.value),
            )
            .where(col(Observation.measure_id).in_(list(points)))
            .order_by(
                col(Observation.measure_id), col(Observation.observed_on), col(Observation.id)
            )
        )
        for measure_id, observed_on, created_at, value in rows:
            points[measure_id].append((observed_on, created_at, value))
    stages = stages_of(session, list(points))
    return [
        MeasureSeries(
            initiative_id=m.initiative_id,
            measure_id=m.id,
            name=m.name,
            has_target=m.target is not None,
            points=tuple(points[m.id]),
            verdict_of=_verdict_function(
                m.baseline_points,
                m.direction,
                [day for day, _at, _value in points[m.id]],
                stages[m.id],
            ),
        )
        for m in measures
    ]


def current_signals(series: Sequence[MeasureSeries]) -> list[CurrentSignal]:
    found = []
    for measure in series:
        signal = current_signal(measure.values, measure.verdict_of)
        if signal is None:
            continue
        verdict, onset = signal
        day, entered, _value = measure.points[onset]
        found.append(
            CurrentSignal(
                initiative_id=measure.initiative_id,
                measure_id=measure.measure_id,
                name=measure.name,
                improvement=verdict == "improvement",
                since=day,
                entered_at=entered,
                last_on=measure.points[-1][0],
            )
        )
    return found
