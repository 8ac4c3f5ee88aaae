"""The portfolio: every initiative in one table, the home screen."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static
from textual.worker import get_current_worker

from forbattra.i18n import _, ngettext
from forbattra.tui import hints, review_actions
from forbattra.tui import portfolio_model as model
from forbattra.tui.not_open import not_open_reason
from forbattra.tui.portfolio_view import PortfolioRows
from forbattra.tui.screens.portfolio_keys import PORTFOLIO_BINDINGS
from forbattra.tui.widgets.portfolio_table import PortfolioTable

if TYPE_CHECKING:
    from collections.abc import Callable

    from forbattra.core.domain import InitiativeRow, MeasureVerdicts
    from forbattra.tui.app import ForbattraApp

# Actions that only make sense once the rows are loaded.
_NEED_ROWS = frozenset(
    {"open", "summary", "filter", "sort_next", "sort_reverse", "show_closed", "hide_closed"}
    | {"close_initiative", "pause", "reopen", "unit_stop_doing"}
    | {"history", "review_queue", "overview", "archive"}
    | {"document"}
)
# Of those, the ones that also need the database open, not just the rows read early.
_NEED_DATABASE = _NEED_ROWS - {"filter", "sort_next", "sort_reverse", "show_closed", "hide_closed"}
# Below this width the footer drops its spacing and the command palette key.
NARROW = 100


class PortfolioScreen(Screen[None]):
    """All initiatives: title, method, phase, status, unit, area, leader, last change.

    Rows come from a thread worker (``load_rows``), or at start from the app's quick read
    before the database is open (``show_rows_read_early``); sorting, filtering and hiding
    closed initiatives happen here, on rows already loaded, so they are instant.
    """

    BINDINGS = PORTFOLIO_BINDINGS

    def __init__(self) -> None:
        super().__init__()
        self.include_closed = False
        self.rows: list[InitiativeRow] = []
        self.loaded = False
        self.problem: str | None = None
        self._view = PortfolioRows([])  # the rows, prepared for filtering and sorting
        self._bindings_state: tuple[bool, ...] = ()

    @property
    def forbattra(self) -> ForbattraApp:
        from forbattra.tui.app import ForbattraApp

        assert isinstance(self.app, ForbattraApp)
        return self.app

    @property
    def table(self) -> PortfolioTable:
        return self.query_one(PortfolioTable)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="portfolio-filter-bar"):
            yield Static(_("Filter:"), id="portfolio-filter-label", markup=False)
            yield Input(
                placeholder=_("type words from a title, unit, leader, phase…"),
                id="portfolio-filter",
                compact=True,
            )
        yield PortfolioTable(id="portfolio-table")
        yield Static(id="portfolio-message", markup=False)
        yield Static(_("Opening the database…"), id="portfolio-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.table.focus()

    def on_resize(self, event: events.Resize) -> None:
        narrow = event.size.width < NARROW
        footer = self.query_one(Footer)
        footer.compact = narrow
        footer.show_command_palette = not narrow

    # Loading ---------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the rows again (the app calls this once the database is open)."""
        if self.forbattra.database is not None:
            self.query_one("#portfolio-status", Static).update(_("Reading the initiatives…"))
            self._refresh_bindings_if_changed()  # the database has just opened
            self.load_rows()

    def show_rows_read_early(self, rows: list[InitiativeRow], drawn: Callable[[], object]) -> None:
        """Rows read before the database is open: filtering and sorting work on them at once;
        opening or changing an initiative waits for the database, which reads them again."""
        if self.loaded or self.problem is not None or self.forbattra.database is not None:
            drawn()  # something newer is here already
            return
        self._show_rows_then(rows, drawn)

    @work(thread=True, exclusive=True, group="portfolio")
    def load_rows(self) -> None:
        from forbattra.store.errors import StoreError
        from forbattra.store.services.initiatives import list_initiatives

        database = self.forbattra.database
        assert database is not None
        try:
            rows = list_initiatives(database, include_closed=True)
        except StoreError as error:
            if not get_current_worker().is_cancelled:
                self.app.call_from_thread(
                    self.show_problem, str(error), _("The initiatives could not be read.")
                )
            return
        if get_current_worker().is_cancelled:
            return
        # Then what the measures say (a run chart per measure): seconds at 10,000
        # initiatives, so only once the rows are drawn, not to slow the drawing down.
        drawn = threading.Event()
        self.app.call_from_thread(self._show_rows_then, rows, drawn.set)
        drawn.wait(timeout=1.0)  # a screen under another one may not be drawn at all
        from forbattra.store.services.measures import initiative_verdicts

        try:
            verdicts = initiative_verdicts(database)
        except StoreError:
            return  # the column stays empty; the rows are what matters
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_verdicts, verdicts)

    def _show_rows_then(self, rows: list[InitiativeRow], after: Callable[[], object]) -> None:
        self.show_rows(rows)
        self.call_after_refresh(after)  # the refresh the new rows asked for

    def show_rows(self, rows: list[InitiativeRow]) -> None:
        rows = model.keep_verdicts(rows, self.rows)
        # Read again (the database has opened, or r) and unchanged: nothing to prepare again.
        if not (self.loaded and rows == self.rows):
            self.rows = rows
            self._view = PortfolioRows(rows)
            self.table.measure(rows)
        self.loaded = True
        self.problem = None
        self.refill(keep=self.table.highlighted_id())

    def show_verdicts(self, verdicts: dict[int, MeasureVerdicts]) -> None:
        """Add what each initiative's measures say (the measures column)."""
        from dataclasses import replace

        from forbattra.core.domain import MeasureVerdicts

        self.show_rows(
            [replace(r, verdicts=verdicts.get(r.id, MeasureVerdicts())) for r in self.rows]
        )
        self.forbattra.settle_heap()  # the portfolio is complete: what it holds stays

    def show_problem(self, reason: str, headline: str | None = None) -> None:
        """Show why the data cannot be shown; the app stays usable (retry with r, quit)."""
        self.problem = reason
        self.loaded = False
        message = hints.problem(reason, headline or _("The database could not be opened."))
        self._show_message(message, problem=True)
        status = self.query_one("#portfolio-status", Static)
        status.add_class("-problem")
        status.update(Text(reason, no_wrap=True, overflow="ellipsis"))
        self.refresh_bindings()

    # Showing ---------------------------------------------------------------------------------

    def refill(self, keep: int | None = None) -> None:
        """Filter, sort and show the loaded rows; update the message and the status line."""
        if not self.loaded:
            return
        table = self.table
        chosen = self._view.select(
            self.query_one(Input).value,
            include_closed=self.include_closed,
            sort_key=table.sort_key,
            descending=table.sort_descending,
        )
        matching = chosen.rows
        table.show(matching, keep=keep)
        if not self.rows:
            self._show_message(hints.empty_state(self.forbattra.settings.database))
        elif not chosen.visible:
            hidden = len(self.rows)
            self._show_message(
                Text(
                    ngettext(
                        "No active or paused initiatives. Press c to show the closed or"
                        " completed one.",
                        "No active or paused initiatives. Press c to show the {count} closed or"
                        " completed ones.",
                        hidden,
                    ).format(count=hidden)
                )
            )
        elif not matching:
            self._show_message(
                Text(
                    _("Nothing matches “{filter}”. Press Esc to clear the filter.").format(
                        filter=self.query_one(Input).value.strip()
                    )
                )
            )
        else:
            self._show_table()
        self._update_status(len(matching), chosen.visible, chosen.hidden)
        self._refresh_bindings_if_changed()

    def _refresh_bindings_if_changed(self) -> None:
        # The footer rebuilds itself on every refresh (~40 ms): not on each filter keystroke.
        state = (
            self.loaded,
            self.include_closed,
            self.table.display,
            bool(self.table.row_count),
            self._filter_bar.has_class("-visible"),
            self.forbattra.database is not None,
        )
        if state != self._bindings_state:
            self._bindings_state = state
            self.refresh_bindings()

    def _show_table(self) -> None:
        self.query_one("#portfolio-message").display = False
        table = self.table
        table.display = True
        if not isinstance(self.focused, Input):
            table.focus()

    def _show_message(self, message: Text, *, problem: bool = False) -> None:
        self.table.display = False
        panel = self.query_one("#portfolio-message", Static)
        panel.set_class(problem, "-problem")
        panel.update(message)
        panel.display = True

    def _update_status(self, shown: int, total: int, hidden: int) -> None:
        status = self.query_one("#portfolio-status", Static)
        status.remove_class("-problem")
        if not self.rows:
            status.update(
                Text(
                    _("Database: {location}").format(
                        location=hints.shown_location(self.forbattra.settings.database)
                    )
                )
            )
            return
        table = self.table
        parts = [
            ngettext(
                "{shown} of {total} initiative", "{shown} of {total} initiatives", total
            ).format(shown=shown, total=total),
            *self._view.endings,  # lessons beside completions; overdue pauses
        ]
        if shown > 1:
            arrow = "▼" if table.sort_descending else "▲"
            parts.append(
                _("sorted by {column} {arrow}").format(
                    column=model.SPECS[table.sort_key].title, arrow=arrow
                )
            )
        if hidden:
            parts.append(
                ngettext(
                    "{count} closed or completed hidden",
                    "{count} closed or completed hidden",
                    hidden,
                ).format(count=hidden)
            )
        line = " · ".join(parts)
        if line != str(status.content):  # unchanged while typing on: no new layout
            status.update(Text(line))

    # Actions ---------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _NEED_ROWS and not self.loaded:
            return False  # hidden until there is something to work on
        if action in _NEED_DATABASE and self.forbattra.database is None:
            return None  # rows read early: shown, but waiting for the database
        if action == "clear_filter":
            return self.is_mounted and isinstance(self.focused, Input)
        if action == "clear_filter_from_list":
            return self.is_mounted and self._filter_bar.has_class("-visible")
        if action == "show_closed":
            return not self.include_closed
        if action == "hide_closed":
            return self.include_closed
        if action == "open":
            if not self.is_mounted or isinstance(self.focused, Input):
                return False  # Enter finishes the filter
            return True if self.table.display and self.table.row_count else None
        if action == "summary":
            return self.is_mounted and self.table.display and bool(self.table.row_count)
        if action == "new":
            return self.forbattra.database is not None
        return True

    def action_open(self) -> None:
        initiative_id = self.table.highlighted_id()
        if initiative_id is not None:
            self._open(initiative_id)

    @on(DataTable.RowSelected, "#portfolio-table")
    def row_clicked(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self._open(int(event.row_key.value))

    def _open(self, initiative_id: int) -> None:
        from forbattra.tui.screens.workspace import WorkspaceScreen

        if self.forbattra.database is None:  # a click on a row read early
            self.notify(not_open_reason(self.app), markup=False)
            return
        row = next((row for row in self.rows if row.id == initiative_id), None)
        if row is not None:
            self.app.push_screen(
                WorkspaceScreen(row.id, row.method, row.title), lambda _result: self.reload()
            )

    def action_summary(self) -> None:
        from forbattra.tui.screens.initiative import InitiativeScreen

        initiative_id = self.table.highlighted_id()
        row = next((row for row in self.rows if row.id == initiative_id), None)
        if row is not None:
            self.app.push_screen(InitiativeScreen(row))

    def action_new(self) -> None:
        from forbattra.tui.screens.new_initiative import NewInitiativeScreen

        def created(row: InitiativeRow | None) -> None:
            if row is None:
                return
            self.query_one(Input).value = ""  # the new one must not hide behind a filter
            self._filter_bar.remove_class("-visible")
            self.rows = [row, *self.rows]
            self._view = PortfolioRows(self.rows)
            self._open(row.id)
            self.reload()

        self.app.push_screen(NewInitiativeScreen(), created)

    @property
    def _filter_bar(self) -> Horizontal:
        return self.query_one("#portfolio-filter-bar", Horizontal)

    def action_filter(self) -> None:
        self._filter_bar.add_class("-visible")
        self.query_one(Input).focus()
        self.refresh_bindings()

    def action_clear_filter(self) -> None:
        field = self.query_one(Input)
        had_filter = bool(field.value)
        field.value = ""
        self._filter_bar.remove_class("-visible")
        self.action_focus_table()
        if had_filter:
            self.refill()
        self.refresh_bindings()

    def action_clear_filter_from_list(self) -> None:
        self.action_clear_filter()

    def action_focus_table(self) -> None:
        if self.table.display:
            self.table.focus()

    @on(Input.Changed, "#portfolio-filter")
    def filter_changed(self) -> None:
        # At once, even at 10,000 initiatives: PortfolioRows keeps the search cheap and the
        # table only draws what fits the window (tests/bench/budgets.py measures it).
        self.refill()

    @on(Input.Submitted, "#portfolio-filter")
    def filter_done(self) -> None:
        if not self.query_one(Input).value:
            self._filter_bar.remove_class("-visible")
            self.refresh_bindings()
        self.action_focus_table()

    def action_show_closed(self) -> None:
        self._set_closed(True)

    def action_hide_closed(self) -> None:
        self._set_closed(False)

    def action_toggle_closed(self) -> None:
        self._set_closed(not self.include_closed)

    def _set_closed(self, include: bool) -> None:
        self.include_closed = include
        self.refill(keep=self.table.highlighted_id())

    def action_sort_next(self) -> None:
        table = self.table
        keys = table.layout_keys or model.SORT_KEYS
        position = keys.index(table.sort_key) + 1 if table.sort_key in keys else 0
        key = keys[position % len(keys)]
        self._sort(key, model.SPECS[key].newest_first)

    def action_sort_reverse(self) -> None:
        self._sort(self.table.sort_key, not self.table.sort_descending)

    @on(DataTable.HeaderSelected, "#portfolio-table")
    def heading_clicked(self, event: DataTable.HeaderSelected) -> None:
        key = str(event.column_key.value)
        table = self.table
        if key == table.sort_key:
            self._sort(key, not table.sort_descending)
        else:
            self._sort(key, model.SPECS[key].newest_first)

    def _sort(self, key: str, descending: bool) -> None:
        keep = self.table.highlighted_id()
        self.table.set_sort(key, descending)
        self.refill(keep=keep)

    def _highlighted_row(self) -> InitiativeRow | None:
        initiative_id = self.table.highlighted_id() if self.table.display else None
        return next((row for row in self.rows if row.id == initiative_id), None)

    def _run_closing(self, name: str) -> None:
        from forbattra.tui import closing_actions

        row = self._highlighted_row()
        if row is not None:
            act = getattr(closing_actions, name)
            act(self, closing_actions.Subject.of_row(row), self.reload)

    def action_close_initiative(self) -> None:
        self._run_closing("close")

    def action_pause(self) -> None:
        self._run_closing("pause_or_resume")

    def action_reopen(self) -> None:
        self._run_closing("reopen")

    def action_unit_stop_doing(self) -> None:
        from forbattra.tui.stop_doing_open import open_unit_check

        open_unit_check(self, [row.unit for row in self.rows])

    def action_idea_inbox(self) -> None:
        from forbattra.tui.screens.ideas import IdeasScreen

        if self.forbattra.database is None:
            self.notify(not_open_reason(self.app), markup=False)
            return
        self.app.push_screen(IdeasScreen(), lambda _result: self.reload())

    def action_document(self) -> None:
        from forbattra.tui.screens.document import DocumentScreen

        row = self._highlighted_row()
        if row is not None:
            self.app.push_screen(DocumentScreen(row.id))

    def action_history(self) -> None:
        review_actions.portfolio_history(self)

    def action_review_queue(self) -> None:
        review_actions.open_queue(self)

    def action_overview(self) -> None:
        review_actions.open_overview(self)

    def action_archive(self) -> None:
        review_actions.open_archive(self)

    def action_reload(self) -> None:
        if self.forbattra.database is None:
            if self.problem is not None:
                self.problem = None
                self.query_one("#portfolio-status", Static).update(_("Opening the database…"))
                self.forbattra.open_database()
            return
        self.reload()
