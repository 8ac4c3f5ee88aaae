"""The words around a chart: its title line, the legend, and what the selected point is.

Pure functions returning :class:`rich.text.Text` (user text is never read as markup).
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.style import Style
from rich.text import Text

from forbattra.core.analysis import Rules, RunChart, Verdict, XmRChart
from forbattra.core.analysis_text import period_label, rule_label
from forbattra.core.vocabulary import Direction, label
from forbattra.i18n import _, ngettext
from forbattra.tui.measures_model import (
    LOCAL_RULES,
    ChartData,
    ChartMode,
    centre,
    number,
    with_unit,
)
from forbattra.tui.widgets.chart import (
    BASELINE,
    CENTRE,
    CYCLE,
    LIMIT,
    NOTE,
    POINT,
    SIGNAL,
    STAGE,
    TARGET,
    ChartStyles,
    target_side,
)


class ChartTitle:
    """The measure's name and what kind of chart this is, fitted to the width: on one line
    ("Waiting time  Run chart · Anhøj rules · ↓ lower is better") when the name fits beside
    the long or the short form ("Run chart · Anhøj · ↓"), else the name on a line of its own."""

    def __init__(self, data: ChartData) -> None:
        arrow = "↑" if data.direction_up else "↓"
        direction = Direction.HIGHER_IS_BETTER if data.direction_up else Direction.LOWER_IS_BETTER
        if data.mode == ChartMode.RUN:
            anhoej = data.rules == Rules.ANHOEJ
            long = [_("Run chart"), _("Anhøj rules") if anhoej else _("IHI rules")]
            short = [_("Run chart"), "Anhøj" if anhoej else "IHI"]
        else:
            long = [_("XmR chart (individuals)")]
            short = ["XmR"]
        long.append(f"{arrow} {label(direction)}")
        short.append(arrow)
        if len(data.stages) > 1:
            count = len(data.stages)
            stages = ngettext("{count} stage", "{count} stages", count).format(count=count)
            long.append(stages)
            short.append(stages)
        self.name = data.name
        self.long = " · ".join(long)
        self.short = " · ".join(short)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        for kind in (self.long, self.short):
            if cell_len(self.name) + 2 + cell_len(kind) <= width:
                line = Text(self.name, style="bold")
                line.append(" " * (width - cell_len(self.name) - cell_len(kind)))
                line.append(kind)
                yield line
                return
        yield Text(self.name, style="bold", no_wrap=True, overflow="ellipsis")
        yield Text(self.long, no_wrap=True, overflow="ellipsis")


def chart_title(data: ChartData) -> ChartTitle:
    """The line (or two) above the chart: see :class:`ChartTitle`."""
    return ChartTitle(data)


def title_text(data: ChartData) -> str:
    """The title line as plain text (for tests and messages)."""
    console = Console(width=200, color_system=None, record=True)
    console.print(chart_title(data))
    return " ".join(console.export_text().split())


def legend(data: ChartData, styles: ChartStyles | None = None) -> Text:
    """What each mark means, only the marks this chart shows, with the current numbers."""
    styles = styles or ChartStyles()
    items: list[tuple[str, Style, str]] = [(POINT, styles.point, _("value"))]
    if data.signal_points():
        verdict = data.verdict
        mark = (
            styles.good
            if verdict == Verdict.IMPROVEMENT
            else styles.bad
            if verdict == Verdict.DETERIORATION
            else styles.signal
        )
        items.append((SIGNAL, mark, _("broke a rule")))
    part = data.current
    line = centre(part)
    if line is not None:
        name = _("median") if isinstance(part, RunChart) else _("mean")
        items.append((CENTRE, styles.centre, f"{name} {number(line)}"))
    if isinstance(part, XmRChart) and part.lcl is not None and part.ucl is not None:
        limits = _("limits {low}–{high}").format(low=number(part.lcl), high=number(part.ucl))
        items.append((LIMIT, styles.limit, limits))
    if data.target is not None:
        side = target_side(data)
        words = (
            _("target {value}")
            if side == 0
            else _("target {value}, far above the values")
            if side > 0
            else _("target {value}, far below the values")
        )
        items.append((TARGET, styles.target, words.format(value=number(data.target))))
    if data.baseline is not None:
        words = ngettext(
            "baseline: the first value", "baseline: the first {count} values", data.baseline
        ).format(count=data.baseline)
        items.append((BASELINE, styles.split, words))
    if len(data.stages) > 1:
        items.append((STAGE, styles.split, _("new stage")))
    kinds = {marker.kind for marker in data.markers}
    if "cycle" in kinds:
        items.append((CYCLE, styles.marker, _("PDSA cycle starts")))
    if "note" in kinds:
        items.append((NOTE, styles.axis, _("note")))
    text = Text(end="")
    for index, (glyph, style, words) in enumerate(items):
        if index:
            text.append("  ")
        text.append(glyph, style)
        text.append(" " + words)
    return text


def point_text(data: ChartData, index: int | None) -> Text:
    """The selected point: when, how much, which rules it helped break, what happened."""
    if index is None or not 0 <= index < len(data.values):
        return Text(_("← → choose a point to see its value and the rules it broke."), end="")
    value = data.values[index]
    text = Text(end="")
    text.append(period_label(data.labels[index]), style="bold")
    text.append(": ")
    text.append(with_unit(value, data.unit) if value is not None else _("no value"))
    part = data.part_at(index)
    rules = data.rules_at(index)
    if rules:
        names = [
            rule_label(rule)
            if rule in LOCAL_RULES
            else _("{rule} (the whole chart)").format(rule=rule_label(rule))
            for rule in rules
        ]
        text.append(f"  {SIGNAL} ")
        text.append(_("broke: {rules}").format(rules=", ".join(names)), style="bold")
    elif value is not None and isinstance(part, RunChart) and index not in part.useful:
        text.append("  " + _("on the median: it neither counts in a run nor breaks one"))
    elif value is not None and part.signal:
        text.append("  " + _("broke no rule"))
    for marker in data.markers_at(index):
        if marker.kind == "cycle":
            text.append(f"  {CYCLE}{marker.number} ")
            text.append(
                _("PDSA cycle {number} started: {title}").format(
                    number=marker.number, title=marker.text
                )
            )
        else:
            text.append(f"  {NOTE} ")
            text.append(marker.text)
    return text
