"""What the workspace and the cycle editor share: saving by themselves, running service
calls in thread workers, reading the initiative again, and showing conflicts."""

from __future__ import annotations

import itertools
from collections import deque
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events, on, work
from textual.screen import Screen
from textual.widgets import Footer, Input, Select, Static, TextArea

from forbattra.i18n import _
from forbattra.tui.autosave import Autosaver
from forbattra.tui.messages import Request
from forbattra.tui.widgets.fields import Autosaving, Target

if TYPE_CHECKING:
    from forbattra.core.domain import Workspace
    from forbattra.tui.app import ForbattraApp


class EditingScreen(Screen[None]):
    """A screen over one initiative whose fields save by themselves.

    Subclasses compose a ``Static`` with id ``save-status`` and implement
    :meth:`show_workspace`, which receives every fresh read of the initiative.
    """

    def on_resize(self, event: events.Resize) -> None:
        # At 80 columns the footer is compact and leaves out the palette key, so F1 and the
        # keys after it stay visible (as the portfolio and the measures do below 100).
        for footer in self.query(Footer):
            footer.compact = event.size.width < 100
            footer.show_command_palette = event.size.width >= 100

    def __init__(self, initiative_id: int) -> None:
        super().__init__()
        self.initiative_id = initiative_id
        self.workspace: Workspace | None = None
        self.autosaver = Autosaver(
            self,
            initiative_id,
            status=self.show_save_status,
            on_conflict=self.conflict,
            on_saved=self.saved,
        )
        self._generations = itertools.count(1)
        self._shown_generation = 0
        self._conflicts: deque[tuple[Autosaving, str]] = deque()
        self._asking = False
        self._leave_anyway = False

    @property
    def forbattra(self) -> ForbattraApp:
        from forbattra.tui.app import ForbattraApp

        assert isinstance(self.app, ForbattraApp)
        return self.app

    # Reading -----------------------------------------------------------------------------------

    def reload(self) -> None:
        self._read(next(self._generations), self.autosaver.writes)

    @work(thread=True, group="read")
    def _read(self, generation: int, writes: int) -> None:
        from forbattra.store.errors import StoreError
        from forbattra.store.services.workspace import load_workspace

        database = self.forbattra.database
        if database is None:
            return
        try:
            workspace = load_workspace(database, self.initiative_id)
        except StoreError as error:
            self.app.call_from_thread(self.problem, str(error))
            return
        self.app.call_from_thread(self._show, workspace, generation, writes)

    def _show(self, workspace: Workspace, generation: int, writes: int | None = None) -> None:
        if generation < self._shown_generation or not self.is_mounted:
            return  # an older read that arrived late
        if writes is not None and writes != self.autosaver.writes:
            self.reload()  # a field was stored while this was read: it would show old text
            return
        first = self.workspace is None
        self._shown_generation = generation
        self.workspace = workspace
        self.show_workspace(workspace)
        if first:
            self.show_save_status("saved", _("Everything is saved"))

    def show_workspace(self, workspace: Workspace) -> None:
        raise NotImplementedError

    def problem(self, reason: str) -> None:
        self.notify(reason, severity="error", markup=False, timeout=8)
        if self.workspace is None:  # nothing to show: say why where the content would be
            self.show_save_status("problem", reason)

    def on_screen_resume(self) -> None:
        if self.workspace is not None:
            self.reload()

    # Service calls -----------------------------------------------------------------------------

    @on(Request)
    def run_request(self, request: Request) -> None:
        request.stop()
        self._run(request, next(self._generations), self.autosaver.writes)

    @work(thread=True, group="write")
    def _run(self, request: Request, generation: int, writes: int) -> None:
        from forbattra.store.errors import Conflict, InvalidInput, NotFound, StoreError
        from forbattra.store.services.workspace import load_workspace

        database = self.forbattra.database
        if database is None:
            return
        result: Any = None
        ok = False
        try:
            result = request.call(database, self.forbattra.settings.user)
            ok = True
        except (InvalidInput, NotFound, Conflict) as error:
            severity = "error" if isinstance(error, Conflict) else "warning"
            self.app.call_from_thread(self._refused, request, str(error), severity)
        except StoreError as error:
            self.app.call_from_thread(self._refused, request, str(error), "error")
            return
        try:
            workspace = load_workspace(database, self.initiative_id)
        except StoreError as error:
            self.app.call_from_thread(self.problem, str(error))
            return
        self.app.call_from_thread(self._after, request, ok, result, workspace, generation, writes)

    def _refused(self, request: Request, reason: str, severity: Any) -> None:
        self.notify(reason, severity=severity, markup=False, timeout=8)
        if request.failed is not None:
            request.failed(reason)

    def _after(
        self,
        request: Request,
        ok: bool,
        result: Any,
        workspace: Workspace,
        generation: int,
        writes: int,
    ) -> None:
        self._show(workspace, generation, writes)
        if not ok:
            return
        if request.done:
            self.notify(request.done, markup=False)
        if request.then is not None and result is not None:
            request.then(result)

    # Saving ------------------------------------------------------------------------------------

    def show_save_status(self, kind: str, text: str) -> None:
        status = self.query_one("#save-status", Static)
        for name in ("saved", "pending", "saving", "problem"):
            status.set_class(name == kind, f"-{name}")
        mark = {"saved": "✓ ", "problem": "✗ "}.get(kind, "● ")
        status.update(Text(mark + text, no_wrap=True, overflow="ellipsis"))

    def saved(self, target: Target, stored: Any) -> None:
        """A field was stored; subclasses redraw what depends on it."""

    @on(TextArea.Changed)
    @on(Input.Changed)
    def field_edited(self, event: TextArea.Changed | Input.Changed) -> None:
        if isinstance(event.control, Autosaving):
            self.autosaver.edited(event.control)

    @on(Select.Changed)
    def choice_made(self, event: Select.Changed) -> None:
        if isinstance(event.control, Autosaving):
            self.autosaver.edited(event.control)
            self.autosaver.flush()

    @on(Input.Submitted)
    def line_done(self, event: Input.Submitted) -> None:
        """Enter in a one-line answer: on to the next field (which saves this one)."""
        if isinstance(event.input, Autosaving):
            event.stop()
            self.focus_next()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if isinstance(event.widget, Autosaving):
            self.autosaver.flush()

    async def action_save(self) -> None:
        if await self.autosaver.save_now():
            self.notify(_("Everything is saved."), markup=False)

    async def save_before_leaving(self) -> bool:
        """Save all; False (with a message) if something typed could not be stored."""
        if await self.autosaver.save_now():
            return True
        self.notify(
            _(
                "Not everything is saved: {reason} Press the key again to leave anyway;"
                " your unsaved text is then lost."
            ).format(reason=self.autosaver.problem or _("someone else changed it too.")),
            severity="error",
            markup=False,
            timeout=10,
        )
        return False

    async def leave(self) -> None:
        """Close the screen once everything is saved; if something cannot be, say so, and
        close on the second try (which tries to save once more first)."""
        if await self.autosaver.save_now() or self._leave_anyway:
            self.dismiss()
            return
        await self.save_before_leaving()  # says what is not saved
        self._leave_anyway = True

    # Conflicts ---------------------------------------------------------------------------------

    def conflict(self, field: Autosaving, theirs: str) -> None:
        self._conflicts.append((field, theirs))
        self._ask_next_conflict()

    def _ask_next_conflict(self) -> None:
        from forbattra.tui.screens.conflict import ConflictScreen

        if self._asking or not self._conflicts:
            return
        field, theirs = self._conflicts.popleft()
        self._asking = True

        def decided(answer: str | None) -> None:
            self._asking = False
            if answer == "mine":
                self.autosaver.keep_mine(field)
            elif answer == "theirs":
                self.autosaver.take_theirs(field, theirs)
            self._ask_next_conflict()

        self.app.push_screen(
            ConflictScreen(field.target.label, theirs, field.value_to_save), decided
        )
