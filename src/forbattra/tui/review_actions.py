"""Opening the coach's screens from the portfolio, the workspace and the cycle editor, and
their command palette entries, so those shared screens only need a binding and a line each."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from forbattra.core import methods
from forbattra.i18n import N_, _

if TYPE_CHECKING:
    from textual.screen import Screen

    from forbattra.tui.commands import Command


def open_history(screen: Screen[Any], initiative_id: int, title: str) -> None:
    from forbattra.tui.screens.history import HistoryScreen

    screen.app.push_screen(HistoryScreen(initiative_id, title))


def open_comments(
    screen: Screen[Any], initiative_id: int, target: str, about: str, title: str
) -> None:
    from forbattra.tui.screens.comments import CommentsScreen

    screen.app.push_screen(CommentsScreen(initiative_id, target, about, title))


def workspace_comments(screen: Any) -> None:
    """f3 in the workspace: the comments on the phase shown."""
    workspace = screen.workspace
    if workspace is None:
        return
    initiative = workspace.initiative
    key = screen.viewed or initiative.phase
    phase = methods.phase(initiative.method, key)
    about = _("the {phase} phase").format(phase=phase.name if phase else key)
    open_comments(screen, initiative.id, f"phase:{key}", about, initiative.title)


def cycle_comments(screen: Any) -> None:
    """f3 in the cycle editor: the comments on this cycle."""
    cycle = screen.cycle
    if cycle is None:
        return
    title = screen.workspace.initiative.title if screen.workspace else ""
    about = _("cycle {number}").format(number=cycle.number)
    open_comments(screen, screen.initiative_id, f"cycle:{cycle.number}", about, title)


def editing_history(screen: Any) -> None:
    """f4 in the workspace or the cycle editor."""
    title = screen.workspace.initiative.title if screen.workspace else ""
    open_history(screen, screen.initiative_id, title)


def portfolio_history(screen: Any) -> None:
    """h on the portfolio: the history of the highlighted initiative."""
    row = screen._highlighted_row()
    if row is not None:
        open_history(screen, row.id, row.title)


def open_queue(screen: Screen[Any]) -> None:
    from forbattra.tui.screens.review_queue import ReviewQueueScreen

    screen.app.push_screen(ReviewQueueScreen())


def open_overview(screen: Screen[Any]) -> None:
    from forbattra.tui.screens.overview import OverviewScreen

    screen.app.push_screen(OverviewScreen())


def open_archive(screen: Screen[Any]) -> None:
    from forbattra.tui.screens.archive import ArchiveScreen

    screen.app.push_screen(ArchiveScreen())


# The command palette ---------------------------------------------------------------------------


def portfolio_commands(screen: Any) -> Iterator[Command]:
    from forbattra.tui.commands import command

    yield command(
        N_("Review: history"),
        N_("The history of the highlighted initiative"),
        screen.action_history,
    )
    yield command(
        N_("Review: queue"),
        N_("What needs a coach's look across all initiatives"),
        screen.action_review_queue,
    )
    yield command(
        N_("Review: portfolio overview"),
        N_("What is being done and where the improvements are"),
        screen.action_overview,
    )
    yield command(
        N_("Review: learning archive"),
        N_("Search what other teams tried, closed initiatives included"),
        screen.action_archive,
    )


def editing_commands(screen: Any, *, cycle: bool) -> Iterator[Command]:
    from forbattra.tui.commands import command

    if cycle:
        yield command(
            N_("Review: comments on this cycle"),
            N_("Read, write and resolve comments"),
            screen.action_comments,
        )
    else:
        yield command(
            N_("Review: comments on this phase"),
            N_("Read, write and resolve comments"),
            screen.action_comments,
        )
    yield command(
        N_("Review: history"), N_("What happened to this initiative"), screen.action_history
    )
