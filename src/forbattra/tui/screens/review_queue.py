"""The coach's review queue (g on the portfolio): what needs a look across all initiatives.

Cycles finished and phases left with open questions since the coach last looked, measures
with a new signal, and initiatives with no activity for some weeks. Enter opens the
initiative; ``m`` marks everything as looked at; ``w`` chooses the weeks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from forbattra.core.moments import local_day, local_minute
from forbattra.core.review_text import QueueItem, queue_label, queue_text
from forbattra.i18n import _, ngettext
from forbattra.tui.not_open import not_open_reason

if TYPE_CHECKING:
    from forbattra.store.services.review import ReviewQueue
    from forbattra.tui.app import ForbattraApp

WEEK_CHOICES = (2, 4, 6, 8, 12, 26)
# The title gives way to what the item is about; the line below shows both in full.
INITIATIVE_WIDTH = 30


class ReviewQueueScreen(Screen[None]):
    """What a coach should look at, newest first within each kind."""

    DEFAULT_CSS = """
    #queue-summary { padding: 0 1; color: $text-muted; height: auto; }
    #queue-table { height: 1fr; }
    #queue-detail { height: auto; padding: 0 1; border-top: solid $panel; }
    """
    BINDINGS = [
        Binding("escape", "leave", _("Back"), tooltip=_("Back to the portfolio")),
        Binding(
            "enter",
            "open",
            _("Open"),
            priority=True,
            tooltip=_("Open the initiative"),
            id="queue.open",
        ),
        Binding(
            "m",
            "mark",
            _("Mark as looked at"),
            tooltip=_("Everything shown has been seen; next time only what is new"),
            id="queue.mark",
        ),
        Binding(
            "w",
            "weeks",
            _("Weeks"),
            tooltip=_("How many weeks without activity count as stalled"),
            id="queue.weeks",
        ),
    ]

    def __init__(self, weeks: int = 6) -> None:
        super().__init__()
        self.weeks = weeks
        self.items: tuple[QueueItem, ...] = ()

    @property
    def forbattra(self) -> ForbattraApp:
        from forbattra.tui.app import ForbattraApp

        assert isinstance(self.app, ForbattraApp)
        return self.app

    @property
    def table(self) -> DataTable[Text]:
        return self.query_one("#queue-table", DataTable)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(_("Reading the review queue…"), id="queue-summary", markup=False)
        yield DataTable(id="queue-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="queue-detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = _("Review queue")
        self.sub_title = self.forbattra.settings.user
        table = self.table
        table.add_column(_("What"), key="what")
        table.add_column(_("Initiative"), key="initiative", width=INITIATIVE_WIDTH)
        table.add_column(_("When"), key="when")
        table.add_column(_("About"), key="about")
        self.table.focus()
        self.load()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open":
            return bool(self.items) or None
        return True

    @work(thread=True, exclusive=True, group="queue")
    def load(self, mark: bool = False) -> None:
        from forbattra.store.errors import StoreError
        from forbattra.store.services.review import mark_looked, review_queue

        database = self.forbattra.database
        if database is None:
            self.app.call_from_thread(self._problem, not_open_reason(self.app))
            return
        reviewer = self.forbattra.settings.user
        try:
            if mark:
                mark_looked(database, reviewer)
            found = review_queue(database, reviewer, weeks=self.weeks)
        except StoreError as error:
            self.app.call_from_thread(self._problem, str(error))
            return
        self.app.call_from_thread(self._show, found, mark)

    def _problem(self, reason: str) -> None:
        self.notify(reason, severity="warning", markup=False, timeout=8)

    def _show(self, found: ReviewQueue, marked: bool) -> None:
        if not self.is_mounted:
            return
        self.items = found.items
        table = self.table
        table.clear()
        for index, item in enumerate(self.items):
            table.add_row(
                Text(queue_label(item.kind)),
                Text(f"#{item.initiative_id} {item.title}", no_wrap=True, overflow="ellipsis"),
                Text(local_day(item.at).isoformat() if item.at else "–"),
                Text(queue_text(item), no_wrap=True, overflow="ellipsis"),
                key=str(index),
            )
        since = (
            _("New since you last looked, {at}.").format(at=local_minute(found.looked_at))
            if found.looked_at
            else _("You have not looked before: everything counts as new.")
        )
        count = ngettext("{count} item", "{count} items", len(self.items)).format(
            count=len(self.items)
        )
        stalled = ngettext(
            "stalled after {weeks} week", "stalled after {weeks} weeks", self.weeks
        ).format(weeks=self.weeks)
        self.query_one("#queue-summary", Static).update(Text(f"{since} {count} · {stalled}"))
        if marked:
            self.notify(_("Marked as looked at."), markup=False)
        self._detail(table.cursor_row)
        self.refresh_bindings()

    @on(DataTable.RowHighlighted, "#queue-table")
    def highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._detail(event.cursor_row)

    @on(DataTable.RowSelected, "#queue-table")
    def selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def _detail(self, row: int) -> None:
        detail = self.query_one("#queue-detail", Static)
        if not 0 <= row < len(self.items):
            detail.update(Text(_("Nothing needs a look.")))
            return
        item = self.items[row]
        detail.update(
            Text.assemble((f"#{item.initiative_id} {item.title}", "bold"), "\n", queue_text(item))
        )

    def action_open(self) -> None:
        from forbattra.tui.screens.workspace import WorkspaceScreen

        row = self.table.cursor_row
        if 0 <= row < len(self.items):
            item = self.items[row]
            self.app.push_screen(WorkspaceScreen(item.initiative_id, item.method, item.title))

    def action_mark(self) -> None:
        self.load(mark=True)

    def action_weeks(self) -> None:
        from forbattra.tui.screens.pick import PickScreen

        names = [
            ngettext("{count} week", "{count} weeks", weeks).format(count=weeks)
            for weeks in WEEK_CHOICES
        ]
        current = WEEK_CHOICES.index(self.weeks) if self.weeks in WEEK_CHOICES else 0

        def chosen(index: int | None) -> None:
            if index is not None:
                self.weeks = WEEK_CHOICES[index]
                self.load()

        self.app.push_screen(
            PickScreen(_("Stalled after how many weeks without activity?"), names, current),
            chosen,
        )

    def action_leave(self) -> None:
        self.dismiss(None)
