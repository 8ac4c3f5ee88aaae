"""What the app tells people about the database itself: opened read-only, waiting for another
program that is writing, and the automatic backup made on leaving.

Kept apart from ``app.py`` so the app only wires it in; the backup logic is in
``store/backup.py``.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from forbattra.i18n import _

if TYPE_CHECKING:
    from textual.app import App

    from forbattra.store.database import Database

READ_ONLY_CLASS = "-read-only"


def show_read_only(app: App[None], database: Database) -> None:
    """A read-only database: the header turns to a warning colour and says so on every
    screen, and a notification explains why."""
    app.title = _("forbattra — read-only")
    app.add_class(READ_ONLY_CLASS)
    app.notify(
        _(
            "The database {path} is read-only (the file or its folder cannot be written to)."
            " You can read everything; changes cannot be saved."
        ).format(path=database.path or database.url),
        title=_("Read-only"),
        severity="warning",
        timeout=20,
        markup=False,
    )


def watch_for_waiting(app: App[None]) -> Callable[[], None]:
    """Tell the user when a save waits for another program holding the database; returns a
    function that stops listening. Called from the worker thread that is waiting."""
    from forbattra.store.engine import BUSY_TIMEOUT_MS, add_busy_listener

    def waiting() -> None:
        message = _(
            "Another program is writing to the database; waiting up to {seconds} seconds to save."
        ).format(seconds=BUSY_TIMEOUT_MS // 1000)
        if threading.current_thread() is threading.main_thread():
            app.notify(message, title=_("Busy"), severity="warning", markup=False)
            return
        # An app that is closing has nobody to tell; the save itself must go on regardless.
        with contextlib.suppress(RuntimeError):
            app.call_from_thread(
                app.notify, message, title=_("Busy"), severity="warning", markup=False
            )

    return add_busy_listener(waiting)


def backup_on_leaving(database: Database) -> str | None:
    """Make the automatic backup when something changed; returns a problem to report, if any.

    A failed backup must not stop anyone from leaving, and nothing else was at risk: the
    database itself is untouched by it.
    """
    from forbattra.store.backup import automatic_backup
    from forbattra.store.errors import StoreError

    try:
        automatic_backup(database)
    except (StoreError, OSError) as error:
        return _("The automatic backup could not be made: {reason}").format(reason=error)
    return None
