"""Quick entry of values: period, value, note; Enter stores it and the next period is ready.

The widget reads and checks what is typed (:func:`~forbattra.tui.measures_model.parse_entry`)
and posts :class:`ObservationEntry.Submitted`; the screen stores it in a thread worker and
answers with :meth:`ObservationEntry.saved` or :meth:`ObservationEntry.refused`. A bad value
gets a message under the fields and nothing typed is cleared.
"""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Static

from forbattra.core.analysis_text import period_label
from forbattra.i18n import _
from forbattra.tui.measures_model import Entry, EntryProblem, parse_entry


class EntryField(Input):
    """An Input whose Enter is handled in order with the typing.

    Textual checks an Input's Enter binding after the key has bubbled up to the app, so a
    fast typist's next characters are already in the field by then. Here Enter is taken
    where the key arrives and :class:`Entered` carries the text as it was at that moment.
    """

    class Entered(Message):
        """Enter was pressed; ``value`` is the text at that moment."""

        def __init__(self, field: EntryField, value: str) -> None:
            super().__init__()
            self.field = field
            self.value = value

    async def on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(self.Entered(self, self.value))


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
        self._queue: list[int] = []

    def compose(self) -> ComposeResult:
        with Horizontal(id="entry-fields"):
            yield Static(_("Period"), classes="entry-label", markup=False)
            yield EntryField(placeholder="2025-W12", id="entry-period", compact=True)
            yield Static(_("Value"), classes="entry-label", markup=False)
            yield EntryField(id="entry-value", compact=True)
            yield Static(_("Note"), classes="entry-label", markup=False)
            yield EntryField(
                placeholder=_("what happened (optional)"), id="entry-note", compact=True
            )
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

    @on(EntryField.Entered)
    def submitted(self, event: EntryField.Entered) -> None:
        event.stop()
        value = self.field("value")
        if event.field.id == "entry-period" and not value.value.strip():
            value.focus()
            return
        # Where this value ends in the field: a fast typist's next values may already be
        # behind it (type-ahead), each Enter marking the end of one.
        self._queue.append(len(event.value) if event.field is value else len(value.value))
        if not self.busy:
            self._store_next()

    def _store_next(self) -> None:
        if not self._queue:
            return
        read = parse_entry(
            self.field("period").value,
            self.field("value").value[: self._queue[0]],
            self.field("note").value,
            year=self.year,
        )
        if isinstance(read, EntryProblem):
            self._queue.clear()
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
        """The value was stored: take it out of the field (keeping anything typed after it),
        and get the next period ready."""
        self.busy = False
        value = self.field("value")
        end = self._queue.pop(0) if self._queue else len(value.value)
        value.value = value.value[end:].lstrip()
        value.cursor_position = len(value.value)
        self._queue = [max(position - end, 0) for position in self._queue]
        self.field("note").value = ""
        self.field("period").value = next_period
        if next_period:
            message = _("Saved {stored}. Next: {period}").format(
                stored=stored, period=period_label(next_period)
            )
        else:
            message = _("Saved {stored}. Type the next date or period.").format(stored=stored)
        self._say(message)
        if self._queue:
            self._store_next()
        else:
            (value if next_period else self.field("period")).focus()

    def refused(self, reason: str) -> None:
        """The value was not stored: say why, keep everything typed."""
        self.busy = False
        self._queue.clear()
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
