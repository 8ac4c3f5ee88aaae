"""``forbattra close``, ``reopen``, ``pause`` and ``resume``: ending work without prestige.

Headless: nothing here imports Textual, and storage is imported only when a command runs.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import typer

from forbattra.cli.common import EXIT_INVALID, fail, state, with_database
from forbattra.core.vocabulary import ClosureReason, label
from forbattra.i18n import _

if TYPE_CHECKING:
    from forbattra.core.domain import ClosureView, InitiativeRow
    from forbattra.store.database import Database


def parse_day(value: str | None) -> date | None:
    """A date the way both languages write it unambiguously, YYYY-MM-DD; else a clear refusal."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        fail(
            _("“{value}” is not a date; write it as YYYY-MM-DD, for example 2025-03-14.").format(
                value=value
            ),
            EXIT_INVALID,
        )


def parse_hours(value: str | None) -> float | None:
    """Hours as a number; a decimal comma (6,5) is fine too."""
    if value is None:
        return None
    try:
        return float(value.strip().replace(",", "."))
    except ValueError:
        fail(
            _("“{value}” is not a number of hours; write it like 6 or 2.5.").format(value=value),
            EXIT_INVALID,
        )


def reason_help() -> str:
    choices = ", ".join(f"{reason.value} ({label(reason)})" for reason in ClosureReason)
    return _("Why it ends: {choices}.").format(choices=choices)


def _heading(row: InitiativeRow) -> str:
    return f"#{row.id} “{row.title}”"


def _phase_name(row: InitiativeRow, phase_key: str) -> str:
    from forbattra.core import methods

    found = methods.phase(row.method, phase_key)
    return found.name if found else phase_key


def close(
    ctx: typer.Context,
    initiative_id: int = typer.Argument(..., metavar="ID", help=_("The initiative's id.")),
    reason: ClosureReason = typer.Option(..., "--reason", "-r", help=reason_help()),
    learned: str = typer.Option(
        "", "--learned", "-l", help=_("What we learned (required): the lesson others will read.")
    ),
    reason_text: str = typer.Option(
        "", "--reason-text", help=_("The reason in your own words (required with other).")
    ),
    keep: str = typer.Option("", "--keep", help=_("What we keep or spread.")),
    stop_doing: str = typer.Option(
        "", "--stop-doing", help=_("What we stop doing because of this.")
    ),
    freed_hours: str | None = typer.Option(
        None, "--freed-hours", metavar="HOURS", help=_("Time freed, in hours per month.")
    ),
    decided_by: str = typer.Option("", "--decided-by", help=_("Who decided to close it.")),
    on: str | None = typer.Option(
        None, "--date", metavar="YYYY-MM-DD", help=_("When it was closed (else today).")
    ),
) -> None:
    """Close an initiative at any phase, without prestige: the reason, what was learned,
    what is kept, what stops and the time freed are recorded."""
    from forbattra.core.domain import NewClosure
    from forbattra.store.services.closures import close_initiative
    from forbattra.store.services.initiatives import get_initiative

    request = NewClosure(
        reason=reason,
        learned=learned,
        reason_text=reason_text,
        keep=keep,
        stop_doing=stop_doing,
        freed_hours=parse_hours(freed_hours),
        decided_by=decided_by,
        closed_on=parse_day(on),
    )
    actor = state(ctx).user

    def work(db: Database) -> tuple[InitiativeRow, ClosureView]:
        closure = close_initiative(db, actor, initiative_id, request)
        return get_initiative(db, initiative_id), closure

    row, closure = with_database(ctx, work)
    _print_closure(row, closure)


def _print_closure(row: InitiativeRow, closure: ClosureView) -> None:
    from forbattra.core.stop_doing import hours_text

    typer.echo(_("{initiative} is closed, without prestige.").format(initiative=_heading(row)))
    reason = label(closure.reason)
    if closure.reason_text:
        reason = f"{reason}: {closure.reason_text}"
    lines = [
        (_("Reason"), reason),
        (_("Phase when closed"), _phase_name(row, closure.phase_at_close)),
        (_("What we learned"), closure.learned),
        (_("What we keep or spread"), closure.keep),
        (_("What we stop doing"), closure.stop_doing),
        (
            _("Time freed"),
            _("{month} h a month ({year} h a year)").format(
                month=hours_text(closure.freed_hours),
                year=hours_text(closure.freed_hours * 12),
            )
            if closure.freed_hours is not None
            else "",
        ),
        (_("Decided by"), closure.decided_by),
        (_("Closed on"), closure.closed_on.isoformat()),
    ]
    for name, value in lines:
        if value:
            typer.echo(f"  {name}: " + value.replace("\n", "\n    "))
    typer.echo(
        _("The lesson is kept with the initiative and counts in the portfolio.")
        + " "
        + _("To take it up again: forbattra reopen {id}").format(id=row.id)
    )


def reopen(
    ctx: typer.Context,
    initiative_id: int = typer.Argument(..., metavar="ID", help=_("The initiative's id.")),
    why: str = typer.Option("", "--why", help=_("Why the work starts again (kept in history).")),
) -> None:
    """Reopen a closed initiative; its closure stays in the history."""
    from forbattra.store.services.closures import reopen_initiative

    actor = state(ctx).user
    row = with_database(ctx, lambda db: reopen_initiative(db, actor, initiative_id, why=why))
    typer.echo(
        _(
            "{initiative} is active again, in the phase {phase}."
            " Its closure and lesson stay in the history."
        ).format(initiative=_heading(row), phase=row.phase_name)
    )


def pause(
    ctx: typer.Context,
    initiative_id: int = typer.Argument(..., metavar="ID", help=_("The initiative's id.")),
    until: str = typer.Option(
        ...,
        "--until",
        metavar="YYYY-MM-DD",
        help=_("The date to look at it again: resume it or close it then."),
    ),
    why: str = typer.Option("", "--why", help=_("Why it is paused (kept in history).")),
) -> None:
    """Pause an initiative until a review date."""
    from forbattra.store.services.closures import pause_initiative

    review_by = parse_day(until)
    assert review_by is not None
    actor = state(ctx).user
    row = with_database(
        ctx, lambda db: pause_initiative(db, actor, initiative_id, review_by, why=why)
    )
    typer.echo(
        _(
            "{initiative} is paused until {date}. After that date the portfolio shows it"
            " until someone resumes or closes it."
        ).format(initiative=_heading(row), date=review_by.isoformat())
    )


def resume(
    ctx: typer.Context,
    initiative_id: int = typer.Argument(..., metavar="ID", help=_("The initiative's id.")),
) -> None:
    """Resume a paused initiative where it was."""
    from forbattra.store.services.closures import resume_initiative

    actor = state(ctx).user
    row = with_database(ctx, lambda db: resume_initiative(db, actor, initiative_id))
    typer.echo(
        _("{initiative} is active again, in the phase {phase}.").format(
            initiative=_heading(row), phase=row.phase_name
        )
    )
