"""Which unit's routines to review in a stand-alone stop-doing check: pick one or type one."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from forbattra.i18n import _, ngettext


class UnitPickScreen(ModalScreen[str | None]):
    """Type a unit's name (Enter), or go down to the list and pick one. ``units`` are
    (name, activities listed) pairs: units with a check first, then other known units (0)."""

    DEFAULT_CSS = """
    UnitPickScreen { align: center middle; }
    #unit-list { height: auto; max-height: 12; border: none; }
    #unit-problem { color: $text-error; text-style: bold; }
    """

    BINDINGS = [
        Binding("escape", "cancel", _("Cancel"), id="unit_pick.cancel"),
        Binding("down", "to_list", show=False),
    ]

    def __init__(self, units: Sequence[tuple[str, int]]) -> None:
        super().__init__()
        self.units = list(units)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="unit-dialog") as panel:
            panel.border_title = _("Stop-doing check for a unit")
            yield Static(
                _(
                    "Which unit reviews its own routines? Type its name, or choose one below."
                    " The check is tied to no initiative."
                ),
                classes="dialog-message",
                markup=False,
            )
            yield Input(placeholder=_("unit, for example: Kommunledningskontoret"), id="unit-name")
            yield Static(id="unit-problem", markup=False)
            yield OptionList(
                *[Option(self._describe(name, count), id=name) for name, count in self.units],
                id="unit-list",
            )
        yield Footer()

    @staticmethod
    def _describe(name: str, count: int) -> Text:
        text = Text(name)
        if count:
            text.append(
                "  "
                + ngettext("{count} activity", "{count} activities", count).format(count=count),
                style="dim",
            )
        return text

    def on_mount(self) -> None:
        self.query_one("#unit-problem", Static).display = False
        self.query_one("#unit-list", OptionList).display = bool(self.units)
        self.query_one(Input).focus()

    @on(Input.Submitted, "#unit-name")
    def typed(self, event: Input.Submitted) -> None:
        event.stop()
        name = " ".join(event.value.split())
        if not name:
            problem = self.query_one("#unit-problem", Static)
            problem.update(
                Text(
                    _("Type the unit's name, or choose one from the list.")
                    if self.units
                    else _("Type the unit's name: the check is listed under it.")
                )
            )
            problem.display = True
            return
        self.dismiss(name)

    @on(OptionList.OptionSelected, "#unit-list")
    def picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_to_list(self) -> None:
        options = self.query_one("#unit-list", OptionList)
        if options.display and isinstance(self.focused, Input):
            options.focus()
            if options.highlighted is None:
                options.highlighted = 0

    def action_cancel(self) -> None:
        self.dismiss(None)
