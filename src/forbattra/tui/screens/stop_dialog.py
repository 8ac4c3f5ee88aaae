"""What the stop-doing dialogs share: a modal form with a problem line and Save/Cancel
buttons that runs its service call in a thread worker and closes with what was stored.

A refusal (a time that is not a number, a restart without a why) is shown in the dialog, and
nothing typed is lost. The dialogs themselves are in
:mod:`forbattra.tui.screens.stop_doing_dialogs`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static
from textual.worker import Worker, WorkerState

from forbattra.core.domain import StopItemView
from forbattra.i18n import _
from forbattra.tui import form_values
from forbattra.tui.not_open import not_open_reason

if TYPE_CHECKING:
    from forbattra.store.database import Database
    from forbattra.tui.app import ForbattraApp

Call = Callable[["Database", str], Any]

FORM_CSS = """
    {name} {{ align: center middle; }}
    {name} .stop-form {{
        grid-size: 2;
        grid-columns: 22 1fr;
        grid-rows: 1;
        grid-gutter: 0 1;
        height: auto;
        margin: 1 0 0 0;
    }}
    {name} .stop-problem {{ color: $text-error; text-style: bold; }}
    {name} RadioSet {{ width: 100%; }}
"""


class StopDialog(ModalScreen[StopItemView | None]):
    """What the dialogs share: a problem line, buttons, running the call, Esc to cancel."""

    BINDINGS = [
        Binding("ctrl+s", "save", _("Save"), id="stop_dialog.save"),
        Binding("escape", "cancel", _("Cancel"), id="stop_dialog.cancel"),
    ]

    heading = ""
    _busy = False

    @property
    def forbattra(self) -> ForbattraApp:
        from forbattra.tui.app import ForbattraApp

        assert isinstance(self.app, ForbattraApp)
        return self.app

    def buttons(self, save: str) -> ComposeResult:
        yield Static(classes="stop-problem", id="stop-problem", markup=False)
        yield Static(
            _("ctrl+s saves · Tab: next field · Esc: cancel"), classes="dialog-hint", markup=False
        )
        with Horizontal(classes="dialog-buttons"):
            yield Button(save, variant="primary", id="stop-yes", compact=True)
            yield Button(_("Cancel"), id="stop-no", compact=True)

    def on_mount(self) -> None:
        self.query_one("#stop-problem", Static).display = False

    def value(self, widget_id: str) -> str:
        return self.query_one(widget_id, Input).value

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "stop-yes":
            self.action_save()
        else:
            self.action_cancel()

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def action_save(self) -> None:
        if self._busy:
            return
        try:
            call = self.call()
        except form_values.FormProblem as problem:
            self.refused(str(problem))
            return
        self._busy = True
        self._store(call)

    def call(self) -> Call:
        raise NotImplementedError

    @work(thread=True, group="stop-dialog")
    def _store(self, call: Call) -> StopItemView | None:
        from forbattra.store.errors import StoreError

        database = self.forbattra.database
        if database is None:
            self.app.call_from_thread(self.refused, not_open_reason(self.app))
            return None
        try:
            stored = call(database, self.forbattra.settings.user)
        except StoreError as error:
            self.app.call_from_thread(self.refused, str(error))
            return None
        assert isinstance(stored, StopItemView)
        return stored

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # Closed once the worker has finished: dismissing from inside it would unmount this
        # screen while the worker still runs, and Textual would cancel it.
        worker = event.worker
        done = worker.group == "stop-dialog" and event.state is WorkerState.SUCCESS
        if done and worker.result is not None:
            self.dismiss(worker.result)

    def on_input_changed(self) -> None:
        # A refusal stays only until the form changes (the cost line says what still fits).
        self.query_one("#stop-problem", Static).display = False

    def refused(self, reason: str) -> None:
        self._busy = False
        problem = self.query_one("#stop-problem", Static)
        problem.update(Text(reason))
        problem.display = True

    def action_cancel(self) -> None:
        self.dismiss(None)
