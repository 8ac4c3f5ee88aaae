"""``forbattra measure list|add|import|show``: measures, their values and their run charts.

Headless: nothing here imports Textual, and storage is imported only when a command runs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from forbattra.cli import measure_show, measure_stages
from forbattra.cli.common import EXIT_INVALID, fail, state, with_database
from forbattra.cli.measure_analysis import VALUE_DIGITS, RuleSet, analyse, console, measure_json
from forbattra.core.vocabulary import Direction, MeasureKind
from forbattra.i18n import _, ngettext
from forbattra.i18n.numbers import number_text

__all__ = ["RuleSet", "build"]

if TYPE_CHECKING:
    from forbattra.store.database import Database


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
    app.command("show", help=_("Show a measure's values and its run chart analysis."))(
        measure_show.show
    )
    app.add_typer(
        measure_stages.build(),
        name="stage",
        help=_("Split a measure's chart into stages at a deliberate change, or join them again."),
    )
    return app


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
    charts = [analyse(measure, rules)[-1] for measure in measures]
    if as_json:
        typer.echo(
            json.dumps(
                [
                    {
                        **measure_json(measure),
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
            number_text(chart.median, VALUE_DIGITS),
            verdict_label(chart.verdict),
        )
    console().print(table)


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
    # A string, so that "3,5" works as in the CSV import and the app (not a usage error).
    target: str | None = typer.Option(None, "--target", metavar="NUMBER", help=_("Target value.")),
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
        target=_target(target),
        baseline_points=baseline,
        definition=definition,
        collection=collection,
        collector=collector,
    )
    actor = state(ctx).user
    row = with_database(ctx, lambda db: add_measure(db, actor, initiative_id, request))
    typer.echo(str(row.id))


def _target(value: str | None) -> float | None:
    """The target as people type it (3,5 or 3.5); a bad one is invalid input, exit 5."""
    if value is None:
        return None
    from forbattra.core.observations_csv import parse_number

    try:
        return parse_number(value)
    except ValueError:
        fail(
            _("“{value}” is not a number; write it like 12 or 3.5.").format(value=value),
            EXIT_INVALID,
        )


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
    from forbattra.store.services.measures import find_measure
    from forbattra.store.services.observations import import_observations

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
