"""The PDSA cycles of an initiative: number, title, where each one is, its dates."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from forbattra.core.domain import CycleStage, CycleView
from forbattra.core.vocabulary import label
from forbattra.i18n import N_, _
from forbattra.tui import calls
from forbattra.tui.messages import OpenCycle, Request
from forbattra.tui.widgets.fields import LocksWhenClosed

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
