"""The measures screen's dialogs: define a measure, change a value, import a CSV file, and
state why a chart is split into a new stage.

Dialogs that store something run the service in a thread worker themselves; a refusal
(a bad number, someone else's change, a broken file) is shown inside the dialog and nothing
typed is lost. Esc on changed fields first says what would be thrown away.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Select, Static, TextArea
from textual.worker import Worker

from forbattra.core.domain import MeasureRow, NewMeasure, ObservationRow
from forbattra.core.vocabulary import Direction, MeasureKind, label
from forbattra.i18n import _, ngettext
from forbattra.tui.measures_model import EntryProblem, number, parse_entry
from forbattra.tui.not_open import not_open_reason
from forbattra.tui.widgets.dialog_scroll import DialogScroll
from forbattra.tui.worker_result import Saved, saved_by

if TYPE_CHECKING:
    from forbattra.store.database import Database

T = TypeVar("T")
Call = Callable[["Database", str], Any]


class _Dialog(ModalScreen[T | None], Generic[T]):
    """A dialog that stores something: ``submit(call)`` runs it, shows a refusal inline."""

    BINDINGS = [
        Binding("ctrl+s", "save", _("Save"), tooltip=_("Save and close")),
        Binding("escape", "cancel", _("Cancel"), tooltip=_("Close without saving")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._busy = False
        self._warned = False
        self._initial: tuple[str, ...] = ()

    def values(self) -> tuple[str, ...]:
        found: list[str] = []
        for widget in self.query("Input, TextArea, Select"):
            if isinstance(widget, Input):
                found.append(widget.value)
            elif isinstance(widget, TextArea):
                found.append(widget.text)
            elif isinstance(widget, Select):
                found.append(str(widget.value))
        return tuple(found)

    def on_mount(self) -> None:
        self._initial = self.values()
        self.query_one("#dialog-problem", Static).display = False

    def problem(self, reason: str) -> None:
        self._busy = False
        shown = self.query_one("#dialog-problem", Static)
        shown.update(Text(reason))
        shown.display = True

    def submit(self, call: Call) -> None:
        if not self._busy:
            self._busy = True
            self._run(call)

    @work(thread=True, group="dialog")
    def _run(self, call: Call) -> Saved[Any] | None:
        from forbattra.store.errors import StoreError
        from forbattra.tui.app import ForbattraApp

        app = self.app
        assert isinstance(app, ForbattraApp)
        if app.database is None:
            self.app.call_from_thread(self.problem, not_open_reason(self.app))
            return None
        try:
            result = call(app.database, app.settings.user)
        except StoreError as error:
            self.app.call_from_thread(self.problem, str(error))
            return None
        return Saved(result)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if (saved := saved_by(event, "dialog")) is not None:
            self.dismiss(saved.value)  # type: ignore[arg-type]

    @on(Input.Submitted)
    def enter(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        raise NotImplementedError

    def action_cancel(self) -> None:
        if self._busy:
            return  # being saved: it closes by itself once stored (or says why not)
        if self.values() != self._initial and not self._warned:
            self._warned = True
            self.problem(_("Press Esc again to throw away what you typed, or ctrl+s to save it."))
            return
        self.dismiss(None)

    def on_input_changed(self) -> None:
        self._warned = False


def _label(text: str) -> Static:
    return Static(text, classes="form-label", markup=False)


class MeasureDialog(_Dialog[MeasureRow]):
    """Define a new measure of initiative ``initiative_id``, or change ``measure``."""

    def __init__(self, initiative_id: int, measure: MeasureRow | None = None) -> None:
        super().__init__()
        self.initiative_id = initiative_id
        self.measure = measure

    def compose(self) -> ComposeResult:
        m = self.measure
        with DialogScroll(classes="dialog", id="measure-dialog") as panel:
            panel.border_title = _("New measure") if m is None else _("Change the measure")
            with Grid(classes="measure-form"):
                yield _label(_("Name"))
                yield Input(
                    m.name if m else "",
                    placeholder=_("for example: Waiting time in days"),
                    id="measure-name",
                    compact=True,
                )
                yield _label(_("Kind"))
                yield Select(
                    [(label(kind), kind) for kind in MeasureKind],
                    value=m.kind if m else MeasureKind.OUTCOME,
                    allow_blank=False,
                    compact=True,
                    id="measure-kind",
                )
                yield _label(_("Better"))
                yield Select(
                    [(label(direction), direction) for direction in Direction],
                    value=m.direction if m else Direction.HIGHER_IS_BETTER,
                    allow_blank=False,
                    compact=True,
                    id="measure-direction",
                )
                yield _label(_("Unit"))
                yield Input(
                    m.unit if m else "",
                    placeholder=_("%, days, …"),
                    id="measure-unit",
                    compact=True,
                )
                yield _label(_("Target"))
                yield Input(
                    number(m.target, 6) if m and m.target is not None else "",
                    placeholder=_("a number, or empty"),
                    id="measure-target",
                    compact=True,
                )
                yield _label(_("Baseline"))
                yield Input(
                    str(m.baseline_points) if m and m.baseline_points else "",
                    placeholder=_("freeze the median over the first … values, or empty"),
                    id="measure-baseline",
                    compact=True,
                )
                yield _label(_("Definition"))
                yield TextArea(
                    m.definition if m else "",
                    id="measure-definition",
                    classes="measure-text",
                    tab_behavior="focus",
                    placeholder=_("What exactly is counted, and how (operational definition)"),
                )
                yield _label(_("Collection"))
                yield TextArea(
                    m.collection if m else "",
                    id="measure-collection",
                    classes="measure-text",
                    tab_behavior="focus",
                    placeholder=_("How and how often the data is collected"),
                )
                yield _label(_("Collector"))
                yield Input(
                    m.collector if m else "",
                    placeholder=_("who collects it"),
                    id="measure-collector",
                    compact=True,
                )
            yield Static(id="dialog-problem", classes="dialog-problem", markup=False)
            yield Static(
                _("Enter or ctrl+s saves · Tab: next field · Esc: cancel"),
                classes="dialog-hint",
                markup=False,
            )
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#measure-name", Input).focus()

    def _text(self, name: str) -> str:
        widget = self.query_one(f"#measure-{name}")
        if isinstance(widget, TextArea):
            return widget.text
        assert isinstance(widget, Input)
        return widget.value

    def action_save(self) -> None:
        from forbattra.core.observations_csv import parse_number

        target: float | None = None
        if self._text("target").strip():
            try:
                target = parse_number(self._text("target"))
            except ValueError as error:
                self.problem(_("Target: {problem}").format(problem=error))
                self.query_one("#measure-target", Input).focus()
                return
        baseline_text = self._text("baseline").strip()
        if baseline_text and not baseline_text.isdigit():
            self.problem(_("Baseline: a whole number of values, like 12, or empty."))
            self.query_one("#measure-baseline", Input).focus()
            return
        kind = self.query_one("#measure-kind", Select).value
        direction = self.query_one("#measure-direction", Select).value
        new = NewMeasure(
            name=self._text("name"),
            kind=kind if isinstance(kind, MeasureKind) else MeasureKind.OUTCOME,
            unit=self._text("unit"),
            direction=direction if isinstance(direction, Direction) else Direction("up"),
            target=target,
            baseline_points=int(baseline_text) if baseline_text else None,
            definition=self._text("definition"),
            collection=self._text("collection"),
            collector=self._text("collector"),
        )
        initiative_id, measure = self.initiative_id, self.measure

        def call(db: Database, actor: str) -> Any:
            from forbattra.store.services import measures

            if measure is None:
                return measures.add_measure(db, actor, initiative_id, new)
            return measures.edit_measure(
                db, actor, measure.id, new, expected_version=measure.version
            )

        self.submit(call)


class ObservationDialog(_Dialog[ObservationRow]):
    """Change one value: its period or date, the value, the note."""

    def __init__(self, observation: ObservationRow, measure_name: str) -> None:
        super().__init__()
        self.observation = observation
        self.measure_name = measure_name

    def compose(self) -> ComposeResult:
        o = self.observation
        with Vertical(classes="dialog", id="observation-dialog") as panel:
            panel.border_title = Text(
                _("Change a value of {measure}").format(measure=self.measure_name)
            )
            with Grid(classes="measure-form"):
                yield _label(_("Period"))
                yield Input(o.label, id="observation-period", compact=True)
                yield _label(_("Value"))
                yield Input(
                    number(o.value, 6) if o.value is not None else "-",
                    id="observation-value",
                    compact=True,
                )
                yield _label(_("Note"))
                yield Input(o.note, id="observation-note", compact=True)
            yield Static(id="dialog-problem", classes="dialog-problem", markup=False)
            yield Static(
                _("Enter saves · Esc cancels · - as the value: a period without one"),
                classes="dialog-hint",
                markup=False,
            )
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#observation-value", Input).focus()

    def action_save(self) -> None:
        o = self.observation
        read = parse_entry(
            self.query_one("#observation-period", Input).value,
            self.query_one("#observation-value", Input).value,
            self.query_one("#observation-note", Input).value,
            year=o.observed_on.year,
        )
        if isinstance(read, EntryProblem):
            self.problem(read.message)
            self.query_one(f"#observation-{read.field}", Input).focus()
            return
        entry = read
        # An untouched period keeps its own date: a week labelled value measured on a Friday
        # must not move to the Monday of its week because its value was corrected.
        unchanged = self.query_one("#observation-period", Input).value.strip() == o.label
        day = o.observed_on if unchanged else entry.observed_on
        period = o.period if unchanged else entry.period

        def call(db: Database, actor: str) -> Any:
            from forbattra.store.services import observations

            return observations.edit_observation(
                db,
                actor,
                o.id,
                day,
                entry.value,
                period=period,
                note=entry.note,
                expected_version=o.version,
            )

        self.submit(call)


class ImportDialog(_Dialog[int]):
    """Import values from a CSV file into one measure: all of them, or none."""

    BINDINGS = [
        Binding("ctrl+s", "save", _("Import"), tooltip=_("Import values from a CSV file")),
    ]

    def __init__(self, measure: MeasureRow) -> None:
        super().__init__()
        self.measure = measure

    def compose(self) -> ComposeResult:
        with DialogScroll(classes="dialog", id="import-dialog") as panel:
            panel.border_title = Text(
                _("Import values into {measure}").format(measure=self.measure.name)
            )
            yield Static(
                _(
                    "A CSV file as Excel saves it: a header row, a date or week column and a"
                    " value column; ; or , between columns; 3,5 or 3.5. If any row is bad,"
                    " nothing is imported and every bad row is listed."
                ),
                classes="dialog-message",
                markup=False,
            )
            yield Input(
                placeholder=_("path to the file, for example ~/väntetider.csv"),
                id="import-path",
                compact=True,
            )
            yield Static(id="dialog-problem", classes="dialog-problem", markup=False)
            yield Static(_("Enter imports · Esc cancels"), classes="dialog-hint", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#import-path", Input).focus()

    def action_save(self) -> None:
        text = self.query_one("#import-path", Input).value.strip()
        if not text:
            self.problem(_("Write the path to the CSV file."))
            return
        path = Path(text).expanduser()
        measure_id = self.measure.id

        def call(db: Database, actor: str) -> Any:
            from forbattra.core.observations_csv import CsvImportError, read_observations
            from forbattra.store.errors import InvalidInput
            from forbattra.store.services import observations

            try:
                rows = read_observations(path)
            except CsvImportError as error:
                problems = [str(problem) for problem in error.problems]
                raise InvalidInput(
                    ngettext(
                        "Nothing was imported; {count} problem in the file:",
                        "Nothing was imported; {count} problems in the file:",
                        len(problems),
                    ).format(count=len(problems))
                    + "\n"
                    + "\n".join(f"• {problem}" for problem in problems)
                ) from None
            return observations.import_observations(db, actor, measure_id, rows, str(path))

        self.submit(call)


class StageDialog(ModalScreen[str | None]):
    """Why the chart gets a new stage from this point: a stated reason is required."""

    BINDINGS = [Binding("escape", "cancel", _("Cancel"), tooltip=_("Close without a new stage"))]

    def __init__(self, period: str) -> None:
        super().__init__()
        self.period = period

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="stage-dialog") as panel:
            panel.border_title = _("A new stage from {period}").format(period=self.period)
            yield Static(
                _(
                    "The points from here on get their own centre line and limits. Split only"
                    " at a deliberate change, for example when a cycle's change was adopted."
                ),
                classes="dialog-message",
                markup=False,
            )
            yield Input(
                placeholder=_("the reason, for example: new intake form adopted"),
                id="stage-reason",
                compact=True,
            )
            yield Static(id="dialog-problem", classes="dialog-problem", markup=False)
            yield Static(_("Enter splits · Esc cancels"), classes="dialog-hint", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#dialog-problem", Static).display = False
        self.query_one("#stage-reason", Input).focus()

    @on(Input.Submitted)
    def enter(self, event: Input.Submitted) -> None:
        event.stop()
        reason = " ".join(event.value.split())
        if not reason:
            problem = self.query_one("#dialog-problem", Static)
            problem.update(Text(_("Write why the chart is split here; a stage needs a reason.")))
            problem.display = True
            return
        self.dismiss(reason)

    def action_cancel(self) -> None:
        self.dismiss(None)
