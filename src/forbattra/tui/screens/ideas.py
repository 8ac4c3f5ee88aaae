"""The idea inbox (förslagslåda): every idea, a quick way to leave one, triage by keys, and
the inbox's own statistics, which say plainly when it is little used. What each triage key
does is in :mod:`forbattra.tui.screens.idea_actions`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from forbattra.core.ideas import IdeaStatus, IdeaView, InboxStats, status_label, summary, verdict
from forbattra.core.vocabulary import area_short
from forbattra.i18n import _, ngettext
from forbattra.tui.not_open import not_open_reason

if TYPE_CHECKING:
    from forbattra.store.database import Database
    from forbattra.tui.app import ForbattraApp
    from forbattra.tui.screens.help import Section

# The status filter cycles through these (None: every idea).
FILTERS: tuple[IdeaStatus | None, ...] = (None, *IdeaStatus)
_NEED_IDEA = frozenset({"review", "not_now", "accept", "delete"})
TEXT_WIDTH = 70


def status_cell(idea: IdeaView) -> str:
    if idea.status is IdeaStatus.INITIATIVE and idea.initiative_id is not None:
        return _("initiative {id}").format(id=idea.initiative_id)
    return status_label(idea.status)


def short(text: str, width: int = TEXT_WIDTH) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"


class IdeasScreen(Screen[None]):
    """The inbox: status, date, unit, area, votes and text of every idea; the highlighted
    idea in full below; the statistics at the bottom. Reads and writes in thread workers."""

    BINDINGS = [
        Binding("a", "new", _("New idea"), tooltip=_("Leave an idea (anonymous)"), id="ideas.new"),
        Binding(
            "r", "review", _("Review"), tooltip=_("Take the idea up for review"), id="ideas.review"
        ),
        Binding(
            "n", "not_now", _("Not now"), tooltip=_("Not now, with a reason"), id="ideas.not_now"
        ),
        Binding(
            "i",
            "accept",
            _("Initiative"),
            tooltip=_("Turn the idea into an initiative"),
            id="ideas.accept",
        ),
        Binding(
            "delete",
            "delete",
            _("Delete"),
            tooltip=_("Delete the idea for good (asks first)"),
            id="ideas.delete",
        ),
        Binding(
            "f",
            "filter",
            _("Status"),
            tooltip=_("Show only one status, in turn"),
            id="ideas.filter",
        ),
        Binding("escape", "leave", _("Back"), tooltip=_("Back to the portfolio"), id="ideas.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.ideas: list[IdeaView] = []
        self.stats: InboxStats | None = None
        self.status_filter: IdeaStatus | None = None
        self.loaded = False

    @property
    def forbattra(self) -> ForbattraApp:
        from forbattra.tui.app import ForbattraApp

        assert isinstance(self.app, ForbattraApp)
        return self.app

    @property
    def table(self) -> DataTable[Any]:
        return self.query_one("#ideas-table", DataTable)

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="ideas-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="ideas-message", markup=False)
        yield Static(id="ideas-detail", markup=False)
        yield Static(_("Reading the ideas…"), id="ideas-stats", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = _("Idea inbox")
        table = self.table
        # The idea's words before its unit and area: a narrow window cuts off the right.
        table.add_column(_("Status"), key="status")
        table.add_column(_("Received"), key="received")
        table.add_column(_("Votes"), key="votes")
        table.add_column(_("Idea"), key="text")
        table.add_column(_("Unit"), key="unit")
        table.add_column(_("Area"), key="area")
        table.focus()
        self.reload()

    # Reading -----------------------------------------------------------------------------------

    def reload(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="ideas-read")
    def _load(self) -> None:
        from forbattra.store.errors import StoreError
        from forbattra.store.services.ideas import inbox_statistics, list_ideas

        database = self.forbattra.database
        if database is None:
            self.app.call_from_thread(self._problem, not_open_reason(self.app))
            return
        try:
            found = list_ideas(database)
            stats = inbox_statistics(database)
        except StoreError as error:
            self.app.call_from_thread(self._problem, str(error))
            return
        self.app.call_from_thread(self.show, found, stats)

    def _problem(self, reason: str) -> None:
        self.query_one("#ideas-stats", Static).update(Text(reason, style="bold"))
        self.notify(reason, severity="error", markup=False, timeout=8)

    def show(self, ideas: list[IdeaView], stats: InboxStats, keep: str | None = None) -> None:
        self.ideas = ideas
        self.stats = stats
        self.loaded = True
        self.refill(keep or self._keep or self.highlighted_id())
        self._keep = None
        self.query_one("#ideas-stats", Static).update(Text(f"{summary(stats)}\n{verdict(stats)}"))

    def refill(self, keep: str | None = None) -> None:
        table = self.table
        table.clear()
        shown = [i for i in self.ideas if self.status_filter in (None, i.status)]
        width = max(24, min(TEXT_WIDTH, self.size.width - 44))
        for idea in shown:
            table.add_row(
                status_cell(idea),
                idea.received_on.isoformat(),
                str(idea.votes),
                Text(short(idea.text, width)),
                Text(idea.unit or "–"),
                Text(area_short(idea.area) if idea.area else "–", no_wrap=True),
                key=idea.id,
            )
        if keep is not None and any(idea.id == keep for idea in shown):
            table.move_cursor(row=table.get_row_index(keep))
        message = self.query_one("#ideas-message", Static)
        message.display = not shown
        table.display = bool(shown)
        if not self.ideas:
            message.update(
                Text(_("No ideas yet. Press a to leave one; it is anonymous unless you sign it."))
            )
        elif not shown:
            message.update(
                Text(
                    _("No ideas are {status}. Press f to show another status.").format(
                        status=status_label(self.status_filter or IdeaStatus.NEW)
                    )
                )
            )
        self.show_detail()
        self.refresh_bindings()

    def highlighted_id(self) -> str | None:
        table = self.table
        if not table.row_count or not table.display:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return str(key) if key is not None else None

    def highlighted(self) -> IdeaView | None:
        wanted = self.highlighted_id()
        return next((idea for idea in self.ideas if idea.id == wanted), None)

    @on(DataTable.RowHighlighted, "#ideas-table")
    def row_highlighted(self) -> None:
        self.show_detail()
        self.refresh_bindings()

    def show_detail(self) -> None:
        idea = self.highlighted()
        detail = self.query_one("#ideas-detail", Static)
        detail.display = idea is not None
        if idea is None:
            return
        text = Text(idea.text + "\n", style="bold")
        facts = [status_cell(idea), idea.source, idea.received_on.isoformat()]
        facts += [fact for fact in (idea.unit, area_short(idea.area) if idea.area else "") if fact]
        facts.append(f"id {idea.id}")
        text.append(" · ".join(facts), style="dim")
        if idea.status_reason:
            text.append("\n" + _("Not now, because: {reason}").format(reason=idea.status_reason))
        detail.update(text)

    # Actions -----------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _NEED_IDEA:
            idea = self.highlighted() if self.is_mounted else None
            if idea is None:
                return False
            if action == "delete":
                return True
            wanted = {
                "review": IdeaStatus.UNDER_REVIEW,
                "not_now": IdeaStatus.NOT_NOW,
                "accept": IdeaStatus.INITIATIVE,
            }[action]
            from forbattra.core.ideas import allowed

            return True if wanted in allowed(idea.status) else None  # shown, greyed out
        if action == "new":
            return self.forbattra.database is not None
        return True

    def action_new(self) -> None:
        from forbattra.tui.screens.idea_dialogs import NewIdeaScreen

        def saved(idea: object) -> None:
            if isinstance(idea, IdeaView):
                self.status_filter = None
                self.notify(
                    _("Thank you: the idea is saved anonymously.")
                    if idea.anonymous
                    else _("Thank you: the idea is saved."),
                    markup=False,
                )
                self._keep = idea.id
                self.reload()

        self.app.push_screen(NewIdeaScreen(), saved)

    def action_review(self) -> None:
        from forbattra.tui.screens.idea_actions import review

        review(self)

    def action_not_now(self) -> None:
        from forbattra.tui.screens.idea_actions import not_now

        not_now(self)

    def action_accept(self) -> None:
        from forbattra.tui.screens.idea_actions import accept

        accept(self)

    def action_delete(self) -> None:
        from forbattra.tui.screens.idea_actions import delete

        delete(self)

    def action_filter(self) -> None:
        position = FILTERS.index(self.status_filter)
        self.status_filter = FILTERS[(position + 1) % len(FILTERS)]
        self.refill(self.highlighted_id())
        shown = (
            status_label(self.status_filter)
            if self.status_filter is not None
            else _("every status")
        )
        count = self.table.row_count if self.table.display else 0
        self.notify(
            ngettext(
                "Showing {count} idea: {status}", "Showing {count} ideas: {status}", count
            ).format(count=count, status=shown),
            markup=False,
        )

    def action_leave(self) -> None:
        self.dismiss()

    # Writing -----------------------------------------------------------------------------------

    _keep: str | None = None

    def run_call(
        self,
        call: Callable[[Database, str], Any],
        done: str,
        *,
        then: Callable[[Any], None] | None = None,
    ) -> None:
        self._write(call, done, then)

    @work(thread=True, group="ideas-write")
    def _write(
        self, call: Callable[[Database, str], Any], done: str, then: Callable[[Any], None] | None
    ) -> None:
        from forbattra.store.errors import Conflict, InvalidInput, NotFound, StoreError

        database = self.forbattra.database
        if database is None:
            return
        try:
            result = call(database, self.forbattra.settings.user)
        except StoreError as error:
            refused = isinstance(error, (InvalidInput, NotFound, Conflict))
            severity = "warning" if refused else "error"
            self.app.call_from_thread(self.notify, str(error), severity=severity, markup=False)
            self.app.call_from_thread(self.reload)
            return
        if done:
            self.app.call_from_thread(self.notify, done, markup=False)
        if then is not None:
            self.app.call_from_thread(then, result)
        self.app.call_from_thread(self.reload)

    def help_sections(self) -> tuple[list[Section], list[str]]:
        from forbattra.tui.screens.help import binding_entries

        sections: list[Section] = [
            (_("The idea inbox"), binding_entries(self.app, self.BINDINGS)),
            (_("Moving around"), [("↑ ↓", _("Move between rows"))]),
        ]
        notes = [
            _(
                "An anonymous idea keeps its text, unit, area and the date it came; no name,"
                " user name or time of day. Sign it with your name only if you want an answer."
            ),
            _(
                "“Not now” needs a reason: for an anonymous idea it is the only answer its"
                " sender can read (forbattra idea show ID)."
            ),
            _(
                "The statistics count ideas from people per month: with fewer than three in three"
                " months, the inbox suggests it can be closed without prestige."
            ),
        ]
        return sections, notes

    def on_screen_resume(self) -> None:
        if self.loaded:
            self.reload()
