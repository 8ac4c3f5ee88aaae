"""How the coach's commands print: user text always as ``Text``, never parsed as markup."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from forbattra.core.fidelity import feature_label, feature_short
from forbattra.core.moments import local_day, local_minute
from forbattra.core.review_text import queue_label, queue_text, stats_line
from forbattra.core.vocabulary import area_short, label
from forbattra.i18n import _, ngettext
from forbattra.i18n.numbers import number_text

if TYPE_CHECKING:
    from forbattra.core.overview import Overview
    from forbattra.store.services.archive import Hit
    from forbattra.store.services.comments import CommentView
    from forbattra.store.services.review import CoachReview, ReviewQueue


def _console() -> Console:
    return Console(highlight=False, soft_wrap=True)


def _heading(console: Console, text: str) -> None:
    console.print()
    console.print(Text(text, style="bold underline"))


def print_overview(found: Overview) -> None:
    console = _console()
    console.print(
        Text(
            _("Portfolio overview, {period}").format(period=found.period.text()),
            style="bold",
        )
    )
    console.print(
        Text(
            ngettext(
                "{count} initiative worked on ({started} started in the period).",
                "{count} initiatives worked on ({started} started in the period).",
                found.initiatives,
            ).format(count=found.initiatives, started=found.started)
        )
    )
    _heading(console, _("By phase"))
    for method, phase, count in found.by_method_phase:
        console.print(Text(f"  {label(method)} · {phase}: {count}"))
    _heading(console, _("By status"))
    console.print(Text("  " + ", ".join(f"{label(s)} {n}" for s, n in found.by_status)))
    _heading(console, _("By Kommunkompassen area"))
    for area, count in found.by_area:
        console.print(Text(f"  {area_short(area) if area else _('No area')}: {count}"))
    _heading(console, _("By unit"))
    for unit, count in found.by_unit:
        console.print(Text(f"  {unit}: {count}"))
    _heading(console, _("Where the improvements are"))
    if not found.improvements and not found.deteriorations:
        console.print(Text(_("  No measure shows a signal in the period.")))
    for signal in found.improvements:
        console.print(
            Text(
                _("  ↑ #{id} {title}: {measure} (since {since})").format(
                    id=signal.initiative_id,
                    title=signal.title,
                    measure=signal.measure,
                    since=signal.since,
                )
            )
        )
    for signal in found.deteriorations:
        console.print(
            Text(
                _("  ↓ #{id} {title}: {measure} is getting worse (since {since})").format(
                    id=signal.initiative_id,
                    title=signal.title,
                    measure=signal.measure,
                    since=signal.since,
                )
            )
        )
    _heading(console, _("Cycles"))
    console.print(Text("  " + stats_line(found.cycles)))
    _heading(console, _("Time freed"))
    console.print(
        Text(
            ngettext(
                "  Stop doing: {period} hours a month decided in the period; {total} hours a"
                " month in all ({count} activity).",
                "  Stop doing: {period} hours a month decided in the period; {total} hours a"
                " month in all ({count} activities).",
                found.freed_activities,
            ).format(
                period=number_text(found.hours_freed_in_period, 1),
                total=number_text(found.hours_freed_total, 1),
                count=found.freed_activities,
            )
        )
    )
    if found.closure_hours_freed:
        console.print(
            Text(
                _("  Closed initiatives: {hours} hours a month freed.").format(
                    hours=number_text(found.closure_hours_freed, 1)
                )
            )
        )
    _heading(console, _("Closed without prestige, with their lessons"))
    if not found.closures:
        console.print(Text(_("  None in the period.")))
    for closure in found.closures:
        console.print(
            Text.assemble(
                (f"  #{closure.initiative_id} {closure.title}", "bold"),
                f" ({closure.closed_on}, {label(closure.reason)})",
            )
        )
        console.print(Text("    " + " ".join(closure.learned.split())))


def print_comments(found: Sequence[CommentView]) -> None:
    console = _console()
    if not found:
        console.print(Text(_("No comments.")))
    for comment in found:
        state = _("resolved") if comment.resolved else _("open")
        console.print(
            Text.assemble(
                (f"[{comment.id}] ", "bold"),
                (
                    f"{local_day(comment.created_at)} {comment.author}"
                    f" · {comment.target} · {state}",
                    "dim",
                ),
            )
        )
        console.print(Text("  " + comment.text.replace("\n", "\n  ")))


def print_queue(found: ReviewQueue, *, marked: bool) -> None:
    console = _console()
    since = (
        _("since you last looked ({at})").format(at=local_minute(found.looked_at))
        if found.looked_at
        else _("you have not looked before: everything counts as new")
    )
    console.print(
        Text(
            _("Review queue for {reviewer}, {since}").format(reviewer=found.reviewer, since=since),
            style="bold",
        )
    )
    if not found.items:
        console.print(Text(_("Nothing needs a look.")))
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column(_("What"), no_wrap=True)
    table.add_column(_("ID"), no_wrap=True)
    table.add_column(_("Initiative"), overflow="ellipsis", no_wrap=True, max_width=36)
    table.add_column(_("When"), no_wrap=True)
    table.add_column(_("About"), overflow="fold")
    for item in found.items:
        table.add_row(
            queue_label(item.kind),
            str(item.initiative_id),
            Text(item.title),
            str(local_day(item.at)) if item.at else "–",
            Text(queue_text(item)),
        )
    if found.items:
        console.print(table)
    if marked:
        console.print(Text(_("Marked as looked at.")))


def print_review(found: CoachReview) -> None:
    console = _console()
    console.print(Text(_("Cycles across all initiatives"), style="bold"))
    console.print(Text("  " + stats_line(found.overall)))
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column(_("ID"), no_wrap=True)
    table.add_column(_("Initiative"), overflow="ellipsis", no_wrap=True, max_width=36)
    table.add_column(_("Cycles"), no_wrap=True)
    for check in found.rows[0].fidelity.checks if found.rows else ():
        table.add_column(feature_short(check.feature), no_wrap=True, justify="center")
    for row in found.rows:
        table.add_row(
            str(row.id),
            Text(row.title),
            f"{row.stats.finished}/{row.stats.cycles}",
            *("✓" if check.present else "·" for check in row.fidelity.checks),
        )
    _heading(console, _("PDSA fidelity (✓ present, · missing)"))
    console.print(table)
    for row in found.rows:
        missing = [check for check in row.fidelity.checks if not check.present]
        if missing:
            console.print(Text(f"#{row.id} {row.title}", style="bold"))
            for check in missing:
                console.print(Text(f"  · {feature_label(check.feature)}: {check.reason}"))
    _heading(
        console,
        ngettext(
            "Stalled: no activity for {weeks} week or more",
            "Stalled: no activity for {weeks} weeks or more",
            found.weeks,
        ).format(weeks=found.weeks),
    )
    if not found.stalled:
        console.print(Text(_("  None.")))
    for initiative_id, title, weeks in found.stalled:
        quiet = (
            ngettext("{count} week", "{count} weeks", weeks).format(count=weeks)
            if weeks is not None
            else _("nothing recorded")
        )
        console.print(Text(f"  #{initiative_id} {title}: {quiet}"))


def print_hits(found: Sequence[Hit]) -> None:
    console = _console()
    if not found:
        console.print(Text(_("Nothing found.")))
    for hit in found:
        console.print(
            Text.assemble(
                (f"#{hit.initiative_id} {hit.title}", "bold"),
                (f" ({label(hit.status)}) · {hit.place}", "dim"),
            )
        )
        console.print(Text("  " + hit.snippet))
