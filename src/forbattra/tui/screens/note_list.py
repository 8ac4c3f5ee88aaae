"""What the comments (f3) and the parking lot (f6) share: a line to type a short note into, a
list of notes below it, and every write followed by reading the list again, in a thread.

A subclass says how to read its notes (:meth:`read_notes`, in the worker) and how to show them
(:meth:`show_notes`); writing is :meth:`write_then_read` with a service call.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from textual import work
from textual.screen import Screen
from textual.widgets import Input

from forbattra.tui.not_open import not_open_reason

if TYPE_CHECKING:
    from forbattra.store.database import Database
    from forbattra.tui.app import ForbattraApp

NoteCall = Callable[["Database", str], Any]
Note = TypeVar("Note")


class NoteListScreen(Screen[None], Generic[Note]):
    """A list of notes on one subject; Enter in the line adds one, Esc leaves (asking once
    when something typed would be thrown away)."""

    def __init__(self) -> None:
        super().__init__()
        self._warned = False

    @property
    def forbattra(self) -> ForbattraApp:
        from forbattra.tui.app import ForbattraApp

        assert isinstance(self.app, ForbattraApp)
        return self.app

    def read_notes(self, database: Database) -> Sequence[Note]:
        """The notes as stored now (runs in the worker thread)."""
        raise NotImplementedError

    def show_notes(self, notes: Sequence[Note], keep_id: int | None) -> None:
        """Draw ``notes``, the cursor on ``keep_id`` where it is one of them."""
        raise NotImplementedError

    def leave_warning(self) -> str:
        """What Esc says the first time, when the line holds text."""
        raise NotImplementedError

    def reload(self, keep_id: int | None = None) -> None:
        self.write_then_read(None, keep_id=keep_id)

    @work(thread=True, group="notes", exclusive=False)
    def write_then_read(
        self,
        call: NoteCall | None,
        *,
        keep_id: int | None = None,
        failed: Callable[[str], None] | None = None,
        done: str = "",
    ) -> None:
        """Write with ``call`` (if any), then read the notes again and show them; a refused
        write is told (and passed to ``failed``), and the list is shown as it is anyway."""
        from forbattra.store.errors import StoreError

        database = self.forbattra.database
        if database is None:
            self.app.call_from_thread(self._problem, not_open_reason(self.app), failed)
            return
        try:
            if call is not None:
                result = call(database, self.forbattra.settings.user)
                keep_id = getattr(result, "id", keep_id)
                if done:
                    self.app.call_from_thread(self.notify, done, markup=False)
        except StoreError as error:
            self.app.call_from_thread(self._problem, str(error), failed)
        try:
            notes = self.read_notes(database)
        except StoreError as error:
            self.app.call_from_thread(self._problem, str(error), None)
            return
        self.app.call_from_thread(self._show, notes, keep_id)

    def _show(self, notes: Sequence[Note], keep_id: int | None) -> None:
        if self.is_mounted:
            self.show_notes(notes, keep_id)

    def _problem(self, reason: str, failed: Callable[[str], None] | None) -> None:
        self.notify(reason, severity="warning", markup=False, timeout=8)
        if failed is not None:
            failed(reason)

    def add_typed(self, field: Input, make_call: Callable[[str], NoteCall]) -> None:
        """Write what ``field`` holds with ``make_call(text)``; the line empties at once and
        gets the text back if the write is refused: nothing a user typed is lost."""
        text = field.value
        if not text.strip():
            return
        field.value = ""
        self._warned = False

        def refused(_reason: str) -> None:
            if not field.value:
                field.value = text

        self.write_then_read(make_call(text), failed=refused)

    def action_leave(self) -> None:
        field = self.query_one(Input)
        if field.value.strip() and not self._warned:
            self._warned = True
            self.notify(self.leave_warning(), markup=False)
            return
        self.dismiss(None)
