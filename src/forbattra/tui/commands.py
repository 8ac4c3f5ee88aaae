"""The command palette's commands (ctrl+p), translated, with "area: verb" titles.

Textual's own system commands are English; the app yields these instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from forbattra.i18n import _

if TYPE_CHECKING:
    from textual.screen import Screen

    from forbattra.tui.app import ForbattraApp


def system_commands(app: ForbattraApp, screen: Screen[object]) -> Iterator[SystemCommand]:
    """Commands for ``screen`` first, then those that work everywhere."""
    from forbattra.tui.screens.portfolio import PortfolioScreen

    if isinstance(screen, PortfolioScreen):
        yield SystemCommand(
            _("Portfolio: filter"),
            _("Type words to narrow the list"),
            screen.action_filter,
        )
        yield SystemCommand(
            _("Portfolio: show or hide closed"),
            _("Show or hide closed and completed initiatives"),
            screen.action_toggle_closed,
        )
        yield SystemCommand(
            _("Portfolio: sort by the next column"),
            _("Sort by the next column (or click a column heading)"),
            screen.action_sort_next,
        )
        yield SystemCommand(
            _("Portfolio: reverse the order"),
            _("Reverse the sort order"),
            screen.action_sort_reverse,
        )
        yield SystemCommand(
            _("Portfolio: reload"),
            _("Read the initiatives from the database again"),
            screen.action_reload,
        )
    yield SystemCommand(_("Help: keys"), _("Show every key and what it does"), app.action_help)
    yield SystemCommand(
        _("App: colour theme"),
        _("Choose the colours, for example a light theme for a projector"),
        app.action_change_theme,
    )
    yield SystemCommand(_("App: quit"), _("Quit forbattra"), app.action_quit)
