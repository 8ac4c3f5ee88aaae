"""Improve (and PDSA's change ideas): solutions, the causes they address, tests in cycles."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from forbattra.core.domain import CauseView, CycleView, SolutionView
from forbattra.i18n import _, ngettext
from forbattra.tui import calls
from forbattra.tui.messages import OpenCycle, Request
from forbattra.tui.widgets.fields import LocksWhenClosed


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def linked_text(names: list[str], width: int) -> str:
    """As many linked causes as fit in ``width``, the rest counted: "a; b (+2)"."""
    shown = [_short(names[0], width - 6)]
    for name in names[1:]:
        candidate = "; ".join([*shown, _short(name, 40)])
        if len(candidate) + 6 > width:
            break
        shown.append(_short(name, 40))
    rest = len(names) - len(shown)
    return "; ".join(shown) + (f" (+{rest})" if rest else "")


class SolutionList(LocksWhenClosed, OptionList):
    """The solutions, each with the causes it addresses and how often it was tested.

    | Key | Does |
    | --- | --- |
    | l | link to causes (DMAIC) |
    | t | test it small-scale in a new PDSA cycle |
    | e | change the text |
    | delete | remove it |
    | d | dot voting on the solutions |
    | m | the impact/effort matrix |
    """

    BINDINGS = [
        Binding("l", "link", _("Link causes"), tooltip=_("Choose the causes it addresses")),
        Binding("t", "test", _("Test"), tooltip=_("Test it small-scale in a new PDSA cycle")),
        Binding("e", "edit", _("Edit"), show=False, tooltip=_("Change the text")),
        Binding("delete", "remove", _("Remove"), show=False, tooltip=_("Remove it")),
        Binding("d", "dot_vote", _("Dot vote"), show=False, tooltip=_("Dot voting on these")),
        Binding("m", "matrix", _("Matrix"), tooltip=_("Place them by impact and effort")),
    ]

    def __init__(self, panel: SolutionsPanel) -> None:
        super().__init__(id="solution-list")
        self.panel = panel

    @property
    def current(self) -> SolutionView | None:
        index = self.highlighted
        solutions = self.panel.solutions
        return solutions[index] if index is not None and index < len(solutions) else None

    editing_actions = frozenset({"link", "test", "edit", "remove", "dot_vote", "matrix"})

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.locked_out(action):
            return False
        if action == "link":
            return self.panel.with_causes and self.current is not None
        if action in {"test", "edit", "remove"}:
            return self.current is not None or None
        return True

    def action_link(self) -> None:
        from forbattra.tui.screens.link_causes import LinkCausesScreen

        solution = self.current
        if solution is None:
            return
        if not self.panel.causes:
            self.notify(_("There are no causes yet: capture them in Analyze first."))
            return

        def linked(cause_ids: list[int] | None) -> None:
            if cause_ids is not None:
                self.post_message(Request(calls.solution_causes(solution, cause_ids)))

        self.app.push_screen(
            LinkCausesScreen(solution.text, self.panel.causes, solution.cause_ids), linked
        )

    def action_dot_vote(self) -> None:
        from forbattra.core.voting import VoteTarget
        from forbattra.tui.screens.dot_vote import open_dot_vote

        open_dot_vote(self.screen, VoteTarget.SOLUTION)

    def action_matrix(self) -> None:
        from forbattra.tui.screens.matrix import MatrixScreen

        self.app.push_screen(MatrixScreen(self.panel.initiative_id, str(self.screen.title or "")))

    def action_test(self) -> None:
        if (solution := self.current) is not None:
            self.post_message(
                Request(
                    calls.add_cycle(self.panel.initiative_id, solution.id),
                    then=lambda cycle: self.post_message(OpenCycle(cycle.id)),
                )
            )

    def action_edit(self) -> None:
        from forbattra.tui.screens.edit_line import EditLineScreen

        solution = self.current
        if solution is None:
            return

        def edited(text: str | None) -> None:
            if text is not None and text != solution.text:
                self.post_message(Request(calls.solution_text(solution, text)))

        self.app.push_screen(EditLineScreen(self.panel.noun, solution.text), edited)

    def action_remove(self) -> None:
        from forbattra.tui.screens.confirm import ConfirmScreen

        solution = self.current
        if solution is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.post_message(Request(calls.delete_solution(solution), done=_("Removed.")))

        self.app.push_screen(
            ConfirmScreen(
                _("Remove it?"),
                _("Cycles that tested it keep their history."),
                items=[solution.text],
                confirm=_("Remove"),
                warning=True,
            ),
            answered,
        )


class SolutionsPanel(Vertical):
    """Quick capture above the list. In DMAIC each solution shows the causes it addresses
    (or that it has none yet); PDSA's change ideas need no causes."""

    def __init__(
        self,
        initiative_id: int,
        solutions: Sequence[SolutionView],
        causes: Sequence[CauseView],
        cycles: Sequence[CycleView],
        *,
        with_causes: bool,
    ) -> None:
        super().__init__(id="solutions")
        self.initiative_id = initiative_id
        self.with_causes = with_causes
        self.solutions = tuple(solutions)
        self.causes = tuple(causes)
        self.cycles = tuple(cycles)
        self.noun = _("Solutions") if with_causes else _("Change ideas")
        self._filled_width = 0

    def compose(self) -> ComposeResult:
        yield Static(self.noun, classes="tool-title", markup=False)
        placeholder = (
            _("Type a solution and press Enter")
            if self.with_causes
            else _("Type a change idea and press Enter")
        )
        yield Input(placeholder=placeholder, compact=True, id="solution-input")
        yield SolutionList(self)

    def on_mount(self) -> None:
        self._fill()

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._filled_width:
            self._fill()

    def set_data(
        self,
        solutions: Sequence[SolutionView],
        causes: Sequence[CauseView],
        cycles: Sequence[CycleView],
    ) -> None:
        data = (tuple(solutions), tuple(causes), tuple(cycles))
        if data != (self.solutions, self.causes, self.cycles):
            self.solutions, self.causes, self.cycles = data
            self._fill()

    def _prompt(self, solution: SolutionView) -> Text:
        text = Text(solution.text)
        if solution.votes:
            text.append(f"  ● {solution.votes}", style="dim")
        details = Text("\n  ", style="dim")
        if self.with_causes:
            named = [c.text for c in self.causes if c.id in solution.cause_ids]
            if named:
                details.append("→ " + linked_text(named, max(40, self.size.width - 30)))
            else:
                details.append("⚠ " + _("not linked to any cause (l links)"), style="bold")
        tests = [c for c in self.cycles if c.solution_id == solution.id]
        if tests:
            if len(details.plain.strip()):
                details.append(" · ")
            details.append(
                ngettext("tested in {count} cycle", "tested in {count} cycles", len(tests)).format(
                    count=len(tests)
                )
            )
        if details.plain.strip():
            text.append_text(details)
        return text

    def _fill(self) -> None:
        self._filled_width = self.size.width
        options = self.query_one(SolutionList)
        keep = options.highlighted
        options.clear_options()
        options.add_options([Option(self._prompt(s)) for s in self.solutions])
        if self.solutions:
            options.highlighted = min(keep or 0, len(self.solutions) - 1)
        options.display = bool(self.solutions)

    @on(Input.Submitted, "#solution-input")
    def capture(self, event: Input.Submitted) -> None:
        event.stop()
        field = event.input
        text = field.value
        if not text.strip():
            return
        field.value = ""

        def refused(_reason: str) -> None:
            if not field.value:
                field.value = text

        self.post_message(Request(calls.add_solution(self.initiative_id, text), failed=refused))
