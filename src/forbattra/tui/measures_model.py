"""What the measures screen shows, without Textual: a measure's chart as data, the next period
to type, quick entries read and checked, numbers written the way the language writes them.

Pure functions over the domain objects, cheap to test; the chart widget
(:mod:`forbattra.tui.widgets.chart`) draws a :class:`ChartData`, the screen only wires keys.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from forbattra.core.analysis import (
    Rule,
    Rules,
    RunChart,
    Stage,
    Verdict,
    XmRChart,
    check_stages,
)
from forbattra.core.analysis_text import describe, period_label
from forbattra.core.domain import CycleMark, MeasureRow, MeasuresSignal
from forbattra.core.observations_csv import parse_number, parse_period
from forbattra.core.stages import run_chart_parts, stages_at, xmr_parts
from forbattra.i18n import N_, _, current_language


class ChartMode(StrEnum):
    """Which chart is drawn: a run chart around the median, or an individuals (XmR) chart."""

    RUN = "run"
    XMR = "xmr"


# Rules a stretch of points breaks; the others (crossings, number of runs) are about the
# whole chart and are told in the sentence, not marked on every point.
LOCAL_RULES = frozenset({Rule.LONG_RUN, Rule.SHIFT, Rule.TREND, Rule.OUTSIDE_LIMITS})

# Marks that read without colour (a projector, a black-and-white print).
VERDICT_MARKS = {
    Verdict.IMPROVEMENT: "✓",
    Verdict.DETERIORATION: "✗",
    Verdict.UNCLEAR: "?",
    Verdict.NO_SIGNAL: "·",
    Verdict.TOO_LITTLE_DATA: "…",
}
SIGNAL_MARKS = {
    MeasuresSignal.MIXED: "✓✗",
    MeasuresSignal.IMPROVEMENT: "✓",
    MeasuresSignal.DETERIORATION: "✗",
    MeasuresSignal.UNCLEAR: "?",
    MeasuresSignal.NO_SIGNAL: "·",
    MeasuresSignal.TOO_LITTLE_DATA: "…",
    MeasuresSignal.NONE: "",
}
_SIGNAL_LABELS = {
    MeasuresSignal.MIXED: N_("improvement and deterioration"),
    MeasuresSignal.IMPROVEMENT: N_("improvement"),
    MeasuresSignal.DETERIORATION: N_("deterioration"),
    MeasuresSignal.UNCLEAR: N_("signal, direction unclear"),
    MeasuresSignal.NO_SIGNAL: N_("no signal"),
    MeasuresSignal.TOO_LITTLE_DATA: N_("too little data"),
    MeasuresSignal.NONE: N_("no measures"),
}


def signal_label(signal: MeasuresSignal) -> str:
    """An initiative's measures in a word or two, for the portfolio."""
    return _(_SIGNAL_LABELS[signal])


# --- Numbers -----------------------------------------------------------------------------------


def number(value: float | None, decimals: int = 2) -> str:
    """A value as people write it: no trailing zeros, a decimal comma in Swedish."""
    if value is None:
        return "–"
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in {"-0", ""}:
        text = "0"
    return text.replace(".", ",") if current_language() == "sv" else text


def with_unit(value: float | None, unit: str) -> str:
    shown = number(value)
    if value is None or not unit:
        return shown
    return f"{shown} %" if unit == "%" else f"{shown} {unit}"


# --- The chart as data -------------------------------------------------------------------------


@dataclass(frozen=True)
class Marker:
    """Something that happened at a point: a PDSA cycle started (``number``) or a note."""

    index: int
    kind: str  # "cycle" or "note"
    text: str
    number: int | None = None


