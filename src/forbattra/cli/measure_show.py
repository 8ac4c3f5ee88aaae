"""``forbattra measure show``: one measure's values, its stages and its run chart analysis.

Headless: nothing here imports Textual, and storage is imported only when the command runs.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import typer

from forbattra.cli.common import with_database
from forbattra.cli.measure_analysis import (
    VALUE_DIGITS,
    RuleSet,
    analyse,
    console,
    measure_json,
    part_at,
)
from forbattra.i18n import _, ngettext
from forbattra.i18n.numbers import number_text

if TYPE_CHECKING:
    from forbattra.core.analysis import RunChart, XmRChart
    from forbattra.core.domain import MeasureRow


def show(
    ctx: typer.Context,
    initiative_id: int = typer.Argument(..., metavar="ID", help=_("The initiative's id.")),
    reference: str = typer.Argument(
        ..., metavar="MEASURE", help=_("The measure's id or exact name.")
    ),
    as_json: bool = typer.Option(False, "--json", help=_("Print JSON for other programs.")),
    rules: RuleSet = typer.Option(
        RuleSet.ANHOEJ, "--rules", help=_("Run chart rules: anhoej or ihi.")
    ),
) -> None:
    """Show a measure: its values, the run chart analysis and what it means."""
    from forbattra.core.analysis import describe
    from forbattra.core.stages import stages_at, xmr_parts
    from forbattra.store.services.measures import find_measure

    measure = with_database(ctx, lambda db: find_measure(db, initiative_id, reference))
    parts = analyse(measure, rules)
    chart = parts[-1]
    stages = stages_at([o.observed_on for o in measure.observations], measure.stages)
    control = xmr_parts(
        measure.values, stages, measure.baseline_points, direction=measure.direction
    )[-1]
    labels = measure.labels
    sentence = describe(chart, labels)
    if as_json:
        typer.echo(
            json.dumps(_show_json(measure, parts, control, sentence), ensure_ascii=False, indent=2)
        )
        return
    _show_text(measure, parts, sentence)


def _signals_json(chart: RunChart | XmRChart, labels: list[str]) -> list[dict[str, Any]]:
    return [
        {
            "rule": signal.rule.value,
            "points": list(signal.points),
            "periods": [labels[i] for i in signal.points],
            "side": signal.side.value,
            "change": signal.change.value,
        }
        for signal in chart.signals
    ]


def _stages_json(measure: MeasureRow) -> list[dict[str, Any]]:
    """The stored stages, each with the value it starts at (None before it has one)."""
    from bisect import bisect_left

    days = [o.observed_on for o in measure.observations]
    found = []
    for stage in measure.stages:
        index = bisect_left(days, stage.starts_on)
        found.append(
            {
                "starts_on": stage.starts_on.isoformat(),
                "reason": stage.reason,
                "first_period": measure.labels[index] if index < len(days) else None,
            }
        )
    return found


def _show_json(
    measure: MeasureRow, parts: tuple[RunChart, ...], control: XmRChart, sentence: str
) -> dict[str, Any]:
    labels = measure.labels
    chart = parts[-1]
    return {
        **measure_json(measure),
        "stages": _stages_json(measure),
        "observations": [
            {
                "id": o.id,
                "date": o.observed_on.isoformat(),
                "period": o.period,
                "value": o.value,
                "note": o.note,
                "rules": [rule.value for rule in part_at(parts, index).rules_broken_at(index)],
            }
            for index, o in enumerate(measure.observations)
        ],
        "run_chart": {
            "rules": chart.rules.value,
            "start": chart.start,
            "baseline": chart.baseline,
            "median": chart.median,
            "n_obs": chart.n_obs,
            "n_useful": chart.n_useful,
            "longest_run": chart.longest_run,
            "longest_run_max": chart.longest_run_max,
            "crossings": chart.crossings,
            "crossings_min": chart.crossings_min,
            "runs": chart.runs,
            "runs_min": chart.runs_min,
            "runs_max": chart.runs_max,
            "longest_trend": chart.longest_trend,
            "signal": chart.signal,
            "verdict": chart.verdict.value,
            "signals": _signals_json(chart, labels),
        },
        "xmr": {
            "mean": control.mean,
            "amr": control.amr,
            "lcl": control.lcl,
            "ucl": control.ucl,
            "url": control.url,
            "outside": list(control.outside),
            "verdict": control.verdict.value,
        },
        "sentence": sentence,
    }


def _baseline_text(points: int | None) -> str:
    if points is None:
        return ""
    return ngettext("the first {count} value", "the first {count} values", points).format(
        count=points
    )


def _show_text(measure: MeasureRow, parts: tuple[RunChart, ...], sentence: str) -> None:
    from rich.table import Table
    from rich.text import Text

    from forbattra.core.analysis_text import rule_label, verdict_label
    from forbattra.core.vocabulary import label

    out = console()
    chart = parts[-1]
    out.print(Text(f"#{measure.id}  {measure.name}", style="bold"))
    facts = [
        (_("Kind"), label(measure.kind)),
        (_("Direction"), label(measure.direction)),
        (_("Unit"), measure.unit),
        (_("Target"), number_text(measure.target, VALUE_DIGITS, empty="")),
        (_("Baseline"), _baseline_text(measure.baseline_points)),
        (_("Operational definition"), measure.definition),
        (_("Data collection"), measure.collection),
        (_("Collected by"), measure.collector),
    ]
    for name, value in facts:
        if value:
            out.print(Text.assemble((f"{name}: ", "bold"), value))
    for stage in _stages_json(measure):
        start = stage["first_period"] or _("no value yet")
        out.print(
            Text.assemble(
                (_("Stage from {date}").format(date=stage["starts_on"]) + ": ", "bold"),
                f"{stage['reason']} ({start})",
            )
        )
    out.print()
    if measure.observations:
        table = Table(box=None, pad_edge=False, header_style="bold")
        for heading in (_("Period"), _("Value"), _("Signal"), _("Note")):
            table.add_column(heading, overflow="fold")
        for index, observation in enumerate(measure.observations):
            part = part_at(parts, index)
            broken = ", ".join(rule_label(rule) for rule in part.rules_broken_at(index))
            table.add_row(
                Text(observation.label),
                number_text(observation.value, VALUE_DIGITS),
                broken,
                Text(observation.note.replace("\n", " ")),
            )
        out.print(table)
        out.print()
    median = number_text(chart.median, VALUE_DIGITS)
    if chart.rules.value == RuleSet.ANHOEJ:
        numbers = _(
            "Median {median} · {useful} useful values · longest run {run} (more than {run_max}"
            " is a signal) · {crossings} crossings (fewer than {crossings_min} is a signal)"
        ).format(
            median=median,
            useful=chart.n_useful,
            run=chart.longest_run,
            run_max=number_text(chart.longest_run_max),
            crossings=chart.crossings,
            crossings_min=number_text(chart.crossings_min),
        )
    else:
        numbers = _(
            "Median {median} · {useful} useful values · longest run {run} (6 or more is a"
            " shift) · longest trend {trend} (5 or more is a trend) · {runs} runs"
            " ({runs_min} to {runs_max} is expected)"
        ).format(
            median=median,
            useful=chart.n_useful,
            run=chart.longest_run,
            trend=chart.longest_trend,
            runs=chart.runs,
            runs_min=number_text(chart.runs_min),
            runs_max=number_text(chart.runs_max),
        )
    if len(parts) > 1 and chart.n_obs:
        out.print(
            Text(
                _("The current stage, from {period}:").format(period=measure.labels[chart.start]),
                style="bold",
            )
        )
    if chart.n_obs:
        out.print(Text(numbers))
    out.print(Text.assemble((_("Verdict:") + " ", "bold"), verdict_label(chart.verdict)))
    out.print(Text(sentence))
