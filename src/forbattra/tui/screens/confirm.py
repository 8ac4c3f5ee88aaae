"""A question with two answers: the phase gate, removing something, unlocking predictions."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static

from forbattra.i18n import _
from forbattra.tui.widgets.bullets import bullets
from forbattra.tui.widgets.dialog_scroll import DialogScroll


class ConfirmScreen(ModalScreen[bool]):
    """Asks before doing something that matters. ``items`` (user text, shown literally) list
    what the person should know first, such as what a phase still lacks. Enter confirms;
    Esc answers no."""

    BINDINGS = [
        Binding("escape", "answer(False)", _("Cancel"), id="confirm.cancel"),
    ]

    def __init__(
        self,
        title: str,
        message: str,
        *,
        items: Sequence[str] = (),
        confirm: str,
        cancel: str | None = None,
        warning: bool = False,
    ) -> None:
        super().__init__()
        self.heading = title
        self.message = message
        self.items = tuple(items)
        self.confirm_label = confirm
        self.cancel_label = cancel or _("Cancel")
        self.warning = warning

    def compose(self) -> ComposeResult:
        with DialogScroll(classes="dialog") as panel:
            panel.border_title = Text(self.heading)
            yield Static(Text(self.message), classes="dialog-message", markup=False)
            if self.items:
                yield Static(bullets(self.items), classes="dialog-items", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(
                    self.confirm_label,
                    variant="warning" if self.warning else "primary",
                    id="confirm-yes",
                    compact=True,
                )
                yield Button(self.cancel_label, id="confirm-no", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#confirm-yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
