"""``forbattra idea add|list|show|review|not-now|accept|import|stats|delete``: the idea inbox.

``idea add`` is anonymous unless ``--name`` is given: it does not pass the acting user (the
``--user`` option, FORBATTRA_USER or the OS user name) to the service at all. Triage records
the acting user, as every other change does.

Headless: nothing here imports Textual, and storage is imported only when a command runs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from forbattra.cli.common import EXIT_INVALID, fail, state, with_database
from forbattra.core.ideas import IdeaStatus, IdeaView, status_label
from forbattra.core.vocabulary import Method
from forbattra.i18n import _, ngettext

if TYPE_CHECKING:
    from forbattra.core.ideas import InboxStats


def build() -> typer.Typer:
    """The ``idea`` command group (built after the language is chosen)."""
    app = typer.Typer(
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.command("add", help=_("Leave an idea, anonymously unless you give --name."))(add)
    app.command("list", help=_("List the ideas in the inbox."))(list_command)
    app.command("show", help=_("Show one idea, with the answer it got."))(show)
    app.command("review", help=_("Take an idea up for review."))(review)
    app.command("not-now", help=_("Answer “not now”, with a reason the submitter can read."))(
        not_now
    )
    app.command("accept", help=_("Turn an idea into an initiative; prints its id."))(accept)
    app.command("import", help=_("Import ideas from a text or CSV file, all or none."))(
        import_command
    )
    app.command("stats", help=_("Ideas per month and how many became initiatives."))(stats)
    app.command("delete", help=_("Delete an idea for good."))(delete)
    return app


def _area(value: str | None) -> int | None:
    from forbattra.core.ideas_file import parse_area

    if value is None:
        return None
    try:
        return parse_area(value)
    except ValueError as error:
        fail(str(error), EXIT_INVALID)


def _status(value: str | None) -> IdeaStatus | None:
    if value is None:
        return None
    wanted = value.strip().lower().replace("-", "_").replace(" ", "_")
    for status in IdeaStatus:
        if wanted in {status.value, status_label(status).replace(" ", "_")}:
            return status
    choices = ", ".join(status.value for status in IdeaStatus)
    fail(
        _("“{value}” is not a status of an idea; choose one of {choices}.").format(
            value=value, choices=choices
        ),
        EXIT_INVALID,
    )


def _idea_json(idea: IdeaView) -> dict[str, Any]:
    return {
        "id": idea.id,
        "text": idea.text,
        "unit": idea.unit,
        "area": idea.area,
        "anonymous": idea.anonymous,
        "author": "" if idea.imported_from is not None else idea.author,
        "imported_from": idea.imported_from,
        "received_on": idea.received_on.isoformat(),
        "status": idea.status.value,
        "status_reason": idea.status_reason,
        "votes": idea.votes,
        "initiative_id": idea.initiative_id,
    }


# --- add ----------------------------------------------------------------------------------


def add(
    ctx: typer.Context,
    text: str = typer.Argument(..., help=_("The idea, in your own words.")),
    unit: str = typer.Option("", "--unit", help=_("The unit or department it concerns.")),
    area: str | None = typer.Option(
        None, "--area", metavar="N", help=_("Kommunkompassen area, 1 to 8 (or its name).")
    ),
    name: str = typer.Option(
        "", "--name", help=_("Sign the idea with this name (else it is anonymous).")
    ),
) -> None:
    """Leave an idea in the inbox. Anonymous by default: no name, no user name, no time."""
    from forbattra.core.ideas import NewIdea
    from forbattra.store.services.ideas import submit_idea

    request = NewIdea(text=text, unit=unit, area=_area(area), author=name)
    idea = with_database(ctx, lambda db: submit_idea(db, request))
    if idea.anonymous:
        typer.echo(
            _(
                "Thank you. Your idea is saved anonymously: no name, no user name and no time"
                " of day are kept, only today's date."
            )
        )
    else:
        typer.echo(_("Thank you. Your idea is saved, signed {name}.").format(name=idea.author))
    typer.echo(
        _("Its id is {id}: see what happens to it with: forbattra idea show {id}").format(
            id=idea.id
        )
    )


# --- list and show ------------------------------------------------------------------------


def list_command(
    ctx: typer.Context,
    status: str | None = typer.Option(
        None, "--status", help=_("Only ideas with this status: new, under_review, …")
    ),
    unit: str | None = typer.Option(None, "--unit", help=_("Only ideas for this unit.")),
    as_json: bool = typer.Option(False, "--json", help=_("Print JSON for other programs.")),
) -> None:
    """The ideas, newest first."""
    from forbattra.store.services.ideas import list_ideas

    wanted = _status(status)
    found = with_database(ctx, lambda db: list_ideas(db, status=wanted, unit=unit))
    if as_json:
        typer.echo(json.dumps([_idea_json(idea) for idea in found], ensure_ascii=False, indent=2))
        return
    if not found:
        typer.echo(_("No ideas here yet. Leave one with: forbattra idea add TEXT"))
        return
    from forbattra.cli.idea_output import idea_table

    idea_table(found)


def show(
    ctx: typer.Context,
    idea_id: str = typer.Argument(..., metavar="ID", help=_("The idea's id (or its start).")),
    as_json: bool = typer.Option(False, "--json", help=_("Print JSON for other programs.")),
) -> None:
    """One idea: its text, its status, and why, if the answer was "not now"."""
    from forbattra.store.services.ideas import get_idea

    idea = with_database(ctx, lambda db: get_idea(db, idea_id))
    if as_json:
        typer.echo(json.dumps(_idea_json(idea), ensure_ascii=False, indent=2))
        return
    from forbattra.cli.idea_output import idea_details

    idea_details(idea)


# --- triage -------------------------------------------------------------------------------


def review(
    ctx: typer.Context,
    idea_id: str = typer.Argument(..., metavar="ID", help=_("The idea's id (or its start).")),
) -> None:
    """Take an idea up for review (new ones, or again after "not now")."""
    from forbattra.store.services.idea_triage import review_idea

    actor = state(ctx).user
    idea = with_database(ctx, lambda db: review_idea(db, actor, idea_id))
    typer.echo(_("Idea {id} is now under review.").format(id=idea.id))


def not_now(
    ctx: typer.Context,
    idea_id: str = typer.Argument(..., metavar="ID", help=_("The idea's id (or its start).")),
    reason: str = typer.Option(
        "", "--reason", "-r", help=_("Why not now, in words the submitter can read (required).")
    ),
) -> None:
    """Answer "not now", with a reason: for an anonymous idea it is the only answer its
    submitter can get."""
    from forbattra.store.services.idea_triage import not_now as answer_not_now

    actor = state(ctx).user
    idea = with_database(ctx, lambda db: answer_not_now(db, actor, idea_id, reason))
    typer.echo(
        _("Idea {id}: not now. The reason is shown with the idea: {reason}").format(
            id=idea.id, reason=idea.status_reason
        )
    )


def accept(
    ctx: typer.Context,
    idea_id: str = typer.Argument(..., metavar="ID", help=_("The idea's id (or its start).")),
    method: Method = typer.Option(Method.PDSA, "--method", "-m", help=_("dmaic or pdsa.")),
    title: str = typer.Option(
        "", "--title", help=_("The initiative's title (else the idea's first line).")
    ),
) -> None:
    """Turn an idea into an initiative; prints the initiative's id alone, for scripts."""
    from forbattra.store.services.idea_triage import accept_idea

    actor = state(ctx).user
    accepted = with_database(
        ctx, lambda db: accept_idea(db, actor, idea_id, method=method, title=title or None)
    )
    typer.echo(str(accepted.initiative_id))


