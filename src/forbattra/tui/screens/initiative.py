"""One initiative at a glance: a read-only summary over the portfolio (Enter on a row)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from forbattra.core import methods
from forbattra.core.vocabulary import ClosureReason, area_short, label
from forbattra.i18n import _, ngettext

if TYPE_CHECKING:
    from forbattra.core.domain import InitiativeRow
    from forbattra.tui.app import ForbattraApp


class InitiativeScreen(ModalScreen[None]):
    """A read-only summary of one initiative.

    It shows what the portfolio row knows at once, then reads the whole initiative (sponsor,
    coach, team, and how much work is recorded) in a thread worker.
    """

    BINDINGS = [
        Binding("escape,enter,q", "close", _("Close"), id="initiative.close"),
    ]

    def __init__(self, row: InitiativeRow) -> None:
        super().__init__()
        self.row = row
        self.document: dict[str, Any] | None = None

    @property
    def forbattra(self) -> ForbattraApp:
        from forbattra.tui.app import ForbattraApp

        assert isinstance(self.app, ForbattraApp)
        return self.app

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="initiative-panel"):
            yield Static(Text(self.row.title), id="initiative-title", markup=False)
            yield Static(self._facts(), id="initiative-facts", markup=False)
            yield Static(_("Reading the initiative…"), id="initiative-work", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        panel = self.query_one("#initiative-panel")
        panel.border_title = _("Initiative {id}").format(id=self.row.id)
        panel.border_subtitle = _("read-only")
        self.load()

    @work(thread=True, exclusive=True, group="initiative")
    def load(self) -> None:
        from forbattra.core.exchange import ExchangeError
        from forbattra.store.errors import StoreError
        from forbattra.store.services.exchange import export_documents

        database = self.forbattra.database
        if database is None:
            return
        try:
            document = export_documents(database, [self.row.id])[0]
        except (StoreError, ExchangeError) as error:
            if not get_current_worker().is_cancelled:
                self.app.call_from_thread(self.show_problem, str(error))
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_document, document)

    def show_document(self, document: dict[str, Any]) -> None:
        self.document = document
        self.query_one("#initiative-facts", Static).update(self._facts())
        self.query_one("#initiative-work", Static).update(self._work())

    def show_problem(self, reason: str) -> None:
        work_panel = self.query_one("#initiative-work", Static)
        work_panel.add_class("-problem")
        work_panel.update(Text(reason))

    def action_close(self) -> None:
        self.dismiss()

    def _facts(self) -> Table:
        row = self.row
        data: dict[str, Any] = (self.document or {}).get("initiative", {})
        phases = methods.phases(row.method)
        position = methods.phase_index(row.method, row.phase) + 1 if row.phase_name else 0
        phase = row.phase_name
        if position:
            phase = _("{phase} (phase {number} of {count})").format(
                phase=row.phase_name, number=position, count=len(phases)
            )
        facts: list[tuple[str, str | None]] = [
            (_("Method"), label(row.method)),
            (_("Phase"), phase),
            (_("Status"), label(row.status)),
            (_("Unit"), row.unit),
            (_("Kommunkompassen area"), area_short(row.area) if row.area else ""),
            (_("Leader"), row.leader),
            (_("Sponsor"), data.get("sponsor") if self.document else None),
            (_("Coach"), data.get("coach") if self.document else None),
            (_("Team"), data.get("team") if self.document else None),
            (_("Started"), _date(data.get("created_at")) if self.document else None),
            (_("Last change"), row.updated_at.astimezone().strftime("%Y-%m-%d %H:%M")),
        ]
        if row.review_by is not None:
            facts.append((_("Review by"), row.review_by.isoformat()))
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(overflow="fold")
        for name, value in facts:
            if value is None:
                grid.add_row(Text(name), Text("…", style="dim"))
            else:
                grid.add_row(Text(name), Text(value) if value else Text("–", style="dim"))
        return grid

    def _work(self) -> RenderableType:
        document = self.document or {}

        def count(section: str) -> int:
            return len(document.get(section, []))

        recorded = [
            text
            for number, text in (
                (
                    count("answers"),
                    ngettext(
                        "{count} question answered", "{count} questions answered", count("answers")
                    ),
                ),
                (count("causes"), ngettext("{count} cause", "{count} causes", count("causes"))),
                (
                    count("solutions"),
                    ngettext("{count} solution", "{count} solutions", count("solutions")),
                ),
                (
                    count("measures"),
                    ngettext("{count} measure", "{count} measures", count("measures")),
                ),
                (count("cycles"), ngettext("{count} cycle", "{count} cycles", count("cycles"))),
                (
                    count("stop_doing"),
                    ngettext(
                        "{count} stop-doing activity",
                        "{count} stop-doing activities",
                        count("stop_doing"),
                    ),
                ),
            )
            if number
            for text in [text.format(count=number)]
        ]
        lines: list[RenderableType] = [
            Text(_("Recorded so far: {items}").format(items=", ".join(recorded)))
            if recorded
            else Text(_("Nothing recorded yet beyond the start."), style="dim")
        ]
        closure = document.get("closure")
        if closure:
            closed = Text()
            closed.append("\n" + _("Closed on {date}: ").format(date=closure["closed_on"]), "bold")
            closed.append(label(ClosureReason(closure["reason"])))
            if closure.get("reason_text"):
                closed.append(" — " + closure["reason_text"])
            closed.append("\n" + _("Learned: "), "bold")
            closed.append(closure["learned"])
            lines.append(closed)
        lines.append(
            Text(
                "\n" + _("On the command line: forbattra show {id}").format(id=self.row.id),
                style="dim",
            )
        )
        return Group(*lines)


def _date(value: object) -> str:
    if not isinstance(value, str) or not value:
        return ""
    try:
        return datetime.fromisoformat(value).astimezone().strftime("%Y-%m-%d")
    except ValueError:
        return value
