"""The PDSA cycles of an initiative: number, title, where each one is, its dates."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from forbattra.core.domain import CycleStage, CycleView
from forbattra.core.vocabulary import CycleDecision, label
from forbattra.i18n import N_, _
from forbattra.tui import calls
from forbattra.tui.messages import OpenCycle, Request
from forbattra.tui.widgets.fields import Autosaving, LocksWhenClosed, Target
from forbattra.tui.widgets.prediction_held import SavedChoice

STAGES = {
    CycleStage.PLAN: N_("Plan"),
    CycleStage.DO: N_("Do"),
    CycleStage.STUDY: N_("Study"),
    CycleStage.ACT: N_("Act"),
}


def stage_text(cycle: CycleView) -> str:
    """Where the cycle is, or its decision once it has one."""
    if cycle.decision is not None:
        return label(cycle.decision)
    return _(STAGES[cycle.stage])


def dates_text(cycle: CycleView) -> str:
    if cycle.started_on is None:
        return _("not started")
    end = cycle.finished_on.isoformat() if cycle.finished_on else "…"
    return f"{cycle.started_on.isoformat()} – {end}"


class CycleList(LocksWhenClosed, OptionList):
    """Enter opens a cycle; n plans a new one."""

    BINDINGS = [
        Binding("n", "new", _("New cycle"), tooltip=_("Plan a new PDSA cycle")),
    ]

    def __init__(self, panel: CyclesPanel) -> None:
        super().__init__(id="cycle-list")
        self.panel = panel

    editing_actions = frozenset({"new"})

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not self.locked_out(action)

    def action_new(self) -> None:
        self.panel.new_cycle()


class CyclesPanel(Vertical):
    """The cycles, newest last; Enter opens one in its own editor."""

    def __init__(self, initiative_id: int, cycles: Sequence[CycleView]) -> None:
        super().__init__(id="cycles")
        self.initiative_id = initiative_id
        self.cycles = tuple(cycles)

    def compose(self) -> ComposeResult:
        yield Static(_("PDSA cycles"), classes="tool-title", markup=False)
        yield Static(id="cycles-empty", classes="tool-hint", markup=False)
        yield CycleList(self)

    def on_mount(self) -> None:
        self._fill()

    def set_cycles(self, cycles: Sequence[CycleView]) -> None:
        if tuple(cycles) != self.cycles:
            self.cycles = tuple(cycles)
            self._fill()

    def _fill(self) -> None:
        options = self.query_one(CycleList)
        keep = options.highlighted
        options.clear_options()
        for cycle in self.cycles:
            prompt = Text(f"{cycle.number}  ", style="bold")
            prompt.append(cycle.title)
            prompt.append(f"\n   {stage_text(cycle)} · {dates_text(cycle)}", style="dim")
            options.add_option(Option(prompt, id=str(cycle.id)))
        if self.cycles:
            options.highlighted = min(keep if keep is not None else 0, len(self.cycles) - 1)
        empty = self.query_one("#cycles-empty", Static)
        empty.display = not self.cycles
        empty.update(Text(_("No cycles yet. Press n here, or t on a solution, to plan one.")))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(OpenCycle(int(event.option.id)))

    def new_cycle(self) -> None:
        self.post_message(
            Request(
                calls.add_cycle(self.initiative_id),
                then=lambda cycle: self.post_message(OpenCycle(cycle.id)),
            )
        )


class DecisionChoice(SavedChoice):
    """Act: adopt, adapt or abandon (``""`` until decided). The screen saves it; the first
    decision finishes the cycle, so the screen asks before it stores that one."""

    def __init__(self, target: Target, decision: CycleDecision | None, *, id: str) -> None:
        super().__init__(
            target,
            [choice.value for choice in CycleDecision],
            [label(choice) for choice in CycleDecision],
            decision.value if decision is not None else "",
            id=id,
        )


def encode_dates(started_on: date | None, finished_on: date | None) -> str:
    """A cycle's two dates as the one value the autosaver writes: ``start|finish``."""
    return "|".join(day.isoformat() if day else "" for day in (started_on, finished_on))


def decode_dates(text: str) -> tuple[date | None, date | None]:
    start, _sep, finish = text.partition("|")
    return (
        date.fromisoformat(start) if start else None,
        date.fromisoformat(finish) if finish else None,
    )


class CycleDates(Horizontal, Autosaving):
    """The started and finished dates (YYYY-MM-DD), saved together by the autosaver.

    What is typed is saved as soon as both fields hold dates (or nothing) in order, so "save
    now" and leaving keep it; while a field holds something else, ``wanted`` (the last good
    pair) stays what would be saved, and :meth:`typed` says there is a problem.
    """

    def __init__(self, target: Target, cycle: CycleView, *, classes: str) -> None:
        # The fields start with the stored dates: what they hold is what would be saved.
        started, finished = (
            day.isoformat() if day else "" for day in (cycle.started_on, cycle.finished_on)
        )
        super().__init__(
            Input(started, placeholder=_("started"), compact=True, id="cycle-started"),
            Input(finished, placeholder=_("finished"), compact=True, id="cycle-finished"),
            classes=classes,
        )
        self.target = target
        self.saved = self.wanted = encode_dates(cycle.started_on, cycle.finished_on)

    @property
    def value_to_save(self) -> str:
        typed = self.typed()
        return self.wanted if typed is None else typed

    def typed(self) -> str | None:
        """The two dates as typed, encoded, when both are dates or empty and the end is not
        before the start; else None."""
        days: list[date | None] = []
        for field in self.query(Input):
            text = field.value.strip()
            try:
                days.append(date.fromisoformat(text) if text else None)
            except ValueError:
                return None
        started_on, finished_on = [*days, None, None][:2]
        if started_on and finished_on and finished_on < started_on:
            return None
        return encode_dates(started_on, finished_on)

    def show_text(self, text: str) -> None:
        self.saved = self.wanted = text
        for field, day in zip(self.query(Input), decode_dates(text), strict=False):
            if not field.has_focus:
                field.value = day.isoformat() if day else ""
