"""How the idea inbox prints in a terminal. User text is always ``Text``, never markup."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from forbattra.core.ideas import IdeaStatus, IdeaView, InboxStats, status_label, summary, verdict
from forbattra.core.vocabulary import area_short
from forbattra.i18n import _


def _console() -> Console:
    return Console(highlight=False, soft_wrap=False)


def status_text(idea: IdeaView) -> str:
    """The status, with the initiative's id when it became one."""
    if idea.status is IdeaStatus.INITIATIVE and idea.initiative_id is not None:
        return _("initiative {id}").format(id=idea.initiative_id)
    return status_label(idea.status)


def idea_table(ideas: Sequence[IdeaView]) -> None:
    table = Table(box=None, pad_edge=False, header_style="bold")
    for heading in (_("ID"), _("Received"), _("Status"), _("Unit"), _("Area"), _("Votes")):
        table.add_column(heading, no_wrap=True)
    table.add_column(_("Idea"), overflow="fold", ratio=1)
    for idea in ideas:
        table.add_row(
            idea.id,
            idea.received_on.isoformat(),
            status_text(idea),
            Text(idea.unit or "–"),
            str(idea.area) if idea.area else "–",
            str(idea.votes),
            Text(" ".join(idea.text.split())),
        )
    _console().print(table)


def idea_details(idea: IdeaView) -> None:
    console = _console()
    console.print(Text(idea.text))
    console.print()
    rows = [
        (_("ID"), idea.id),
        (_("Received"), idea.received_on.isoformat()),
        (_("From"), idea.source),
        (_("Status"), status_text(idea)),
        (_("Why not now"), idea.status_reason),
        (_("Unit"), idea.unit),
        (_("Area"), area_short(idea.area) if idea.area else ""),
        (_("Votes"), str(idea.votes) if idea.votes else ""),
    ]
    for name, value in rows:
        if value:
            console.print(Text(f"{name}: ") + Text(value.replace("\n", "\n  ")))


def _bar(received: int, initiatives: int, width: int = 40) -> str:
    bar = "■" * initiatives + "□" * (received - initiatives)
    return bar if len(bar) <= width else bar[: width - 1] + "…"


def stats_report(stats: InboxStats) -> None:
    console = _console()
    console.print(Text(summary(stats)))
    console.print(Text(verdict(stats)))
    if not stats.total:
        return
    console.print()
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column(_("Month"), no_wrap=True)
    table.add_column(_("Ideas"), justify="right")
    table.add_column(_("Became initiatives"), justify="right")
    table.add_column("", no_wrap=True)
    for month in stats.months:
        table.add_row(
            month.month,
            str(month.received),
            str(month.initiatives),
            _bar(month.received, month.initiatives),
        )
    console.print(table)
    console.print(Text(_("■ became an initiative · □ other ideas"), style="dim"))