@dataclass(frozen=True)
class ChartData:
    """One measure analysed as a chart: its values, the analysis of each stage, markers.

    ``stages`` starts with the implicit first stage (start 0, no reason); ``parts[i]`` is the
    analysis of ``stages[i]``. ``baseline`` is the frozen baseline used (None with stages).
    """

    name: str
    unit: str
    direction_up: bool
    target: float | None
    values: tuple[float | None, ...]
    labels: tuple[str, ...]
    mode: ChartMode
    rules: Rules
    baseline: int | None
    stages: tuple[Stage, ...]
    parts: tuple[RunChart | XmRChart, ...]
    markers: tuple[Marker, ...] = ()

    @property
    def current(self) -> RunChart | XmRChart:
        """The last stage: its verdict is the chart's verdict now."""
        return self.parts[-1]

    @property
    def verdict(self) -> Verdict:
        return self.current.verdict

    def part_at(self, index: int) -> RunChart | XmRChart:
        for part in self.parts:
            if part.start <= index < part.end:
                return part
        return self.parts[-1]

    def signal_points(self) -> frozenset[int]:
        """The points that broke a rule about a stretch of points (marked on the chart)."""
        return frozenset(
            point
            for part in self.parts
            for signal in part.signals
            if signal.rule in LOCAL_RULES
            for point in signal.points
        )

    def rules_at(self, index: int) -> tuple[Rule, ...]:
        """Every rule the point at ``index`` helped break, stretch rules first."""
        part = self.part_at(index)
        found = dict.fromkeys(s.rule for s in part.signals if index in s.points)
        return tuple(sorted(found, key=lambda rule: rule not in LOCAL_RULES))

    def markers_at(self, index: int) -> tuple[Marker, ...]:
        return tuple(marker for marker in self.markers if marker.index == index)

    def sentence(self) -> str:
        """The plain sentence under the chart, about the stage the team is in now."""
        text = describe(self.current, list(self.labels))
        if len(self.stages) > 1:
            stage = self.stages[-1]
            return _("Since {start} ({reason}): {sentence}").format(
                start=period_label(self.labels[stage.start]), reason=stage.reason, sentence=text
            )
        return text


def centre(part: RunChart | XmRChart) -> float | None:
    """The centre line: the median of a run chart, the mean of an XmR chart."""
    return part.median if isinstance(part, RunChart) else part.mean


def valid_stages(length: int, stages: Sequence[Stage]) -> tuple[Stage, ...]:
    """The stages that still fit the values (a value may have been deleted meanwhile)."""
    kept: list[Stage] = []
    for stage in sorted(stages, key=lambda s: s.start):
        if (not kept or kept[-1].start < stage.start) and 0 < stage.start < length:
            kept.append(stage)
    return tuple(kept)


def markers(measure: MeasureRow, cycles: Sequence[CycleMark]) -> tuple[Marker, ...]:
    """PDSA cycles at the first value on or after their start, notes at their own value."""
    days = [o.observed_on for o in measure.observations]
    found: list[Marker] = []
    for cycle in cycles:
        if cycle.started_on is None:
            continue
        index = next((i for i, day in enumerate(days) if day >= cycle.started_on), None)
        if index is not None:
            found.append(Marker(index, "cycle", cycle.title, cycle.number))
    for index, observation in enumerate(measure.observations):
        if observation.note.strip():
            found.append(Marker(index, "note", " ".join(observation.note.split())))
    return tuple(sorted(found, key=lambda m: (m.index, m.kind != "cycle")))


def build_chart(
    measure: MeasureRow,
    cycles: Sequence[CycleMark] = (),
    *,
    mode: ChartMode = ChartMode.RUN,
    rules: Rules = Rules.ANHOEJ,
    stages: Sequence[Stage] | None = None,
) -> ChartData:
    """Analyse ``measure`` as the chosen chart, split at its stored stages (or at ``stages``,
    each with a reason, when given)."""
    values = measure.values
    direction = measure.direction
    if stages is None:
        stages = stages_at([o.observed_on for o in measure.observations], measure.stages)
    splits = valid_stages(len(values), stages)
    baseline = measure.baseline_points if not splits else None
    parts: tuple[RunChart | XmRChart, ...]
    if mode == ChartMode.RUN:
        parts = run_chart_parts(values, splits, baseline, rules, direction=direction)
    else:
        parts = xmr_parts(values, splits, baseline, direction=direction)
    return ChartData(
        name=measure.name,
        unit=measure.unit,
        direction_up=direction.value == "up",
        target=measure.target,
        values=tuple(values),
        labels=tuple(measure.labels),
        mode=mode,
        rules=rules,
        baseline=baseline if baseline is not None and baseline < len(values) else None,
        stages=check_stages(len(values), splits) if values else (Stage(0, ""),),
        parts=parts,
        markers=markers(measure, cycles),
    )


