"""An initiative's measures: the list with verdicts, the selected one's chart, and the keys to
define measures, add, change and import values, and read the chart rule by rule.

Everything that touches the database runs in a thread worker through
:mod:`forbattra.store.services.measures`; the screen redraws from the
:class:`~forbattra.core.domain.MeasuresPage` it gets back. Stages (a chart split at a
deliberate change, with a reason) live in this screen only: the database has no place for
them yet, and the help says so.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from rich.text import Text
from textual import events, on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from forbattra.core.analysis import Rules, Stage
from forbattra.core.analysis_text import period_label
from forbattra.i18n import _, ngettext
from forbattra.tui.measures_model import ChartData, ChartMode, build_chart, next_period, number
from forbattra.tui.widgets.chart import ChartView
from forbattra.tui.widgets.chart_text import chart_title, legend, point_text
from forbattra.tui.widgets.measure_list import MeasureList
from forbattra.tui.widgets.observation_entry import ObservationEntry

if TYPE_CHECKING:
    from forbattra.core.domain import MeasureRow, MeasuresPage, ObservationRow
    from forbattra.store.database import Database
    from forbattra.tui.app import ForbattraApp
    from forbattra.tui.screens.help import Section

Call = Callable[["Database", str], Any]
# Stages split on screen, per app: kept when the screen closes, gone when forbattra closes.
_SESSION_STAGES: WeakKeyDictionary[App[Any], dict[int, list[tuple[int, str]]]] = WeakKeyDictionary()
# Actions that need a measure, and those that need a selected value too.
_NEED_MEASURE = frozenset({"edit", "add_values", "import_csv", "chart", "rules", "delete_measure"})
_NEED_POINT = frozenset({"change_value", "delete_value", "stage"})
# Below this width the footer drops its spacing and the command palette key.
NARROW = 100


class MeasuresScreen(Screen[None]):
    """The measures of initiative ``initiative_id`` and the chart of the highlighted one."""

    BINDINGS = [
        Binding("escape", "leave", _("Back"), tooltip=_("Back to the initiative")),
        Binding("a", "add_values", _("Add values"), tooltip=_("Type values one after another")),
        Binding("n", "new", _("New measure"), tooltip=_("Define a new measure")),
        Binding("e", "edit", _("Edit"), tooltip=_("Change the highlighted measure's definition")),
        Binding("i", "import_csv", _("Import"), tooltip=_("Import values from a CSV file")),
        Binding("x", "chart", _("XmR/run"), tooltip=_("Switch between run chart and XmR chart")),
        Binding("r", "rules", _("Rules"), tooltip=_("Switch the run chart rules: Anhøj or IHI")),
        Binding("s", "stage", _("Stage"), tooltip=_("Split the chart here, for a stated reason")),
        Binding(
            "S",
            "unstage",
            _("Remove stage"),
            show=False,
            tooltip=_("Remove the last stage split of this chart"),
        ),
        Binding(
            "c,enter",
            "change_value",
            _("Change value"),
            show=False,
            tooltip=_("Change the selected value, its period or its note"),
        ),
        Binding(
            "d,delete",
            "delete_value",
            _("Delete value"),
            show=False,
            tooltip=_("Delete the selected value (asks first)"),
        ),
        Binding(
            "D",
            "delete_measure",
            _("Delete measure"),
            show=False,
            tooltip=_("Delete the highlighted measure and all its values (asks first)"),
        ),
        Binding("ctrl+r", "reload", show=False, tooltip=_("Read the measures again")),
    ]

    def __init__(self, initiative_id: int) -> None:
        super().__init__()
        self.initiative_id = initiative_id
        self.page: MeasuresPage | None = None
        self.measure_id: int | None = None
        self.mode = ChartMode.RUN
        self.rules = Rules.ANHOEJ
        self.points: dict[int, int | None] = {}
        # Per measure: (the observation a stage starts at, the reason). The database has no
        # place for stages yet, so they last as long as the app (see on_mount).
        self.stages: dict[int, list[tuple[int, str]]] = {}
        self.charts: dict[int, ChartData] = {}
        self._generation = 0
        self._shown = 0

    @property
    def forbattra(self) -> ForbattraApp:
        from forbattra.tui.app import ForbattraApp

        assert isinstance(self.app, ForbattraApp)
        return self.app

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(_("Reading the measures…"), id="measures-message", markup=False)
        yield MeasureList(id="measure-list")
        with Vertical(id="chart-area"):
            yield Static(id="chart-title", markup=False)
            yield ChartView(id="chart")
            yield Static(id="chart-sentence", markup=False)
            yield Static(id="chart-point", markup=False)
            yield Static(id="chart-legend", markup=False)
        yield ObservationEntry(id="entry")
        yield Footer()

    def on_mount(self) -> None:
        self.stages = _SESSION_STAGES.setdefault(self.app, {})
        self.sub_title = _("Measures")
        self.query_one(MeasureList).display = False
        self.query_one("#chart-area").display = False
        self.query_one(ObservationEntry).display = False
        self.reload()

    def on_resize(self, event: events.Resize) -> None:
        footer = self.query_one(Footer)
        footer.compact = event.size.width < NARROW
        footer.show_command_palette = event.size.width >= NARROW

    # Reading -----------------------------------------------------------------------------------

    def reload(self) -> None:
        self._generation += 1
        self._read(self._generation)

    @work(thread=True, group="measures-read")
    def _read(self, generation: int) -> None:
        from forbattra.store.errors import StoreError
        from forbattra.store.services.measures import load_measures_page

        database = self.forbattra.database
        if database is None:
            return
        try:
            page = load_measures_page(database, self.initiative_id)
        except StoreError as error:
            self.app.call_from_thread(self.problem, str(error))
            return
        self.app.call_from_thread(self.show_page, page, generation)

    def show_page(self, page: MeasuresPage, generation: int | None = None) -> None:
        """Redraw from ``page`` (unless a newer read has been shown already)."""
        if generation is not None:
            if generation < self._shown:
                return
            self._shown = generation
        self.page = page
        self.title = page.title
        ids = [m.id for m in page.measures]
        if self.measure_id not in ids:
            self.measure_id = ids[0] if ids else None
        self.redraw()

    def problem(self, reason: str) -> None:
        self.notify(reason, severity="error", markup=False, timeout=8)
        if self.page is None:
            message = self.query_one("#measures-message", Static)
            message.update(
                Text(_("The measures could not be read: {reason}").format(reason=reason))
            )

    # Drawing -----------------------------------------------------------------------------------

    def _stages_of(self, measure: MeasureRow) -> list[Stage]:
        positions = {o.id: index for index, o in enumerate(measure.observations)}
        return [
            Stage(positions[observation_id], reason)
            for observation_id, reason in self.stages.get(measure.id, [])
            if observation_id in positions
        ]

    def redraw(self) -> None:
        page = self.page
        if page is None:
            return
        cycles = page.cycles
        self.charts = {
            m.id: build_chart(
                m, cycles, mode=self.mode, rules=self.rules, stages=self._stages_of(m)
            )
            for m in page.measures
        }
        listing = self.query_one(MeasureList)
        message = self.query_one("#measures-message", Static)
        area = self.query_one("#chart-area")
        if not page.measures:
            listing.display = area.display = False
            message.display = True
            message.update(
                Text(
                    _(
                        "No measures yet. Press n to define the first: what you count, in which"
                        " unit, and whether higher or lower is better. Then press a to type"
                        " values, or i to import them from a CSV file."
                    )
                )
            )
            self.refresh_bindings()
            return
        message.display = False
        listing.display = area.display = True
        listing.show([(m, self.charts[m.id]) for m in page.measures], keep=self.measure_id)
        if self.focused is None:
            listing.focus()
        self.draw_chart()

    def current(self) -> MeasureRow | None:
        if self.page is None or self.measure_id is None:
            return None
        return self.page.measure(self.measure_id)

    def draw_chart(self) -> None:
        measure = self.current()
        if measure is None:
            return
        data = self.charts[measure.id]
        self.query_one("#chart-title", Static).update(chart_title(data))
        chart = self.query_one(ChartView)
        sentence = self.query_one("#chart-sentence", Static)
        if not data.values:
            chart.show(None, None)
            sentence.update(
                Text(_("No values yet. Press a to type them, or i to import a CSV file."))
            )
            self.query_one("#chart-point", Static).update("")
            self.query_one("#chart-legend", Static).update("")
        else:
            selected = self.points.get(measure.id)
            chart.show(data, len(data.values) - 1 if selected is None else selected)
            sentence.update(Text(data.sentence(), style="bold"))
            self.query_one("#chart-legend", Static).update(legend(data, chart.chart_styles()))
            self._show_point()
        self.refresh_bindings()

    def _show_point(self) -> None:
        measure = self.current()
        if measure is None:
            return
        index = self.query_one(ChartView).selected
        self.points[measure.id] = index
        self.query_one("#chart-point", Static).update(point_text(self.charts[measure.id], index))
        self.refresh_bindings()

    @on(ChartView.PointSelected)
    def point_selected(self) -> None:
        self._show_point()

    @on(DataTable.RowHighlighted, "#measure-list")
    def measure_highlighted(self, event: DataTable.RowHighlighted) -> None:
        key = event.row_key.value
        if key is not None and int(key) != self.measure_id:
            self.measure_id = int(key)
            self.draw_chart()

    @on(DataTable.RowSelected, "#measure-list")
    def measure_chosen(self) -> None:
        self.query_one(ChartView).focus()

    def selected_observation(self) -> ObservationRow | None:
        measure = self.current()
        index = self.query_one(ChartView).selected
        if measure is None or index is None or not 0 <= index < len(measure.observations):
            return None
        return measure.observations[index]

    # Writing -----------------------------------------------------------------------------------

    def run(
        self,
        call: Call,
        *,
        done: str = "",
        then: Callable[[Any], object] | None = None,
        failed: Callable[[str], object] | None = None,
    ) -> None:
        """Run a service call in a thread worker, then read the page again and redraw."""
        self._generation += 1
        self._write(call, done, then, failed, self._generation)

    @work(thread=True, group="measures-write")
    def _write(
        self,
        call: Call,
        done: str,
        then: Callable[[Any], object] | None,
        failed: Callable[[str], object] | None,
        generation: int,
    ) -> None:
        from forbattra.store.errors import Conflict, StoreError
        from forbattra.store.services.measures import load_measures_page

        database = self.forbattra.database
        if database is None:
            return
        try:
            result = call(database, self.forbattra.settings.user)
        except StoreError as error:
            self.app.call_from_thread(
                self._refused, str(error), isinstance(error, Conflict), failed
            )
            self.app.call_from_thread(self.reload)
            return
        try:
            page = load_measures_page(database, self.initiative_id)
        except StoreError as error:
            self.app.call_from_thread(self.problem, str(error))
            return
        self.app.call_from_thread(self._after, page, generation, result, done, then)

    def _refused(self, reason: str, conflict: bool, failed: Callable[[str], object] | None) -> None:
        if failed is not None:
            failed(reason)
        else:
            self.notify(reason, severity="error" if conflict else "warning", markup=False)

    def _after(
        self,
        page: MeasuresPage,
        generation: int,
        result: Any,
        done: str,
        then: Callable[[Any], object] | None,
    ) -> None:
        self.show_page(page, generation)
        if done:
            self.notify(done, markup=False)
        if then is not None:
            then(result)

    # Actions -----------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "new":
            return self.page is not None
        if action in _NEED_MEASURE:
            return self.current() is not None
        if action in _NEED_POINT:
            if self.current() is None:
                return False
            return self.selected_observation() is not None or None
        if action == "unstage":
            return bool(self.measure_id is not None and self.stages.get(self.measure_id))
        return True

    def action_leave(self) -> None:
        self.dismiss()

    def action_reload(self) -> None:
        self.reload()

    def action_point(self, delta: int) -> None:
        self.query_one(ChartView).action_move(delta)

    def action_new(self) -> None:
        from forbattra.tui.screens.measure_dialogs import MeasureDialog

        def created(row: MeasureRow | None) -> None:
            if row is not None:
                self.measure_id = row.id
                self.notify(_("Measure added. Press a to type its values."), markup=False)
            self.reload()

        self.app.push_screen(MeasureDialog(self.initiative_id), created)

    def action_edit(self) -> None:
        from forbattra.tui.screens.measure_dialogs import MeasureDialog

        measure = self.current()
        if measure is not None:
            self.app.push_screen(
                MeasureDialog(self.initiative_id, measure), lambda _row: self.reload()
            )

    def action_add_values(self) -> None:
        measure = self.current()
        if measure is None:
            return
        last = measure.observations[-1].observed_on.year if measure.observations else None
        self.query_one(ObservationEntry).open(next_period(measure), last or date.today().year)

    @on(ObservationEntry.Submitted)
    def store_entry(self, event: ObservationEntry.Submitted) -> None:
        event.stop()
        measure = self.current()
        entry = event.entry
        form = self.query_one(ObservationEntry)
        if measure is None:
            form.refused(_("Choose a measure first."))
            return
        measure_id = measure.id
        shown = f"{period_label(entry.period or entry.observed_on.isoformat())} = "
        shown += number(entry.value) if entry.value is not None else _("no value")

        def call(db: Database, actor: str) -> Any:
            from forbattra.store.services.measures import add_observation

            return add_observation(
                db,
                actor,
                measure_id,
                entry.observed_on,
                entry.value,
                period=entry.period,
                note=entry.note,
            )

        def stored(_row: object) -> None:
            self.points.pop(measure_id, None)  # show the newest point
            now = self.current()
            self.draw_chart()
            form.saved(shown, next_period(now) if now is not None else "")

        self.run(call, then=stored, failed=form.refused)

    @on(ObservationEntry.Closed)
    def entry_closed(self) -> None:
        self.query_one(ChartView).focus()

    def action_change_value(self) -> None:
        from forbattra.tui.screens.measure_dialogs import ObservationDialog

        observation, measure = self.selected_observation(), self.current()
        if observation is not None and measure is not None:
            self.app.push_screen(
                ObservationDialog(observation, measure.name), lambda _row: self.reload()
            )

    def action_delete_value(self) -> None:
        from forbattra.tui.screens.confirm import ConfirmScreen

        observation = self.selected_observation()
        if observation is None:
            return
        what = f"{period_label(observation.label)}: {number(observation.value)}"

        def answered(yes: bool | None) -> None:
            if not yes:
                return

            def call(db: Database, actor: str) -> Any:
                from forbattra.store.services.measures import delete_observation

                return delete_observation(
                    db, actor, observation.id, expected_version=observation.version
                )

            self.run(call, done=_("Deleted {value}.").format(value=what))

        self.app.push_screen(
            ConfirmScreen(
                _("Delete this value?"),
                _("{value} is deleted from the chart. The history keeps what it was.").format(
                    value=what
                ),
                confirm=_("Delete"),
                warning=True,
            ),
            answered,
        )

    def action_delete_measure(self) -> None:
        from forbattra.tui.screens.confirm import ConfirmScreen

        measure = self.current()
        if measure is None:
            return
        count = len(measure.observations)

        def answered(yes: bool | None) -> None:
            if not yes:
                return

            def call(db: Database, actor: str) -> Any:
                from forbattra.store.services.measures import delete_measure

                return delete_measure(db, actor, measure.id, expected_version=measure.version)

            self.run(call, done=_("The measure was deleted."))

        self.app.push_screen(
            ConfirmScreen(
                _("Delete the measure “{name}”?").format(name=measure.name),
                ngettext(
                    "The measure and its {count} value are deleted. The history keeps its name.",
                    "The measure and its {count} values are deleted. The history keeps its name.",
                    count,
                ).format(count=count),
                confirm=_("Delete the measure"),
                warning=True,
            ),
            answered,
        )

    def action_import_csv(self) -> None:
        from forbattra.tui.screens.measure_dialogs import ImportDialog

        measure = self.current()
        if measure is None:
            return

        def imported(count: int | None) -> None:
            if count:
                self.points.pop(measure.id, None)
                self.notify(
                    ngettext("Imported {count} value.", "Imported {count} values.", count).format(
                        count=count
                    ),
                    markup=False,
                )
            self.reload()

        self.app.push_screen(ImportDialog(measure), imported)

    def action_chart(self) -> None:
        self.mode = ChartMode.XMR if self.mode == ChartMode.RUN else ChartMode.RUN
        self.redraw()

    def action_rules(self) -> None:
        self.rules = Rules.IHI if self.rules == Rules.ANHOEJ else Rules.ANHOEJ
        if self.mode == ChartMode.XMR:
            self.mode = ChartMode.RUN  # the rules are the run chart's
        self.redraw()
        name = _("Anhøj rules") if self.rules == Rules.ANHOEJ else _("IHI rules")
        self.notify(_("Run chart with the {rules}.").format(rules=name), markup=False)

    def action_stage(self) -> None:
        from forbattra.tui.screens.measure_dialogs import StageDialog

        measure, observation = self.current(), self.selected_observation()
        if measure is None or observation is None:
            return
        if observation is measure.observations[0]:
            self.notify(
                _("A stage starts after the first value; choose a later point with ← →."),
                markup=False,
            )
            return

        def split(reason: str | None) -> None:
            if reason:
                stages = [s for s in self.stages.get(measure.id, []) if s[0] != observation.id]
                self.stages[measure.id] = [*stages, (observation.id, reason)]
                self.redraw()
                self.notify(
                    _(
                        "A new stage from {period}. Stages are kept until forbattra closes;"
                        " the database cannot store them yet."
                    ).format(period=period_label(observation.label)),
                    markup=False,
                )

        self.app.push_screen(StageDialog(period_label(observation.label)), split)

    def action_unstage(self) -> None:
        if self.measure_id is not None and self.stages.get(self.measure_id):
            self.stages[self.measure_id].pop()
            self.redraw()

    # Help --------------------------------------------------------------------------------------

    def help_sections(self) -> tuple[list[Section], list[str]]:
        from forbattra.tui.screens.help import binding_entries

        sections: list[Section] = [
            (_("Measures"), binding_entries(self.app, self.BINDINGS)),
            (
                _("The chart"),
                [
                    ("← →", _("Choose a point: its value, its note, the rules it broke")),
                    ("home end", _("On the chart: the first or the last point")),
                    ("↑ ↓", _("On the list: another measure")),
                    ("enter", _("From the list to the chart; on the chart: change the value")),
                    ("tab", _("Move between the list, the chart and the entry")),
                ],
            ),
            (
                _("Adding values"),
                [
                    (_("a, then type"), _("Period (2025-W12, v12, 2025-03-14), value, note")),
                    ("enter", _("Store the value; the next period is filled in")),
                    ("esc", _("Close the entry (asks first if a value is typed)")),
                ],
            ),
        ]
        notes = [
            _(
                "● is a value, ◆ a value that broke a rule (a long run, a shift, a trend, or"
                " outside the limits); ─ is the median (or the mean), ╌ the XmR limits, ═ the"
                " target, ┆ the end of the baseline, ┃ a new stage; ▲ marks where a PDSA cycle"
                " started and ✎ a note."
            ),
            _(
                "Below 10 values the verdict says there is too little data: no rule is applied."
                " Anhøj's rules are the Nordic standard; IHI's are also widely taught."
            ),
            _(
                "A stage splits the chart at a deliberate change, with a reason; each stage"
                " gets its own centre line. Stages are kept until forbattra closes: the"
                " database cannot store them yet."
            ),
        ]
        return sections, notes
