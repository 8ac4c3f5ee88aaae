"""The Textual application: small on purpose; screens do the work.

The database is opened in a thread worker after the first frame, so the window appears at
once and SQLModel's import cost (about 0.6 s) is paid while the user is already reading.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.message import Message

from forbattra.i18n import _
from forbattra.settings import Settings
from forbattra.tui.screens.portfolio import PortfolioScreen

if TYPE_CHECKING:
    from forbattra.store.database import Database


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

    CSS_PATH = "app.tcss"
    TITLE = "forbattra"
    BINDINGS = [
        Binding("ctrl+q", "quit", _("Quit"), id="quit", priority=True),
    ]

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self.database: Database | None = None
        self.sub_title = _("demo") if settings.demo else ""

    def on_mount(self) -> None:
        self.push_screen(PortfolioScreen())
        self.open_database()

    @work(thread=True, exclusive=True, group="database")
    def open_database(self) -> None:
        from forbattra.store.database import Database
        from forbattra.store.errors import StoreError

        try:
            database = Database.open(self.settings.database)
        except StoreError as error:
            self.post_message(DatabaseFailed(str(error)))
            return
        self.post_message(DatabaseReady(database))

    def on_database_ready(self, message: DatabaseReady) -> None:
        self.database = message.database
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

    def on_database_failed(self, message: DatabaseFailed) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, PortfolioScreen):
                screen.show_problem(message.reason)

    def on_unmount(self) -> None:
        if self.database is not None:
            self.database.close()


def make_app(settings: Settings) -> ForbattraApp:
    """The app factory the CLI and the tests share."""
    return ForbattraApp(settings)
