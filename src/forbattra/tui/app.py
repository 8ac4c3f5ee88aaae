"""The Textual application: small on purpose; screens do the work.

The database is opened in a thread worker after the first frame, so the window appears at
once and SQLModel's import cost (about 0.6 s) is paid while the user is already reading: an
SQLite file at the current schema shows its rows first, read with ``sqlite3`` alone
(``store/services/portfolio_read.py``); anything else waits for the database, as it always did.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.command import CommandPalette, Provider
from textual.message import Message

from forbattra.i18n import _
from forbattra.settings import Settings
from forbattra.tui.commands import ForbattraCommands
from forbattra.tui.screens.portfolio import PortfolioScreen
from forbattra.tui.themes import DEFAULT_THEME, HIGH_CONTRAST
from forbattra.tui.widgets.timebox import WorkshopControl

if TYPE_CHECKING:
    from collections.abc import Callable

    from forbattra.core.domain import InitiativeRow
    from forbattra.store.database import Database

# How long the first quick read waits for another program's exclusive lock before leaving the
# file to the usual way (which waits longer and explains); readers rarely wait in WAL mode.
QUICK_READ_BUSY_S = 0.1
# How long opening the database waits for the quick rows to be drawn: importing SQLAlchemy
# holds the GIL, which would slow the drawing down.
DRAWN_WAIT_S = 1.0


class RowsRead(Message):
    """The portfolio's rows, read before the database is open; ``drawn`` is called once the
    portfolio has drawn them (or could not)."""

    def __init__(self, rows: list[InitiativeRow], drawn: Callable[[], object]) -> None:
        super().__init__()
        self.rows = rows
        self.drawn = drawn


class DatabaseReady(Message):
    """The database is open and migrated."""

    def __init__(self, database: Database) -> None:
        super().__init__()
        self.database = database


class DatabaseFailed(Message):
    """The database could not be opened; ``reason`` is one line for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


