"""``forbattra measure stage add|remove``: split a measure's chart at a deliberate change.

Headless: nothing here imports Textual, and storage is imported only when a command runs.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import typer

from forbattra.cli.common import EXIT_INVALID, fail, state, with_database
from forbattra.i18n import _

if TYPE_CHECKING:
    from forbattra.core.domain import StageMark
    from forbattra.store.database import Database


def build() -> typer.Typer:
    """The ``measure stage`` command group (built after the language is chosen)."""
    app = typer.Typer(
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.command(
        "add", help=_("Split a measure's chart: a new stage from a date, for a stated reason.")
    )(add)
    app.command("remove", help=_("Remove the stage that starts on a date."))(remove)
    return app


def parse_start(value: str) -> date:
    """A date (2025-03-10) or a week (2025-W11, its Monday); else a clear refusal."""
    from forbattra.core.observations_csv import parse_period

    try:
        day, _label = parse_period(value.strip())
    except ValueError:
        fail(
            _("“{value}” is not a date; write it as YYYY-MM-DD or as a week like 2025-W11.").format(
                value=value
            ),
            EXIT_INVALID,
        )
    return day


def add(
    ctx: typer.Context,
    initiative_id: int = typer.Argument(..., metavar="ID", help=_("The initiative's id.")),
    reference: str = typer.Argument(
        ..., metavar="MEASURE", help=_("The measure's id or exact name.")
    ),
    starts_on: str = typer.Argument(
        ...,
        metavar="DATE",
        help=_("The new stage starts at the first value on or after this date."),
    ),
    reason: str = typer.Option(
        ..., "--reason", "-r", help=_("Why the chart is split here, for example a new routine.")
    ),
) -> None:
    """Split a measure's chart into a new stage, with its own centre line, for a reason."""
    day = parse_start(starts_on)
    actor = state(ctx).user

    def store(db: Database) -> tuple[str, StageMark]:
        from forbattra.store.services.measures import find_measure
        from forbattra.store.services.stages import add_stage

        measure = find_measure(db, initiative_id, reference)
        return measure.name, add_stage(db, actor, measure.id, day, reason)

    name, stage = with_database(ctx, store)
    typer.echo(
        _("{measure}: a new stage from {date} ({reason}).").format(
            measure=name, date=stage.starts_on.isoformat(), reason=stage.reason
        )
    )


def remove(
    ctx: typer.Context,
    initiative_id: int = typer.Argument(..., metavar="ID", help=_("The initiative's id.")),
    reference: str = typer.Argument(
        ..., metavar="MEASURE", help=_("The measure's id or exact name.")
    ),
    starts_on: str = typer.Argument(..., metavar="DATE", help=_("The date the stage starts on.")),
) -> None:
    """Remove a stage: its values join the stage before it again (the history keeps it)."""
    day = parse_start(starts_on)
    actor = state(ctx).user

    def store(db: Database) -> tuple[str, StageMark]:
        from forbattra.store.services.measures import find_measure
        from forbattra.store.services.stages import remove_stage

        measure = find_measure(db, initiative_id, reference)
        return measure.name, remove_stage(db, actor, measure.id, day)

    name, stage = with_database(ctx, store)
    typer.echo(
        _("{measure}: the stage from {date} was removed ({reason}).").format(
            measure=name, date=stage.starts_on.isoformat(), reason=stage.reason
        )
    )
