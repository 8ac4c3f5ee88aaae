"""The phase gate with the stop-doing question (DMAIC, Analyze → Improve).

The gate as always (what is still open, move on or stay), plus the question "before we add
anything new: what can we stop?", what the check holds so far, and a button that opens it.
Offered, never forced: Enter still moves on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Footer, Static

from forbattra.core.stop_doing import freed_sentence
from forbattra.i18n import _
from forbattra.tui.screens.confirm import ConfirmScreen
from forbattra.tui.widgets.bullets import bullets
from forbattra.tui.widgets.dialog_scroll import DialogScroll


class StopDoingGateScreen(ConfirmScreen):
    """A :class:`ConfirmScreen` that also offers the stop-doing check (f9 or its button).
    Opening the check answers "stay" and then calls ``open_check``."""

    BINDINGS = [
        Binding("escape", "answer(False)", _("Cancel"), id="gate.cancel"),
        Binding("f9", "open_check", _("Stop-doing check"), id="gate.stop_doing"),
    ]

    def __init__(
        self,
        title: str,
        message: str,
        *,
        initiative_id: int,
        question: str,
        open_check: Callable[[], None],
        items: Sequence[str] = (),
        confirm: str,
        cancel: str | None = None,
    ) -> None:
        super().__init__(title, message, items=items, confirm=confirm, cancel=cancel)
        self.initiative_id = initiative_id
        self.question = question
        self.open_check = open_check

    def compose(self) -> ComposeResult:
        with DialogScroll(classes="dialog", id="gate-dialog") as panel:
            panel.border_title = Text(self.heading)
            yield Static(Text(self.message), classes="dialog-message", markup=False)
            if self.items:
                yield Static(bullets(self.items), classes="dialog-items", markup=False)
            yield Static(Text("✂ " + self.question, style="bold"), id="gate-question")
            yield Static(
                _("Reading the stop-doing check…"),
                id="gate-stop-summary",
                classes="dialog-hint",
                markup=False,
            )
            # On a line of its own, so the gate's two answers fit a narrow window.
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("What can we stop? (f9)"), id="gate-stop-doing", compact=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.confirm_label, variant="primary", id="confirm-yes", compact=True)
                yield Button(self.cancel_label, id="confirm-no", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self._read_summary()

    @work(thread=True, group="gate-stop-summary")
    def _read_summary(self) -> None:
        from forbattra.store.errors import StoreError
        from forbattra.store.services.stop_doing import stop_summary
        from forbattra.tui.app import ForbattraApp

        app = self.app
        assert isinstance(app, ForbattraApp)
        if app.database is None:
            return
        try:
            summary = stop_summary(app.database, self.initiative_id)
        except StoreError:
            return  # the gate works without it
        if summary.items:
            text = _("So far: {freed}").format(freed=freed_sentence(summary))
        else:
            text = _("Nothing is listed yet. A few minutes on it now often frees hours later.")
        app.call_from_thread(self._show_summary, text)

    def _show_summary(self, text: str) -> None:
        if self.is_mounted:
            self.query_one("#gate-stop-summary", Static).update(Text(text))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        # Textual also calls ConfirmScreen's handler (it walks the classes): for the other
        # buttons that one answers; for this one, prevent_default keeps it from answering.
        if event.button.id == "gate-stop-doing":
            event.stop()
            event.prevent_default()
            self.action_open_check()

    def action_open_check(self) -> None:
        self.dismiss(False)
        self.open_check()
