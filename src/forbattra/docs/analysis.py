"""The run-chart reading a document prints under each measure: median and verdict.

The statistics are :mod:`forbattra.core.analysis` (Anhøj rules, the Nordic standard); this
module only adapts its result to what a template needs.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from forbattra.core.analysis import describe, run_chart
from forbattra.core.vocabulary import Direction


@dataclass(frozen=True)
class Reading:
    median: float | None
    median_points: int  # how many values the centre line is taken over
    verdict: str  # one plain sentence; "" when there are no values


def median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


def read(
    values: Sequence[float | None],
    labels: Sequence[str],
    baseline: int | None,
    direction: Direction,
) -> Reading:
    """Analyse ``values`` (time order, None for a missing period) as a run chart."""
    if not any(value is not None for value in values):
        return Reading(None, 0, "")
    chart = run_chart(values, baseline, direction=direction)
    basis = values[:baseline] if baseline is not None else values
    return Reading(
        median=chart.median,
        median_points=sum(1 for value in basis if value is not None),
        verdict=describe(chart, labels).rstrip(". "),  # the template ends the sentence
    )
