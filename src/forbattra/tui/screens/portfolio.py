"""The portfolio: every initiative in one table, the home screen."""

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

if TYPE_CHECKING:
    from forbattra.core.domain import InitiativeRow
    from forbattra.tui.app import ForbattraApp


class PortfolioScreen(Screen[None]):
    """All initiatives: title, method, phase, status, unit, area, leader, last change."""

    BINDINGS = [
        Binding("slash,ctrl+f", "filter", _("Filter"), id="portfolio.filter"),
        Binding("c", "toggle_closed", _("Show closed"), id="portfolio.toggle_closed"),
        Binding("r", "reload", _("Reload"), id="portfolio.reload"),
        Binding("escape", "clear_filter", _("Clear filter"), show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.include_closed = False
        self.rows: list[InitiativeRow] = []

    @property
    def forbattra(self) -> ForbattraApp:
        from forbattra.tui.app import ForbattraApp

        assert isinstance(self.app, ForbattraApp)
        return self.app

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder=_("Filter by title, unit or leader"), id="portfolio-filter")
        table: DataTable[str | Text] = DataTable(
            id="portfolio-table", cursor_type="row", zebra_stripes=True
        )
        yield table
        yield Static(_("Opening the database…"), id="portfolio-status")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(_("ID"), key="id")
        table.add_column(_("Title"), key="title", width=36)
        table.add_column(_("Method"), key="method")
        table.add_column(_("Phase"), key="phase")
        table.add_column(_("Status"), key="status")
        table.add_column(_("Unit"), key="unit", width=20)
        table.add_column(_("Area"), key="area")
        table.add_column(_("Leader"), key="leader")
        table.add_column(_("Changed"), key="changed")
        table.focus()

    def reload(self) -> None:
        if self.forbattra.database is not None:
            self.load_rows(self.include_closed)

    @work(thread=True, exclusive=True, group="portfolio")
    def load_rows(self, include_closed: bool) -> None:
        from forbattra.store.errors import StoreError
        from forbattra.store.services.initiatives import list_initiatives

        database = self.forbattra.database
        assert database is not None
        try:
            rows = list_initiatives(database, include_closed=include_closed)
        except StoreError as error:
            self.app.call_from_thread(self.show_problem, str(error))
            return
        self.app.call_from_thread(self.show_rows, rows)

    def show_rows(self, rows: list[InitiativeRow]) -> None:
        self.rows = rows
        self.refill()

    def refill(self) -> None:
        table = self.query_one(DataTable)
        needle = self.query_one(Input).value.strip().casefold()
        table.clear()
        shown = 0
        for row in self.rows:
            haystack = f"{row.title} {row.unit} {row.leader}".casefold()
            if needle and needle not in haystack:
                continue
            shown += 1
            table.add_row(
                str(row.id),
                Text(row.title),
                label(row.method),
                Text(row.phase_name),
                label(row.status),
                Text(row.unit),
                str(row.area) if row.area else "–",
                Text(row.leader),
                row.updated_at.astimezone().strftime("%Y-%m-%d"),
                key=str(row.id),
            )
        status = self.query_one("#portfolio-status", Static)
        status.remove_class("-problem")
        if not self.rows:
            status.update(_("No initiatives yet."))
        else:
            status.update(
                ngettext(
                    "{shown} of {total} initiative",
                    "{shown} of {total} initiatives",
                    len(self.rows),
                ).format(shown=shown, total=len(self.rows))
            )

    def show_problem(self, reason: str) -> None:
        status = self.query_one("#portfolio-status", Static)
        status.add_class("-problem")
        status.update(Text(reason))

    def action_filter(self) -> None:
        field = self.query_one(Input)
        field.add_class("-visible")
        field.focus()

    def action_clear_filter(self) -> None:
        field = self.query_one(Input)
        field.value = ""
        field.remove_class("-visible")
        self.query_one(DataTable).focus()

    @on(Input.Changed, "#portfolio-filter")
    def filter_changed(self) -> None:
        self.refill()

    @on(Input.Submitted, "#portfolio-filter")
    def filter_done(self) -> None:
        self.query_one(DataTable).focus()

    def action_toggle_closed(self) -> None:
        self.include_closed = not self.include_closed
        self.notify(
            _("Showing closed and completed initiatives too")
            if self.include_closed
            else _("Showing active and paused initiatives"),
        )
        self.reload()

    def action_reload(self) -> None:
        self.reload()
