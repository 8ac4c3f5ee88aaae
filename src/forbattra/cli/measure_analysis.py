"""What ``forbattra measure list`` and ``show`` share: the rule set choice, the analysis of a
measure's stages, numbers and JSON as the CLI prints them.

Headless: nothing here imports Textual; the analysis is imported when a command runs.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from forbattra.core.analysis import RunChart
    from forbattra.core.domain import MeasureRow


class RuleSet(StrEnum):
    """The choice of ``--rules``; the same values as :class:`forbattra.core.analysis.Rules`,
    repeated here so that ``forbattra --help`` does not load the analysis."""

    ANHOEJ = "anhoej"
    IHI = "ihi"


# Measure values print with up to four decimals, as typed: "0,125" stays "0,125".
VALUE_DIGITS = 4


def analyse(measure: MeasureRow, rules: RuleSet) -> tuple[RunChart, ...]:
    """The run chart of each of the measure's stages; the last is the verdict now."""
    from forbattra.core.analysis import Rules
    from forbattra.core.stages import run_chart_parts, stages_at

    stages = stages_at([o.observed_on for o in measure.observations], measure.stages)
    return run_chart_parts(
        measure.values,
        stages,
        measure.baseline_points,
        Rules(rules.value),
        direction=measure.direction,
    )


def part_at(parts: tuple[RunChart, ...], index: int) -> RunChart:
    return next((part for part in parts if part.start <= index < part.end), parts[-1])


def console() -> Any:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


def measure_json(measure: MeasureRow) -> dict[str, Any]:
    return {
        "id": measure.id,
        "initiative_id": measure.initiative_id,
        "name": measure.name,
        "kind": measure.kind.value,
        "unit": measure.unit,
        "direction": measure.direction.value,
        "target": measure.target,
        "baseline_points": measure.baseline_points,
        "definition": measure.definition,
        "collection": measure.collection,
        "collector": measure.collector,
    }
