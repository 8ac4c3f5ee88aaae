"""The learning archive (l on the portfolio): what other teams tried, closed work included.

Type words and press Enter; every hit names the initiative and where the words were found
(a guiding question, a cause, a solution, a cycle, the lesson or reason of a closure).
Enter on a hit opens the initiative.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from forbattra.core.vocabulary import label
from forbattra.i18n import _, ngettext
from forbattra.tui.not_open import not_open_reason

if TYPE_CHECKING:
    from forbattra.store.services.archive import Hit
    from forbattra.tui.app import ForbattraApp


class ArchiveScreen(Screen[None]):
    """Search across all initiatives' problems, causes, solutions, cycles and lessons."""

    DEFAULT_CSS = """
    #archive-input { margin: 1 1 0 1; }
    #archive-summary { padding: 0 1; color: $text-muted; height: auto; }
    #archive-table { height: 1fr; }
    #archive-detail { height: auto; padding: 0 1; border-top: solid $panel; }
    """
    BINDINGS = [
        Binding("escape", "leave", _("Back"), tooltip=_("Back to the portfolio")),
        Binding("enter", "open", _("Open"), tooltip=_("Open the initiative"), id="archive.open"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.hits: list[Hit] = []

    @property
    def forbattra(self) -> ForbattraApp:
        from forbattra.tui.app import ForbattraApp

        assert isinstance(self.app, ForbattraApp)
        return self.app

    @property
    def table(self) -> DataTable[Text]:
        return self.query_one("#archive-table", DataTable)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(
            placeholder=_("Words to find, for example: anonym inkorg"),
            id="archive-input",
            max_length=200,
        )
        yield Static(
            _("Searches problems, causes, solutions, cycles, lessons and reasons for closing."),
            id="archive-summary",
            markup=False,
        )
        yield DataTable(id="archive-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="archive-detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = _("Learning archive")
        table = self.table
        table.add_column(_("Initiative"), key="initiative", width=28)
        table.add_column(_("Status"), key="status")
        table.add_column(_("Where"), key="where", width=22)
        table.add_column(_("Found"), key="found")
        self.query_one(Input).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open":
            return bool(self.hits) or None
        return True

    @on(Input.Submitted, "#archive-input")
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.search(event.value)

    @work(thread=True, exclusive=True, group="archive")
    def search(self, words: str) -> None:
        from forbattra.store.errors import StoreError
        from forbattra.store.services.archive import search

        database = self.forbattra.database
        if database is None:
            self.app.call_from_thread(self._problem, not_open_reason(self.app))
            return
        try:
            found = search(database, words)
        except StoreError as error:
            self.app.call_from_thread(self._problem, str(error))
            return
        self.app.call_from_thread(self._show, found)

    def _problem(self, reason: str) -> None:
        self.notify(reason, severity="warning", markup=False, timeout=8)

    def _show(self, found: list[Hit]) -> None:
        if not self.is_mounted:
            return
        self.hits = found
        table = self.table
        table.clear()
        for index, hit in enumerate(found):
            table.add_row(
                Text(f"#{hit.initiative_id} {hit.title}", no_wrap=True, overflow="ellipsis"),
                Text(label(hit.status)),
                Text(hit.place, no_wrap=True, overflow="ellipsis"),
                Text(hit.snippet, no_wrap=True, overflow="ellipsis"),
                key=str(index),
            )
        summary = (
            ngettext(
                "{count} hit; Enter opens it.", "{count} hits; Enter opens one.", len(found)
            ).format(count=len(found))
            if found
            else _("Nothing found. Try fewer or shorter words.")
        )
        self.query_one("#archive-summary", Static).update(Text(summary))
        if found:
            table.focus()
        self.refresh_bindings()

    @on(DataTable.RowHighlighted, "#archive-table")
    def highlighted(self, event: DataTable.RowHighlighted) -> None:
        detail = self.query_one("#archive-detail", Static)
        row = event.cursor_row
        if not 0 <= row < len(self.hits):
            detail.update("")
            return
        hit = self.hits[row]
        detail.update(
            Text.assemble(
                (f"#{hit.initiative_id} {hit.title}", "bold"),
                (f" · {hit.place}", "italic"),
                "\n",
                hit.snippet,
            )
        )

    @on(DataTable.RowSelected, "#archive-table")
    def row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self._open(event.cursor_row)

    def action_open(self) -> None:
        self._open(self.table.cursor_row)

    def _open(self, row: int) -> None:
        from forbattra.tui.screens.workspace import WorkspaceScreen

        if 0 <= row < len(self.hits):
            hit = self.hits[row]
            self.app.push_screen(WorkspaceScreen(hit.initiative_id, hit.method, hit.title))

    def action_leave(self) -> None:
        self.dismiss(None)
