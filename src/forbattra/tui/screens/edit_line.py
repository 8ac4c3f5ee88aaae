"""Change one short text (a cause, a solution): Enter keeps it, Esc twice throws it away."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from forbattra.i18n import _


class EditLineScreen(ModalScreen[str | None]):
    """One line to edit. Esc on a changed text first says what it would throw away."""

    BINDINGS = [Binding("escape", "cancel", _("Cancel"), id="edit_line.cancel")]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.heading = title
        self.text = text
        self._warned = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as panel:
            panel.border_title = Text(self.heading)
            yield Input(self.text, id="edit-line", select_on_focus=False)
            yield Static(
                _("Enter keeps the change; Esc cancels."),
                id="edit-line-hint",
                classes="dialog-hint",
                markup=False,
            )
        yield Footer()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def on_input_changed(self) -> None:
        self._warned = False
        self.query_one("#edit-line-hint", Static).update(
            Text(_("Enter keeps the change; Esc cancels."))
        )

    def action_cancel(self) -> None:
        if self.query_one(Input).value != self.text and not self._warned:
            self._warned = True
            hint = self.query_one("#edit-line-hint", Static)
            hint.update(Text(_("Press Esc again to throw away your change."), style="bold"))
            return
        self.dismiss(None)
