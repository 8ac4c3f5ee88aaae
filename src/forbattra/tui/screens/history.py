"""The history of an initiative (h on the portfolio, f4 in the workspace and cycle editor).

The event log told as a timeline: phase moves, answers with what they said before, cycles
started and finished, new values and signals, stop-doing decisions, closing and reopening.
``k`` filters by kind, ``p`` by period; the entry under the cursor shows its texts below.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from forbattra.core.moments import local_day, local_minute
from forbattra.core.review import Entry, EntryKind, filter_entries, kind_label
from forbattra.i18n import N_, _, ngettext
from forbattra.tui.not_open import not_open_reason

if TYPE_CHECKING:
    from forbattra.store.services.history import History
    from forbattra.tui.app import ForbattraApp

# Period presets: (label, days back; None for all time, -1 for "from a date…").
PERIODS: tuple[tuple[str, int | None], ...] = (
    (N_("All time"), None),
    (N_("Last 4 weeks"), 28),
    (N_("Last 3 months"), 91),
    (N_("Last 12 months"), 365),
    (N_("From a date…"), -1),
)


class HistoryScreen(Screen[None]):
    """One initiative's timeline, newest last, with filters for kind and period."""

    DEFAULT_CSS = """
    #history-filter { padding: 0 1; color: $text-muted; height: 1; }
    #history-table { height: 1fr; }
    #history-detail { height: auto; max-height: 40%; padding: 0 1; border-top: solid $panel; }
    """
    BINDINGS = [
        Binding("escape", "leave", _("Back"), tooltip=_("Back to where you were")),
        Binding(
            "k", "kind", _("Kind"), tooltip=_("Show only one kind of entry"), id="history.kind"
        ),
        Binding("p", "period", _("Period"), tooltip=_("Show only a period"), id="history.period"),
    ]

    def __init__(self, initiative_id: int, title: str = "") -> None:
        super().__init__()
        self.initiative_id = initiative_id
        self.initial_title = title
        self.history: History | None = None
        self.kind: EntryKind | None = None
        self.since: date | None = None
        self.period_label = _("all time")
        self.shown: list[Entry] = []

    @property
    def forbattra(self) -> ForbattraApp:
        from forbattra.tui.app import ForbattraApp

        assert isinstance(self.app, ForbattraApp)
        return self.app

    @property
    def table(self) -> DataTable[Text]:
        return self.query_one("#history-table", DataTable)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="history-filter", markup=False)
        yield DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
        yield Static(_("Reading the history…"), id="history-detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = _("History")
        self.sub_title = self.initial_title
        self.table.add_columns(_("When"), _("Kind"), _("Who"), _("What"))
        self.table.focus()
        self.load()

    @work(thread=True, exclusive=True, group="history")
    def load(self) -> None:
        from forbattra.store.errors import StoreError
        from forbattra.store.services.history import initiative_history

        database = self.forbattra.database
        if database is None:
            self.app.call_from_thread(self._problem, not_open_reason(self.app))
            return
        try:
            found = initiative_history(database, self.initiative_id)
        except StoreError as error:
            self.app.call_from_thread(self._problem, str(error))
            return
        self.app.call_from_thread(self._show, found)

    def _problem(self, reason: str) -> None:
        self.query_one("#history-detail", Static).update(Text(reason))
        self.notify(reason, severity="warning", markup=False, timeout=8)

    def _show(self, found: History) -> None:
        if not self.is_mounted:
            return
        self.history = found
        self.sub_title = found.title
        self.refill()

    def refill(self) -> None:
        found = self.history
        if found is None:
            return
        kinds = [self.kind] if self.kind else []
        self.shown = filter_entries(found.entries, kinds=kinds, since=self.since)
        table = self.table
        table.clear()
        for index, entry in enumerate(self.shown):
            # A signal belongs to a value's day, not to a moment.
            when = (
                local_day(entry.at).isoformat()
                if entry.kind == EntryKind.SIGNAL
                else local_minute(entry.at)
            )
            table.add_row(
                Text(when),
                Text(kind_label(entry.kind)),
                Text(entry.actor or "–"),
                Text(entry.text, no_wrap=True, overflow="ellipsis"),
                key=str(index),
            )
        if self.shown:
            table.move_cursor(row=len(self.shown) - 1)
        kind = kind_label(self.kind) if self.kind else _("all kinds")
        count = ngettext("{count} entry", "{count} entries", len(self.shown)).format(
            count=len(self.shown)
        )
        self.query_one("#history-filter", Static).update(
            Text(f"{count} · {kind} · {self.period_label}", no_wrap=True, overflow="ellipsis")
        )
        self._detail(len(self.shown) - 1 if self.shown else None)

    def _detail(self, index: int | None) -> None:
        detail = self.query_one("#history-detail", Static)
        if index is None or index >= len(self.shown):
            detail.update(Text(_("Nothing in the history matches.")))
            return
        entry = self.shown[index]
        text = Text.assemble((entry.text, "bold"))
        if entry.before:
            text.append("\n" + _("Before:") + " ", style="italic")
            text.append(entry.before)
        if entry.after:
            text.append("\n" + (_("After:") + " " if entry.before else ""), style="italic")
            text.append(entry.after)
        detail.update(text)

    @on(DataTable.RowHighlighted, "#history-table")
    def highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._detail(event.cursor_row)

    def action_kind(self) -> None:
        from forbattra.tui.screens.pick import PickScreen

        choices = [None, *EntryKind]
        names = [_("All kinds")] + [kind_label(kind) for kind in EntryKind]

        def chosen(index: int | None) -> None:
            if index is not None:
                self.kind = choices[index]
                self.refill()

        current = choices.index(self.kind)
        self.app.push_screen(PickScreen(_("Show which kind?"), names, current), chosen)

    def action_period(self) -> None:
        from forbattra.tui.screens.pick import PickScreen

        def chosen(index: int | None) -> None:
            if index is None:
                return
            name, days = PERIODS[index]
            if days == -1:
                self._ask_date()
                return
            self.since = date.today() - timedelta(days=days) if days else None
            self.period_label = _(name).lower() if days is None else _(name)
            self.refill()

        names = [_(name) for name, _days in PERIODS]
        self.app.push_screen(PickScreen(_("Show which period?"), names), chosen)

    def _ask_date(self, typed: str | None = None) -> None:
        from forbattra.tui.screens.edit_line import EditLineScreen

        def entered(text: str | None) -> None:
            if text is None or not text.strip():
                return
            try:
                day = date.fromisoformat(text.strip())
            except ValueError:
                self.notify(
                    _("“{value}” is not a date; write it as YYYY-MM-DD.").format(value=text),
                    severity="warning",
                    markup=False,
                )
                # Ask again with what was typed, so a typo costs one key, not the text.
                self._ask_date(text)
                return
            self.since = day
            self.period_label = _("from {since}").format(since=day)
            self.refill()

        start = typed if typed is not None else (self.since.isoformat() if self.since else "")
        self.app.push_screen(EditLineScreen(_("From which day? (YYYY-MM-DD)"), start), entered)

    def action_leave(self) -> None:
        self.dismiss(None)
