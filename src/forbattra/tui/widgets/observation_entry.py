"""Quick entry of values: period, value, note; Enter stores it and the next period is ready.

The widget reads and checks what is typed (:func:`~forbattra.tui.measures_model.parse_entry`)
and posts :class:`ObservationEntry.Submitted`; the screen stores it in a thread worker and
answers with :meth:`ObservationEntry.saved` or :meth:`ObservationEntry.refused`. A bad value
gets a message under the fields and nothing typed is cleared.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Static

from forbattra.i18n import _
from forbattra.tui.measures_model import Entry, EntryProblem, parse_entry


def _hint() -> str:
    return _("Enter stores the value and gets the next period ready · Esc closes")


class ObservationEntry(Vertical):
    """Three fields in a row and a line for what happened; hidden until :meth:`open`."""

    BINDINGS = [
        Binding("escape", "close", _("Close"), tooltip=_("Close the quick entry")),
    ]

    class Submitted(Message):
        """A checked entry, ready to be stored."""

        def __init__(self, entry: Entry) -> None:
            super().__init__()
            self.entry = entry

    class Closed(Message):
        """The entry was closed (Esc)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.year = 2000
        self.busy = False
        self._warned = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="entry-fields"):
            yield Static(_("Period"), classes="entry-label", markup=False)
            yield Input(placeholder="2025-W12", id="entry-period", compact=True)
            yield Static(_("Value"), classes="entry-label", markup=False)
            yield Input(id="entry-value", compact=True)
            yield Static(_("Note"), classes="entry-label", markup=False)
            yield Input(placeholder=_("what happened (optional)"), id="entry-note", compact=True)
        yield Static(_hint(), id="entry-message", markup=False)

    def field(self, name: str) -> Input:
        return self.query_one(f"#entry-{name}", Input)

    def open(self, period: str, year: int) -> None:
        """Show the fields with ``period`` filled in; the cursor goes to the value."""
        self.year = year
        self.busy = False
        self.display = True
        if period and not self.field("value").value:
            self.field("period").value = period
        self._say(_hint())
        (self.field("value") if self.field("period").value else self.field("period")).focus()

    def typed(self) -> bool:
        return bool(self.field("value").value.strip() or self.field("note").value.strip())

    def _say(self, text: str, *, problem: bool = False) -> None:
        message = self.query_one("#entry-message", Static)
        message.set_class(problem, "-problem")
        message.update(Text(text))

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "entry-period" and not self.field("value").value.strip():
            self.field("value").focus()
            return
        if self.busy:
            return
        read = parse_entry(
            self.field("period").value,
            self.field("value").value,
            self.field("note").value,
            year=self.year,
        )
        if isinstance(read, EntryProblem):
            self._say(read.message, problem=True)
            self.field(read.field).focus()
            return
        self.busy = True
        self._say(_("Saving…"))
        self.post_message(self.Submitted(read))

    @on(Input.Changed)
    def changed(self) -> None:
        if self._warned:
            self._warned = False
            self._say(_hint())

    def saved(self, stored: str, next_period: str) -> None:
        """The value was stored: clear it, and get the next period ready."""
        self.busy = False
        self.field("value").value = ""
        self.field("note").value = ""
        self.field("period").value = next_period
        self._say(_("Saved: {stored}. Next period:").format(stored=stored) + f" {next_period}")
        (self.field("value") if next_period else self.field("period")).focus()

    def refused(self, reason: str) -> None:
        """The value was not stored: say why, keep everything typed."""
        self.busy = False
        self._say(reason, problem=True)
        self.field("value").focus()

    def action_close(self) -> None:
        if self.typed() and not self._warned:
            self._warned = True
            self._say(
                _("Press Esc again to throw away the value you typed, or Enter to store it."),
                problem=True,
            )
            return
        self._warned = False
        self.field("value").value = ""
        self.field("note").value = ""
        self.display = False
        self.post_message(self.Closed())