# --- Short period names for the x axis ----------------------------------------------------------

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_SHORT_MONTHS = (
    N_("Jan"),
    N_("Feb"),
    N_("Mar"),
    N_("Apr"),
    N_("May"),
    N_("Jun"),
    N_("Jul"),
    N_("Aug"),
    N_("Sep"),
    N_("Oct"),
    N_("Nov"),
    N_("Dec"),
)


def short_label(label: str, *, year: bool = False) -> str:
    """A period as short as it can be on an axis ("w12"); ``year`` adds the year."""
    if match := _WEEK.match(label):
        text = _("w{week}").format(week=int(match[2]))
    elif (match := _MONTH.match(label)) and 1 <= int(match[2]) <= 12:
        text = _(_SHORT_MONTHS[int(match[2]) - 1])
    elif match := _QUARTER.match(label):
        text = _("Q{quarter}").format(quarter=match[2])
    elif match := _DAY.match(label):
        text = _("{day}/{month}").format(day=int(match[3]), month=int(match[2]))
    else:
        return label
    return f"{text} {match[1]}" if year else text


def label_year(label: str) -> str | None:
    match = re.match(r"^(\d{4})-", label)
    return match[1] if match else None


# --- Quick entry --------------------------------------------------------------------------------


def next_period(measure: MeasureRow) -> str:
    """The period after the last value, in the same form ("2025-W12" after "2025-W11");
    empty when there is nothing to go by."""
    observations = measure.observations
    if not observations:
        return ""
    last = observations[-1]
    label = last.period.strip()
    if match := _WEEK.match(label):
        monday = date.fromisocalendar(int(match[1]), int(match[2]), 1) + timedelta(days=7)
        year, week, _day = monday.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if match := _MONTH.match(label):
        year, month = int(match[1]), int(match[2]) + 1
        return f"{year + (month > 12):04d}-{(month - 1) % 12 + 1:02d}"
    if match := _QUARTER.match(label):
        year, quarter = int(match[1]), int(match[2]) + 1
        return f"{year + (quarter > 4):04d}-Q{(quarter - 1) % 4 + 1}"
    if label:
        return ""
    gap = timedelta(days=7)
    if len(observations) > 1:
        between = last.observed_on - observations[-2].observed_on
        if between.days > 0:
            gap = between
    return (last.observed_on + gap).isoformat()


@dataclass(frozen=True)
class Entry:
    """One value as typed in the quick entry, read and checked."""

    observed_on: date
    period: str
    value: float | None
    note: str


@dataclass(frozen=True)
class EntryProblem:
    """Why a quick entry cannot be stored; ``field`` is "period" or "value"."""

    field: str
    message: str


_BARE_WEEK = re.compile(r"^(?:v|vecka|w|week)\.?\s*(\d{1,2})$", re.IGNORECASE)


def parse_entry(period: str, value: str, note: str, *, year: int) -> Entry | EntryProblem:
    """Read a quick entry. A week without a year ("v12") is in ``year``; "3,5" and "3.5"
    are the same number; "-" records a period without a value."""
    text = period.strip()
    if match := _BARE_WEEK.match(text):
        text = f"{year}-W{int(match[1]):02d}"
    if not text:
        return EntryProblem("period", _("Write the date or the period, for example 2025-W12."))
    try:
        observed_on, label = parse_period(text)
    except ValueError as error:
        return EntryProblem("period", _("Period: {problem}.").format(problem=error))
    if not value.strip():
        return EntryProblem(
            "value", _("Write the value, for example 3,5 (or - for a period without one).")
        )
    try:
        number_value = parse_number(value)
    except ValueError as error:
        return EntryProblem("value", _("Value: {problem}.").format(problem=error))
    return Entry(observed_on, label, number_value, note.strip())
