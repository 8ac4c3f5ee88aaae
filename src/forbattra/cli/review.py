"""A coach's commands: ``history``, ``overview``, ``comment``, ``comments``, ``resolve``,
``review-queue``, ``review`` and ``search``.

Headless: nothing here imports Textual; storage is imported only when a command runs.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console
from rich.text import Text

from forbattra.cli.closing import parse_day
from forbattra.cli.common import EXIT_INVALID, EXIT_USAGE, fail, state, with_database
from forbattra.core.review import EntryKind
from forbattra.i18n import _

if TYPE_CHECKING:
    from forbattra.store.database import Database


class Format(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"


def _console() -> Console:
    return Console(highlight=False, soft_wrap=True)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _print_json(value: Any) -> None:
    typer.echo(json.dumps(_plain(value), ensure_ascii=False, indent=2))


def _period(since: str | None, until: str | None) -> tuple[date | None, date | None]:
    """The days of ``--since`` and ``--until``; a bad date and a period that runs backwards
    are both invalid input (exit 5), like every other option value the CLI checks itself."""
    start, end = parse_day(since), parse_day(until)
    if start and end and end < start:
        fail(
            _(
                "The period ends before it starts: --until {until} is before --since {since}."
            ).format(until=end.isoformat(), since=start.isoformat()),
            EXIT_INVALID,
        )
    return start, end


_SINCE = typer.Option(None, "--since", metavar="DATE", help=_("From this day (YYYY-MM-DD)."))
_UNTIL = typer.Option(None, "--until", metavar="DATE", help=_("Up to this day (YYYY-MM-DD)."))
_JSON = typer.Option(False, "--json", help=_("Print JSON for other programs."))
_WEEKS = typer.Option(
    6, "--weeks", min=1, help=_("Weeks without activity before an initiative counts as stalled.")
)


def history(
    ctx: typer.Context,
    initiative_id: int = typer.Argument(..., metavar="ID", help=_("The initiative's id.")),
    kinds: list[EntryKind] = typer.Option(
        [], "--kind", help=_("Only entries of this kind (repeat for more).")
    ),
    since: str | None = _SINCE,
    until: str | None = _UNTIL,
    as_json: bool = _JSON,
) -> None:
    """The initiative's history: phases, answers, cycles, values and signals, decisions."""
    from forbattra.core.moments import local_minute
    from forbattra.core.review import filter_entries, kind_label

    start, end = _period(since, until)

    def fetch(db: Database) -> Any:
        from forbattra.store.services.history import initiative_history

        return initiative_history(db, initiative_id)

    found = with_database(ctx, fetch)
    entries = filter_entries(found.entries, kinds=kinds, since=start, until=end)
    if as_json:
        _print_json(
            {
                "id": found.initiative_id,
                "title": found.title,
                "entries": [asdict(e) for e in entries],
            }
        )
        return
    console = _console()
    console.print(Text(f"#{found.initiative_id}  {found.title}", style="bold"))
    if not entries:
        console.print(Text(_("Nothing in the history matches.")))
    for entry in entries:
        who = f"  ({entry.actor})" if entry.actor else ""
        console.print(
            Text.assemble(
                (local_minute(entry.at) + "  ", "dim"),
                (f"{kind_label(entry.kind)}: ", "bold"),
                entry.text,
                (who, "dim"),
            )
        )
        if entry.before:
            console.print(Text(_("  before: {text}").format(text=_short(entry.before))))
        if entry.after:
            console.print(Text("  " + _short(entry.after)))


def _short(text: str, limit: int = 300) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def overview(
    ctx: typer.Context,
    since: str | None = _SINCE,
    until: str | None = _UNTIL,
    as_json: bool = _JSON,
    output: Format = typer.Option(Format.TEXT, "--format", help=_("text or markdown.")),
    out: Path | None = typer.Option(
        None, "--out", "-o", help=_("Write the report to this file instead of printing it.")
    ),
) -> None:
    """What is being done and where the improvements are, for a period."""
    start, end = _period(since, until)

    def fetch(db: Database) -> Any:
        from forbattra.store.services.overview import portfolio_overview

        return portfolio_overview(db, since=start, until=end)

    found = with_database(ctx, fetch)
    if as_json:
        _print_json(asdict(found))
        return
    if output == Format.MARKDOWN or out is not None:
        from forbattra.cli.review_reports import portfolio_markdown, write_report

        text = portfolio_markdown(found)
        write_report(text, out)
        return
    from forbattra.cli.review_output import print_overview

    print_overview(found)


