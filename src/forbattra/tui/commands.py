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


def _portfolio(screen: Any) -> Iterator[Command]:
    yield command(N_("Initiative: new"), N_("Start a new initiative"), screen.action_new)
    yield command(
        N_("Ideas: open the idea inbox"),
        N_("Leave an idea, triage ideas, see whether the inbox is used"),
        screen.action_idea_inbox,
    )
    yield command(N_("Initiative: open"), N_("Open the highlighted initiative"), screen.action_open)
    yield command(
        N_("Initiative: summary"),
        N_("A read-only summary of the highlighted one"),
        screen.action_summary,
    )
    yield command(
        N_("Document: preview and export"),
        N_("The highlighted initiative's document, as forbattra render writes it"),
        screen.action_document,
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
    yield from _closing(screen)
    yield from review_actions.portfolio_commands(screen)


def _closing(screen: Any) -> Iterator[Command]:
    yield command(
        N_("Initiative: close without prestige"),
        N_("Record the reason, what was learned and the time freed"),
        screen.action_close_initiative,
    )
    yield command(
        N_("Initiative: pause or resume"),
        N_("Pause until a review date, or resume a paused one"),
        screen.action_pause,
    )
    yield command(
        N_("Initiative: reopen"),
        N_("Take a closed initiative up again (asks first)"),
        screen.action_reopen,
    )
    yield command(
        N_("Stop doing: check a unit's routines"),
        N_("A stop-doing check tied to no initiative"),
        screen.action_unit_stop_doing,
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
        N_("Document: preview and export"),
        N_("The initiative's document, as forbattra render writes it (f2)"),
        screen.action_document,
    )
    yield command(
        N_("Initiative: save now"), N_("Everything also saves by itself"), screen.action_save
    )
    yield command(N_("Initiative: reload"), N_("Read the initiative again"), screen.action_reload)
    yield command(
        N_("Stop doing: open the check"),
        N_("What can we stop, simplify or replace?"),
        screen.action_stop_doing,
    )
    yield command(
        N_("Initiative: close without prestige"),
        N_("Record the reason, what was learned and the time freed"),
        screen.action_close_initiative,
    )
    yield from review_actions.editing_commands(screen, cycle=False)
    yield from workshop_actions.workspace_commands(screen)
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
    yield command(
        N_("Document: preview and export"),
        N_("This cycle's document, as forbattra render writes it (f2)"),
        screen.action_document,
    )
    yield command(
        N_("Stop doing: open the check"),
        N_("What can we stop, simplify or replace?"),
        screen.action_stop_doing,
    )
    yield command(
        N_("Initiative: close without prestige"),
        N_("Record the reason, what was learned and the time freed"),
        screen.action_close_initiative,
    )
    yield from review_actions.editing_commands(screen, cycle=True)
    yield command(N_("Cycle: back to the initiative"), N_("Saves first"), screen.action_leave)


def _stop_doing(screen: Any) -> Iterator[Command]:
    yield command(N_("Stop doing: add an activity"), N_("List an activity"), screen.action_add)
    yield command(N_("Stop doing: edit"), N_("Change the highlighted activity"), screen.action_edit)
    yield command(
        N_("Stop doing: decide"),
        N_("Keep, simplify, replace or stop, with a reason and the time freed"),
        screen.action_decide,
    )
    yield command(
        N_("Stop doing: follow up"),
        N_("Did stopping hurt? Confirmed, or restarted with why"),
        screen.action_follow_up,
    )
    yield command(
        N_("Stop doing: remove"),
        N_("Remove the highlighted activity (asks first)"),
        screen.action_remove,
    )
    yield command(N_("Stop doing: back"), N_("Back to where you came from"), screen.action_leave)


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
    yield command(
        N_("Chart: remove stage"),
        N_("Remove the stage the selected value is in (asks first)"),
        screen.action_unstage,
    )
    yield command(N_("Value: change"), N_("Change the selected value"), screen.action_change_value)
    yield command(
        N_("Value: delete"),
        N_("Delete the selected value (asks first)"),
        screen.action_delete_value,
    )
    yield command(N_("Measures: back"), N_("Back to the initiative"), screen.action_leave)


def _document(screen: Any) -> Iterator[Command]:
    yield command(
        N_("Document: export"),
        N_("Save it as a markdown file; the notification names the file"),
        screen.action_export,
    )
    yield command(N_("Document: back"), N_("Close the preview"), screen.action_close)


def _ideas(screen: Any) -> Iterator[Command]:
    yield command(
        N_("Idea: new"), N_("Leave an idea, anonymously unless signed"), screen.action_new
    )
    yield command(
        N_("Idea: review"), N_("Take the highlighted idea up for review"), screen.action_review
    )
    yield command(
        N_("Idea: not now"),
        N_("Not now, with a reason the submitter can read"),
        screen.action_not_now,
    )
    yield command(
        N_("Idea: turn into an initiative"),
        N_("A new initiative that quotes the idea, linked both ways"),
        screen.action_accept,
    )
    yield command(
        N_("Idea: delete"), N_("Delete the idea for good (asks first)"), screen.action_delete
    )
    yield command(
        N_("Ideas: show one status"), N_("Show only one status, in turn"), screen.action_filter
    )
    yield command(N_("Ideas: back"), N_("Back to the portfolio"), screen.action_leave)


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
        found.extend(_ideas(screen))
    elif isinstance(screen, WorkspaceScreen):
        found.extend(_workspace(screen))
    elif isinstance(screen, CycleScreen):
        found.extend(_cycle(screen))
    elif isinstance(screen, MeasuresScreen):
        found.extend(_measures(screen))
    elif isinstance(screen, StopDoingScreen):
        found.extend(_stop_doing(screen))
    elif isinstance(screen, DocumentScreen):
        found.extend(_document(screen))
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
