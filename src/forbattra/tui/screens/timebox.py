"""The timebox dialogs behind f5: start one ("10 minutes: causes"), or steer the one running."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from forbattra.core.timebox import TimeboxError, clock_text, parse_minutes
from forbattra.i18n import _

if TYPE_CHECKING:
    from forbattra.tui.widgets.timebox import WorkshopControl

DIALOG_WIDTH = 64
_DIALOG_CSS = """
TimeboxStartScreen, TimeboxScreen { align: center middle; }
.timebox-label { margin-top: 1; }
#timebox-left { text-style: bold; margin: 1 0; }
"""


class TimeboxStartScreen(ModalScreen[None]):
    """What the time is for and how many minutes; Enter starts it."""

    DEFAULT_CSS = _DIALOG_CSS
    BINDINGS = [Binding("escape", "cancel", _("Cancel"), id="timebox.cancel")]

    def __init__(self, control: WorkshopControl, label: str = "", minutes: str = "10") -> None:
        super().__init__()
        self.control = control
        self.label = label
        self.minutes = minutes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="timebox-start") as panel:
            panel.border_title = _("Start a timebox")
            panel.styles.max_width = DIALOG_WIDTH  # inline: app.tcss sizes every .dialog
            yield Static(_("What is the time for?"), classes="timebox-label", markup=False)
            yield Input(
                self.label, placeholder=_("for example: causes"), id="timebox-what", max_length=60
            )
            yield Static(_("Minutes"), classes="timebox-label", markup=False)
            yield Input(self.minutes, id="timebox-minutes", max_length=8)
            yield Static(id="timebox-problem", classes="dialog-problem", markup=False)
            yield Static(
                _("Enter starts the time; Esc cancels."), classes="dialog-hint", markup=False
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#timebox-problem").display = False
        self.query_one("#timebox-what", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "timebox-what":
            self.query_one("#timebox-minutes", Input).focus()
            return
        self.start()

    def start(self) -> None:
        label = self.query_one("#timebox-what", Input).value
        problem = self.query_one("#timebox-problem", Static)
        try:
            minutes = parse_minutes(self.query_one("#timebox-minutes", Input).value)
            self.control.start(label, minutes)
        except TimeboxError as error:
            problem.update(Text(str(error)))
            problem.display = True
            self.query_one("#timebox-minutes", Input).focus()
            return
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class TimeboxScreen(ModalScreen[None]):
    """The timebox running: pause, more time, stop. Its time keeps running while this is open."""

    DEFAULT_CSS = _DIALOG_CSS
    BINDINGS = [
        Binding("space,p", "pause", _("Pause/resume"), id="timebox.pause"),
        Binding("1", "extend(1)", _("+1 min"), id="timebox.plus1"),
        Binding("5", "extend(5)", _("+5 min"), id="timebox.plus5"),
        Binding("s", "stop", _("Stop"), id="timebox.stop"),
        Binding("n", "new", _("New"), tooltip=_("Start a new timebox instead of this one")),
        Binding("escape,f5", "close", _("Close"), id="timebox.close"),
    ]

    def __init__(self, control: WorkshopControl) -> None:
        super().__init__()
        self.control = control

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="timebox-running") as panel:
            panel.border_title = _("Timebox")
            panel.styles.max_width = DIALOG_WIDTH
            yield Static(id="timebox-left", markup=False)
            yield Static(
                _(
                    "Space pauses or resumes · 1 and 5 add minutes · s stops · n starts a new"
                    " one · Esc closes (the time keeps running)"
                ),
                classes="dialog-hint",
                markup=False,
            )
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_left()
        self.set_interval(0.5, self.refresh_left)

    def refresh_left(self) -> None:
        timebox = self.control.timebox
        if timebox is None:
            return
        now = self.control.clock()
        text = Text()
        if timebox.label:
            text.append(timebox.label + ": ")
        if timebox.finished(now):
            text.append(_("time is up"))
        else:
            text.append(_("{time} left").format(time=clock_text(timebox.remaining(now))))
            if timebox.paused:
                text.append(" (" + _("paused") + ")")
        self.query_one("#timebox-left", Static).update(text)

    def action_pause(self) -> None:
        self.control.toggle_pause()
        self.refresh_left()

    def action_extend(self, minutes: int) -> None:
        try:
            self.control.extend(minutes)
        except TimeboxError as error:
            self.notify(str(error), severity="warning", markup=False)
        self.refresh_left()

    def action_stop(self) -> None:
        self.control.stop()
        self.notify(_("The timebox is stopped."), markup=False)
        self.dismiss(None)

    def action_new(self) -> None:
        timebox = self.control.timebox
        label = timebox.label if timebox is not None else ""
        self.dismiss(None)
        self.app.push_screen(TimeboxStartScreen(self.control, label))

    def action_close(self) -> None:
        self.dismiss(None)
