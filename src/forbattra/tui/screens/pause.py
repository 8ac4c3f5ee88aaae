"""Pause an initiative until a review-by date (pausa), so a pause is never forgotten.

Past that date the portfolio flags it until someone resumes or closes it. The date is
checked here (a real date) and by the service (today or later); a refusal is shown in the
dialog and nothing typed is lost.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Static
from textual.worker import Worker, WorkerState

from forbattra.core.domain import InitiativeRow
from forbattra.core.stop_doing import add_months
from forbattra.i18n import _
from forbattra.tui import form_values
from forbattra.tui.not_open import not_open_reason

if TYPE_CHECKING:
    from forbattra.tui.app import ForbattraApp

# A pause is looked at again after this many months unless the team chooses another date.
DEFAULT_PAUSE_MONTHS = 3


class PauseScreen(ModalScreen[InitiativeRow | None]):
    """Asks for the review-by date (and, if wanted, why); Enter pauses, Esc cancels."""

    DEFAULT_CSS = """
    PauseScreen { align: center middle; }
    #pause-form {
        grid-size: 2;
        grid-columns: 16 1fr;
        grid-rows: 1 1;
        grid-gutter: 0 1;
        height: auto;
        margin: 1 0 0 0;
    }
    #pause-problem { color: $text-error; text-style: bold; }
    """

    BINDINGS = [Binding("escape", "cancel", _("Cancel"), id="pause.cancel")]

    def __init__(self, initiative_id: int, title: str, review_by: date | None = None) -> None:
        super().__init__()
        self.initiative_id = initiative_id
        self.initiative_title = title
        self.review_by = review_by or add_months(date.today(), DEFAULT_PAUSE_MONTHS)
        self._busy = False

    @property
    def forbattra(self) -> ForbattraApp:
        from forbattra.tui.app import ForbattraApp

        assert isinstance(self.app, ForbattraApp)
        return self.app

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="pause-dialog") as panel:
            panel.border_title = Text(_("Pause: {title}").format(title=self.initiative_title))
            yield Static(
                _(
                    "A pause keeps everything as it is. Choose when to look at it again;"
                    " after that date the portfolio reminds everyone."
                ),
                classes="dialog-message",
                markup=False,
            )
            with Grid(id="pause-form"):
                yield Static(_("Review by"), classes="form-label", markup=False)
                yield Input(self.review_by.isoformat(), compact=True, id="pause-review-by")
                yield Static(_("Why (optional)"), classes="form-label", markup=False)
                yield Input(
                    placeholder=_("for example: waiting for the new system"),
                    compact=True,
                    id="pause-why",
                )
            yield Static(id="pause-problem", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Pause"), variant="primary", id="pause-yes", compact=True)
                yield Button(_("Cancel"), id="pause-no", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#pause-problem", Static).display = False
        self.query_one("#pause-review-by", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_pause()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "pause-yes":
            self.action_pause()
        else:
            self.action_cancel()

    def action_pause(self) -> None:
        if self._busy:
            return
        field = self.query_one("#pause-review-by", Input)
        try:
            review_by = form_values.day(field.value, _("Review by"))
        except form_values.FormProblem as problem:
            self._refused(str(problem))
            return
        if review_by is None:
            self._refused(_("Choose a date to look at the pause again, so it is not forgotten."))
            return
        self._busy = True
        self._store(review_by, self.query_one("#pause-why", Input).value)

    @work(thread=True, group="pause")
    def _store(self, review_by: date, why: str) -> InitiativeRow | None:
        from forbattra.store.errors import StoreError
        from forbattra.store.services.closures import pause_initiative

        database = self.forbattra.database
        if database is None:
            self.app.call_from_thread(self._refused, not_open_reason(self.app))
            return None
        try:
            row = pause_initiative(
                database, self.forbattra.settings.user, self.initiative_id, review_by, why=why
            )
        except StoreError as error:
            self.app.call_from_thread(self._refused, str(error))
            return None
        return row

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # Closed once the worker has finished: dismissing from inside it would unmount this
        # screen while the worker still runs, and Textual would cancel it.
        worker = event.worker
        done = worker.group == "pause" and event.state is WorkerState.SUCCESS
        if done and worker.result is not None:
            self.dismiss(worker.result)

    def _refused(self, reason: str) -> None:
        self._busy = False
        problem = self.query_one("#pause-problem", Static)
        problem.update(Text(reason))
        problem.display = True
        self.query_one("#pause-review-by", Input).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
