"""The idea inbox's dialogs: leave an idea, say why not now, turn an idea into an initiative."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, RadioButton, RadioSet, Select, Static
from textual.worker import Worker

from forbattra.core.ideas import IdeaView, NewIdea, initiative_title
from forbattra.core.vocabulary import AREAS, Method, area_short, label
from forbattra.i18n import _
from forbattra.tui.not_open import not_open_reason
from forbattra.tui.widgets.dialog_scroll import DialogScroll
from forbattra.tui.worker_result import Saved, saved_by

if TYPE_CHECKING:
    from forbattra.tui.app import ForbattraApp


def anonymous_note() -> str:
    return _("Anonymous: no name, no user name and no time of day are saved, only today's date.")


def signed_note() -> str:
    return _("Signed: the name you typed is saved with the idea.")


class _Dialog(ModalScreen[object]):
    """Esc cancels; once something is typed it first says what would be thrown away."""

    BINDINGS = [Binding("escape", "cancel", _("Cancel"), id="idea_dialog.cancel")]

    def __init__(self) -> None:
        super().__init__()
        self._warned = False

    @property
    def forbattra(self) -> ForbattraApp:
        from forbattra.tui.app import ForbattraApp

        assert isinstance(self.app, ForbattraApp)
        return self.app

    def _typed(self) -> bool:
        return any(field.value.strip() for field in self.query(Input))

    def on_input_changed(self) -> None:
        self._warned = False
        self.problem("")  # a refusal stays only until the text it was about changes

    def problem(self, reason: str) -> None:
        shown = self.query_one(".dialog-problem", Static)
        shown.update(Text(reason))
        shown.display = bool(reason)

    def action_cancel(self) -> None:
        if self._typed() and not self._warned:
            self._warned = True
            self.problem(_("Press Esc again to throw away what you typed."))
            return
        self.dismiss(None)


class NewIdeaScreen(_Dialog):
    """Leave an idea: its text, and if you like a unit, an area and your name. The dialog
    says plainly whether the idea is anonymous. Enter saves; the dialog stays open with
    everything typed when the idea cannot be saved."""

    def __init__(self) -> None:
        super().__init__()
        self._busy = False

    def compose(self) -> ComposeResult:
        with DialogScroll(classes="dialog", id="new-idea") as panel:
            panel.border_title = _("New idea")
            with Grid(id="idea-form"):
                yield Static(_("Idea"), classes="form-label", markup=False)
                yield Input(
                    placeholder=_("what could be simpler, better, or stopped?"),
                    compact=True,
                    id="idea-text",
                )
                yield Static(_("Unit"), classes="form-label", markup=False)
                yield Input(placeholder=_("department or unit"), compact=True, id="idea-unit")
                yield Static(_("Area"), classes="form-label", markup=False)
                yield Select(
                    [(area_short(area), area) for area in AREAS],
                    prompt=_("Kommunkompassen area (none)"),
                    compact=True,
                    id="idea-area",
                )
                yield Static(_("Name"), classes="form-label", markup=False)
                yield Input(
                    placeholder=_("leave empty to stay anonymous"), compact=True, id="idea-name"
                )
            yield Static(anonymous_note(), id="idea-anonymity", markup=False)
            yield Static(classes="dialog-problem", markup=False)
            yield Static(
                _("Enter saves the idea · Tab: next field · Esc: cancel"),
                classes="dialog-hint",
                markup=False,
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#idea-text", Input).focus()
        self.problem("")

    @on(Input.Changed, "#idea-name")
    def name_changed(self, event: Input.Changed) -> None:
        note = signed_note() if event.value.strip() else anonymous_note()
        self.query_one("#idea-anonymity", Static).update(Text(note))

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._busy:
            return
        area = self.query_one("#idea-area", Select).value
        # The value as Enter was pressed: a key typed on before this message arrives must
        # not end up in the idea (and the form takes no keys while it is being saved).
        text = self.query_one("#idea-text", Input).value
        if event.input.id == "idea-text":
            text = event.value
        new = NewIdea(
            text=text,
            unit=self.query_one("#idea-unit", Input).value,
            area=area if isinstance(area, int) else None,
            author=self.query_one("#idea-name", Input).value,
        )
        self._busy = True
        self.query_one("#idea-form", Grid).disabled = True
        self._save(new)

    @work(thread=True, group="new-idea")
    def _save(self, new: NewIdea) -> Saved[IdeaView] | None:
        from forbattra.store.errors import StoreError
        from forbattra.store.services.ideas import submit_idea

        database = self.forbattra.database
        if database is None:
            self.app.call_from_thread(self._refused, not_open_reason(self.app))
            return None
        try:
            idea = submit_idea(database, new)  # no acting user: anonymity by construction
        except StoreError as error:
            self.app.call_from_thread(self._refused, str(error))
            return None
        return Saved(idea)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if (saved := saved_by(event, "new-idea")) is not None:
            self.dismiss(saved.value)

    def _refused(self, reason: str) -> None:
        self._busy = False
        self.query_one("#idea-form", Grid).disabled = False
        self.problem(reason)
        self.query_one("#idea-text", Input).focus()


class ReasonScreen(_Dialog):
    """Why not now: the answer an anonymous submitter will read, so it must be said."""

    def __init__(self, idea: IdeaView) -> None:
        super().__init__()
        self.idea = idea

    def compose(self) -> ComposeResult:
        with DialogScroll(classes="dialog", id="idea-reason") as panel:
            panel.border_title = _("Not now")
            yield Static(Text(" ".join(self.idea.text.split())), classes="dialog-message")
            yield Input(placeholder=_("why not now?"), compact=True, id="idea-reason-text")
            yield Static(classes="dialog-problem", markup=False)
            yield Static(
                _(
                    "Write it so the person who sent the idea understands: for an anonymous"
                    " idea it is the only answer they get. Enter saves · Esc cancels"
                ),
                classes="dialog-hint",
                markup=False,
            )
        yield Footer()

    def on_mount(self) -> None:
        self.problem("")
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip():
            self.problem(_("Say why not now; the reason is required."))
            return
        self.dismiss(event.value.strip())


class AcceptIdeaScreen(_Dialog):
    """Turn an idea into an initiative: the method and a title (the idea's first line)."""

    # The order of the new-initiative dialog; a small test (PDSA) is what an idea starts as.
    METHODS = (Method.DMAIC, Method.PDSA)
    # Enter creates from anywhere in the dialog, the method choice too (space picks there).
    BINDINGS = [Binding("enter", "create", show=False, priority=True)]

    def __init__(self, idea: IdeaView) -> None:
        super().__init__()
        self.idea = idea

    def _typed(self) -> bool:
        return False  # nothing of the person's own is lost: the idea stays as it was

    def compose(self) -> ComposeResult:
        with DialogScroll(classes="dialog", id="idea-accept") as panel:
            panel.border_title = _("Turn the idea into an initiative")
            with Grid(id="idea-form"):
                yield Static(_("Method"), classes="form-label", markup=False)
                with RadioSet(id="idea-method"):
                    yield RadioButton(label(Method.DMAIC))
                    yield RadioButton(label(Method.PDSA), True)
                yield Static(_("Title"), classes="form-label", markup=False)
                yield Input(
                    initiative_title(self.idea.text),
                    compact=True,
                    id="idea-title",
                    select_on_focus=False,
                )
            yield Static(
                _("The idea is quoted in the initiative's first question, and linked to it."),
                classes="dialog-message",
                markup=False,
            )
            yield Static(classes="dialog-problem", markup=False)
            yield Static(
                _("Enter creates the initiative · Esc cancels"),
                classes="dialog-hint",
                markup=False,
            )
        yield Footer()

    def on_mount(self) -> None:
        self.problem("")
        self.query_one("#idea-title", Input).focus()

    def action_create(self) -> None:
        title = self.query_one("#idea-title", Input).value.strip()
        if not title:
            self.problem(_("The title is empty. Give the initiative a short, clear name."))
            self.query_one("#idea-title", Input).focus()
            return
        pressed = self.query_one(RadioSet).pressed_index
        method = self.METHODS[pressed] if pressed >= 0 else Method.PDSA
        self.dismiss((method, title))
