"""``forbattra measure list|add|import|show``: measures, their values and their run charts.

Headless: nothing here imports Textual, and storage is imported only when a command runs.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from forbattra.cli.common import EXIT_INVALID, state, with_database
from forbattra.core.vocabulary import Direction, MeasureKind
from forbattra.i18n import _, ngettext

if TYPE_CHECKING:
    from forbattra.core.analysis import RunChart, XmRChart
    from forbattra.core.domain import MeasureRow
    from forbattra.store.database import Database


class RuleSet(StrEnum):
    """The choice of ``--rules``; the same values as :class:`forbattra.core.analysis.Rules`,
    repeated here so that ``forbattra --help`` does not load the analysis."""

    ANHOEJ = "anhoej"
    IHI = "ihi"


def build() -> typer.Typer:
    """The ``measure`` command group (built after the language is chosen)."""
    app = typer.Typer(
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.command("list", help=_("List an initiative's measures with their verdicts."))(list_command)
    app.command("add", help=_("Add a measure to an initiative; prints its id."))(add)
    app.command(
        "import", help=_("Import values from a CSV file: all of them, or none if a row is bad.")
    )(import_command)
    app.command("show", help=_("Show a measure's values and its run chart analysis."))(show)
    return app


def _number(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{round(value, 4):g}"


def _analyse(measure: MeasureRow, rules: RuleSet) -> RunChart:
    from forbattra.core.analysis import Rules, run_chart

    return run_chart(
        measure.values,
        measure.baseline_points,
        rules=Rules(rules.value),
        direction=measure.direction,
    )


# --- list ---------------------------------------------------------------------------------


def list_command(
    ctx: typer.Context,
    initiative_id: int = typer.Argument(..., metavar="ID", help=_("The initiative's id.")),
    as_json: bool = typer.Option(False, "--json", help=_("Print JSON for other programs.")),
    rules: RuleSet = typer.Option(
        RuleSet.ANHOEJ, "--rules", help=_("Run chart rules: anhoej or ihi.")
    ),
) -> None:
    """List the measures of an initiative: how many values, the median and the verdict."""
    from forbattra.core.analysis import describe
    from forbattra.core.analysis_text import verdict_label
    from forbattra.store.services.measures import list_measures

    measures = with_database(ctx, lambda db: list_measures(db, initiative_id))
    charts = [_analyse(measure, rules) for measure in measures]
    if as_json:
        typer.echo(
            json.dumps(
                [
                    {
                        **_measure_json(measure),
                        "n": chart.n_obs,
                        "n_useful": chart.n_useful,
                        "median": chart.median,
                        "verdict": chart.verdict.value,
                        "sentence": describe(chart, measure.labels),
                    }
                    for measure, chart in zip(measures, charts, strict=True)
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    if not measures:
        typer.echo(
            _("No measures yet. Add one with: forbattra measure add {id} NAME").format(
                id=initiative_id
            )
        )
        return
    from rich.table import Table
    from rich.text import Text

    from forbattra.core.vocabulary import label

    table = Table(box=None, pad_edge=False, header_style="bold")
    for heading in (
        _("ID"),
        _("Measures"),
        _("Kind"),
        _("Better"),
        _("n"),
        _("Median"),
        _("Verdict"),
    ):
        table.add_column(heading, overflow="fold")
    for measure, chart in zip(measures, charts, strict=True):
        table.add_row(
            str(measure.id),
            Text(measure.name + (f" ({measure.unit})" if measure.unit else "")),
            label(measure.kind),
            "↑" if measure.direction == Direction.HIGHER_IS_BETTER else "↓",
            str(chart.n_obs),
            _number(chart.median),
            verdict_label(chart.verdict),
        )
    _console().print(table)


def _console() -> Any:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


def _measure_json(measure: MeasureRow) -> dict[str, Any]:
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


# --- add ----------------------------------------------------------------------------------


def add(
    ctx: typer.Context,
    initiative_id: int = typer.Argument(..., metavar="ID", help=_("The initiative's id.")),
    name: str = typer.Argument(..., help=_("The measure's name.")),
    kind: MeasureKind = typer.Option(
        MeasureKind.OUTCOME, "--kind", help=_("outcome, process or balancing.")
    ),
    unit: str = typer.Option("", "--unit", help=_("Unit, for example % or days.")),
    direction: Direction = typer.Option(
        Direction.HIGHER_IS_BETTER, "--direction", help=_("up: higher is better; down: lower is.")
    ),
    target: float | None = typer.Option(None, "--target", help=_("Target value.")),
    baseline: int | None = typer.Option(
        None, "--baseline", help=_("Freeze the median over this many first values.")
    ),
    definition: str = typer.Option("", "--definition", help=_("Operational definition.")),
    collection: str = typer.Option(
        "", "--collection", help=_("How and how often data is collected.")
    ),
    collector: str = typer.Option("", "--collector", help=_("Who collects the data.")),
) -> None:
    """Add a measure to an initiative; prints its id alone, for scripts."""
    from forbattra.core.domain import NewMeasure
    from forbattra.store.services.measures import add_measure

    request = NewMeasure(
        name=name,
        kind=kind,
        unit=unit,
        direction=direction,
        target=target,
        baseline_points=baseline,
        definition=definition,
        collection=collection,
        collector=collector,
    )
    actor = state(ctx).user
    row = with_database(ctx, lambda db: add_measure(db, actor, initiative_id, request))
    typer.echo(str(row.id))


# --- import -------------------------------------------------------------------------------


def import_command(
    ctx: typer.Context,
    initiative_id: int = typer.Argument(..., metavar="ID", help=_("The initiative's id.")),
    reference: str = typer.Argument(
        ..., metavar="MEASURE", help=_("The measure's id or exact name.")
    ),
    file: Path = typer.Argument(..., metavar="FILE.csv", help=_("A CSV file with a header row.")),
) -> None:
    """Import values from a CSV file into one measure: every row, or none if any is bad."""
    from forbattra.core.observations_csv import CsvImportError, read_observations
    from forbattra.store.services.measures import find_measure, import_observations

    try:
        rows = read_observations(file)
    except CsvImportError as error:
        typer.echo(_("Error: {source} cannot be imported:").format(source=error.source), err=True)
        for problem in error.problems:
            typer.echo(f"  {problem}", err=True)
        typer.echo(_("Nothing was imported."), err=True)
        raise typer.Exit(EXIT_INVALID) from None
    actor = state(ctx).user

    def store(db: Database) -> tuple[str, int]:
        measure = find_measure(db, initiative_id, reference)
        return measure.name, import_observations(db, actor, measure.id, rows, str(file))

    name, count = with_database(ctx, store)
    typer.echo(
        ngettext(
            "Imported {count} value into {measure}.",
            "Imported {count} values into {measure}.",
            count,
        ).format(count=count, measure=name)
    )


# --- show ---------------------------------------------------------------------------------


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
    from forbattra.core.analysis import describe, xmr
    from forbattra.store.services.measures import find_measure

    measure = with_database(ctx, lambda db: find_measure(db, initiative_id, reference))
    chart = _analyse(measure, rules)
    control = xmr(measure.values, baseline=measure.baseline_points, direction=measure.direction)
    labels = measure.labels
    sentence = describe(chart, labels)
    if as_json:
        typer.echo(
            json.dumps(_show_json(measure, chart, control, sentence), ensure_ascii=False, indent=2)
        )
        return
    _show_text(measure, chart, sentence)


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


def _show_json(
    measure: MeasureRow, chart: RunChart, control: XmRChart, sentence: str
) -> dict[str, Any]:
    labels = measure.labels
    return {
        **_measure_json(measure),
        "observations": [
            {
                "id": o.id,
                "date": o.observed_on.isoformat(),
                "period": o.period,
                "value": o.value,
                "note": o.note,
                "rules": [rule.value for rule in chart.rules_broken_at(index)],
            }
            for index, o in enumerate(measure.observations)
        ],
        "run_chart": {
            "rules": chart.rules.value,
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


def _show_text(measure: MeasureRow, chart: RunChart, sentence: str) -> None:
    from rich.table import Table
    from rich.text import Text

    from forbattra.core.analysis_text import rule_label, verdict_label
    from forbattra.core.vocabulary import label

    console = _console()
    console.print(Text(f"#{measure.id}  {measure.name}", style="bold"))
    facts = [
        (_("Kind"), label(measure.kind)),
        (_("Direction"), label(measure.direction)),
        (_("Unit"), measure.unit),
        (_("Target"), _number(measure.target) if measure.target is not None else ""),
        (_("Baseline"), _baseline_text(measure.baseline_points)),
        (_("Operational definition"), measure.definition),
        (_("Data collection"), measure.collection),
        (_("Collected by"), measure.collector),
    ]
    for name, value in facts:
        if value:
            console.print(Text.assemble((f"{name}: ", "bold"), value))
    console.print()
    if measure.observations:
        table = Table(box=None, pad_edge=False, header_style="bold")
        for heading in (_("Period"), _("Value"), _("Signal"), _("Note")):
            table.add_column(heading, overflow="fold")
        for index, observation in enumerate(measure.observations):
            broken = ", ".join(rule_label(rule) for rule in chart.rules_broken_at(index))
            table.add_row(
                Text(observation.label),
                _number(observation.value),
                broken,
                Text(observation.note.replace("\n", " ")),
            )
        console.print(table)
        console.print()
    median = _number(chart.median)
    if chart.rules.value == RuleSet.ANHOEJ:
        numbers = _(
            "Median {median} · {useful} useful values · longest run {run} (more than {run_max}"
            " is a signal) · {crossings} crossings (fewer than {crossings_min} is a signal)"
        ).format(
            median=median,
            useful=chart.n_useful,
            run=chart.longest_run,
            run_max=_number(chart.longest_run_max),
            crossings=chart.crossings,
            crossings_min=_number(chart.crossings_min),
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
            runs_min=_number(chart.runs_min),
            runs_max=_number(chart.runs_max),
        )
    if chart.n_obs:
        console.print(Text(numbers))
    console.print(Text.assemble((_("Verdict:") + " ", "bold"), verdict_label(chart.verdict)))
    console.print(Text(sentence))
