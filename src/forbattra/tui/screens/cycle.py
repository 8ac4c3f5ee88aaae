"""One PDSA cycle, the experiment: Plan, Do, Study, Act, then the next cycle.

Plan holds the objective, the predictions (one a line) and who/what/where/when/which data.
ctrl+g starts the test: Do begins, and the predictions are locked, so Study compares the
results with what was predicted before. ctrl+l unlocks them on purpose (recorded as such).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from rich.console import Group
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Footer, Header, Input, RadioSet, Static

from forbattra.core.domain import CycleStage, CycleView
from forbattra.core.vocabulary import CycleDecision, Status, label
from forbattra.i18n import _
from forbattra.tui import calls
from forbattra.tui.autosave import stored_text
from forbattra.tui.messages import Request
from forbattra.tui.screens.base import EditingScreen
from forbattra.tui.screens.cycle_form import CYCLE_BINDINGS, cycle_form
from forbattra.tui.widgets.bullets import bullets
from forbattra.tui.widgets.cycles import (
    STAGES,
    CycleDates,
    DecisionChoice,
    dates_text,
    encode_dates,
)
from forbattra.tui.widgets.fields import AutosaveArea, Autosaving, Target, lock_fields
from forbattra.tui.widgets.prediction_held import PredictionHeldChoice, SavedChoice

if TYPE_CHECKING:
    from forbattra.core.domain import Workspace
    from forbattra.tui.screens.help import Section


class CycleScreen(EditingScreen):
    """The editor of one cycle; everything typed saves by itself."""

    BINDINGS = CYCLE_BINDINGS

    def __init__(self, initiative_id: int, cycle_id: int) -> None:
        super().__init__(initiative_id)
        self.cycle_id = cycle_id
        self.cycle: CycleView | None = None
        self._built = False
        self._decision_confirmed = False
        self._dates_warned = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="cycle-stages", markup=False)
        yield VerticalScroll(id="cycle-body")
        with Horizontal(id="workspace-status"):
            yield Static(id="workspace-where", markup=False)
            yield Static(id="save-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.reload()

    def target(self, field: str, label_text: str) -> Target:
        return Target("cycle", self.cycle_id, field, label_text)

    def _build(self, cycle: CycleView) -> Iterator[Widget]:
        return cycle_form(cycle, self.target)

    # Showing -----------------------------------------------------------------------------------

    def show_workspace(self, workspace: Workspace) -> None:
        cycle = workspace.cycle(self.cycle_id)
        if cycle is None:
            self.notify(_("This cycle no longer exists."), severity="warning", markup=False)
            self.dismiss()
            return
        self.title = workspace.initiative.title
        self.sub_title = _("Cycle {number}").format(number=cycle.number)
        body = self.query_one("#cycle-body", VerticalScroll)
        if not self._built:
            self.cycle = cycle
            self.run_worker(self._mount_editor(body, cycle), group="mount")
            return
        else:
            for field in self._fields():
                text = stored_text(field.target, cycle)
                if not field.is_dirty and not field.paused and text != field.saved:
                    field.show_text(text)
        self.show_cycle(cycle)

    async def _mount_editor(self, body: VerticalScroll, cycle: CycleView) -> None:
        await body.mount_all(list(self._build(cycle)))
        self._built = True
        self.show_cycle(self.cycle or cycle)
        self.call_after_refresh(self._first_focus, cycle)

    def _fields(self) -> list[Autosaving]:
        return [w for w in self.query("*") if isinstance(w, Autosaving)]

    def _first_focus(self, cycle: CycleView) -> None:
        """Open where the cycle is: its section's heading at the top, its field focused."""
        section, field = {
            CycleStage.PLAN: ("", "#cycle-objective"),
            CycleStage.DO: ("#section-do", "#cycle-what-happened"),
            CycleStage.STUDY: ("#section-study", "#cycle-study"),
            CycleStage.ACT: ("#section-act", "#cycle-decision"),
            CycleStage.DONE: ("", "#cycle-title"),
        }[cycle.stage]
        self.query_one(field).focus(scroll_visible=False)
        body = self.query_one("#cycle-body", VerticalScroll)
        if section:
            body.scroll_to_widget(self.query_one(section), top=True, animate=False)

    def show_cycle(self, cycle: CycleView) -> None:
        """Redraw what depends on the stored cycle: stages, lock, dates, decision."""
        self.cycle = cycle
        if not self._built:
            return
        # A newer version may be taken only if nobody else changed a text being edited here:
        # otherwise the older version stays, and saving that text asks whose text to keep.
        if all(
            stored_text(field.target, cycle) == field.saved
            for field in self._fields()
            if field.is_dirty or field.paused
        ):
            self.autosaver.register(self.target("title", ""), cycle.version)
        stages = Text(_("Cycle {number}").format(number=cycle.number) + "  ", style="bold")
        order = [CycleStage.PLAN, CycleStage.DO, CycleStage.STUDY, CycleStage.ACT]
        current = cycle.stage
        for index, stage in enumerate(order):
            done = current is CycleStage.DONE or order.index(current) > index
            here = stage is current
            mark = "✓" if done else ("▶" if here else "·")
            stages.append(f" {mark} {_(STAGES[stage])} ", style="reverse bold" if here else "")
        if cycle.decision is not None:
            stages.append("  " + label(cycle.decision), style="bold")
        stages.append("   " + dates_text(cycle), style="dim")
        self.query_one("#cycle-stages", Static).update(stages)
        prediction = self.query_one("#cycle-prediction", AutosaveArea)
        lock = self.query_one("#cycle-lock", Static)
        locked = cycle.predictions_locked and not prediction.after_start
        prediction.read_only = locked
        lock.display = cycle.predictions_locked and not self.closed  # closed: all is locked
        lock.update(
            Text(
                _("🔒 Locked since the test started; ctrl+l unlocks them (recorded).")
                if locked
                else _("Unlocked: a change now is recorded as made after the start.")
            )
        )
        start = self.query_one("#cycle-start", Static)
        if cycle.started_on is not None:
            started = _("Started {date}.").format(date=cycle.started_on.isoformat())
        elif self.closed:
            started = _("The test was never started.")
        else:
            started = _("When the plan is ready: ctrl+g starts the test and locks the predictions.")
        start.update(Text(started))
        lines = [line.strip() for line in cycle.prediction.splitlines() if line.strip()]
        self.query_one("#cycle-predicted", Static).update(
            Group(Text(_("Predicted:"), style="bold"), bullets(lines or ["–"]))
        )
        # The choices and dates show the stored cycle unless a newer choice waits to be saved.
        for choice in self._fields():
            if isinstance(choice, SavedChoice | CycleDates) and not (
                choice.is_dirty or choice.paused
            ):
                choice.show_text(stored_text(choice.target, cycle))
        where = self.query_one("#workspace-where", Static)
        shown = cycle.title
        if self.closed:
            shown = _("Closed, read-only. o on the portfolio reopens it.")
            # The cycle is part of a closed initiative's record: readable, not editable.
            lock_fields(self._fields(), True)
            lock_fields(
                self.query("#cycle-decision, #cycle-held, #cycle-started, #cycle-finished"), True
            )
        where.update(Text(shown, no_wrap=True, overflow="ellipsis"))
        self.query_one("#save-status", Static).display = not self.closed
        self.refresh_bindings()

    @property
    def closed(self) -> bool:
        workspace = self.workspace
        return workspace is not None and workspace.initiative.status == Status.CLOSED

    def saved(self, target: Target, stored: Any) -> None:
        if isinstance(stored, CycleView):
            self.show_cycle(stored)

    # Actions -----------------------------------------------------------------------------------

    def _version(self) -> int | None:
        # The cycle's version as the autosaver last stored or read it (choices included).
        return self.autosaver.versions.get(("cycle", self.cycle_id, ""))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        cycle = self.cycle
        if action in {"start", "unlock", "next_cycle"} and self.closed:
            return False  # hidden: a closed initiative's cycles are read, not changed
        if action == "start":
            return cycle is not None and cycle.started_on is None
        if action == "unlock":
            return cycle is not None and cycle.predictions_locked
        if action == "next_cycle":
            return cycle is not None
        return True

    async def action_leave(self) -> None:
        dates = self.query(CycleDates)
        if dates and dates.first().typed() is None and not self._dates_warned:
            # A date that is not one would be dropped by leaving: say so once (Esc again
            # leaves, keeping the dates as they were stored).
            self._dates_warned = True
            self._save_dates()
            return
        await self.leave()

    async def action_start(self) -> None:
        await self.autosaver.save_now()
        self.post_message(
            Request(
                calls.start_cycle(self.cycle_id, self._version()),
                done=_("The test has started; the predictions are locked."),
                then=self._started,
            )
        )

    def _started(self, cycle: CycleView) -> None:
        """On to Do: the locked predictions keep no focus for the next keys to go to."""
        self.show_cycle(cycle)
        self.query_one("#cycle-what-happened").focus(scroll_visible=False)
        body = self.query_one("#cycle-body", VerticalScroll)
        body.scroll_to_widget(self.query_one("#section-do"), top=True, animate=False)

    async def action_next_cycle(self) -> None:
        if self.cycle is None or not await self.save_before_leaving():
            return

        def opened(cycle: CycleView) -> None:
            self.dismiss()
            self.app.push_screen(CycleScreen(self.initiative_id, cycle.id))

        self.post_message(Request(calls.next_cycle(self.cycle), then=opened))

    def action_unlock(self) -> None:
        from forbattra.tui.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                field = self.query_one("#cycle-prediction", AutosaveArea)
                field.after_start = True
                if self.cycle is not None:
                    self.show_cycle(self.cycle)
                field.focus()

        self.app.push_screen(
            ConfirmScreen(
                _("Change the predictions after the start?"),
                _(
                    "Study should compare the results with what was predicted before the test."
                    " A change now is kept in the history as made after the start."
                ),
                confirm=_("Unlock"),
                warning=True,
            ),
            answered,
        )

    def _save_choice(self, field: Autosaving) -> None:
        """Write a choice at once, after the cycle's write in progress (the autosaver's
        queue): each write names the version the one before returned."""
        self.autosaver.edited(field)
        self.autosaver.flush()

    @on(RadioSet.Changed, "#cycle-decision")
    def decided(self, event: RadioSet.Changed) -> None:
        field = self.query_one("#cycle-decision", DecisionChoice)
        wanted = field.value_to_save
        if field.saved or self._decision_confirmed or not wanted:
            self._save_choice(field)  # changing a decision is direct
            return
        # The first decision finishes the cycle: a stray key must not do that unasked.
        field.show(field.saved)
        self._confirm_decision(field, CycleDecision(wanted))

    def _confirm_decision(self, field: DecisionChoice, decision: CycleDecision) -> None:
        from forbattra.tui.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self._decision_confirmed = True
                field.show(decision.value)
                self._save_choice(field)
            field.focus()

        finished = self.cycle is not None and self.cycle.finished_on is not None
        self.app.push_screen(
            ConfirmScreen(
                _("Decide: {decision}?").format(decision=label(decision)),
                _("The decision ends the test.")
                if finished
                else _("The cycle is finished today ({date}).").format(
                    date=date.today().isoformat()
                ),
                confirm=_("Decide"),
            ),
            answered,
        )

    @on(RadioSet.Changed, "#cycle-held")
    def held_answered(self) -> None:
        self._save_choice(self.query_one("#cycle-held", PredictionHeldChoice))

    @on(Input.Submitted, "#cycle-started, #cycle-finished")
    def dates_entered(self) -> None:
        self._save_dates()

    @on(events.DescendantBlur)
    def date_left(self, event: events.DescendantBlur) -> None:
        # (The fields' own saving on leaving runs in EditingScreen's handler too.)
        if getattr(event.widget, "id", None) in {"cycle-started", "cycle-finished"}:
            self._save_dates()

    def _save_dates(self) -> None:
        if not self._built:
            return
        values: list[date | None] = []
        for widget_id in ("#cycle-started", "#cycle-finished"):
            text = self.query_one(widget_id, Input).value.strip()
            try:
                values.append(date.fromisoformat(text) if text else None)
            except ValueError:
                self.notify(
                    _("{text} is not a date; write it as YYYY-MM-DD.").format(text=text),
                    severity="warning",
                    markup=False,
                )
                return
        started_on, finished_on = values
        if started_on and finished_on and finished_on < started_on:
            # Checked here: the autosaver would only try again and again.
            self.notify(_("The cycle cannot end before it starts."), severity="warning")
            return
        field = self.query_one(CycleDates)
        field.wanted = encode_dates(started_on, finished_on)
        self._save_choice(field)

    def conflict(self, field: Autosaving, theirs: str) -> None:
        if not isinstance(field, SavedChoice | CycleDates):
            super().conflict(field, theirs)
            return
        # Someone else really chose otherwise: show theirs; choosing again is one key.
        field.paused = False
        field.show_text(theirs)
        self.notify(
            _("Someone else changed “{field}” at the same time; their choice is shown.").format(
                field=field.target.label
            ),
            severity="warning",
            markup=False,
            timeout=8,
        )
        self.reload()

    async def action_close_initiative(self) -> None:
        from forbattra.core import methods
        from forbattra.tui import closing_actions

        if self.workspace is None:
            return
        await self.autosaver.save_now()
        initiative = self.workspace.initiative
        here = methods.phase(initiative.method, initiative.phase)
        subject = closing_actions.Subject(
            initiative.id, initiative.title, here.name if here else "", initiative.status
        )
        closing_actions.close(self, subject, self.reload)

    async def action_document(self) -> None:
        from forbattra.tui.screens.document import DocumentScreen

        if self.cycle is not None:
            await self.autosaver.save_now()  # the document shows what was just typed
            self.app.push_screen(DocumentScreen(self.initiative_id, self.cycle.number))

    def action_comments(self) -> None:
        from forbattra.tui import review_actions

        review_actions.cycle_comments(self)

    def action_history(self) -> None:
        from forbattra.tui import review_actions

        review_actions.editing_history(self)

    async def action_stop_doing(self) -> None:
        from forbattra.tui.stop_doing_open import open_initiative_check

        await self.autosaver.save_now()
        title = self.workspace.initiative.title if self.workspace else ""
        question = _("When a change is adopted: what old step can go?")
        open_initiative_check(self, self.initiative_id, title, question)

    def help_sections(self) -> tuple[list[Section], list[str]]:
        from forbattra.tui.screens.help import binding_entries

        sections: list[Section] = [(_("This cycle"), binding_entries(self.app, self.BINDINGS))]
        notes = [
            _(
                "Everything saves by itself. Write one prediction a line, before the test starts;"
                " Study then compares the results with them."
            ),
            _("Adopt, adapt or abandon: ending a change that does not work is a result too."),
        ]
        return sections, notes
