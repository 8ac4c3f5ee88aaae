"""The portfolio overview (v on the portfolio): what is being done and where the improvements
are, for a period. It shows the portfolio report itself, so screen and document agree.

A ``Static`` holding Rich's ``Markdown`` draws a long report at once, where Textual's Markdown
widget would build a widget per block.
"""

from __future__ import annotations

from datetime import date

from rich.markdown import Markdown
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from forbattra.i18n import N_, _
from forbattra.tui.not_open import not_open_reason

# (label, which period: a function of today giving (since, until))
PERIODS = (
    N_("All time"),
    N_("This year"),
    N_("Last year"),
    N_("Last 12 months"),
    N_("From a date…"),
)


def period_for(index: int, today: date) -> tuple[date | None, date | None]:
    if index == 1:
        return date(today.year, 1, 1), None
    if index == 2:
        return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
    if index == 3:
        return date(today.year - 1, today.month, 1), None
    return None, None


class OverviewScreen(Screen[None]):
    """The overview for a chosen period (``p``)."""

    DEFAULT_CSS = """
    #overview-scroll { height: 1fr; padding: 0 1; }
    """
    BINDINGS = [
        Binding("escape", "leave", _("Back"), tooltip=_("Back to the portfolio")),
        Binding("p", "period", _("Period"), tooltip=_("Choose the period"), id="overview.period"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.since: date | None = None
        self.until: date | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="overview-scroll"):
            yield Static(_("Reading the portfolio…"), id="overview-report", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = _("Portfolio overview")
        self.query_one(VerticalScroll).focus()
        self.load()

    @work(thread=True, exclusive=True, group="overview")
    def load(self) -> None:
        from forbattra.docs import DocsError
        from forbattra.docs.review_reports import portfolio_report
        from forbattra.store.errors import StoreError
        from forbattra.store.services.overview import portfolio_overview
        from forbattra.tui.app import ForbattraApp

        app = self.app
        assert isinstance(app, ForbattraApp)
        database = app.database
        if database is None:
            self.app.call_from_thread(self._show, None, not_open_reason(self.app))
            return
        try:
            found = portfolio_overview(database, since=self.since, until=self.until)
            text = portfolio_report(found)
        except (StoreError, DocsError) as error:
            self.app.call_from_thread(self._show, None, str(error))
            return
        self.app.call_from_thread(self._show, text, None)

    def _show(self, text: str | None, problem: str | None) -> None:
        if not self.is_mounted:
            return
        report = self.query_one("#overview-report", Static)
        if text is None:
            report.update(Text(problem or ""))
            return
        # The front matter is for other tools; the screen starts at the heading.
        body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
        report.update(Markdown(body))

    def action_period(self) -> None:
        from forbattra.tui.screens.pick import PickScreen

        def chosen(index: int | None) -> None:
            if index is None:
                return
            if index == len(PERIODS) - 1:
                self._ask_date()
                return
            self.since, self.until = period_for(index, date.today())
            self.load()

        self.app.push_screen(
            PickScreen(_("Show which period?"), [_(name) for name in PERIODS]), chosen
        )

    def _ask_date(self, typed: str | None = None) -> None:
        from forbattra.tui.screens.edit_line import EditLineScreen

        def entered(text: str | None) -> None:
            if text is None or not text.strip():
                return
            try:
                self.since, self.until = date.fromisoformat(text.strip()), None
            except ValueError:
                self.notify(
                    _("“{value}” is not a date; write it as YYYY-MM-DD.").format(value=text),
                    severity="warning",
                    markup=False,
                )
                # Ask again with what was typed, so a typo costs one key, not the text.
                self._ask_date(text)
                return
            self.load()

        start = typed if typed is not None else (self.since.isoformat() if self.since else "")
        self.app.push_screen(EditLineScreen(_("From which day? (YYYY-MM-DD)"), start), entered)

    def action_leave(self) -> None:
        self.dismiss(None)
