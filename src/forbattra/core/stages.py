"""Stages stored as dates, turned into the split points the analysis works with.

A team splits a chart "from 10 March, when the new intake form started": the database and the
exchange format keep the date, so a stage survives export and values typed later. The analysis
(:func:`forbattra.core.analysis.run_chart_stages`) works on positions, so every reader of a
measure goes through :func:`stages_at` and :func:`current_run_chart`: the screen, the
portfolio, the documents and the CLI give the same verdict, the current stage's.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from datetime import date
from typing import Protocol

from forbattra.core.analysis import (
    Rules,
    RunChart,
    Stage,
    XmRChart,
    run_chart,
    run_chart_stages,
    xmr,
    xmr_stages,
)
from forbattra.core.vocabulary import Direction


class DatedStage(Protocol):
    """Anything with a start date and a reason (a stored stage, an exchange stage)."""

    @property
    def starts_on(self) -> date: ...

    @property
    def reason(self) -> str: ...


def stages_at(days: Sequence[date], marks: Sequence[DatedStage]) -> tuple[Stage, ...]:
    """The split points of ``marks`` in values observed on ``days`` (oldest first).

    A stage begins at the first value on or after its date. Stages that would begin at the
    first value, or after the last one (no value yet), split nothing and are left out; when two
    fall on the same value (two dates inside one week), the later date's reason is kept.
    """
    found: dict[int, Stage] = {}
    for mark in sorted(marks, key=lambda m: m.starts_on):
        index = bisect_left(days, mark.starts_on)
        if 0 < index < len(days):
            found[index] = Stage(index, mark.reason)
    return tuple(found[index] for index in sorted(found))


def run_chart_parts(
    values: Sequence[float | None],
    stages: Sequence[Stage],
    baseline: int | None = None,
    rules: Rules | str = Rules.ANHOEJ,
    *,
    direction: Direction | None = None,
) -> tuple[RunChart, ...]:
    """The run chart of each stage; without stages, one chart with the frozen ``baseline``
    (a stage replaces the baseline: each stage has its own centre line)."""
    if stages:
        return run_chart_stages(values, stages, rules, direction=direction).parts
    return (run_chart(values, baseline, rules, direction=direction),)


def xmr_parts(
    values: Sequence[float | None],
    stages: Sequence[Stage],
    baseline: int | None = None,
    *,
    direction: Direction | None = None,
) -> tuple[XmRChart, ...]:
    """The XmR chart of each stage; without stages, one chart with the frozen ``baseline``."""
    if stages:
        return xmr_stages(values, stages, direction=direction).parts
    return (xmr(values, baseline=baseline, direction=direction),)


def current_run_chart(
    values: Sequence[float | None],
    days: Sequence[date],
    marks: Sequence[DatedStage],
    baseline: int | None = None,
    rules: Rules | str = Rules.ANHOEJ,
    *,
    direction: Direction | None = None,
) -> RunChart:
    """The run chart of the stage the team is in now: its verdict is the measure's verdict."""
    stages = stages_at(days, marks)
    return run_chart_parts(values, stages, baseline, rules, direction=direction)[-1]
