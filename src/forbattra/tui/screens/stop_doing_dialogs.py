"""The dialogs of the stop-doing check: describe an activity, decide it, follow it up.

Each dialog runs its service call in a thread worker and closes with what was stored; a
refusal (a time that is not a number, a restart without a why) is shown in the dialog,
and nothing typed is lost. What they share is :class:`~.stop_dialog.StopDialog`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Grid
from textual.widgets import Footer, Input, RadioButton, RadioSet, Static

from forbattra.core import stop_doing as rules
from forbattra.core.domain import NewStopItem, StopItemView
from forbattra.core.vocabulary import FollowUpResult, StopDecision, label
from forbattra.i18n import _
from forbattra.tui import form_values
from forbattra.tui.screens.stop_dialog import FORM_CSS, Call, StopDialog
from forbattra.tui.widgets.dialog_scroll import DialogScroll

if TYPE_CHECKING:
    from forbattra.store.database import Database

# The decisions a team chooses between (not "not decided").
DECISIONS = (StopDecision.KEEP, StopDecision.SIMPLIFY, StopDecision.REPLACE, StopDecision.STOP)
RESULTS = (FollowUpResult.CONFIRMED, FollowUpResult.RESTARTED)


class StopItemScreen(StopDialog):
    """Add or change an activity: what, who, the time it costs (hours a month, or minutes
    each time × times a month), who benefits and how, what would happen if we stopped."""

    DEFAULT_CSS = FORM_CSS.format(name="StopItemScreen")

    def __init__(
        self, *, initiative_id: int | None, unit: str, item: StopItemView | None = None
    ) -> None:
        super().__init__()
        self.initiative_id = initiative_id
        self.unit = unit
        self.item = item

    def compose(self) -> ComposeResult:
        item = self.item

        def number(value: float | None) -> str:
            return "" if value is None else rules.hours_text(value).replace("\u00a0", "")

        with DialogScroll(classes="dialog", id="stop-item-dialog") as panel:
            panel.border_title = _("Change the activity") if item else _("A new activity")
            with Grid(classes="stop-form"):
                yield Static(_("Activity"), markup=False)
                yield Input(
                    item.activity if item else "",
                    placeholder=_("for example: weekly status report to the department"),
                    compact=True,
                    id="stop-activity",
                )
                yield Static(_("Who does it"), markup=False)
                yield Input(item.who if item else "", compact=True, id="stop-who")
                yield Static(_("Hours per month"), markup=False)
                yield Input(
                    number(item.hours_per_month) if item else "",
                    placeholder=_("or leave empty and give minutes × times"),
                    compact=True,
                    id="stop-hours",
                )
                yield Static(_("Minutes each time"), markup=False)
                yield Input(
                    number(item.minutes_per_occurrence) if item else "",
                    compact=True,
                    id="stop-minutes",
                )
                yield Static(_("Times per month"), markup=False)
                yield Input(
                    number(item.occurrences_per_month) if item else "",
                    compact=True,
                    id="stop-times",
                )
                yield Static(_("Who benefits, how"), markup=False)
                yield Input(item.beneficiary if item else "", compact=True, id="stop-beneficiary")
                yield Static(_("If we stopped"), markup=False)
                yield Input(
                    item.if_stopped if item else "",
                    placeholder=_("what would happen if we stopped?"),
                    compact=True,
                    id="stop-if-stopped",
                )
            yield Static(id="stop-cost", classes="dialog-hint", markup=False)
            yield from self.buttons(_("Save"))
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#stop-activity", Input).focus()
        self._show_cost()

    @on(Input.Changed, "#stop-hours, #stop-minutes, #stop-times")
    def _show_cost(self) -> None:
        """The time per month as the team types, worked out the way the sums will."""
        hint = self.query_one("#stop-cost", Static)
        try:
            new = self._read()
        except form_values.FormProblem:
            hint.update("")
            return
        cost = rules.monthly_cost(
            new.hours_per_month, new.minutes_per_occurrence, new.occurrences_per_month
        )
        problem = rules.cost_problem(
            new.hours_per_month, new.minutes_per_occurrence, new.occurrences_per_month
        )
        if problem:
            hint.update(Text(problem))
        elif cost is not None:
            hint.update(
                Text(
                    _("Costs {month} h a month ({year} h a year).").format(
                        month=rules.hours_text(cost), year=rules.hours_text(cost * 12)
                    )
                )
            )
        else:
            hint.update(Text(_("The time can be estimated later.")))

    def _read(self) -> NewStopItem:
        return NewStopItem(
            activity=self.value("#stop-activity"),
            who=self.value("#stop-who"),
            hours_per_month=form_values.number(self.value("#stop-hours"), _("Hours per month")),
            minutes_per_occurrence=form_values.number(
                self.value("#stop-minutes"), _("Minutes each time")
            ),
            occurrences_per_month=form_values.number(
                self.value("#stop-times"), _("Times per month")
            ),
            beneficiary=self.value("#stop-beneficiary"),
            if_stopped=self.value("#stop-if-stopped"),
        )

    def call(self) -> Call:
        new = self._read()
        item, initiative_id, unit = self.item, self.initiative_id, self.unit

        def run(database: Database, actor: str) -> StopItemView:
            from forbattra.store.services import stop_doing

            if item is None:
                return stop_doing.add_stop_item(
                    database, actor, new, initiative_id=initiative_id, unit=unit
                )
            return stop_doing.edit_stop_item(
                database, actor, item.id, new, expected_version=item.version
            )

        return run


class DecideScreen(StopDialog):
    """Keep, simplify, replace or stop (behåll, förenkla, ersätt, sluta), why, the time it
    frees and when to follow it up."""

    DEFAULT_CSS = FORM_CSS.format(name="DecideScreen")

    def __init__(self, item: StopItemView) -> None:
        super().__init__()
        self.item = item

    def compose(self) -> ComposeResult:
        item = self.item
        with DialogScroll(classes="dialog", id="stop-decide-dialog") as panel:
            panel.border_title = Text(_("Decide: {activity}").format(activity=item.activity))
            yield Static(
                Text(
                    _("It costs {hours} h a month.").format(
                        hours=rules.hours_text(item.cost_per_month)
                    )
                    if item.cost_per_month is not None
                    else _("Its time is not estimated yet.")
                ),
                classes="dialog-hint",
                markup=False,
            )
            yield RadioSet(
                *[RadioButton(label(d), value=item.decision is d) for d in DECISIONS],
                id="stop-decision",
            )
            with Grid(classes="stop-form"):
                yield Static(_("Why"), markup=False)
                yield Input(item.reason, compact=True, id="stop-reason")
                yield Static(_("Hours freed/month"), markup=False)
                yield Input(
                    ""
                    if item.hours_freed is None
                    or (
                        item.decision is StopDecision.STOP
                        and item.hours_freed == item.cost_per_month
                    )
                    else rules.hours_text(item.hours_freed).replace("\u00a0", ""),
                    placeholder=_("stopping frees all of it"),
                    compact=True,
                    id="stop-freed",
                )
                yield Static(_("Follow up on"), markup=False)
                yield Input(
                    item.follow_up_on.isoformat() if item.follow_up_on else "",
                    placeholder=_("YYYY-MM-DD; stopped: in 3 months"),
                    compact=True,
                    id="stop-follow-up",
                )
            yield from self.buttons(_("Decide"))
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(RadioSet).focus()

    def call(self) -> Call:
        index = self.query_one(RadioSet).pressed_index
        if index < 0:
            self.query_one(RadioSet).focus()
            raise form_values.FormProblem(_("Choose keep, simplify, replace or stop."))
        decision = DECISIONS[index]
        freed = form_values.number(self.value("#stop-freed"), _("Hours freed"))
        follow_up = form_values.day(self.value("#stop-follow-up"), _("Follow up on"))
        if decision is StopDecision.KEEP and freed == 0:
            freed = None
        problem = rules.hours_freed_problem(decision, self.item.cost_per_month, freed)
        if problem:
            self.query_one("#stop-freed", Input).focus()
            raise form_values.FormProblem(problem)
        reason, item = self.value("#stop-reason"), self.item

        def run(database: Database, actor: str) -> StopItemView:
            from forbattra.store.services.stop_doing import decide

            return decide(
                database,
                actor,
                item.id,
                decision,
                reason=reason,
                hours_freed=freed,
                follow_up_on=follow_up,
                expected_version=item.version,
            )

        return run


class FollowUpScreen(StopDialog):
    """Did stopping hurt? Confirmed, or restarted (then why)."""

    DEFAULT_CSS = FORM_CSS.format(name="FollowUpScreen")

    def __init__(self, item: StopItemView) -> None:
        super().__init__()
        self.item = item

    def compose(self) -> ComposeResult:
        item = self.item
        with DialogScroll(classes="dialog", id="stop-follow-up-dialog") as panel:
            panel.border_title = Text(_("Follow up: {activity}").format(activity=item.activity))
            yield Static(
                Text(
                    _("Decided: {decision}. Did it hurt, or does the change hold?").format(
                        decision=label(item.decision)
                    )
                ),
                classes="dialog-message",
                markup=False,
            )
            yield RadioSet(
                RadioButton(
                    _("It holds: the change is confirmed"),
                    value=item.follow_up_result is not FollowUpResult.RESTARTED,
                ),
                RadioButton(
                    _("We had to restart it"),
                    value=item.follow_up_result is FollowUpResult.RESTARTED,
                ),
                id="stop-result",
            )
            with Grid(classes="stop-form"):
                yield Static(_("What we saw"), markup=False)
                yield Input(
                    item.follow_up_note,
                    placeholder=_("needed when restarted: what did stopping affect?"),
                    compact=True,
                    id="stop-note",
                )
            yield from self.buttons(_("Record"))
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(RadioSet).focus()

    def call(self) -> Call:
        result = RESULTS[max(self.query_one(RadioSet).pressed_index, 0)]
        note, item = self.value("#stop-note"), self.item
        problem = rules.follow_up_problem(item.decision, result, note)
        if problem:
            self.query_one("#stop-note", Input).focus()
            raise form_values.FormProblem(problem)

        def run(database: Database, actor: str) -> StopItemView:
            from forbattra.store.services.stop_doing import record_follow_up

            return record_follow_up(
                database,
                actor,
                item.id,
                result,
                note,
                on=date.today(),
                expected_version=item.version,
            )

        return run