def delete(
    ctx: typer.Context,
    idea_id: str = typer.Argument(..., metavar="ID", help=_("The idea's id (or its start).")),
) -> None:
    """Delete an idea for good: its text is overwritten in the database file."""
    from forbattra.store.services.idea_triage import delete_idea

    actor = state(ctx).user
    deleted = with_database(ctx, lambda db: delete_idea(db, actor, idea_id))
    typer.echo(
        _("Idea {id} is deleted; its text is wiped from the database.").format(id=deleted.id)
    )
    if not deleted.wiped:
        typer.echo(
            _(
                "Another program has the database open: the last copy of the text leaves the"
                " file's write-ahead log when that program closes it."
            )
        )
    if deleted.initiative_id is not None:
        typer.echo(
            _("Initiative {id}, made from this idea, keeps its own copy of the words.").format(
                id=deleted.initiative_id
            )
        )


# --- import and statistics ----------------------------------------------------------------


def import_command(
    ctx: typer.Context,
    file: Path = typer.Argument(
        ..., metavar="FILE", help=_("A text file (one idea a line) or a CSV file.")
    ),
) -> None:
    """Import ideas, for example the improvement opportunities of a Kommunkompassen
    evaluation: every idea of the file, or none if any line is bad."""
    from forbattra.core.ideas_file import read_ideas
    from forbattra.core.observations_csv import CsvImportError
    from forbattra.store.services.ideas import import_ideas

    try:
        rows = read_ideas(file)
    except CsvImportError as error:
        typer.echo(_("Error: {source} cannot be imported:").format(source=error.source), err=True)
        for problem in error.problems:
            typer.echo(f"  {problem}", err=True)
        typer.echo(_("Nothing was imported."), err=True)
        raise typer.Exit(EXIT_INVALID) from None
    actor = state(ctx).user
    stored = with_database(ctx, lambda db: import_ideas(db, actor, rows, file.name))
    typer.echo(
        ngettext(
            "Imported {count} idea from {file}, marked as imported (not anonymous).",
            "Imported {count} ideas from {file}, marked as imported (not anonymous).",
            len(stored),
        ).format(count=len(stored), file=file.name)
    )


def _stats_json(found: InboxStats) -> dict[str, Any]:
    from forbattra.core.ideas import verdict

    return {
        "total": found.total,
        "submitted": found.submitted,
        "imported": found.imported,
        "initiatives": found.initiatives,
        "share_initiatives": found.share,
        "not_now": found.not_now,
        "waiting": found.open,
        "last_three_months": found.recent,
        "little_used": found.little_used,
        "verdict": verdict(found),
        "months": [
            {"month": month.month, "received": month.received, "initiatives": month.initiatives}
            for month in found.months
        ],
    }


def stats(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help=_("Print JSON for other programs.")),
) -> None:
    """The inbox judges itself: ideas per month, how many became initiatives, and whether
    it is used enough to keep."""
    from forbattra.store.services.ideas import inbox_statistics

    found = with_database(ctx, inbox_statistics)
    if as_json:
        typer.echo(json.dumps(_stats_json(found), ensure_ascii=False, indent=2))
        return
    from forbattra.cli.idea_output import stats_report

    stats_report(found)
