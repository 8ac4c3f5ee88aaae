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
from forbattra.tui import review_actions, workshop_actions

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


# (title, help, action): message ids marked with N_, and the screen's action without "action_".
Row = tuple[str, str, str]

PORTFOLIO: tuple[Row, ...] = (
    (N_("Initiative: new"), N_("Start a new initiative"), "new"),
    (
        N_("Ideas: open the idea inbox"),
        N_("Leave an idea, triage ideas, see whether the inbox is used"),
        "idea_inbox",
    ),
    (N_("Initiative: open"), N_("Open the highlighted initiative"), "open"),
    (N_("Initiative: summary"), N_("A read-only summary of the highlighted one"), "summary"),
    (
        N_("Document: preview and export"),
        N_("The highlighted initiative's document, as forbattra render writes it"),
        "document",
    ),
    (N_("Portfolio: filter"), N_("Type words to narrow the list"), "filter"),
    (
        N_("Portfolio: show or hide closed"),
        N_("Show or hide closed and completed initiatives"),
        "toggle_closed",
    ),
    (
        N_("Portfolio: sort by the next column"),
        N_("Sort by the next column (or click a column heading)"),
        "sort_next",
    ),
    (N_("Portfolio: reverse the order"), N_("Reverse the sort order"), "sort_reverse"),
    (N_("Portfolio: reload"), N_("Read the initiatives from the database again"), "reload"),
    (
        N_("Initiative: close without prestige"),
        N_("Record the reason, what was learned and the time freed"),
        "close_initiative",
    ),
    (
        N_("Initiative: pause or resume"),
        N_("Pause until a review date, or resume a paused one"),
        "pause",
    ),
    (N_("Initiative: reopen"), N_("Take a closed initiative up again (asks first)"), "reopen"),
    (
        N_("Stop doing: check a unit's routines"),
        N_("A stop-doing check tied to no initiative"),
        "unit_stop_doing",
    ),
)

WORKSPACE_PHASES: tuple[Row, ...] = (
    (
        N_("Phase: move on"),
        N_("Move the team to the next phase; first shows what is still open"),
        "move_on",
    ),
    (N_("Phase: move back"), N_("Move the team back to the previous phase"), "move_back"),
)

WORKSPACE: tuple[Row, ...] = (
    (N_("Measures: open"), N_("Define measures, add values, see the charts"), "measures"),
    (
        N_("Document: preview and export"),
        N_("The initiative's document, as forbattra render writes it (f2)"),
        "document",
    ),
    (N_("Initiative: save now"), N_("Everything also saves by itself"), "save"),
    (N_("Initiative: reload"), N_("Read the initiative again"), "reload"),
    (N_("Stop doing: open the check"), N_("What can we stop, simplify or replace?"), "stop_doing"),
    (
        N_("Initiative: close without prestige"),
        N_("Record the reason, what was learned and the time freed"),
        "close_initiative",
    ),
)

CYCLE: tuple[Row, ...] = (
    (N_("Cycle: start the test"), N_("Do starts today; the predictions are locked"), "start"),
    (N_("Cycle: next cycle"), N_("A new cycle that carries this plan forward"), "next_cycle"),
    (
        N_("Cycle: unlock predictions"),
        N_("Change the predictions after the start (recorded as such)"),
        "unlock",
    ),
    (N_("Cycle: save now"), N_("It also saves by itself"), "save"),
    (
        N_("Document: preview and export"),
        N_("This cycle's document, as forbattra render writes it (f2)"),
        "document",
    ),
    (N_("Stop doing: open the check"), N_("What can we stop, simplify or replace?"), "stop_doing"),
    (
        N_("Initiative: close without prestige"),
        N_("Record the reason, what was learned and the time freed"),
        "close_initiative",
    ),
)

STOP_DOING: tuple[Row, ...] = (
    (N_("Stop doing: add an activity"), N_("List an activity"), "add"),
    (N_("Stop doing: edit"), N_("Change the highlighted activity"), "edit"),
    (
        N_("Stop doing: decide"),
        N_("Keep, simplify, replace or stop, with a reason and the time freed"),
        "decide",
    ),
    (
        N_("Stop doing: follow up"),
        N_("Did stopping hurt? Confirmed, or restarted with why"),
        "follow_up",
    ),
    (N_("Stop doing: remove"), N_("Remove the highlighted activity (asks first)"), "remove"),
    (N_("Stop doing: back"), N_("Back to where you came from"), "leave"),
)

