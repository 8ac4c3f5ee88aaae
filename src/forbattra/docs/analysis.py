"""The run-chart reading a document prints under each measure: median and verdict.

The statistics are :mod:`forbattra.core.analysis` (Anhøj rules, the Nordic standard); this
module only adapts its result to what a template needs. A measure split into stages is read
stage by stage; the verdict is the current stage's, as on the screen.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from forbattra.core.analysis import Stage, describe
from forbattra.core.stages import run_chart_parts
from forbattra.core.vocabulary import Direction


@dataclass(frozen=True)
class StageReading:
    """One stage after a split: where it starts (an index), why, and its own median."""

    start: int
    reason: str
    median: float | None
    count: int  # values in the stage


@dataclass(frozen=True)
class Reading:
    median: float | None
    median_points: int  # how many values the centre line is taken over
    verdict: str  # one plain sentence; "" when there are no values
    stages: tuple[StageReading, ...] = ()  # the splits, without the first stage
    medians: tuple[float | None, ...] = ()  # per value: the median of its stage


def median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


def read(
    values: Sequence[float | None],
    labels: Sequence[str],
    baseline: int | None,
    direction: Direction,
    stages: Sequence[Stage] = (),
) -> Reading:
    """Analyse ``values`` (time order, None for a missing period) as a run chart, split at
    ``stages`` (from :func:`forbattra.core.stages.stages_at`) if there are any."""
    if not any(value is not None for value in values):
        return Reading(None, 0, "")
    parts = run_chart_parts(values, stages, baseline, direction=direction)
    chart = parts[-1]
    if stages:
        basis = values[chart.start :]
    else:
        basis = values[:baseline] if baseline is not None else values
    medians = tuple(part.median for part in parts for _index in range(part.start, part.end))
    return Reading(
        median=chart.median,
        median_points=sum(1 for value in basis if value is not None),
        verdict=describe(chart, labels).rstrip(". "),  # the template ends the sentence
        stages=tuple(
            StageReading(
                part.start,
                stage.reason,
                part.median,
                sum(1 for value in values[part.start : part.end] if value is not None),
            )
            for stage, part in zip(stages, parts[1:], strict=True)
        ),
        medians=medians,
    )