class ForbattraApp(App[None]):
    """forbattra's terminal UI."""

    # Absolute, so subclasses elsewhere (the startup benchmark) find it too.
    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "forbattra"
    COMMANDS: ClassVar[set[type[Provider] | Any]] = {ForbattraCommands}
    BINDINGS = [
        Binding("f1,question_mark", "help", _("Help"), tooltip=_("Show every key"), id="help"),
        Binding("ctrl+q", "quit", _("Quit"), tooltip=_("Quit forbattra"), id="quit", priority=True),
        Binding(
            "ctrl+p",
            "command_palette",
            _("Commands"),
            show=False,
            priority=True,
            tooltip=_("Search for a command"),
            id="command_palette",
        ),
        Binding(
            "ctrl+t",
            "toggle_contrast",
            _("High contrast"),
            show=False,
            tooltip=_("High contrast on or off: white on black, yellow highlights"),
            id="contrast",
        ),
        # Workshop tools, on every screen, even in a text (TextArea has its own f6 and f7).
        # The logic is in forbattra.tui.widgets.timebox.
        Binding(
            "f5",
            "timebox",
            _("Timebox"),
            show=False,
            priority=True,
            tooltip=_("Start, pause or stop a workshop timer"),
            id="timebox",
        ),
        Binding(
            "f6",
            "parking_lot",
            _("Parking lot"),
            show=False,
            priority=True,
            tooltip=_("Questions and ideas for later in the workshop"),
            id="parking_lot",
        ),
        Binding(
            "f7",
            "toggle_projector",
            _("Projector"),
            show=False,
            priority=True,
            tooltip=_("Projector mode on or off: large, high contrast, fewer panels"),
            id="projector",
        ),
    ]

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self.database: Database | None = None
        self.sub_title = _("demo") if settings.demo else ""
        self._theme_before_contrast = DEFAULT_THEME
        self._quit_anyway = False
        self.backup_problem: str | None = None  # printed by the CLI after the app has left
        self._stop_watching: Callable[[], None] = lambda: None
        self.database_problem: str | None = None  # why the database could not be opened
        self._quick_read = True  # only at start: a retry after a problem waits for the database
        self._warmed = False
        self._heap_settled = False
        # The clock is an attribute so tests can move time by hand.
        self.workshop = WorkshopControl(self, time.monotonic)

    def on_mount(self) -> None:
        self.register_theme(HIGH_CONTRAST)
        self.screen_change_signal.subscribe(self, self.workshop.screen_changed)
        self.push_screen(PortfolioScreen())
        self.open_database()

    @work(thread=True, exclusive=True, group="database")
    def open_database(self) -> None:
        if self._quick_read:
            self._quick_read = False
            self._read_rows_quickly()
        from forbattra.store.database import Database
        from forbattra.store.errors import StoreError

        try:
            database = Database.open(self.settings.database)
        except StoreError as error:
            self.post_message(DatabaseFailed(str(error)))
            return
        from forbattra.tui.safety import watch_for_waiting

        self._stop_watching()  # opened again (after a problem): one listener is enough
        self._stop_watching = watch_for_waiting(self)
        self.post_message(DatabaseReady(database))

    def _read_rows_quickly(self) -> None:
        """Post the rows, when the file can be read without SQLAlchemy, and wait until they
        are drawn. Only the rows: the database itself is opened (and checked, migrated,
        watched) afterwards exactly as without them, and may still refuse."""
        from forbattra.store.services.portfolio_read import quick_portfolio

        rows = quick_portfolio(
            self.settings.database, include_closed=True, busy_timeout=QUICK_READ_BUSY_S
        )
        if rows is None:
            return
        drawn = threading.Event()
        self.post_message(RowsRead(rows, drawn.set))
        drawn.wait(timeout=DRAWN_WAIT_S)

    def on_rows_read(self, message: RowsRead) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, PortfolioScreen):
                screen.show_rows_read_early(message.rows, message.drawn)
                return
        message.drawn()

    def on_database_ready(self, message: DatabaseReady) -> None:
        self.database = message.database
        self.database_problem = None
        if message.database.read_only:
            from forbattra.tui.safety import show_read_only

            show_read_only(self, message.database)
        if message.database.backup is not None:
            self.notify(
                _("The database was upgraded; a copy of the old one is in {path}").format(
                    path=message.database.backup
                ),
                markup=False,
            )
        for screen in self.screen_stack:
            if isinstance(screen, PortfolioScreen):
                screen.reload()
        self.workshop.refresh_parked()
        if not self._warmed:
            self._warmed = True
            self.warm_up_documents()

    @work(thread=True, exclusive=True, group="warm-up", exit_on_error=False)
    def warm_up_documents(self) -> None:
        """Import the documents code (Jinja2) and compile the templates while the portfolio is
        read, so the first document preview costs what the next ones do (0.2–0.4 s less). Not
        before the first frame, which would wait for it; a problem is the preview's to show."""
        from forbattra.docs import DocsError
        from forbattra.docs.environment import resolve_templates, warm

        try:
            warm(resolve_templates(None))
        except DocsError:
            return

    def settle_heap(self) -> None:
        """Once, when the portfolio has its rows and their verdicts: collect, then freeze
        what is alive (Python's ``gc.freeze``). Those objects live as long as the app, and
        every full collection would walk them all again, a 0.1–0.2 s pause at 10,000
        initiatives that lands in whatever the user does next (opening an initiative)."""
        if self._heap_settled:
            return
        self._heap_settled = True
        import gc

        gc.collect()
        gc.freeze()

    def on_database_failed(self, message: DatabaseFailed) -> None:
        self.database_problem = message.reason  # what any later action is told
        for screen in self.screen_stack:
            if isinstance(screen, PortfolioScreen):
                screen.show_problem(message.reason)

    def on_unmount(self) -> None:
        self._stop_watching()
        if self._heap_settled:
            import gc

            gc.unfreeze()  # the process may go on (the tests run many apps in one)
        if self.database is not None:
            from forbattra.tui.safety import backup_on_leaving

            self.backup_problem = backup_on_leaving(self.database)
            self.database.close()

    # Help, the command palette and Textual's built-in English texts --------------------------

    def action_help(self) -> None:
        from forbattra.tui.screens.help import (
            HelpScreen,
            Section,
            binding_entries,
            moving_around,
        )

        screen = self.screen
        if isinstance(screen, HelpScreen):
            screen.dismiss()
            return
        sections: list[Section] = []
        notes: list[str] = []
        own_help = getattr(screen, "help_sections", None)
        if own_help is not None:
            sections, notes = own_help()
        elif isinstance(screen, PortfolioScreen):
            sections.append((_("The portfolio"), binding_entries(self, PortfolioScreen.BINDINGS)))
            sections.append((_("Moving around"), moving_around()))
            notes = [
                _("Area is the Kommunkompassen area (1–8) the initiative develops."),
                _(
                    "Narrow windows leave out some columns (ID, method, area, leader, unit,"
                    " changed); widen the window, or press i on a row to see everything."
                ),
            ]
        else:
            sections.append((_("This view"), binding_entries(self, type(screen).BINDINGS)))
        sections.append((_("Everywhere"), binding_entries(self, self.BINDINGS)))
        self.push_screen(HelpScreen(sections, notes))

    def action_command_palette(self) -> None:
        if self.use_command_palette and not any(
            isinstance(s, CommandPalette) for s in self.screen_stack
        ):
            self.push_screen(
                CommandPalette(placeholder=_("Search for commands…"), id="--command-palette")
            )

    def action_change_theme(self) -> None:
        from textual.theme import ThemeProvider

        self.push_screen(
            CommandPalette(providers=[ThemeProvider], placeholder=_("Search for themes…"))
        )

    def action_help_quit(self) -> None:
        self.notify(_("Press ctrl+q to quit."), markup=False)

    def action_toggle_contrast(self) -> None:
        if self.theme == HIGH_CONTRAST.name:
            self.theme = self._theme_before_contrast
        else:
            self._theme_before_contrast = self.theme
            self.theme = HIGH_CONTRAST.name

    def action_timebox(self) -> None:
        self.workshop.open_timebox()

    def action_parking_lot(self) -> None:
        self.workshop.open_parking_lot()

    def action_toggle_projector(self) -> None:
        self.workshop.toggle_projector()

    async def action_quit(self) -> None:
        """Quit, after saving what was typed; if something cannot be saved, say so and quit
        only when asked a second time."""
        saved = True
        for screen in reversed(self.screen_stack):
            save = getattr(screen, "save_before_leaving", None)
            if save is not None and not await save():
                saved = False
        if saved or self._quit_anyway:
            self.exit()
        self._quit_anyway = True


def make_app(settings: Settings) -> ForbattraApp:
    """The app factory the CLI and the tests share."""
    from forbattra.tui.textual_words import translate_textual_bindings

    translate_textual_bindings()  # the language is set; no screen is built yet
    return ForbattraApp(settings)
