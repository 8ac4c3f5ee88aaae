"""A run chart or XmR chart drawn in character cells, readable without colour.

:func:`draw_chart` is a pure function of a :class:`~forbattra.tui.measures_model.ChartData`,
a size and the selected point: it returns a :class:`rich.text.Text`, so it is tested without
an app and costs a few hundred microseconds. :class:`ChartView` only picks the colours from
the theme and remembers which point is selected.

What is drawn, and how it reads on a black-and-white projector:

* ``●`` a value; ``◆`` a value that broke a rule (a long run, a shift, a trend, a point
  outside the limits), coloured by whether it is good or bad news; the selected point is
  shown in reverse, with its period in reverse on the axis;
* ``─`` the centre line (median or mean) of each stage, ``╌`` the XmR limits, ``═`` the target;
* ``┆`` where a frozen baseline ends, ``┃`` where a stage begins;
* below the plot, ``▲`` with its number where a PDSA cycle started and ``✎`` at a note;
* under them the periods ("w12"), with the year where it changes.

When the points do not fit, the latest are shown, or those around the selected point.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget

from forbattra.core.analysis import Side
from forbattra.i18n import _
from forbattra.tui.measures_model import (
    ChartData,
    ChartMode,
    centre,
    label_year,
    number,
    short_label,
)

POINT = "●"
SIGNAL = "◆"
CENTRE = "─"
LIMIT = "╌"
TARGET = "═"
BASELINE = "┆"
STAGE = "┃"
CYCLE = "▲"
NOTE = "✎"
CONNECTOR = "·"
MAX_STEP = 6
"""At most this many columns per point: fewer points are spread out, not stretched."""


@dataclass(frozen=True)
class ChartStyles:
    """The style of each part of the chart (plain by default, for tests)."""

    point: Style = field(default_factory=Style)
    good: Style = field(default_factory=lambda: Style(bold=True))
    bad: Style = field(default_factory=lambda: Style(bold=True))
    signal: Style = field(default_factory=lambda: Style(bold=True))
    selected: Style = field(default_factory=lambda: Style(reverse=True))
    centre: Style = field(default_factory=Style)
    limit: Style = field(default_factory=Style)
    target: Style = field(default_factory=Style)
    split: Style = field(default_factory=Style)
    marker: Style = field(default_factory=Style)
    axis: Style = field(default_factory=Style)
    line: Style = field(default_factory=Style)


@dataclass(frozen=True)
class ChartLayout:
    """Where things go: ``start`` is the first visible point, ``count`` how many are visible,
    ``step`` the columns per point; rows ``0 .. plot_rows - 1`` hold the plot, from ``hi``
    at the top to ``lo`` at the bottom."""

    width: int
    height: int
    plot_rows: int
    marker_row: int | None
    label_row: int
    left: int
    step: int
    start: int
    count: int
    lo: float
    hi: float

    def visible(self, index: int) -> bool:
        return self.start <= index < self.start + self.count

    def slot(self, index: int) -> int:
        """The first column of a point's slot (the gap before it when ``step`` > 1)."""
        return self.left + (index - self.start) * self.step

    def x(self, index: int) -> int:
        """The column a point is drawn in."""
        return self.slot(index) + self.step // 2

    def row(self, value: float) -> int:
        if self.hi == self.lo:
            return self.plot_rows // 2
        share = (self.hi - value) / (self.hi - self.lo)
        return min(max(round(share * (self.plot_rows - 1)), 0), self.plot_rows - 1)


def _data_levels(data: ChartData) -> list[float]:
    levels = [v for v in data.values if v is not None]
    for part in data.parts:
        line = centre(part)
        if line is not None:
            levels.append(line)
        if data.mode == ChartMode.XMR:
            limits = (getattr(part, "lcl", None), getattr(part, "ucl", None))
            levels += [v for v in limits if v is not None]
    return [v for v in levels if math.isfinite(v)]


def target_side(data: ChartData) -> int:
    """0 when the target is drawn; 1 (above) or -1 (below) when it is so far from the values
    that drawing it would squash them into a few rows (then the legend says where it is)."""
    target = data.target
    levels = _data_levels(data)
    if target is None or not levels:
        return 0
    lo, hi = min(levels), max(levels)
    span = max(hi - lo, abs(hi) * 0.1, 1e-9)
    if target > hi + span:
        return 1
    if target < lo - span:
        return -1
    return 0


def _levels(data: ChartData) -> list[float]:
    levels = _data_levels(data)
    if data.target is not None and target_side(data) == 0:
        levels.append(data.target)
    return levels


