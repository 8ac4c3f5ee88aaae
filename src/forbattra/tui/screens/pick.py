"""Pick one of a few choices (a cause's category)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList

from forbattra.i18n import _


class PickScreen(ModalScreen[int | None]):
    """A short list; Enter picks the highlighted choice, Esc picks nothing."""

    BINDINGS = [Binding("escape", "cancel", _("Cancel"), id="pick.cancel")]

    def __init__(self, title: str, choices: Sequence[str], highlighted: int = 0) -> None:
        super().__init__()
        self.heading = title
        self.choices = tuple(choices)
        self.highlighted = highlighted

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="pick-dialog") as panel:
            panel.border_title = Text(self.heading)
            yield OptionList(*[Text(choice) for choice in self.choices], id="pick-list")
        yield Footer()

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = self.highlighted
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option_index)

    def action_cancel(self) -> None:
        self.dismiss(None)
