"""Two people changed the same text: show both, and let this person decide."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static

from forbattra.i18n import _


class ConflictScreen(ModalScreen[str]):
    """Someone else saved ``field`` while this person was editing it. Nothing has been
    overwritten. Answers ``mine`` (save this text over theirs, knowingly), ``theirs`` (take
    their text) or ``later`` (Esc: keep this text in the field, unsaved, and decide later)."""

    BINDINGS = [Binding("escape", "later", _("Decide later"), id="conflict.later")]
    # Nothing has the focus at first: keys typed on as the question appears choose nothing.
    AUTO_FOCUS = None

    def __init__(self, field: str, theirs: str, mine: str) -> None:
        super().__init__()
        self.field = field
        self.theirs = theirs
        self.mine = mine

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog -conflict") as panel:
            panel.border_title = _("Someone else changed this too")
            message = Text(
                _(
                    "Someone else saved “{field}” while you were editing it. Nothing has been"
                    " overwritten. Which text should be kept?"
                ).format(field=self.field)
            )
            yield Static(message, classes="dialog-message", markup=False)
            yield Static(Text(_("Their text"), style="bold"), markup=False)
            yield Static(Text(self.theirs or "–"), classes="conflict-text", markup=False)
            yield Static(Text(_("Your text"), style="bold"), markup=False)
            yield Static(Text(self.mine or "–"), classes="conflict-text", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Keep mine"), variant="warning", id="conflict-mine", compact=True)
                yield Button(_("Use theirs"), id="conflict-theirs", compact=True)
            yield Static(
                _("Tab to a choice, then Enter. Esc keeps your text here, unsaved, for now."),
                classes="dialog-hint",
                markup=False,
            )
        yield Footer()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss("mine" if event.button.id == "conflict-mine" else "theirs")

    def action_later(self) -> None:
        self.dismiss("later")
