"""The phase stepper: one line showing the method's phases, where the team is, what is done."""

from __future__ import annotations

from collections.abc import Collection

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget

from forbattra.core import methods
from forbattra.core.vocabulary import Method
from forbattra.i18n import _


class PhaseStepper(Widget, can_focus=True):
    """The phases of one method in a row: ``✓`` done, ``▶`` where the team is, the phase on
    screen highlighted. In a narrow window the other phases shrink to their letter.

    | Key | Does |
    | --- | --- |
    | ← → | show the previous or next phase |
    | 1–5 | show that phase |
    | enter, ↓ | go into the phase |
    """

    DEFAULT_CSS = """
    PhaseStepper {
        height: 1;
        padding: 0 1;
        background: $boost;
    }
    PhaseStepper:focus {
        background: $primary 30%;
    }
    """

    BINDINGS = [
        Binding("left", "step(-1)", _("Previous phase"), show=False),
        Binding("right", "step(1)", _("Next phase"), show=False),
        Binding("enter,down", "enter", _("Into the phase"), show=False),
        *[Binding(str(n), f"jump({n})", show=False) for n in range(1, 6)],
    ]

    class Chosen(Message):
        """A phase was chosen for showing."""

        def __init__(self, phase: str) -> None:
            super().__init__()
            self.phase = phase

    class Entered(Message):
        """The person wants to work in the phase shown."""

    def __init__(self, method: Method, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.method = method
        self.keys = [phase.key for phase in methods.phases(method)]
        self.viewed = self.keys[0]
        self.team = self.keys[0]
        self.done: frozenset[str] = frozenset()
        self._spans: list[tuple[int, int, str]] = []

    def show(self, *, viewed: str, team: str, done: Collection[str]) -> None:
        self.viewed, self.team, self.done = viewed, team, frozenset(done)
        self.refresh()

    def _label(self, key: str, short: bool) -> Text:
        phase = methods.phase(self.method, key)
        assert phase is not None
        marker = "▶" if key == self.team else ("✓" if key in self.done else "·")
        name = phase.letter if short and key != self.viewed else phase.name
        style = "bold" if key == self.team else ""
        if key == self.viewed:
            style += " reverse"
        text = Text(f" {marker} ", style=style.strip())
        text.append(name, style=style.strip())
        text.append(" ", style=style.strip())
        return text

    def render(self) -> Text:
        width = self.content_size.width or 80
        short = False
        for attempt in (False, True):
            short = attempt
            total = sum(cell_len(self._label(key, short).plain) + 1 for key in self.keys)
            if total <= width:
                break
        line = Text(no_wrap=True, overflow="ellipsis")
        self._spans = []
        for index, key in enumerate(self.keys):
            if index:
                line.append("›" if index else "", style="dim")
            start = line.cell_len
            line.append_text(self._label(key, short))
            self._spans.append((start, line.cell_len, key))
        return line

    def on_click(self, event: events.Click) -> None:
        x = event.x - 1  # the padding
        for start, end, key in self._spans:
            if start <= x < end:
                self.post_message(self.Chosen(key))
                return

    def action_step(self, offset: int) -> None:
        index = self.keys.index(self.viewed) + offset
        if 0 <= index < len(self.keys):
            self.post_message(self.Chosen(self.keys[index]))

    def action_jump(self, number: int) -> None:
        if number <= len(self.keys):
            self.post_message(self.Chosen(self.keys[number - 1]))

    def action_enter(self) -> None:
        self.post_message(self.Entered())
