"""The initiative workspace: the method's phases one at a time, with their tools and questions.

The stepper shows the phases, where the team is and what is done; below it the phase on
screen. Answers save by themselves. ctrl+g moves the team on through the phase gate, which
lists what is still open and asks to confirm; every move is recorded in the event log.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import ContentSwitcher, Footer, Header, Static

from forbattra.core import gates, methods
from forbattra.core.vocabulary import Method, Status, label
from forbattra.i18n import _
from forbattra.tui.messages import OpenCycle
from forbattra.tui.screens.base import EditingScreen
from forbattra.tui.widgets.phase_pane import PhasePane
from forbattra.tui.widgets.stepper import PhaseStepper

if TYPE_CHECKING:
    from forbattra.core.domain import InitiativeDetail, Workspace
    from forbattra.tui.screens.help import Section


class WorkspaceScreen(EditingScreen):
    """One initiative, phase by phase."""

    BINDINGS = [
        Binding("escape", "to_phases", _("Phases"), tooltip=_("Leave the field for the phases")),
        Binding("escape", "leave", _("Back"), tooltip=_("Back to the portfolio (saves first)")),
        Binding(
            "ctrl+g",
            "move_on",
            _("Move on"),
            tooltip=_("Move the team to the next phase; first shows what is still open"),
            id="workspace.move_on",
        ),
        Binding(
            "ctrl+s",
            "save",
            _("Save"),
            tooltip=_("Save now (everything also saves by itself)"),
            id="workspace.save",
        ),
        Binding(
            "ctrl+o",
            "measures",
            _("Measures"),
            tooltip=_("Open the measures: define them, add values, see the charts"),
            id="workspace.measures",
        ),
        Binding(
            "ctrl+b",
            "move_back",
            _("Move back"),
            show=False,
            tooltip=_("Move the team back to the previous phase"),
            id="workspace.move_back",
        ),
        Binding(
            "f8",
            "close_initiative",
            _("Close initiative"),
            show=False,
            tooltip=_("Close without prestige: the reason, what was learned, what is freed"),
            id="workspace.close",
        ),
        Binding(
            "f2",
            "document",
            _("Document"),
            show=False,
            tooltip=_("Preview the initiative's document and export it"),
            id="workspace.document",
        ),
        Binding(
            "f3",
            "comments",
            _("Comments"),
            tooltip=_("Comments on the phase shown"),
            id="workspace.comments",
        ),
        Binding(
            "f4",
            "history",
            _("History"),
            show=False,
            tooltip=_("What happened to this initiative"),
            id="workspace.history",
        ),
        Binding(
            "f9",
            "stop_doing",
            _("Stop doing"),
            tooltip=_("The stop-doing check: what can we stop, simplify or replace?"),
            id="workspace.stop_doing",
        ),
        Binding("alt+right", "view_step(1)", show=False, tooltip=_("Show the next phase")),
        Binding("alt+left", "view_step(-1)", show=False, tooltip=_("Show the previous phase")),
        Binding("ctrl+r", "reload", show=False, tooltip=_("Read the initiative again")),
    ]

    def __init__(self, initiative_id: int, method: Method, title: str = "") -> None:
        super().__init__(initiative_id)
        self.method = method
        self.initial_title = title
        self.viewed: str | None = None
        self._focus_when_shown = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield PhaseStepper(self.method, id="stepper")
        with ContentSwitcher(id="phases"):
            yield Static(_("Reading the initiative…"), id="phases-loading", markup=False)
        with Horizontal(id="workspace-status"):
            yield Static(id="workspace-where", markup=False)
            yield Static(id="save-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.initial_title
        self.sub_title = label(self.method)
        self.query_one(ContentSwitcher).current = "phases-loading"
        self.reload()

    @property
    def stepper(self) -> PhaseStepper:
        return self.query_one(PhaseStepper)

    def pane(self, phase: str) -> PhasePane | None:
        found = self.query(f"#phase-{phase}")
        return found.first(PhasePane) if found else None

    # Showing -----------------------------------------------------------------------------------

    def show_workspace(self, workspace: Workspace) -> None:
        self.title = workspace.initiative.title
        first = self.viewed is None or self._focus_when_shown
        self._focus_when_shown = False
        for pane in self.query(PhasePane):
            pane.refresh_from(workspace)
            self._register(pane)
        self.view(self.viewed or workspace.initiative.phase, focus=first)

    def _register(self, pane: PhasePane) -> None:
        assert self.workspace is not None
        for field in pane.fields():
            if not field.is_dirty and not field.paused:
                answer = self.workspace.answer(pane.phase, field.target.field)
                self.autosaver.register(field.target, answer.version)

    def view(self, phase: str, *, focus: bool = False) -> None:
        """Show ``phase`` (saving what was typed in the one before)."""
        workspace = self.workspace
        if workspace is None:
            return
        if phase != self.viewed:
            self.autosaver.flush()
        self.viewed = phase
        pane = self.pane(phase)
        switcher = self.query_one(ContentSwitcher)
        if pane is None:
            pane = PhasePane(workspace, phase)
            switcher.mount(pane)
            self.call_after_refresh(self._register, pane)
        switcher.current = pane.id
        done = [p.key for p in methods.phases(self.method) if gates.is_done(workspace, p.key)]
        self.stepper.show(viewed=phase, team=workspace.initiative.phase, done=done)
        self._show_where(workspace.initiative, phase)
        if focus:
            self.call_after_refresh(self._focus_pane)
        self.refresh_bindings()

    def _focus_pane(self, attempts: int = 40) -> None:
        """Focus where typing starts in the phase shown (once its tools are mounted)."""
        pane = self.pane(self.viewed or "")
        if pane is not None and not pane.ready and attempts:
            # Mounting the tools can take several refreshes on a busy machine: wait up to ~2 s.
            self.set_timer(0.05, lambda: self._focus_pane(attempts - 1))
            return
        target = pane.first_field() if pane is not None else None
        if pane is not None:
            pane.scroll_home(animate=False)
        (target or self.stepper).focus(scroll_visible=False)

    def _show_where(self, initiative: InitiativeDetail, phase: str) -> None:
        shown = methods.phase(self.method, phase)
        team = methods.phase(self.method, initiative.phase)
        assert shown is not None and team is not None
        if initiative.status == Status.CLOSED:
            # Short enough for 80 columns: how to reopen is the part that must show.
            text = _("{phase}: closed, read-only. o on the portfolio reopens it.").format(
                phase=shown.name
            )
        elif phase == initiative.phase:
            text = _("{phase}: the team is here.").format(phase=shown.name)
            if initiative.status == Status.COMPLETED:
                text += " " + _("The initiative is {status}.").format(
                    status=label(initiative.status)
                )
            elif gates.next_phase(self.method, phase) is not None:
                text += " " + _("ctrl+g moves on.")
        else:
            text = _("Showing {phase}; the team is in {team}.").format(
                phase=shown.name, team=team.name
            )
        self.query_one("#workspace-where", Static).update(
            Text(text, no_wrap=True, overflow="ellipsis")
        )
        # Nothing is saved in a closed initiative: its line makes room for how to reopen it.
        self.query_one("#save-status", Static).display = initiative.status != Status.CLOSED

    # Moving between phases ---------------------------------------------------------------------

    @on(PhaseStepper.Chosen)
    def phase_chosen(self, event: PhaseStepper.Chosen) -> None:
        self.view(event.phase)

    @on(PhaseStepper.Entered)
    def phase_entered(self) -> None:
        self._focus_pane()

    def action_view_step(self, offset: int) -> None:
        keys = [phase.key for phase in methods.phases(self.method)]
        if self.viewed in keys:
            index = keys.index(self.viewed) + offset
            if 0 <= index < len(keys):
                self.view(keys[index])

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        on_stepper = self.is_mounted and isinstance(self.focused, PhaseStepper)
        if action == "to_phases":
            return not on_stepper
        if action == "leave":
            return on_stepper
        if action in {"move_on", "move_back"} and self.workspace is None:
            return False
        if action == "move_on" and self.workspace is not None:
            return gates.next_phase(self.method, self.workspace.initiative.phase) is not None
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def action_to_phases(self) -> None:
        self.autosaver.flush()
        self.stepper.focus()

    async def action_leave(self) -> None:
        await self.leave()

    def action_reload(self) -> None:
        self.reload()

    async def action_move_on(self) -> None:
        await self.autosaver.save_now()
        self._gate()

    @work(thread=True, group="gate")
    def _gate(self) -> None:
        from forbattra.store.errors import StoreError
        from forbattra.store.services.workspace import load_workspace

        database = self.forbattra.database
        assert database is not None
        try:
            workspace = load_workspace(database, self.initiative_id)
        except StoreError as error:
            self.app.call_from_thread(self.problem, str(error))
            return
        self.app.call_from_thread(self._ask_gate, workspace)

    def _ask_gate(self, workspace: Workspace) -> None:
        from forbattra.tui.screens.confirm import ConfirmScreen

        self._show(workspace, next(self._generations))
        if (ended := _ended(workspace.initiative.status)) is not None:
            self.notify(ended, severity="warning", markup=False, timeout=8)
            return
        current = workspace.initiative.phase
        after = gates.next_phase(self.method, current)
        here = methods.phase(self.method, current)
        assert here is not None
        if after is None:
            self.notify(
                _("{phase} is the last phase; there is nothing to move on to.").format(
                    phase=here.name
                ),
                markup=False,
            )
            return
        there = methods.phase(self.method, after)
        assert there is not None
        items = gates.open_items(workspace, current)
        if items:
            message = _("Still open in {phase}. Move on anyway? It is recorded.").format(
                phase=here.name
            )
        else:
            message = _("Everything in {phase} is done.").format(phase=here.name)

        def answered(yes: bool | None) -> None:
            if yes:
                self._move(workspace.initiative, after, [item.text for item in items])

        title = _("Move on to {phase}?").format(phase=there.name)
        confirm = _("Move on to {phase}").format(phase=there.name)
        cancel = _("Stay in {phase}").format(phase=here.name)
        texts = [item.text for item in items]
        question = gates.stop_doing_at_gate(self.method, current)
        gate: ConfirmScreen
        if question is not None:  # offered beside the gate, never forced
            from forbattra.tui.screens.stop_doing_gate import StopDoingGateScreen

            gate = StopDoingGateScreen(
                title,
                message,
                items=texts,
                initiative_id=self.initiative_id,
                question=question,
                open_check=lambda: self._open_stop_doing(question),
                confirm=confirm,
                cancel=cancel,
            )
        else:
            gate = ConfirmScreen(title, message, items=texts, confirm=confirm, cancel=cancel)
        self.app.push_screen(gate, answered)

    async def action_move_back(self) -> None:
        if self.workspace is None:
            return
        await self.autosaver.save_now()
        if (ended := _ended(self.workspace.initiative.status)) is not None:
            self.notify(ended, severity="warning", markup=False, timeout=8)
            return
        before = gates.previous_phase(self.method, self.workspace.initiative.phase)
        if before is None:
            self.notify(_("The team is in the first phase already."), markup=False)
            return
        self._move(self.workspace.initiative, before, [])

    @work(thread=True, group="gate")
    def _move(self, initiative: InitiativeDetail, to: str, open_items: list[str]) -> None:
        from forbattra.store.errors import StoreError
        from forbattra.store.services.initiatives import move_to_phase

        database = self.forbattra.database
        assert database is not None
        try:
            move_to_phase(
                database,
                self.forbattra.settings.user,
                self.initiative_id,
                to,
                expected_phase=initiative.phase,
                open_items=open_items,
            )
        except StoreError as error:  # a Conflict says where someone else moved it
            self.app.call_from_thread(self.problem, str(error))
            self.app.call_from_thread(self.reload)
            return
        self.app.call_from_thread(self._moved, to, initiative.phase)

    def _moved(self, to: str, came_from: str) -> None:
        phase = methods.phase(self.method, to)
        assert phase is not None
        forward = methods.phase_index(self.method, to) > methods.phase_index(self.method, came_from)
        message = _("The team moved on to {phase}.") if forward else _("Back to {phase}.")
        self.notify(message.format(phase=phase.name), markup=False)
        self.viewed = to
        self._focus_when_shown = True
        self.reload()

    # Other screens -----------------------------------------------------------------------------

    async def action_measures(self) -> None:
        await self.autosaver.save_now()
        # Imported on first use: the charts are not needed to paint the workspace.
        from forbattra.tui.screens.measures import MeasuresScreen

        self.app.push_screen(MeasuresScreen(self.initiative_id))

    async def action_close_initiative(self) -> None:
        from forbattra.tui import closing_actions

        workspace = self.workspace
        if workspace is None:
            return
        await self.autosaver.save_now()
        initiative = workspace.initiative
        here = methods.phase(self.method, initiative.phase)
        subject = closing_actions.Subject(
            initiative.id, initiative.title, here.name if here else "", initiative.status
        )
        closing_actions.close(self, subject, self.reload)

    async def action_document(self) -> None:
        from forbattra.tui.screens.document import DocumentScreen

        await self.autosaver.save_now()  # the document shows what was just typed
        self.app.push_screen(DocumentScreen(self.initiative_id))

    def action_comments(self) -> None:
        from forbattra.tui import review_actions

        review_actions.workspace_comments(self)

    def action_history(self) -> None:
        from forbattra.tui import review_actions

        review_actions.editing_history(self)

    async def action_stop_doing(self) -> None:
        await self.autosaver.save_now()
        team = self.workspace.initiative.phase if self.workspace else ""
        self._open_stop_doing(gates.stop_doing_in_phase(self.method, team))

    def _open_stop_doing(self, question: str | None) -> None:
        from forbattra.tui.stop_doing_open import open_initiative_check

        title = self.workspace.initiative.title if self.workspace else self.initial_title
        open_initiative_check(self, self.initiative_id, title, question)

    @on(OpenCycle)
    async def open_cycle(self, event: OpenCycle) -> None:
        from forbattra.tui.screens.cycle import CycleScreen

        event.stop()
        await self.autosaver.save_now()
        self.app.push_screen(CycleScreen(self.initiative_id, event.cycle_id))

    # Help --------------------------------------------------------------------------------------

    def help_sections(self) -> tuple[list[Section], list[str]]:
        from forbattra.tui.screens.help import binding_entries

        sections: list[Section] = []
        focused = self.focused
        # The keys of forbattra's own lists (causes, solutions, cycles), not of text fields.
        if focused is not None and "BINDINGS" in type(focused).__dict__:
            entries = binding_entries(self.app, type(focused).BINDINGS)
            if entries and type(focused).__module__.startswith("forbattra."):
                sections.append((_("Here"), entries))
        sections.append((_("The workspace"), binding_entries(self.app, self.BINDINGS)))
        sections.append(
            (
                _("Moving around"),
                [
                    ("tab shift+tab", _("Next or previous field")),
                    (
                        "enter",
                        _("In a text: a new line. In a one-line answer: the next field."),
                    ),
                    ("esc", _("From a field to the phases; from the phases back")),
                    ("← → 1–5", _("On the phases: show another phase")),
                    ("enter ↓", _("On the phases: into the phase shown")),
                ],
            )
        )
        notes = [
            _(
                "Answers save by themselves: a second after you stop typing, when you leave a"
                " field, change phase or quit. The corner shows when they were saved."
            ),
            _(
                "Showing a phase does not move the team: ctrl+g does, after listing what is"
                " still open. Every move, forward or back, is kept in the history."
            ),
            _(
                "If someone else changes the same text at the same time, you are asked which"
                " text to keep; nothing is overwritten silently."
            ),
        ]
        return sections, notes


def _ended(status: Status) -> str | None:
    """Why the team cannot change phase: a closed or completed initiative stays where it ended."""
    if status == Status.CLOSED:
        return _("This initiative is closed. Reopen it (o on the portfolio) to move it on.")
    if status == Status.COMPLETED:
        return _("This initiative is completed; its phases stay as they ended.")
    return None
