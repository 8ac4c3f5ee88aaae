"""``forbattra stop-doing list|add|decide|follow-up``: the stop-doing check (sluta göra).

A check belongs to an initiative (its id) or stands alone for a unit (``--unit``).
Headless: nothing here imports Textual, and storage is imported only when a command runs.
"""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING, Any

import typer

from forbattra.cli.closing import parse_day, parse_hours
from forbattra.cli.common import EXIT_INVALID, fail, state, with_database
from forbattra.core.vocabulary import FollowUpResult, StopDecision, label
from forbattra.i18n import _

if TYPE_CHECKING:
    from forbattra.core.domain import StopCheck, StopItemView, StopSummary


def build() -> typer.Typer:
    """The ``stop-doing`` command group (built after the language is chosen)."""
    app = typer.Typer(
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.command("list", help=_("List the activities of a check with the time they free."))(
        list_command
    )
    app.command("add", help=_("Add an activity to a check; prints its id."))(add)
    app.command("decide", help=_("Keep, simplify, replace or stop an activity."))(decide)
    app.command("follow-up", help=_("Record whether stopping an activity held."))(follow_up)
    return app


def _hours(value: float | None) -> str:
    from forbattra.core.stop_doing import hours_text

    return hours_text(value)


def _scope_help() -> str:
    return _("A unit's own check, tied to no initiative (instead of an ID).")


# --- list ---------------------------------------------------------------------------------


def _item_json(item: StopItemView) -> dict[str, Any]:
    return {
        "id": item.id,
        "position": item.position,
        "activity": item.activity,
        "who": item.who,
        "hours_per_month": item.hours_per_month,
        "minutes_per_occurrence": item.minutes_per_occurrence,
        "occurrences_per_month": item.occurrences_per_month,
        "cost_per_month": item.cost_per_month,
        "beneficiary": item.beneficiary,
        "if_stopped": item.if_stopped,
        "decision": item.decision.value,
        "reason": item.reason,
        "hours_freed": item.hours_freed,
        "follow_up_on": item.follow_up_on.isoformat() if item.follow_up_on else None,
        "follow_up_result": item.follow_up_result.value if item.follow_up_result else None,
        "follow_up_note": item.follow_up_note,
    }


def _summary_json(summary: StopSummary) -> dict[str, Any]:
    return {
        "items": summary.items,
        "cost_per_month": summary.cost_per_month,
        "hours_freed_per_month": summary.hours_freed_per_month,
        "hours_freed_per_year": summary.hours_freed_per_year,
        "stopped": summary.stopped,
        "simplified": summary.simplified,
        "replaced": summary.replaced,
        "kept": summary.kept,
        "undecided": summary.undecided,
        "restarted": summary.restarted,
        "confirmed": summary.confirmed,
        "without_estimate": summary.without_estimate,
        "due_for_follow_up": list(summary.due_ids),
    }


def _follow_up_cell(item: StopItemView, today: date) -> str:
    if item.follow_up_result is not None:
        return label(item.follow_up_result)
    if item.follow_up_on is None:
        return ""
    if item.follow_up_on <= today:
        return _("{date} (due)").format(date=item.follow_up_on.isoformat())
    return item.follow_up_on.isoformat()


def _print_check(check: StopCheck, today: date) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from forbattra.core.stop_doing import counts_text, freed_sentence

    console = Console(highlight=False, soft_wrap=False)
    if check.items:
        table = Table(box=None, pad_edge=False, header_style="bold")
        for heading in (
            _("ID"),
            _("Activity"),
            _("Costs h/month"),
            _("Decision"),
            _("Frees h/month"),
            _("Follow-up"),
        ):
            table.add_column(heading, overflow="fold")
        for item in check.items:
            table.add_row(
                str(item.id),
                Text(item.activity),
                _hours(item.cost_per_month),
                label(item.decision),
                _hours(item.hours_freed),
                _follow_up_cell(item, today),
            )
        console.print(table)
        console.print()
    summary = check.summary
    console.print(Text(freed_sentence(summary), style="bold"))
    if summary.items:
        console.print(Text(counts_text(summary)))
    if summary.restarted:
        console.print(
            Text(
                _("Restarted after follow-up, not counted as freed: {count}").format(
                    count=summary.restarted
                )
            )
        )
    if summary.due_ids:
        console.print(
            Text(
                _(
                    "Due for follow-up: {ids}. Record with: forbattra stop-doing follow-up ID"
                ).format(ids=", ".join(str(i) for i in summary.due_ids))
            )
        )


def list_command(
    ctx: typer.Context,
    initiative_id: int | None = typer.Argument(
        None, metavar="[ID]", help=_("The initiative's id.")
    ),
    unit: str = typer.Option("", "--unit", "-u", help=_scope_help()),
    as_json: bool = typer.Option(False, "--json", help=_("Print JSON for other programs.")),
) -> None:
    """List the activities of an initiative's check, or of a unit's own check, with the sums.
    Without either, list the units that have a check of their own."""
    from forbattra.store.services.stop_doing import stand_alone_units, stop_check

    if initiative_id is None and not unit.strip():
        units = with_database(ctx, stand_alone_units)
        if as_json:
            typer.echo(
                json.dumps(
                    [{"unit": name, "items": count} for name, count in units],
                    ensure_ascii=False,
                    indent=2,
                )
            )
        elif not units:
            typer.echo(
                _(
                    "No unit has a check of its own yet. Give an initiative's ID, or start one"
                    " with: forbattra stop-doing add ACTIVITY --unit UNIT"
                )
            )
        else:
            for name, count in units:
                typer.echo(f"{name} ({count})")
        return
    today = date.today()
    check = with_database(ctx, lambda db: stop_check(db, initiative_id, unit=unit, today=today))
    if as_json:
        payload = {
            "initiative_id": check.initiative_id,
            "unit": check.unit,
            "items": [_item_json(item) for item in check.items],
            "summary": _summary_json(check.summary),
        }
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    _print_check(check, today)


# --- add, decide, follow-up -----------------------------------------------------------------


def add(
    ctx: typer.Context,
    activity: str = typer.Argument(..., help=_("What the activity or step is.")),
    initiative_id: int | None = typer.Option(
        None, "--initiative", "-i", metavar="ID", help=_("The initiative whose check it is.")
    ),
    unit: str = typer.Option("", "--unit", "-u", help=_scope_help()),
    who: str = typer.Option("", "--who", help=_("Who does it.")),
    hours: str | None = typer.Option(
        None, "--hours", metavar="HOURS", help=_("Time it costs, in hours per month.")
    ),
    minutes: str | None = typer.Option(
        None, "--minutes", metavar="MINUTES", help=_("Or: minutes each time it is done ...")
    ),
    times: str | None = typer.Option(
        None, "--times", metavar="N", help=_("... and how many times a month.")
    ),
    beneficiary: str = typer.Option("", "--beneficiary", help=_("Who benefits, and how.")),
    if_stopped: str = typer.Option("", "--if-stopped", help=_("What would happen if we stopped.")),
) -> None:
    """Add an activity to a check; prints its id alone, for scripts."""
    from forbattra.core.domain import NewStopItem
    from forbattra.store.services.stop_doing import add_stop_item

    if initiative_id is None and not unit.strip():
        fail(
            _("Say whose check it is: --initiative ID, or --unit UNIT for a unit's own check."),
            EXIT_INVALID,
        )
    request = NewStopItem(
        activity=activity,
        who=who,
        hours_per_month=parse_hours(hours),
        minutes_per_occurrence=parse_hours(minutes),
        occurrences_per_month=parse_hours(times),
        beneficiary=beneficiary,
        if_stopped=if_stopped,
    )
    actor = state(ctx).user
    item = with_database(
        ctx,
        lambda db: add_stop_item(db, actor, request, initiative_id=initiative_id, unit=unit),
    )
    typer.echo(str(item.id))


def decide(
    ctx: typer.Context,
    item_id: int = typer.Argument(..., metavar="ITEM", help=_("The activity's id.")),
    decision: StopDecision = typer.Argument(
        ..., help=_("keep, simplify, replace or stop (undecided takes it back).")
    ),
    reason: str | None = typer.Option(None, "--reason", help=_("Why.")),
    freed: str | None = typer.Option(
        None,
        "--freed-hours",
        metavar="HOURS",
        help=_("Time freed per month (stop: all of it unless given)."),
    ),
    follow_up_on: str | None = typer.Option(
        None,
        "--follow-up",
        metavar="YYYY-MM-DD",
        help=_("When to check that it held (stop: in three months unless given)."),
    ),
) -> None:
    """Decide what happens to an activity, with a reason and the time it frees."""
    from forbattra.store.services.stop_doing import decide as decide_item

    hours_freed = parse_hours(freed)
    day = parse_day(follow_up_on)
    actor = state(ctx).user
    item = with_database(
        ctx,
        lambda db: decide_item(
            db, actor, item_id, decision, reason=reason, hours_freed=hours_freed, follow_up_on=day
        ),
    )
    name = f"#{item.id} “{item.activity}”"
    if item.hours_freed is None and item.decision != StopDecision.UNDECIDED:
        typer.echo(
            _(
                "{activity}: {decision}. The time freed is not estimated yet (--freed-hours)."
            ).format(activity=name, decision=label(item.decision))
        )
    else:
        typer.echo(
            _("{activity}: {decision}. Frees {hours} h a month.").format(
                activity=name, decision=label(item.decision), hours=_hours(item.hours_freed or 0)
            )
        )
    if item.follow_up_on is not None:
        typer.echo(
            _("Follow-up on {date}: did the change hurt anyone?").format(
                date=item.follow_up_on.isoformat()
            )
        )


def follow_up(
    ctx: typer.Context,
    item_id: int = typer.Argument(..., metavar="ITEM", help=_("The activity's id.")),
    result: FollowUpResult = typer.Argument(..., help=_("confirmed or restarted.")),
    note: str = typer.Option("", "--note", help=_("What you found (required with restarted).")),
    on: str | None = typer.Option(
        None, "--date", metavar="YYYY-MM-DD", help=_("When it was followed up (else today).")
    ),
) -> None:
    """Record the follow-up of a stopped activity: confirmed, or restarted and why."""
    from forbattra.store.services.stop_doing import record_follow_up

    day = parse_day(on)
    actor = state(ctx).user
    item = with_database(ctx, lambda db: record_follow_up(db, actor, item_id, result, note, on=day))
    typer.echo(
        _("{activity}: {result} ({date}).").format(
            activity=f"#{item.id} “{item.activity}”",
            result=label(item.follow_up_result) if item.follow_up_result else "",
            date=item.follow_up_on.isoformat() if item.follow_up_on else "",
        )
    )
