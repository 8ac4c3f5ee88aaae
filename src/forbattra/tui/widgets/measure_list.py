"""The measures of an initiative in a table: name and unit, kind, direction, target, n, verdict."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.widgets import DataTable

from forbattra.core.analysis_text import verdict_label
from forbattra.core.domain import MeasureRow
from forbattra.core.vocabulary import label
from forbattra.i18n import _
from forbattra.tui.measures_model import VERDICT_MARKS, ChartData, number

# Below this width the kind column gives way to the name.
WIDE = 110
NAME_LEAST = 16
VERDICT_MOST = 22


def _cell(value: str, style: str = "") -> Text:
    return Text(value, style=style, no_wrap=True, overflow="ellipsis", end="")


def verdict_text(chart: ChartData) -> Text:
    """A verdict with its mark, so it reads without colour too."""
    verdict = chart.verdict
    style = {"improvement": "bold", "deterioration": "bold"}.get(verdict.value, "")
    return _cell(f"{VERDICT_MARKS[verdict]} {verdict_label(verdict)}", style)


class MeasureList(DataTable[Text]):
    """One row per measure, keyed by its id; ← → move between the points of its chart.

    Cells are :class:`rich.text.Text`, so a measure's name is never read as markup.
    """

    BINDINGS = [
        Binding("left", "screen.point(-1)", _("Previous point"), show=False),
        Binding("right", "screen.point(1)", _("Next point"), show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._rows: list[tuple[MeasureRow, ChartData]] = []
        self._wide: bool | None = None

    def highlighted_id(self) -> int | None:
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(Coordinate(self.cursor_row, 0)).row_key.value
        return int(key) if key is not None else None

    def show(self, rows: Sequence[tuple[MeasureRow, ChartData]], keep: int | None) -> None:
        """Show the measures with the verdicts of their charts; the cursor stays on ``keep``."""
        self._rows = list(rows)
        self._fill(keep)

    def _columns(self) -> list[tuple[str, str, int]]:
        width = (self.size.width or self.app.size.width) - self.styles.scrollbar_size_vertical
        wide = width >= WIDE
        verdicts = [verdict_text(chart).cell_len for _m, chart in self._rows] or [1]
        columns = [
            ("better", _("Better"), cell_len(_("Better"))),
            ("target", _("Target"), max([cell_len(_("Target")), self._target_len()])),
            ("n", "n", max(3, *(len(str(len(m.observations))) for m, _c in self._rows))),
            ("verdict", _("Verdict"), min(max([*verdicts, cell_len(_("Verdict"))]), VERDICT_MOST)),
        ]
        if wide:
            kinds = [cell_len(label(m.kind)) for m, _c in self._rows] or [1]
            columns.insert(0, ("kind", _("Kind"), max([*kinds, cell_len(_("Kind"))])))
        used = sum(w + 2 for _k, _t, w in columns)
        columns.insert(0, ("name", _("Measures"), max(width - used - 2, NAME_LEAST)))
        return columns

    def _target_len(self) -> int:
        return max((cell_len(number(m.target)) for m, _c in self._rows), default=1)

    def _fill(self, keep: int | None) -> None:
        self.clear(columns=True)
        for key, title, width in self._columns():
            right = key in {"target", "n"}
            self.add_column(Text(title, justify="right" if right else "left"), width=width, key=key)
        target_row = 0
        for position, (measure, chart) in enumerate(self._rows):
            name = Text(measure.name, no_wrap=True, overflow="ellipsis", end="")
            if measure.unit:
                name.append(f" ({measure.unit})", style="dim")
            cells = {
                "name": name,
                "kind": _cell(label(measure.kind)),
                "better": _cell("↑" if measure.direction.value == "up" else "↓"),
                "target": Text(number(measure.target), justify="right", end=""),
                "n": Text(str(sum(v is not None for v in measure.values)), justify="right"),
                "verdict": verdict_text(chart),
            }
            self.add_row(
                *(cells[str(c.key.value)] for c in self.ordered_columns), key=str(measure.id)
            )
            if measure.id == keep:
                target_row = position
        if self.row_count:
            self.move_cursor(row=target_row, animate=False)

    def on_resize(self, _event: events.Resize) -> None:
        if self._rows:
            self._fill(self.highlighted_id())
