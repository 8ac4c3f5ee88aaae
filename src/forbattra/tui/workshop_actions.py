"""The workshop tools in the command palette: on every screen, and in the workspace."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from forbattra.i18n import N_

if TYPE_CHECKING:
    from forbattra.tui.app import ForbattraApp
    from forbattra.tui.commands import Command


def open_matrix(screen: Any) -> None:
    from forbattra.tui.screens.matrix import MatrixScreen

    screen.app.push_screen(MatrixScreen(screen.initiative_id, str(screen.title or "")))


def workspace_commands(screen: Any) -> Iterator[Command]:
    from forbattra.core.voting import VoteTarget
    from forbattra.tui.commands import command
    from forbattra.tui.screens.dot_vote import open_dot_vote

    yield command(
        N_("Workshop: dot vote on causes"),
        N_("Each participant's dots on the causes; the tally sorts them"),
        partial(open_dot_vote, screen, VoteTarget.CAUSE),
    )
    yield command(
        N_("Workshop: dot vote on solutions"),
        N_("Each participant's dots on the solutions or change ideas"),
        partial(open_dot_vote, screen, VoteTarget.SOLUTION),
    )
    yield command(
        N_("Workshop: impact and effort matrix"),
        N_("Place the solutions; test the quick wins first"),
        partial(open_matrix, screen),
    )


def app_commands(app: ForbattraApp) -> Iterator[Command]:
    from forbattra.tui.commands import command

    yield command(
        N_("Workshop: timebox"),
        N_("Start, pause or stop a timer for an exercise (f5)"),
        app.action_timebox,
    )
    yield command(
        N_("Workshop: parking lot"),
        N_("Questions and ideas for later in the workshop (f6)"),
        app.action_parking_lot,
    )
    yield command(
        N_("Workshop: projector mode on or off"),
        N_("Large and high contrast, for the back of the room (f7)"),
        app.action_toggle_projector,
    )
