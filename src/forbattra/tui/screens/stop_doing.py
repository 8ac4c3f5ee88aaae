"""The stop-doing check (sluta göra): what we do, what it costs, what we keep, simplify,
replace or stop, and the time that frees.

For an initiative (DMAIC before Improve and in Control, PDSA when a cycle is decided) or for
a unit's own routines, tied to no initiative. The sums are the ones people quote: hours freed
a month and a year, how many activities were stopped, simplified, replaced. Reading and
writing run in thread workers; the dialogs show refusals where the team typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static
from textual.worker import get_current_worker

from forbattra.core.domain import StopCheck, StopItemView
from forbattra.core.stop_doing import CHANGES, counts_text, freed_sentence, hours_text
from forbattra.core.vocabulary import label
from forbattra.i18n import _, ngettext
from forbattra.tui.widgets.stop_doing_table import StopItemsTable

if TYPE_CHECKING:
    from forbattra.store.database import Database
    from forbattra.tui.app import ForbattraApp
    from forbattra.tui.screens.help import Section

Call = Callable[["Database", str], Any]


def default_question() -> str:
    return _("What do we do that could be stopped, simplified or replaced?")


def summary_text(check: StopCheck) -> Group:
    """The lines people quote: time freed, the decisions, the follow-ups that are due."""
    summary = check.summary
    lines = [Text(freed_sentence(summary), style="bold")]
    if summary.items:
        lines.append(Text(counts_text(summary)))
        costs = _("The listed activities cost {hours} h a month.").format(
            hours=hours_text(summary.cost_per_month)
        )
        if summary.without_estimate:
            costs += " " + ngettext(
                "{count} change has no estimate of the time it frees yet.",
                "{count} changes have no estimate of the time they free yet.",
                summary.without_estimate,
            ).format(count=summary.without_estimate)
        lines.append(Text(costs, style="dim"))
    if summary.due_ids:
        lines.append(
            Text(
                ngettext(
                    "⚑ {count} follow-up is due: did stopping hurt? Press f on it.",
                    "⚑ {count} follow-ups are due: did stopping hurt? Press f on them.",
                    len(summary.due_ids),
                ).format(count=len(summary.due_ids)),
                style="bold",
            )
        )
    return Group(*lines)


def follow_up_words(item: StopItemView) -> str:
    """The follow-up in words: its answer and why, or when it is planned."""
    if item.follow_up_result is not None:
        return " – ".join(p for p in (label(item.follow_up_result), item.follow_up_note) if p)
    if item.follow_up_on is not None:
        return _("planned for {date}").format(date=item.follow_up_on.isoformat())
    return ""


def detail_text(item: StopItemView | None) -> Text:
    """What the table has no room for, about the highlighted activity."""
    if item is None:
        return Text(_("Press a to list an activity: a report, a meeting, a form, a check."))
    parts: list[tuple[str, str]] = [
        (_("Who benefits:"), item.beneficiary),
        (_("If we stopped:"), item.if_stopped),
        (_("Why {decision}:").format(decision=label(item.decision)), item.reason),
        (_("Follow-up:"), follow_up_words(item)),
    ]
    if item.minutes_per_occurrence is not None and item.occurrences_per_month is not None:
        parts.insert(
            0,
            (
                _("Time:"),
                _("{minutes} min × {times} a month").format(
                    minutes=hours_text(item.minutes_per_occurrence),
                    times=hours_text(item.occurrences_per_month),
                ),
            ),
        )
    # The activity's whole name first: the table may have had to shorten it.
    text = Text(" ".join(item.activity.split()), style="bold")
    for heading, value in parts:
        if value.strip():
            text.append("  " + heading + " ", style="italic")
            text.append(" ".join(value.split()))
    if not any(value.strip() for _heading, value in parts):
        text.append("  " + _("e describes it further, d decides it."), style="dim")
    return text


class StopDoingScreen(Screen[None]):
    """One check: the activities, their decisions, the sums. ``initiative_id`` None is a
    unit's stand-alone check."""

    DEFAULT_CSS = """
    StopDoingScreen #stop-question { padding: 0 1; text-style: bold; }
    StopDoingScreen #stop-items { height: 1fr; }
    StopDoingScreen #stop-detail { padding: 0 1; height: auto; max-height: 3; }
    StopDoingScreen #stop-summary {
        padding: 0 1; height: auto; border-top: solid $primary; background: $boost;
    }
    """

    BINDINGS = [
        Binding("a", "add", _("Add"), tooltip=_("List an activity"), id="stop.add"),
        Binding(
            "e", "edit", _("Edit"), tooltip=_("Change the highlighted activity"), id="stop.edit"
        ),
        Binding(
            "d",
            "decide",
            _("Decide"),
            tooltip=_("Keep, simplify, replace or stop, with a reason and the time freed"),
            id="stop.decide",
        ),
        Binding(
            "f",
            "follow_up",
            _("Follow up"),
            tooltip=_("Did stopping hurt? Confirmed, or restarted with why"),
            id="stop.follow_up",
        ),
        Binding(
            "delete",
            "remove",
            _("Remove"),
            show=False,
            tooltip=_("Remove the highlighted activity (asks first)"),
            id="stop.remove",
        ),
        Binding("r", "reload", _("Reload"), show=False, id="stop.reload"),
        Binding("escape", "leave", _("Back"), id="stop.back"),
    ]

    def __init__(
        self,
        *,
        initiative_id: int | None = None,
        unit: str = "",
        title: str = "",
        question: str | None = None,
    ) -> None:
        super().__init__()
        self.initiative_id = initiative_id
        self.unit = unit
        self.heading = title or unit
        self.question = question or default_question()
        self.check: StopCheck | None = None

    @property
    def forbattra(self) -> ForbattraApp:
        from forbattra.tui.app import ForbattraApp

        assert isinstance(self.app, ForbattraApp)
        return self.app

    @property
    def table(self) -> StopItemsTable:
        return self.query_one(StopItemsTable)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text(self.question), id="stop-question", markup=False)
        yield StopItemsTable(id="stop-items")
        yield Static(id="stop-detail", markup=False)
        yield Static(_("Reading the check…"), id="stop-summary", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = _("Stop-doing check")
        if self.initiative_id is None:
            self.sub_title = _("{unit} (the unit's own routines)").format(unit=self.unit)
        else:
            self.sub_title = self.heading
        self.table.focus()
        self.reload()

    # Reading ---------------------------------------------------------------------------------

    def reload(self, keep: int | None = None) -> None:
        self._load(keep if keep is not None else self.table.highlighted_id())

    @work(thread=True, exclusive=True, group="stop-check")
    def _load(self, keep: int | None) -> None:
        from forbattra.store.errors import StoreError
        from forbattra.store.services.stop_doing import stop_check

        database = self.forbattra.database
        if database is None:
            return
        try:
            check = stop_check(database, self.initiative_id, unit=self.unit)
        except StoreError as error:
            self.app.call_from_thread(self._problem, str(error))
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_check, check, keep)

    def show_check(self, check: StopCheck, keep: int | None = None) -> None:
        self.check = check
        self.table.show(check.items, keep=keep)
        self.query_one("#stop-summary", Static).update(summary_text(check))
        self._show_detail()
        self.refresh_bindings()

    def _problem(self, reason: str) -> None:
        self.notify(reason, severity="error", markup=False, timeout=8)
        if self.check is None:
            self.query_one("#stop-summary", Static).update(Text(reason))

    @property
    def highlighted(self) -> StopItemView | None:
        item_id = self.table.highlighted_id()
        return self.check.item(item_id) if self.check and item_id is not None else None

    @on(DataTable.RowHighlighted, "#stop-items")
    def _show_detail(self) -> None:
        self.query_one("#stop-detail", Static).update(detail_text(self.highlighted))

    @on(DataTable.RowSelected, "#stop-items")
    def _row_chosen(self) -> None:
        self.action_edit()

    # Actions -----------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"edit", "decide", "remove"}:
            return self.highlighted is not None
        if action == "follow_up":
            item = self.highlighted
            return item is not None and item.decision in CHANGES
        if action == "add":
            return self.check is not None
        return True

    def _after_dialog(self, stored: StopItemView | None) -> None:
        if stored is not None:
            self.reload(keep=stored.id)

    def action_add(self) -> None:
        from forbattra.tui.screens.stop_doing_dialogs import StopItemScreen

        self.app.push_screen(
            StopItemScreen(initiative_id=self.initiative_id, unit=self.unit), self._after_dialog
        )

    def action_edit(self) -> None:
        from forbattra.tui.screens.stop_doing_dialogs import StopItemScreen

        item = self.highlighted
        if item is not None:
            self.app.push_screen(
                StopItemScreen(initiative_id=self.initiative_id, unit=self.unit, item=item),
                self._after_dialog,
            )

    def action_decide(self) -> None:
        from forbattra.tui.screens.stop_doing_dialogs import DecideScreen

        item = self.highlighted
        if item is not None:
            self.app.push_screen(DecideScreen(item), self._after_dialog)

    def action_follow_up(self) -> None:
        from forbattra.tui.screens.stop_doing_dialogs import FollowUpScreen

        item = self.highlighted
        if item is None:
            return
        if item.decision not in CHANGES:
            self.notify(
                _("Only an activity that was stopped, simplified or replaced is followed up."),
                markup=False,
            )
            return
        self.app.push_screen(FollowUpScreen(item), self._after_dialog)

    def action_remove(self) -> None:
        from forbattra.tui.screens.confirm import ConfirmScreen

        item = self.highlighted
        if item is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._remove(item)

        self.app.push_screen(
            ConfirmScreen(
                _("Remove this activity?"),
                _("“{activity}” leaves the check; the history keeps what it was.").format(
                    activity=item.activity
                ),
                confirm=_("Remove"),
                warning=True,
            ),
            answered,
        )

    @work(thread=True, group="stop-write")
    def _remove(self, item: StopItemView) -> None:
        from forbattra.store.errors import StoreError
        from forbattra.store.services.stop_doing import delete_stop_item

        database = self.forbattra.database
        assert database is not None
        try:
            delete_stop_item(
                database, self.forbattra.settings.user, item.id, expected_version=item.version
            )
        except StoreError as error:
            self.app.call_from_thread(self._problem, str(error))
        self.app.call_from_thread(self.reload)

    def action_reload(self) -> None:
        self.reload()

    def action_leave(self) -> None:
        self.dismiss()

    def help_sections(self) -> tuple[list[Section], list[str]]:
        from forbattra.tui.screens.help import binding_entries

        sections: list[Section] = [
            (_("The stop-doing check"), binding_entries(self.app, self.BINDINGS))
        ]
        notes = [
            _(
                "Give the time as hours a month, or as minutes each time × times a month."
                " Stopping frees all of an activity's time unless you say otherwise."
            ),
            _(
                "A stopped activity is followed up after three months: did stopping hurt?"
                " A restarted one no longer counts in the time freed."
            ),
        ]
        return sections, notes