def plan(data: ChartData, width: int, height: int, selected: int | None = None) -> ChartLayout:
    """Lay the chart out in ``width`` × ``height`` cells."""
    levels = _levels(data)
    lo, hi = (min(levels), max(levels)) if levels else (0.0, 1.0)
    if hi - lo < 1e-9:
        pad = max(abs(hi) * 0.1, 1.0)
        lo, hi = lo - pad, hi + pad
    left = max(len(tick) for tick in _tick_texts(data, lo, hi)) + 1
    n = len(data.values)
    room = max(width - left, 1)
    step = max(1, min(MAX_STEP, room // max(n, 1)))
    count = min(n, room // step)
    start = n - count
    if selected is not None and 0 <= selected < start:
        start = selected
    rows_below = 1 + (1 if data.markers else 0)
    plot_rows = max(height - rows_below, 1)
    return ChartLayout(
        width=width,
        height=height,
        plot_rows=plot_rows,
        marker_row=plot_rows if data.markers else None,
        label_row=plot_rows + rows_below - 1,
        left=left,
        step=step,
        start=start,
        count=count,
        lo=lo,
        hi=hi,
    )


def _decimals(lo: float, hi: float) -> int:
    span = hi - lo
    return 0 if span >= 20 else 1 if span >= 2 else 2


def _ticks(data: ChartData, layout: ChartLayout) -> dict[int, str]:
    """Numbers on the y axis: the top, the bottom, the current centre line and the target."""
    decimals = _decimals(layout.lo, layout.hi)
    wanted: list[float] = []
    line = centre(data.current)
    if line is not None:
        wanted.append(line)
    if data.target is not None and target_side(data) == 0:
        wanted.append(data.target)
    wanted += [layout.hi, layout.lo]
    ticks: dict[int, str] = {}
    for value in wanted:
        ticks.setdefault(layout.row(value), number(value, decimals))
    return ticks


def _tick_texts(data: ChartData, lo: float, hi: float) -> list[str]:
    decimals = _decimals(lo, hi)
    texts = [number(lo, decimals), number(hi, decimals)]
    line = centre(data.current)
    target = data.target if target_side(data) == 0 else None
    texts += [number(v, decimals) for v in (line, target) if v is not None]
    return texts


class _Grid:
    """Cells of characters with styles; later drawing wins unless told otherwise."""

    def __init__(self, width: int, height: int) -> None:
        self.width = width
        self.chars = [[" "] * width for _row in range(height)]
        self.styles: list[list[Style | None]] = [[None] * width for _row in range(height)]
        self.kinds = [[""] * width for _row in range(height)]

    def put(self, row: int, column: int, char: str, style: Style, kind: str = "") -> None:
        if 0 <= row < len(self.chars) and 0 <= column < self.width:
            self.chars[row][column] = char
            self.styles[row][column] = style
            self.kinds[row][column] = kind

    def kind(self, row: int, column: int) -> str:
        if 0 <= row < len(self.chars) and 0 <= column < self.width:
            return self.kinds[row][column]
        return "point"

    def text(self) -> Text:
        result = Text(no_wrap=True, overflow="crop", end="")
        for number_, (chars, styles) in enumerate(zip(self.chars, self.styles, strict=True)):
            if number_:
                result.append("\n")
            run: list[str] = []
            current: Style | None = None
            for char, style in zip(chars, styles, strict=True):
                if style != current and run:
                    result.append("".join(run), current)
                    run = []
                current = style
                run.append(char)
            if run:
                result.append("".join(run), current)
        return result


def _hline(
    grid: _Grid,
    layout: ChartLayout,
    value: float,
    columns: tuple[int, int],
    char: str,
    style: Style,
    kind: str,
) -> None:
    first, last = columns
    row = layout.row(value)
    for column in range(max(first, layout.left), min(last, layout.width - 1) + 1):
        if grid.kind(row, column) in {"", "target"}:
            grid.put(row, column, char, style, kind)


def _point_sides(data: ChartData) -> dict[int, Side]:
    """Each signal point and where its signal says the process is going (the latest signal
    wins): good or bad news in the measure's direction, as the verdict reads it."""
    marked = data.signal_points()
    sides: dict[int, Side] = {}
    for part in data.parts:
        for signal in sorted(part.signals, key=lambda s: s.end):
            for point in signal.points:
                if point in marked:
                    sides[point] = signal.change
    return sides


def draw_chart(
    data: ChartData,
    width: int,
    height: int,
    selected: int | None = None,
    styles: ChartStyles | None = None,
) -> Text:
    """The chart in ``width`` × ``height`` cells, ``selected`` point highlighted."""
    styles = styles or ChartStyles()
    if width < 12 or height < 3:
        return Text(_("The window is too small for the chart."), end="")
    if not data.values:
        return Text(_("No values yet."), end="")
    layout = plan(data, width, height, selected)
    grid = _Grid(width, height)
    first, last = layout.start, layout.start + layout.count - 1

    # The y axis, with numbers at the top, the bottom, the centre line and the target.
    ticks = _ticks(data, layout)
    for row in range(layout.plot_rows):
        tick = ticks.get(row, "")
        for offset, char in enumerate(tick.rjust(layout.left - 1)):
            grid.put(row, offset, char, styles.axis, "axis")
        grid.put(row, layout.left - 1, "┤" if tick else "│", styles.axis, "axis")

    def span(a: int, b: int) -> tuple[int, int]:
        return layout.slot(max(a, first)), layout.slot(min(b, last)) + layout.step - 1

    if data.target is not None and target_side(data) == 0:
        columns = (layout.left, width - 1)
        _hline(grid, layout, data.target, columns, TARGET, styles.target, "target")
    for part in data.parts:
        if part.end - 1 < first or part.start > last:
            continue
        left, right = span(part.start, part.end - 1)
        if data.mode == ChartMode.XMR:
            for limit in (getattr(part, "lcl", None), getattr(part, "ucl", None)):
                if limit is not None:
                    _hline(grid, layout, limit, (left, right), LIMIT, styles.limit, "limit")
        line = centre(part)
        if line is not None:
            _hline(grid, layout, line, (left, right), CENTRE, styles.centre, "centre")

    # Where a frozen baseline ends and where each stage begins.
    splits = [(stage.start, STAGE) for stage in data.stages[1:]]
    if data.baseline is not None:
        splits.append((data.baseline, BASELINE))
    for index, char in splits:
        if first < index <= last:
            column = layout.slot(index) if layout.step > 1 else layout.x(index) - 1
            for row in range(layout.plot_rows):
                grid.put(row, column, char, styles.split, "split")

    # The dots between neighbouring values, then the values themselves.
    values = data.values
    if layout.step > 1:
        for index in range(first, last):
            a, b = values[index], values[index + 1]
            if a is None or b is None:
                continue
            x1, x2 = layout.x(index), layout.x(index + 1)
            r1, r2 = layout.row(a), layout.row(b)
            slope = (r2 - r1) / (x2 - x1)
            for column in range(x1 + 1, x2):
                # Every row the line crosses within this column, so steep lines stay lines.
                top = r1 + slope * (column - x1 - 0.5)
                bottom = r1 + slope * (column - x1 + 0.5)
                low, high = sorted((round(top), round(bottom)))
                for row in range(max(low, min(r1, r2)), min(high, max(r1, r2)) + 1):
                    if grid.kind(row, column) == "":
                        grid.put(row, column, CONNECTOR, styles.line, "line")
    sides = _point_sides(data)
    better = Side.HIGHER if data.direction_up else Side.LOWER
    for index in range(first, last + 1):
        value = values[index]
        if value is None:
            continue
        style, char = styles.point, POINT
        if index in sides:
            char = SIGNAL
            side = sides[index]
            style = (
                styles.signal
                if side == Side.NEITHER
                else styles.good
                if side == better
                else styles.bad
            )
        if index == selected:
            style = style + styles.selected
        grid.put(layout.row(value), layout.x(index), char, style, "point")

    # Markers: PDSA cycles with their number, notes.
    if layout.marker_row is not None:
        row = layout.marker_row
        for marker in data.markers:
            if not layout.visible(marker.index):
                continue
            column = layout.x(marker.index)
            if marker.kind == "cycle":
                grid.put(row, column, CYCLE, styles.marker, "cycle")
                for offset, digit in enumerate(str(marker.number or "")):
                    if grid.kind(row, column + 1 + offset) == "":
                        grid.put(row, column + 1 + offset, digit, styles.marker, "cycle")
            elif grid.kind(row, column) == "":
                grid.put(row, column, NOTE, styles.axis, "note")

    _draw_labels(grid, data, layout, selected, styles)
    return grid.text()


def _draw_labels(
    grid: _Grid, data: ChartData, layout: ChartLayout, selected: int | None, styles: ChartStyles
) -> None:
    """Period names under the points, far enough apart; the selected one always, reversed."""
    labels = data.labels
    first, last = layout.start, layout.start + layout.count - 1
    widest = max(len(short_label(labels[i], year=True)) for i in range(first, last + 1))
    every = max(1, math.ceil((widest + 1) / layout.step))
    placed: list[tuple[int, str, int]] = []
    year: str | None = None
    for index in range(first, last + 1, every):
        this_year = label_year(labels[index])
        text = short_label(labels[index], year=this_year != year)
        year = this_year
        column = min(layout.x(index), layout.width - len(text))
        if placed and column <= placed[-1][0] + len(placed[-1][1]):
            continue
        placed.append((column, text, index))
    if selected is not None and layout.visible(selected):
        text = short_label(labels[selected], year=True)
        column = max(min(layout.x(selected), layout.width - len(text)), 0)
        placed = [p for p in placed if p[0] + len(p[1]) < column or p[0] > column + len(text)] + [
            (column, text, selected)
        ]
    for column, text, index in placed:
        style = styles.axis + styles.selected if index == selected else styles.axis
        for offset, char in enumerate(text):
            grid.put(layout.label_row, column + offset, char, style, "label")


# --- The widget ---------------------------------------------------------------------------------


class ChartView(Widget, can_focus=True):
    """Draws one :class:`ChartData`; ← → choose a point, Home and End the first or last.

    The chart is a pure function of the data, the size and the selected point; the colours
    come from the component classes below, so every theme (and high contrast) works.
    """

    BINDINGS = [
        Binding("left", "move(-1)", _("Previous point"), show=False),
        Binding("right", "move(1)", _("Next point"), show=False),
        Binding("home", "move_to(0)", _("First point"), show=False),
        Binding("end", "move_to(-1)", _("Last point"), show=False),
    ]

    COMPONENT_CLASSES = {
        "chart--point",
        "chart--good",
        "chart--bad",
        "chart--signal",
        "chart--selected",
        "chart--centre",
        "chart--limit",
        "chart--target",
        "chart--split",
        "chart--marker",
        "chart--axis",
        "chart--line",
    }

    DEFAULT_CSS = """
    ChartView {
        height: 1fr;
        min-height: 5;
    }
    ChartView:focus {
        background: $boost;
    }
    ChartView > .chart--point { color: $foreground; }
    ChartView > .chart--good { color: $success; text-style: bold; }
    ChartView > .chart--bad { color: $error; text-style: bold; }
    ChartView > .chart--signal { color: $warning; text-style: bold; }
    ChartView > .chart--selected { text-style: reverse; }
    ChartView > .chart--centre { color: $primary; }
    ChartView > .chart--limit { color: $warning; }
    ChartView > .chart--target { color: $success 70%; }
    ChartView > .chart--split { color: $accent; }
    ChartView > .chart--marker { color: $accent; text-style: bold; }
    ChartView > .chart--axis { color: $foreground 60%; }
    ChartView > .chart--line { color: $foreground 40%; }
    """

    class PointSelected(Message):
        """The selected point changed (``index`` into the measure's values, or None)."""

        def __init__(self, index: int | None) -> None:
            super().__init__()
            self.index = index

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.data: ChartData | None = None
        self.selected: int | None = None
        self._cache: tuple[ChartData, tuple[object, ...], Text] | None = None

    def show(self, data: ChartData | None, selected: int | None) -> None:
        """Draw ``data`` with ``selected`` (clamped to the values) highlighted."""
        self.data = data
        if data is None or not data.values:
            selected = None
        elif selected is not None:
            selected = min(max(selected, 0), len(data.values) - 1)
        changed = selected != self.selected
        self.selected = selected
        self.refresh()
        if changed:
            self.post_message(self.PointSelected(selected))

    def action_move(self, delta: int) -> None:
        if self.data is None or not self.data.values:
            return
        last = len(self.data.values) - 1
        start = last if self.selected is None else self.selected + delta
        self.show(self.data, min(max(start, 0), last))

    def action_move_to(self, index: int) -> None:
        if self.data is not None and self.data.values:
            self.show(self.data, index % len(self.data.values))

    def chart_styles(self) -> ChartStyles:
        """The styles of the theme in use (for the chart and its legend)."""

        def style(name: str) -> Style:
            return self.get_component_rich_style(f"chart--{name}", partial=True)

        return ChartStyles(
            point=style("point"),
            good=style("good"),
            bad=style("bad"),
            signal=style("signal"),
            selected=style("selected"),
            centre=style("centre"),
            limit=style("limit"),
            target=style("target"),
            split=style("split"),
            marker=style("marker"),
            axis=style("axis"),
            line=style("line"),
        )

    def render(self) -> Text:
        if self.data is None:
            return Text("")
        key = (self.size.width, self.size.height, self.selected, self.app.theme)
        cache = self._cache
        if cache is None or cache[0] is not self.data or cache[1] != key:
            text = draw_chart(
                self.data, self.size.width, self.size.height, self.selected, self.chart_styles()
            )
            self._cache = cache = (self.data, key, text)
        return cache[2]
