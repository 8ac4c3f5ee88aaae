"""One phase of the workspace: its tools (measures, causes, solutions, cycles) and its
guiding questions, each with a field that saves by itself."""

from __future__ import annotations

from collections.abc import Iterator

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from forbattra.core import gates, methods
from forbattra.core.domain import Workspace
from forbattra.core.vocabulary import Method, Status
from forbattra.i18n import _
from forbattra.tui.widgets.causes import CausesPanel
from forbattra.tui.widgets.closure_note import ClosureNote
from forbattra.tui.widgets.cycles import CyclesPanel
from forbattra.tui.widgets.fields import (
    AutosaveArea,
    AutosaveChoice,
    AutosaveLine,
    Autosaving,
    LocksWhenClosed,
    Target,
    lock_fields,
)
from forbattra.tui.widgets.measures_view import MeasuresView
from forbattra.tui.widgets.solutions import SolutionsPanel

# Which tools each phase shows above its questions.
TOOLS: dict[tuple[Method, str], tuple[str, ...]] = {
    (Method.DMAIC, "measure"): ("measures",),
    (Method.DMAIC, "analyze"): ("causes",),
    (Method.DMAIC, "improve"): ("solutions", "cycles"),
    (Method.PDSA, "measures"): ("measures",),
    (Method.PDSA, "changes"): ("solutions",),
    (Method.PDSA, "cycles"): ("cycles",),
}


def group_heading(question: str) -> str:
    """A heading before a question that starts a group of its own."""
    return _("Control plan") if question == "control_measure" else ""


class PhasePane(VerticalScroll):
    """Tools first (where the workshop's work happens), then the questions."""

    def __init__(self, workspace: Workspace, phase: str) -> None:
        super().__init__(id=f"phase-{phase}", classes="phase-pane")
        self.workspace = workspace
        self.phase = phase
        self.method = workspace.initiative.method

    @property
    def tools(self) -> tuple[str, ...]:
        return TOOLS.get((self.method, self.phase), ())

    def compose(self) -> ComposeResult:
        workspace = self.workspace
        initiative_id = workspace.initiative.id
        if workspace.closure is not None:
            yield ClosureNote(workspace.closure)
        for tool in self.tools:
            if tool == "measures":
                yield Static(_("Measures"), classes="tool-title", markup=False)
                yield MeasuresView(workspace.measures, id="measures-view")
            elif tool == "causes":
                yield CausesPanel(initiative_id, workspace.causes)
            elif tool == "solutions":
                yield SolutionsPanel(
                    initiative_id,
                    workspace.solutions,
                    workspace.causes,
                    workspace.cycles,
                    with_causes=self.method is Method.DMAIC,
                )
            elif tool == "cycles":
                yield CyclesPanel(initiative_id, workspace.cycles)
        phase = methods.phase(self.method, self.phase)
        assert phase is not None
        stop_question = gates.stop_doing_in_phase(self.method, self.phase)
        if stop_question:  # the stop-doing check, offered where the method asks for it
            prompt = "✂ " + stop_question + " " + _("f9 opens the stop-doing check.")
            yield Static(Text(prompt), classes="tool-hint", id="stop-doing-prompt")
        if self.tools:
            yield Static(_("Questions"), classes="tool-title", markup=False)
        for question in phase.questions:
            heading = group_heading(question.key)
            if heading:
                yield Static(heading, classes="tool-title", markup=False)
            yield Static(Text(question.text), classes="question", markup=False)
            answer = workspace.answer(self.phase, question.key)
            target = Target("answer", self.phase, question.key, question.text)
            if question.kind == "line":
                suggestions = (
                    [m.name for m in workspace.measures]
                    if question.key == "control_measure"
                    else []
                )
                yield AutosaveLine(
                    target,
                    answer.text,
                    suggestions=suggestions,
                    id=f"answer-{self.phase}-{question.key}",
                )
            elif question.kind == "choice":
                yield AutosaveChoice(
                    target, question.choice_labels, answer.text, question.choice_index
                )
            else:
                yield AutosaveArea(target, answer.text, id=f"answer-{self.phase}-{question.key}")

    @property
    def ready(self) -> bool:
        """True once the tools have mounted their fields and lists."""
        panels = list(self.query("CausesPanel, SolutionsPanel, CyclesPanel"))
        return self.is_mounted and all(panel.children for panel in panels)

    def fields(self) -> Iterator[Autosaving]:
        for widget in self.query("*"):
            if isinstance(widget, Autosaving):
                yield widget

    def first_field(self) -> Widget | None:
        """Where typing starts: the first tool's input, else the first unanswered question."""
        for widget in self.query("*"):
            if widget.focusable and widget.display:
                if isinstance(widget, Autosaving) and widget.saved.strip():
                    continue
                return widget
        return next((w for w in self.query("*") if w.focusable), None)

    def on_mount(self) -> None:
        self.lock_answers(self.workspace.initiative.status == Status.CLOSED)

    def lock_answers(self, locked: bool) -> None:
        """A closed initiative's answers and lists are its record: readable, not editable,
        until it is reopened (which the history records)."""
        lock_fields(self.fields(), locked)
        for capture in self.query("#causes .capture, #solution-input"):
            capture.display = not locked  # a line to type into that takes nothing misleads
        for tool in self.query("CauseTree, SolutionList, CycleList"):
            if isinstance(tool, LocksWhenClosed) and tool.read_only != locked:
                tool.read_only = locked
                tool.refresh_bindings()

    def refresh_from(self, workspace: Workspace) -> None:
        """Redraw the tools, and the answers nobody is editing here, from ``workspace``."""
        self.workspace = workspace
        self.lock_answers(workspace.initiative.status == Status.CLOSED)
        for panel in self.query(CausesPanel):
            panel.set_causes(workspace.causes)
        for solutions in self.query(SolutionsPanel):
            solutions.set_data(workspace.solutions, workspace.causes, workspace.cycles)
        for cycles in self.query(CyclesPanel):
            cycles.set_cycles(workspace.cycles)
        for view in self.query(MeasuresView):
            view.set_measures(workspace.measures)
        for field in self.fields():
            answer = workspace.answer(self.phase, field.target.field)
            if not field.is_dirty and not field.paused and answer.text != field.saved:
                field.show_text(answer.text)
