"""The Measure phase's read-only view of the measures and their baselines."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from forbattra.core.domain import MeasureSummary
from forbattra.core.vocabulary import Direction, label
from forbattra.i18n import _
from forbattra.i18n.numbers import number_text as number


class MeasuresView(Static):
    """Each measure: its name, kind, baseline (median of the baseline period), the latest
    value and the target. Changing measures happens on the measures screen (ctrl+o)."""

    DEFAULT_CSS = """
    MeasuresView {
        height: auto;
        padding: 0 1;
        margin-bottom: 1;
    }
    """

    def __init__(self, measures: Sequence[MeasureSummary], *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.measures = tuple(measures)

    def on_mount(self) -> None:
        self.update(self._content())

    def set_measures(self, measures: Sequence[MeasureSummary]) -> None:
        if tuple(measures) != self.measures:
            self.measures = tuple(measures)
            self.update(self._content())

    def _content(self) -> RenderableType:
        hint = Text(_("ctrl+o opens the measures: define them, add values, see the charts."))
        hint.stylize("dim")
        if not self.measures:
            return Group(Text(_("No measures yet."), style="bold"), hint)
        table = Table(box=None, padding=(0, 1), show_edge=False, expand=False, pad_edge=False)
        table.add_column(_("Measures"), overflow="fold", ratio=3)
        table.add_column(_("Baseline"), justify="right", no_wrap=True)
        table.add_column(_("Latest"), justify="right", no_wrap=True)
        table.add_column(_("Target"), justify="right", no_wrap=True)
        for measure in self.measures:
            name = Text(measure.name, style="bold")
            details = [label(measure.kind), label(measure.direction)]
            if measure.unit:
                details.insert(0, measure.unit)
            name.append("\n" + ", ".join(details), style="dim")
            if measure.count == 0:
                baseline = Text(_("no values yet"), style="italic")
            else:
                baseline = Text(number(measure.baseline))
                points = min(measure.baseline_points or measure.count, measure.count)
                baseline.append("\n" + _("median of {count}").format(count=points), style="dim")
            latest = Text(number(measure.latest))
            if measure.latest_on is not None:
                latest.append("\n" + measure.latest_on.isoformat(), style="dim")
            target = Text(number(measure.target))
            if measure.target is not None and measure.latest is not None:
                better = (
                    measure.latest >= measure.target
                    if measure.direction is Direction.HIGHER_IS_BETTER
                    else measure.latest <= measure.target
                )
                target.append("\n" + (_("reached") if better else _("not yet")), style="dim")
            table.add_row(name, baseline, latest, target)
        return Group(table, hint)
