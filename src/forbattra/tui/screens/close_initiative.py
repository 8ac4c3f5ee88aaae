"""Close without prestige (avsluta utan prestige): one dialog, from any phase of either method.

The reason, what was learned (required), what is kept or spread, what is stopped because of
it, the hours freed, who decided and when. Closing is a normal, respected ending: the words
here never speak of failure. A refusal (no lesson, say) is shown in the dialog, beside the
form, and nothing typed is lost. The service runs in a thread worker.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Select, Static, TextArea
from textual.worker import Worker, WorkerState

from forbattra.core import closure as rules
from forbattra.core.domain import ClosureView, NewClosure
from forbattra.core.vocabulary import ClosureReason, label
from forbattra.i18n import _
from forbattra.tui import form_values
from forbattra.tui.not_open import not_open_reason
from forbattra.tui.widgets.dialog_scroll import DialogScroll

if TYPE_CHECKING:
    from forbattra.tui.app import ForbattraApp


def closed_message(closure: ClosureView) -> str:
    """What the team reads once it is closed: respectful, and where the lesson went."""
    return _(
        "Closed without prestige ({reason}). The lesson is recorded and counts among"
        " the portfolio's lessons."
    ).format(reason=label(closure.reason))


class CloseInitiativeScreen(ModalScreen[ClosureView | None]):
    """The closing form. ctrl+s (or the button) closes; Esc cancels, asking first when
    something was typed. Dismissed with the stored closure, or None."""

    DEFAULT_CSS = """
    CloseInitiativeScreen { align: center middle; }
    #close-form {
        grid-size: 2;
        grid-columns: 21 1fr;  /* "Behålla eller sprida" is 20 wide */
        grid-rows: 1 1 3 1 1 1 1 1;
        grid-gutter: 0 1;
        height: auto;
        margin: 1 0 0 0;
    }
    #close-learned { height: 3; background: $boost; }
    #close-problem { color: $text-error; text-style: bold; }
    """

    BINDINGS = [
        Binding("ctrl+s", "close_it", _("Close the initiative"), id="close.save"),
        Binding("escape", "cancel", _("Cancel"), id="close.cancel"),
    ]

    def __init__(self, initiative_id: int, title: str, phase_name: str) -> None:
        super().__init__()
        self.initiative_id = initiative_id
        self.initiative_title = title
        self.phase_name = phase_name
        self._busy = False
        self._warned = False

    @property
    def forbattra(self) -> ForbattraApp:
        from forbattra.tui.app import ForbattraApp

        assert isinstance(self.app, ForbattraApp)
        return self.app

    def compose(self) -> ComposeResult:
        with DialogScroll(classes="dialog", id="close-dialog") as panel:
            panel.border_title = Text(
                _("Close without prestige: {title}").format(title=self.initiative_title)
            )
            yield Static(
                Text(
                    _(
                        "Ending an initiative is a normal, respected result. It is in {phase} now;"
                        " what you learned is what others will read."
                    ).format(phase=self.phase_name)
                ),
                classes="dialog-message",
                markup=False,
            )
            with Grid(id="close-form"):
                yield Static(_("Reason"), classes="form-label", markup=False)
                yield Select(
                    [(label(reason), reason) for reason in ClosureReason],
                    prompt=_("Choose the reason"),
                    compact=True,
                    id="close-reason",
                )
                yield Static(_("Other reason"), classes="form-label", markup=False)
                yield Input(
                    placeholder=_("only for “other reason”: a few words"),
                    compact=True,
                    id="close-reason-text",
                )
                yield Static(_("What we learned"), classes="form-label", markup=False)
                yield TextArea(
                    id="close-learned",
                    soft_wrap=True,
                    compact=True,
                    placeholder=_("What did we learn? Others will read this. (required)"),
                )
                yield Static(_("Keep or spread"), classes="form-label", markup=False)
                yield Input(
                    placeholder=_("what is worth keeping, or spreading to others"),
                    compact=True,
                    id="close-keep",
                )
                yield Static(_("We stop doing"), classes="form-label", markup=False)
                yield Input(
                    placeholder=_("what we stop doing because of this"),
                    compact=True,
                    id="close-stop-doing",
                )
                yield Static(_("Hours freed/month"), classes="form-label", markup=False)
                yield Input(placeholder=_("for example 3,5"), compact=True, id="close-freed")
                yield Static(_("Decided by"), classes="form-label", markup=False)
                yield Input(self.forbattra.settings.user, compact=True, id="close-decided-by")
                yield Static(_("Date"), classes="form-label", markup=False)
                yield Input(date.today().isoformat(), compact=True, id="close-date")
            yield Static(id="close-problem", markup=False)
            yield Static(
                _("ctrl+s closes it · Tab: next field · Esc: cancel"),
                classes="dialog-hint",
                id="close-hint",
                markup=False,
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button(
                    _("Close the initiative"), variant="primary", id="close-yes", compact=True
                )
                yield Button(_("Cancel"), id="close-no", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#close-problem", Static).display = False
        self.query_one("#close-reason", Select).focus()

    # Reading the form ----------------------------------------------------------------------

    def _value(self, widget_id: str) -> str:
        return self.query_one(widget_id, Input).value

    @property
    def learned(self) -> str:
        return self.query_one("#close-learned", TextArea).text

    def _typed(self) -> bool:
        fields = ("#close-reason-text", "#close-keep", "#close-stop-doing", "#close-freed")
        return bool(self.learned.strip()) or any(self._value(f).strip() for f in fields)

    def _read(self) -> NewClosure:
        """The closure as typed; raises FormProblem (and focuses the field) when it cannot be."""
        reason = self.query_one("#close-reason", Select).value
        if not isinstance(reason, ClosureReason):
            self._focus("#close-reason")
            raise form_values.FormProblem(
                _("Choose the reason for closing; “other reason” if none fits.")
            )
        checks = (
            ("#close-learned", rules.learned_problem(self.learned)),
            (
                "#close-reason-text",
                rules.reason_text_problem(reason, self._value("#close-reason-text")),
            ),
        )
        for widget_id, problem in checks:
            if problem:
                self._focus(widget_id)
                raise form_values.FormProblem(problem)
        try:
            freed = form_values.number(self._value("#close-freed"), _("Hours freed"))
        except form_values.FormProblem:
            self._focus("#close-freed")
            raise
        try:
            closed_on = form_values.day(self._value("#close-date"), _("Date"))
        except form_values.FormProblem:
            self._focus("#close-date")
            raise
        return NewClosure(
            reason=reason,
            learned=self.learned,
            reason_text=self._value("#close-reason-text"),
            keep=self._value("#close-keep"),
            stop_doing=self._value("#close-stop-doing"),
            freed_hours=freed,
            decided_by=self._value("#close-decided-by"),
            closed_on=closed_on,
        )

    def _focus(self, widget_id: str) -> None:
        self.query_one(widget_id).focus()

    def _problem(self, text: str) -> None:
        problem = self.query_one("#close-problem", Static)
        problem.update(Text(text))
        problem.display = True

    # Actions ---------------------------------------------------------------------------------

    @on(Button.Pressed, "#close-yes")
    def _pressed_yes(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_close_it()

    @on(Button.Pressed, "#close-no")
    def _pressed_no(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def on_input_changed(self) -> None:
        self._warned = False

    def action_close_it(self) -> None:
        if self._busy:
            return
        try:
            closure = self._read()
        except form_values.FormProblem as problem:
            self._problem(str(problem))
            return
        self._busy = True
        self._store(closure)

    @work(thread=True, group="close-initiative")
    def _store(self, closure: NewClosure) -> ClosureView | None:
        from forbattra.store.errors import StoreError
        from forbattra.store.services.closures import close_initiative

        database = self.forbattra.database
        if database is None:
            self.app.call_from_thread(self._refused, not_open_reason(self.app))
            return None
        try:
            stored = close_initiative(
                database, self.forbattra.settings.user, self.initiative_id, closure
            )
        except StoreError as error:
            self.app.call_from_thread(self._refused, str(error))
            return None
        return stored

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # Closed once the worker has finished: dismissing from inside it would unmount this
        # screen while the worker still runs, and Textual would cancel it.
        worker = event.worker
        done = worker.group == "close-initiative" and event.state is WorkerState.SUCCESS
        if done and worker.result is not None:
            self.dismiss(worker.result)

    def _refused(self, reason: str) -> None:
        self._busy = False
        self._problem(reason)

    def action_cancel(self) -> None:
        if self._typed() and not self._warned:
            self._warned = True
            self.query_one("#close-hint", Static).update(
                Text(_("Press Esc again to throw away what you typed."), style="bold")
            )
            return
        self.dismiss(None)
