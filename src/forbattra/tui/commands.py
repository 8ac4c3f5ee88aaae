"""The command palette (ctrl+p): "area: verb" commands for the screen in use, then those that
work everywhere. Each command matches the words of the language on screen *and* English, so
"fas" and "phase" both find "Fas: gå vidare".

Textual's own system commands are English; :class:`ForbattraCommands` replaces them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from forbattra.core import methods
from forbattra.i18n import N_, _

if TYPE_CHECKING:
    from textual.screen import Screen

    from forbattra.tui.app import ForbattraApp


@dataclass(frozen=True)
class Command:
    title: str
    english: str
    help: str
    callback: Callable[[], Any]


def command(
    title: str, help: str, callback: Callable[[], Any], **values: tuple[str, str]
) -> Command:
    """``title`` and ``help`` are message ids (marked with ``N_`` so they reach the
    catalogue); ``values`` are (translated, English) pairs."""
    shown = _(title).format(**{key: pair[0] for key, pair in values.items()})
    english = title.format(**{key: pair[1] for key, pair in values.items()})
    return Command(shown, english, _(help), callback)


def _portfolio(screen: Any) -> Iterator[Command]:
    yield command(N_("Initiative: new"), N_("Start a new initiative"), screen.action_new)
    yield command(N_("Initiative: open"), N_("Open the highlighted initiative"), screen.action_open)
    yield command(
        N_("Initiative: summary"),
        N_("A read-only summary of the highlighted one"),
        screen.action_summary,
    )
    yield command(
        N_("Portfolio: filter"), N_("Type words to narrow the list"), screen.action_filter
    )
    yield command(
        N_("Portfolio: show or hide closed"),
        N_("Show or hide closed and completed initiatives"),
        screen.action_toggle_closed,
    )
    yield command(
        N_("Portfolio: sort by the next column"),
        N_("Sort by the next column (or click a column heading)"),
        screen.action_sort_next,
    )
    yield command(
        N_("Portfolio: reverse the order"), N_("Reverse the sort order"), screen.action_sort_reverse
    )
    yield command(
        N_("Portfolio: reload"),
        N_("Read the initiatives from the database again"),
        screen.action_reload,
    )


def _workspace(screen: Any) -> Iterator[Command]:
    yield command(
        N_("Phase: move on"),
        N_("Move the team to the next phase; first shows what is still open"),
        screen.action_move_on,
    )
    yield command(
        N_("Phase: move back"),
        N_("Move the team back to the previous phase"),
        screen.action_move_back,
    )
    for phase in methods.phases(screen.method):
        yield command(
            N_("Phase: show {phase}"),
            N_("Show this phase without moving the team"),
            partial(screen.view, phase.key, focus=True),
            phase=(phase.name, phase.name_msgid),
        )
    yield command(
        N_("Measures: open"),
        N_("Define measures, add values, see the charts"),
        screen.action_measures,
    )
    yield command(
        N_("Initiative: save now"), N_("Everything also saves by itself"), screen.action_save
    )
    yield command(N_("Initiative: reload"), N_("Read the initiative again"), screen.action_reload)
    yield command(N_("Initiative: back to the portfolio"), N_("Saves first"), screen.action_leave)


def _cycle(screen: Any) -> Iterator[Command]:
    yield command(
        N_("Cycle: start the test"),
        N_("Do starts today; the predictions are locked"),
        screen.action_start,
    )
    yield command(
        N_("Cycle: next cycle"),
        N_("A new cycle that carries this plan forward"),
        screen.action_next_cycle,
    )
    yield command(
        N_("Cycle: unlock predictions"),
        N_("Change the predictions after the start (recorded as such)"),
        screen.action_unlock,
    )
    yield command(N_("Cycle: save now"), N_("It also saves by itself"), screen.action_save)
    yield command(N_("Cycle: back to the initiative"), N_("Saves first"), screen.action_leave)


def _measures(screen: Any) -> Iterator[Command]:
    yield command(
        N_("Measure: add values"), N_("Type values one after another"), screen.action_add_values
    )
    yield command(N_("Measure: new"), N_("Define a new measure"), screen.action_new)
    yield command(N_("Measure: edit"), N_("Change the highlighted measure"), screen.action_edit)
    yield command(
        N_("Measure: import CSV"),
        N_("Values from a CSV file, all or none"),
        screen.action_import_csv,
    )
    yield command(
        N_("Chart: run chart or XmR"),
        N_("Switch between run chart and XmR chart"),
        screen.action_chart,
    )
    yield command(
        N_("Chart: rules Anhøj or IHI"), N_("Switch the run chart rules"), screen.action_rules
    )
    yield command(
        N_("Chart: new stage here"),
        N_("Split the chart at the selected point, for a reason"),
        screen.action_stage,
    )
    yield command(N_("Value: change"), N_("Change the selected value"), screen.action_change_value)
    yield command(
        N_("Value: delete"),
        N_("Delete the selected value (asks first)"),
        screen.action_delete_value,
    )
    yield command(N_("Measures: back"), N_("Back to the initiative"), screen.action_leave)


def commands(app: ForbattraApp, screen: Screen[Any]) -> list[Command]:
    """Commands for ``screen`` first, then those that work everywhere."""
    from forbattra.tui.screens.cycle import CycleScreen
    from forbattra.tui.screens.measures import MeasuresScreen
    from forbattra.tui.screens.portfolio import PortfolioScreen
    from forbattra.tui.screens.workspace import WorkspaceScreen

    found: list[Command] = []
    if isinstance(screen, PortfolioScreen):
        found.extend(_portfolio(screen))
    elif isinstance(screen, WorkspaceScreen):
        found.extend(_workspace(screen))
    elif isinstance(screen, CycleScreen):
        found.extend(_cycle(screen))
    elif isinstance(screen, MeasuresScreen):
        found.extend(_measures(screen))
    found.append(command(N_("Help: keys"), N_("Show every key and what it does"), app.action_help))
    found.append(
        command(
            N_("App: colour theme"),
            N_("Choose the colours, for example a light theme for a projector"),
            app.action_change_theme,
        )
    )
    found.append(
        command(
            N_("App: high contrast on or off"),
            N_("White on black with yellow highlights (ctrl+t)"),
            app.action_toggle_contrast,
        )
    )
    found.append(command(N_("App: quit"), N_("Quit forbattra"), app.action_quit))
    return found


class ForbattraCommands(Provider):
    """The palette's commands, matched in the language on screen and in English."""

    def _commands(self) -> list[Command]:
        from forbattra.tui.app import ForbattraApp

        app = self.app
        assert isinstance(app, ForbattraApp)
        return commands(app, self.screen)

    async def discover(self) -> Hits:
        for found in self._commands():
            yield DiscoveryHit(found.title, found.callback, help=found.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for found in self._commands():
            shown = matcher.match(found.title)
            english = matcher.match(found.english) if found.english != found.title else 0
            score = max(shown, english)
            if score <= 0:
                continue
            title = matcher.highlight(found.title) if shown >= english else Content(found.title)
            help_text = found.help if shown >= english else f"{found.english} · {found.help}"
            yield Hit(score, title, found.callback, text=found.title, help=help_text)
