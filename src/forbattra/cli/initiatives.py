"""``forbattra new``, ``list`` and ``show``."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import typer

from forbattra.cli.common import EXIT_INVALID, fail, state, user_errors, with_database
from forbattra.core.vocabulary import Method
from forbattra.i18n import _

if TYPE_CHECKING:
    from forbattra.core.domain import InitiativeRow
    from forbattra.store.database import Database


def new(
    ctx: typer.Context,
    title: str = typer.Argument(..., help=_("The initiative's title.")),
    method: Method = typer.Option(..., "--method", "-m", help=_("dmaic or pdsa.")),
    unit: str = typer.Option("", "--unit", help=_("Unit or department.")),
    area: int | None = typer.Option(None, "--area", help=_("Kommunkompassen area, 1 to 8.")),
    leader: str = typer.Option("", "--leader", help=_("Improvement leader.")),
    coach: str = typer.Option("", "--coach", help=_("Coach.")),
    team: str = typer.Option("", "--team", help=_("Team members.")),
) -> None:
    """Start a new initiative; prints its id alone, for scripts."""
    from forbattra.core.domain import NewInitiative
    from forbattra.store.services.initiatives import create_initiative

    if area is not None and not 1 <= area <= 8:
        fail(_("The Kommunkompassen area must be a number from 1 to 8, or none."), EXIT_INVALID)
    actor = state(ctx).user
    request = NewInitiative(
        title=title, method=method, unit=unit, area=area, leader=leader, coach=coach, team=team
    )
    row = with_database(ctx, lambda db: create_initiative(db, actor, request))
    typer.echo(str(row.id))


def _row_json(row: InitiativeRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "title": row.title,
        "method": row.method.value,
        "phase": row.phase,
        "status": row.status.value,
        "unit": row.unit,
        "area": row.area,
        "leader": row.leader,
        "updated_at": row.updated_at.isoformat(),
        "review_by": row.review_by.isoformat() if row.review_by else None,
    }


def list_command(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help=_("Print JSON for other programs.")),
    include_closed: bool = typer.Option(
        False, "--all", "-a", help=_("Include closed and completed initiatives.")
    ),
) -> None:
    """List the initiatives in the portfolio."""
    # Straight from an SQLite file at the current schema, without importing SQLAlchemy.
    from forbattra.store.services.portfolio_read import read_portfolio

    with user_errors():
        rows = read_portfolio(state(ctx).target(), include_closed=include_closed)
    if as_json:
        typer.echo(json.dumps([_row_json(row) for row in rows], ensure_ascii=False, indent=2))
        return
    if not rows:
        typer.echo(_("No initiatives yet. Start one with: forbattra new TITLE --method dmaic"))
        return
    from forbattra.cli.listing import print_initiatives

    print_initiatives(rows)


def show(
    ctx: typer.Context,
    initiative_id: int = typer.Argument(..., metavar="ID", help=_("The initiative's id.")),
    as_json: bool = typer.Option(False, "--json", help=_("Print the whole exchange document.")),
) -> None:
    """Show one initiative: its facts, answers, measures, cycles and closure."""
    from forbattra.store.services.exchange import export_documents

    def fetch(db: Database) -> dict[str, Any]:
        return export_documents(db, [initiative_id])[0]

    document = with_database(ctx, fetch)
    if as_json:
        typer.echo(json.dumps({"id": initiative_id, **document}, ensure_ascii=False, indent=2))
        return
    from forbattra.cli.output import initiative_details

    initiative_details(initiative_id, document)