MEASURES: tuple[Row, ...] = (
    (N_("Measure: add values"), N_("Type values one after another"), "add_values"),
    (N_("Measure: new"), N_("Define a new measure"), "new"),
    (N_("Measure: edit"), N_("Change the highlighted measure"), "edit"),
    (N_("Measure: import CSV"), N_("Values from a CSV file, all or none"), "import_csv"),
    (N_("Chart: run chart or XmR"), N_("Switch between run chart and XmR chart"), "chart"),
    (N_("Chart: rules Anhøj or IHI"), N_("Switch the run chart rules"), "rules"),
    (
        N_("Chart: new stage here"),
        N_("Split the chart at the selected point, for a reason"),
        "stage",
    ),
    (
        N_("Chart: remove stage"),
        N_("Remove the stage the selected value is in (asks first)"),
        "unstage",
    ),
    (N_("Value: change"), N_("Change the selected value"), "change_value"),
    (N_("Value: delete"), N_("Delete the selected value (asks first)"), "delete_value"),
    (N_("Measures: back"), N_("Back to the initiative"), "leave"),
)

DOCUMENT: tuple[Row, ...] = (
    (
        N_("Document: export"),
        N_("Save it as a markdown file; the notification names the file"),
        "export",
    ),
    (N_("Document: back"), N_("Close the preview"), "close"),
)

IDEAS: tuple[Row, ...] = (
    (N_("Idea: new"), N_("Leave an idea, anonymously unless signed"), "new"),
    (N_("Idea: review"), N_("Take the highlighted idea up for review"), "review"),
    (N_("Idea: not now"), N_("Not now, with a reason the submitter can read"), "not_now"),
    (
        N_("Idea: turn into an initiative"),
        N_("A new initiative that quotes the idea, linked both ways"),
        "accept",
    ),
    (N_("Idea: delete"), N_("Delete the idea for good (asks first)"), "delete"),
    (N_("Ideas: show one status"), N_("Show only one status, in turn"), "filter"),
    (N_("Ideas: back"), N_("Back to the portfolio"), "leave"),
)


def offered(screen: Any, rows: tuple[Row, ...]) -> Iterator[Command]:
    """The commands of ``rows`` that ``screen`` offers now: what its footer would not dim or
    hide (a closed initiative's editing, say, or an action with nothing highlighted)."""
    for title, help, action in rows:
        if screen.check_action(action, ()):
            yield command(title, help, getattr(screen, f"action_{action}"))


def _portfolio(screen: Any) -> Iterator[Command]:
    yield from offered(screen, PORTFOLIO)
    yield from review_actions.portfolio_commands(screen)


def _workspace(screen: Any) -> Iterator[Command]:
    yield from offered(screen, WORKSPACE_PHASES)
    for phase in methods.phases(screen.method):
        yield command(
            N_("Phase: show {phase}"),
            N_("Show this phase without moving the team"),
            partial(screen.view, phase.key, focus=True),
            phase=(phase.name, phase.name_msgid),
        )
    yield from offered(screen, WORKSPACE)
    yield from review_actions.editing_commands(screen, cycle=False)
    yield from workshop_actions.workspace_commands(screen)
    yield command(N_("Initiative: back to the portfolio"), N_("Saves first"), screen.action_leave)


def _cycle(screen: Any) -> Iterator[Command]:
    yield from offered(screen, CYCLE)
    yield from review_actions.editing_commands(screen, cycle=True)
    yield command(N_("Cycle: back to the initiative"), N_("Saves first"), screen.action_leave)


def commands(app: ForbattraApp, screen: Screen[Any]) -> list[Command]:
    """Commands for ``screen`` first, then those that work everywhere."""
    from forbattra.tui.screens.cycle import CycleScreen
    from forbattra.tui.screens.document import DocumentScreen
    from forbattra.tui.screens.ideas import IdeasScreen
    from forbattra.tui.screens.measures import MeasuresScreen
    from forbattra.tui.screens.portfolio import PortfolioScreen
    from forbattra.tui.screens.stop_doing import StopDoingScreen
    from forbattra.tui.screens.workspace import WorkspaceScreen

    found: list[Command] = []
    if isinstance(screen, PortfolioScreen):
        found.extend(_portfolio(screen))
    elif isinstance(screen, IdeasScreen):
        found.extend(offered(screen, IDEAS))
    elif isinstance(screen, WorkspaceScreen):
        found.extend(_workspace(screen))
    elif isinstance(screen, CycleScreen):
        found.extend(_cycle(screen))
    elif isinstance(screen, MeasuresScreen):
        found.extend(offered(screen, MEASURES))
    elif isinstance(screen, StopDoingScreen):
        found.extend(offered(screen, STOP_DOING))
    elif isinstance(screen, DocumentScreen):
        found.extend(offered(screen, DOCUMENT))
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
    found.extend(workshop_actions.app_commands(app))
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