def comment(
    ctx: typer.Context,
    initiative_id: int = typer.Argument(..., metavar="ID", help=_("The initiative's id.")),
    text: str = typer.Argument(..., help=_("The comment.")),
    phase: str | None = typer.Option(None, "--phase", help=_("On this phase (its key).")),
    cycle: int | None = typer.Option(None, "--cycle", help=_("On this cycle (its number).")),
) -> None:
    """Comment on an initiative, one of its phases or one of its cycles; prints the id."""
    from forbattra.store.services.comments import INITIATIVE, cycle_target, phase_target

    if phase is not None and cycle is not None:
        fail(_("Give either --phase or --cycle, not both."), EXIT_USAGE)
    target = (
        phase_target(phase) if phase else cycle_target(cycle) if cycle is not None else INITIATIVE
    )
    actor = state(ctx).user

    def add(db: Database) -> Any:
        from forbattra.store.services.comments import add_comment

        return add_comment(db, actor, initiative_id, text, target=target)

    typer.echo(str(with_database(ctx, add).id))


def comments(
    ctx: typer.Context,
    initiative_id: int = typer.Argument(..., metavar="ID", help=_("The initiative's id.")),
    open_only: bool = typer.Option(False, "--open", help=_("Only comments not yet resolved.")),
    as_json: bool = _JSON,
) -> None:
    """List the comments on an initiative, oldest first."""

    def fetch(db: Database) -> Any:
        from forbattra.store.services.comments import list_comments

        return list_comments(db, initiative_id, include_resolved=not open_only)

    found = with_database(ctx, fetch)
    if as_json:
        _print_json([asdict(c) for c in found])
        return
    from forbattra.cli.review_output import print_comments

    print_comments(found)


def resolve(
    ctx: typer.Context,
    comment_id: int = typer.Argument(..., metavar="COMMENT", help=_("The comment's id.")),
    reopen: bool = typer.Option(False, "--reopen", help=_("Open a resolved comment again.")),
) -> None:
    """Mark a comment as resolved (or open it again)."""
    actor = state(ctx).user

    def change(db: Database) -> Any:
        from forbattra.store.services.comments import set_resolved

        return set_resolved(db, actor, comment_id, not reopen)

    found = with_database(ctx, change)
    message = _("Comment {id} is resolved.") if found.resolved else _("Comment {id} is open.")
    typer.echo(message.format(id=found.id))


def review_queue(
    ctx: typer.Context,
    weeks: int = _WEEKS,
    mark: bool = typer.Option(False, "--mark", help=_("Then mark everything shown as looked at.")),
    as_json: bool = _JSON,
) -> None:
    """What needs a coach's look since you last looked, across all initiatives."""
    reviewer = state(ctx).user

    def fetch(db: Database) -> Any:
        from forbattra.store.services.review import mark_looked, review_queue

        queue = review_queue(db, reviewer, weeks=weeks)
        if mark:
            mark_looked(db, reviewer)
        return queue

    found = with_database(ctx, fetch)
    if as_json:
        _print_json(asdict(found))
        return
    from forbattra.cli.review_output import print_queue

    print_queue(found, marked=mark)


def review(
    ctx: typer.Context,
    weeks: int = _WEEKS,
    as_json: bool = _JSON,
    output: Format = typer.Option(Format.TEXT, "--format", help=_("text or markdown.")),
    out: Path | None = typer.Option(
        None, "--out", "-o", help=_("Write the report to this file instead of printing it.")
    ),
) -> None:
    """Cycle statistics and PDSA fidelity per initiative, and who has stalled."""
    reviewer = state(ctx).user

    def fetch(db: Database) -> Any:
        from forbattra.store.services.review import coach_review, review_queue

        return coach_review(db, weeks=weeks), review_queue(db, reviewer, weeks=weeks)

    found, queue = with_database(ctx, fetch)
    if as_json:
        _print_json(asdict(found))
        return
    if output == Format.MARKDOWN or out is not None:
        from forbattra.cli.review_reports import coach_markdown, write_report

        write_report(coach_markdown(found, queue), out)
        return
    from forbattra.cli.review_output import print_review

    print_review(found)


def search(
    ctx: typer.Context,
    words: list[str] = typer.Argument(..., metavar="WORDS...", help=_("Words to look for.")),
    as_json: bool = _JSON,
) -> None:
    """Search what all teams wrote, closed initiatives included: problems, causes,
    solutions, cycles, lessons and reasons for closing."""

    def fetch(db: Database) -> Any:
        from forbattra.store.services.archive import search as find

        return find(db, " ".join(words))

    found = with_database(ctx, fetch)
    if as_json:
        _print_json([asdict(hit) for hit in found])
        return
    from forbattra.cli.review_output import print_hits

    print_hits(found)


def register(app: typer.Typer) -> None:
    """Add the coach's commands to the main application."""
    app.command("history", help=_("Show the history of an initiative."))(history)
    app.command("overview", help=_("The portfolio overview for a period."))(overview)
    app.command("comment", help=_("Comment on an initiative, a phase or a cycle."))(comment)
    app.command("comments", help=_("List the comments on an initiative."))(comments)
    app.command("resolve", help=_("Mark a comment as resolved."))(resolve)
    app.command("review-queue", help=_("What needs a coach's look."))(review_queue)
    app.command("review", help=_("Cycle statistics and PDSA fidelity for coaches."))(review)
    app.command("search", help=_("Search the learning archive."))(search)
