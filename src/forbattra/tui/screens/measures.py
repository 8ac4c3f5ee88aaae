"""An initiative's measures: the list with verdicts, the selected one's chart, and the keys to
define measures, add, change and import values, and read the chart rule by rule.

Everything that touches the database runs in a thread worker through
:mod:`forbattra.store.services.measures` and :mod:`~forbattra.store.services.observations`;
the screen redraws from the :class:`~forbattra.core.domain.MeasuresPage` it gets back.
Stages (a chart split at a deliberate change, with a reason) are stored with the measure
(:mod:`forbattra.tui.screens.measure_stages`); deleting is in
:mod:`forbattra.tui.screens.measure_removals`, the help in
:mod:`forbattra.tui.screens.measures_help`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Header, Static

from forbattra.core.analysis import Rules
from forbattra.core.analysis_text import period_label
from forbattra.i18n import _, ngettext
from forbattra.tui.measures_model import ChartData, ChartMode, build_chart, next_period, number
from forbattra.tui.screens.measures_io import MeasuresIO
from forbattra.tui.widgets.chart import ChartView
from forbattra.tui.widgets.chart_text import chart_title, legend, point_text
from forbattra.tui.widgets.measure_list import MeasureList
from forbattra.tui.widgets.observation_entry import ObservationEntry

if TYPE_CHECKING:
    from forbattra.core.domain import MeasureRow, MeasuresPage, ObservationRow
    from forbattra.store.database import Database
    from forbattra.tui.screens.help import Section

Call = Callable[["Database", str], Any]
# Actions that need a measure, and those that need a selected value too.
_NEED_MEASURE = frozenset({"edit", "add_values", "import_csv", "chart", "rules", "delete_measure"})
_NEED_POINT = frozenset({"change_value", "delete_value", "stage"})
# What changes the record: not offered while the initiative is closed.
_EDITING = frozenset(
    {"new", "edit", "add_values", "import_csv", "delete_measure", "stage", "unstage"}
    | {"change_value", "delete_value"}
)
# Below this width the footer drops its spacing and the command palette key.
NARROW = 100


class MeasuresScreen(MeasuresIO):
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
            tooltip=_("Remove the stage the selected value is in (asks first)"),
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
        super().__init__(initiative_id)
        self.measure_id: int | None = None
        self.mode = ChartMode.RUN
        self.rules = Rules.ANHOEJ
        self.points: dict[int, int | None] = {}
        self.charts: dict[int, ChartData] = {}

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
        self.sub_title = _("Measures")
        self.query_one(MeasureList).display = False
        self.query_one("#chart-area").display = False
        self.query_one(ObservationEntry).display = False
        self.reload()

    def on_resize(self, event: events.Resize) -> None:
        footer = self.query_one(Footer)
        footer.compact = event.size.width < NARROW
        footer.show_command_palette = event.size.width >= NARROW

    # Drawing -----------------------------------------------------------------------------------

    def page_shown(self, page: MeasuresPage) -> None:
        ids = [m.id for m in page.measures]
        if self.measure_id not in ids:
            self.measure_id = ids[0] if ids else None
        self.redraw()

    def redraw(self) -> None:
        page = self.page
        if page is None:
            return
        cycles = page.cycles
        self.charts = {
            m.id: build_chart(m, cycles, mode=self.mode, rules=self.rules) for m in page.measures
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

    # Actions -----------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _EDITING and self.page is not None and self.page.closed:
            return False  # hidden: a closed initiative's measures are read, not changed
        if action == "new":
            return self.page is not None
        if action in _NEED_MEASURE:
            return self.current() is not None
        if action in _NEED_POINT:
            if self.current() is None:
                return False
            return self.selected_observation() is not None or None
        if action == "unstage":
            measure = self.current()
            chart = self.charts.get(measure.id) if measure is not None else None
            return chart is not None and len(chart.stages) > 1
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
            from forbattra.store.services.observations import add_observation

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
        from forbattra.tui.screens.measure_removals import delete_value

        delete_value(self)

    def action_delete_measure(self) -> None:
        from forbattra.tui.screens.measure_removals import delete_measure

        delete_measure(self)

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
        from forbattra.tui.screens.measure_stages import split_here

        split_here(self)

    def action_unstage(self) -> None:
        from forbattra.tui.screens.measure_stages import join_here

        join_here(self)

    # Help --------------------------------------------------------------------------------------

    def help_sections(self) -> tuple[list[Section], list[str]]:
        from forbattra.tui.screens.measures_help import help_sections

        return help_sections(self)
