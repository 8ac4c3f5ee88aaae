"""Start an initiative in one short dialog: method, title, unit, area, leader, team."""

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

from forbattra.core.domain import InitiativeRow
from forbattra.core.vocabulary import AREAS, Method, area_short, label
from forbattra.i18n import _
from forbattra.tui.not_open import not_open_reason
from forbattra.tui.widgets.dialog_scroll import DialogScroll
from forbattra.tui.worker_result import Saved, saved_by

if TYPE_CHECKING:
    from forbattra.tui.app import ForbattraApp

METHODS = (Method.DMAIC, Method.PDSA)


def HINT_TEXT() -> str:
    return _("Enter creates it (only the title is needed) · Tab: next field · Esc: cancel")


def method_hint(method: Method) -> str:
    if method is Method.DMAIC:
        text = _("Five phases, from the problem to a lasting result.")
    else:
        text = _("Three questions, then small tests in cycles.")
    return f"{label(method)}: {text}"


class NewInitiativeScreen(ModalScreen[InitiativeRow | None]):
    """Enter in any field creates the initiative (only the title is needed); Tab moves on.
    Esc cancels, but once something is typed it first says what would be thrown away."""

    BINDINGS = [
        Binding("ctrl+s", "create", _("Create"), tooltip=_("Create the initiative")),
        Binding("escape", "cancel", _("Cancel"), tooltip=_("Close without creating anything")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._warned = False
        self._busy = False

    @property
    def forbattra(self) -> ForbattraApp:
        from forbattra.tui.app import ForbattraApp

        assert isinstance(self.app, ForbattraApp)
        return self.app

    def compose(self) -> ComposeResult:
        with DialogScroll(classes="dialog", id="new-initiative") as panel:
            panel.border_title = _("New initiative")
            with Grid(id="new-form"):
                yield Static(_("Method"), classes="form-label", markup=False)
                with RadioSet(id="new-method"):
                    yield RadioButton(label(Method.DMAIC), True)
                    yield RadioButton(label(Method.PDSA))
                yield Static(_("Title"), classes="form-label", markup=False)
                yield Input(
                    placeholder=_("for example: Shorter waiting times"),
                    compact=True,
                    id="new-title",
                )
                yield Static(_("Unit"), classes="form-label", markup=False)
                yield Input(placeholder=_("department or unit"), compact=True, id="new-unit")
                yield Static(_("Area"), classes="form-label", markup=False)
                yield Select(
                    [(area_short(area), area) for area in AREAS],
                    prompt=_("Kommunkompassen area (none)"),
                    compact=True,
                    id="new-area",
                )
                yield Static(_("Leader"), classes="form-label", markup=False)
                yield Input(compact=True, id="new-leader")
                yield Static(_("Team"), classes="form-label", markup=False)
                yield Input(placeholder=_("names, with commas"), compact=True, id="new-team")
            yield Static(id="new-method-hint", classes="dialog-hint", markup=False)
            yield Static(id="new-problem", markup=False)
            yield Static(HINT_TEXT(), classes="dialog-hint", id="new-hint", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#new-title", Input).focus()
        self.query_one("#new-problem", Static).display = False
        self.query_one("#new-method-hint", Static).update(Text(method_hint(Method.DMAIC)))

    @on(RadioSet.Changed, "#new-method")
    def method_changed(self, event: RadioSet.Changed) -> None:
        method = METHODS[max(event.index, 0)]
        self.query_one("#new-method-hint", Static).update(Text(method_hint(method)))

    def _typed(self) -> bool:
        return any(field.value.strip() for field in self.query(Input)) or isinstance(
            self.query_one("#new-area", Select).value, int
        )

    def on_input_changed(self) -> None:
        if self._warned:
            self._warned = False
            self._hint(HINT_TEXT())
        # A refusal stays only until the text it was about changes.
        self.query_one("#new-problem", Static).display = False

    def _hint(self, text: str, *, strong: bool = False) -> None:
        self.query_one("#new-hint", Static).update(Text(text, style="bold" if strong else ""))

    def action_cancel(self) -> None:
        if self._typed() and not self._warned:
            self._warned = True
            self._hint(
                _("Press Esc again to throw away what you typed, or Enter to create it."),
                strong=True,
            )
            return
        self.dismiss(None)

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_create()

    def action_create(self) -> None:
        from forbattra.core.domain import NewInitiative

        if self._busy:
            return
        method = METHODS[max(self.query_one(RadioSet).pressed_index, 0)]
        area = self.query_one("#new-area", Select).value
        new = NewInitiative(
            title=self.query_one("#new-title", Input).value,
            method=method,
            unit=self.query_one("#new-unit", Input).value,
            area=area if isinstance(area, int) else None,
            leader=self.query_one("#new-leader", Input).value,
            team=self.query_one("#new-team", Input).value,
        )
        self._busy = True
        self._create(new)

    @work(thread=True, group="new-initiative")
    def _create(self, new: object) -> Saved[InitiativeRow] | None:
        from forbattra.core.domain import NewInitiative
        from forbattra.store.errors import StoreError
        from forbattra.store.services.initiatives import create_initiative

        assert isinstance(new, NewInitiative)
        database = self.forbattra.database
        if database is None:
            self.app.call_from_thread(self._refused, not_open_reason(self.app))
            return None
        try:
            row = create_initiative(database, self.forbattra.settings.user, new)
        except StoreError as error:
            self.app.call_from_thread(self._refused, str(error))
            return None
        return Saved(row)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if (saved := saved_by(event, "new-initiative")) is not None:
            self.dismiss(saved.value)  # type: ignore[arg-type]

    def _refused(self, reason: str) -> None:
        self._busy = False
        problem = self.query_one("#new-problem", Static)
        problem.update(Text(reason))
        problem.display = True
        self.query_one("#new-title", Input).focus()
