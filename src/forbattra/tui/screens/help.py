"""F1: every key of the screen below, what it does, and how to move around."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from forbattra.i18n import _

Entry = tuple[str, str]
Section = tuple[str, Sequence[Entry]]


class HelpScreen(ModalScreen[None]):
    """A modal list of keys, in sections; Esc, F1 or q closes it."""

    BINDINGS = [
        Binding("escape,f1,q,question_mark", "close", _("Close"), id="help.close"),
    ]

    def __init__(self, sections: Sequence[Section], notes: Sequence[str] = ()) -> None:
        super().__init__()
        self.sections = sections
        self.notes = notes

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-panel"):
            yield Static(self._content(), id="help-keys", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        panel = self.query_one("#help-panel")
        panel.border_title = _("Keys")
        panel.border_subtitle = _("Esc closes")

    def _content(self) -> Group:
        # One grid for every section, so the keys line up from top to bottom.
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(overflow="fold")
        first = True
        for title, entries in self.sections:
            if not entries:
                continue
            if not first:
                grid.add_row(Text(""), Text(""))
            first = False
            grid.add_row(Text(title, style="bold underline"), Text(""))
            for keys, text in entries:
                grid.add_row(Text(keys), Text(text))
        notes = [Text(note, style="dim") for note in self.notes]
        return Group(grid, *([Text(""), *notes] if notes else []))

    def action_close(self) -> None:
        self.dismiss()


def binding_entries(app: App[Any], bindings: Iterable[BindingType]) -> list[Entry]:
    """One line per action: all its keys, and its tooltip (or description)."""
    keys: dict[str, list[str]] = {}
    for binding in Binding.make_bindings(bindings):
        text = binding.tooltip or binding.description
        if not text or binding.system:
            continue
        shown = app.get_key_display(binding)
        if shown not in keys.setdefault(text, []):
            keys[text].append(shown)
    return [(" ".join(shown), text) for text, shown in keys.items()]


def moving_around() -> list[Entry]:
    """Keys of the list itself (Textual's DataTable), which BINDINGS do not describe."""
    return [
        ("↑ ↓", _("Move between rows")),
        (_("pgup pgdn home end"), _("Jump a page, or to the first or the last row")),
        (_("click a heading"), _("Sort by that column; click again to reverse the order")),
        ("tab", _("Move between the filter and the list")),
    ]
