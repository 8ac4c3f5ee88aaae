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
from forbattra.i18n import _

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
    """``title`` and ``help`` are message ids; ``values`` are (translated, English) pairs."""
    shown = _(title).format(**{key: pair[0] for key, pair in values.items()})
    english = title.format(**{key: pair[1] for key, pair in values.items()})
    return Command(shown, english, _(help), callback)


def _portfolio(screen: Any) -> Iterator[Command]:
    yield command("Initiative: new", "Start a new initiative", screen.action_new)
    yield command("Initiative: open", "Open the highlighted initiative", screen.action_open)
    yield command(
        "Initiative: summary", "A read-only summary of the highlighted one", screen.action_summary
    )
    yield command("Portfolio: filter", "Type words to narrow the list", screen.action_filter)
    yield command(
        "Portfolio: show or hide closed",
        "Show or hide closed and completed initiatives",
        screen.action_toggle_closed,
    )
    yield command(
        "Portfolio: sort by the next column",
        "Sort by the next column (or click a column heading)",
        screen.action_sort_next,
    )
    yield command(
        "Portfolio: reverse the order", "Reverse the sort order", screen.action_sort_reverse
    )
    yield command(
        "Portfolio: reload", "Read the initiatives from the database again", screen.action_reload
    )


def _workspace(screen: Any) -> Iterator[Command]:
    yield command(
        "Phase: move on",
        "Move the team to the next phase; first shows what is still open",
        screen.action_move_on,
    )
    yield command(
        "Phase: move back", "Move the team back to the previous phase", screen.action_move_back
    )
    for phase in methods.phases(screen.method):
        yield command(
            "Phase: show {phase}",
            "Show this phase without moving the team",
            partial(screen.view, phase.key, focus=True),
            phase=(phase.name, phase.name_msgid),
        )
    yield command(
        "Measures: open",
        "Define measures, add values, see the charts",
        screen.action_measures,
    )
    yield command("Initiative: save now", "Everything also saves by itself", screen.action_save)
    yield command("Initiative: reload", "Read the initiative again", screen.action_reload)
    yield command("Initiative: back to the portfolio", "Saves first", screen.action_leave)


def _cycle(screen: Any) -> Iterator[Command]:
    yield command(
        "Cycle: start the test",
        "Do starts today; the predictions are locked",
        screen.action_start,
    )
    yield command(
        "Cycle: next cycle", "A new cycle that carries this plan forward", screen.action_next_cycle
    )
    yield command(
        "Cycle: unlock predictions",
        "Change the predictions after the start (recorded as such)",
        screen.action_unlock,
    )
    yield command("Cycle: save now", "It also saves by itself", screen.action_save)
    yield command("Cycle: back to the initiative", "Saves first", screen.action_leave)


def _measures(screen: Any) -> Iterator[Command]:
    yield command("Measure: add values", "Type values one after another", screen.action_add_values)
    yield command("Measure: new", "Define a new measure", screen.action_new)
    yield command("Measure: edit", "Change the highlighted measure", screen.action_edit)
    yield command(
        "Measure: import CSV", "Values from a CSV file, all or none", screen.action_import_csv
    )
    yield command(
        "Chart: run chart or XmR", "Switch between run chart and XmR chart", screen.action_chart
    )
    yield command("Chart: rules Anhøj or IHI", "Switch the run chart rules", screen.action_rules)
    yield command(
        "Chart: new stage here",
        "Split the chart at the selected point, for a reason",
        screen.action_stage,
    )
    yield command("Value: change", "Change the selected value", screen.action_change_value)
    yield command(
        "Value: delete", "Delete the selected value (asks first)", screen.action_delete_value
    )
    yield command("Measures: back", "Back to the initiative", screen.action_leave)


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
    found.append(command("Help: keys", "Show every key and what it does", app.action_help))
    found.append(
        command(
            "App: colour theme",
            "Choose the colours, for example a light theme for a projector",
            app.action_change_theme,
        )
    )
    found.append(
        command(
            "App: high contrast on or off",
            "White on black with yellow highlights (ctrl+t)",
            app.action_toggle_contrast,
        )
    )
    found.append(command("App: quit", "Quit forbattra", app.action_quit))
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
