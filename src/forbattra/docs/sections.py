"""The parts of an initiative's view that take some working out: causes in five-whys order,
measures with their run-chart reading, the stop-doing sums, and the short history.

Statistics and sums come from :mod:`forbattra.core` (run charts, the stop-doing rules), so a
document says what the screens say.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from forbattra.core import stop_doing as stop_rules
from forbattra.core.exchange import (
    CycleData,
    EventData,
    InitiativeDocument,
    MeasureData,
    StopItemData,
)
from forbattra.core.stages import stages_at
from forbattra.core.vocabulary import (
    CycleDecision,
    FollowUpResult,
    Status,
    StopDecision,
    label,
)
from forbattra.docs import analysis
from forbattra.docs.views import (
    Cause,
    Chart,
    CycleMeasurement,
    Measure,
    MeasureStage,
    Observation,
    StopDoing,
    StopItem,
)
from forbattra.i18n import _

# Events worth a line in a report's short history; answers, observations and comments are
# counted instead (every change stays in the database's own history).
MILESTONES = frozenset(
    {
        "create",
        "phase",
        "status",
        "pause",
        "resume",
        "reopen",
        "close",
        "cycle_start",
        "cycle_decision",
        "stop_decision",
        "follow_up",
    }
)
_STOP_ITEM = re.compile(r"^stop_doing\[(\d+)\]")
_CYCLE_FIELD = re.compile(r"^cycle:(\d+)$")


def local_date(moment: datetime | None) -> date | None:
    """The calendar day of a stored moment, in Swedish time (where the work happens)."""
    if moment is None:
        return None
    try:
        from zoneinfo import ZoneInfo

        return moment.astimezone(ZoneInfo("Europe/Stockholm")).date()
    except (ImportError, LookupError, ValueError):  # no time-zone data on this computer
        return moment.date()


@dataclass(frozen=True)
class _Costed:
    """An item as :func:`forbattra.core.stop_doing.summarise` reads it."""

    id: int
    cost_per_month: float | None
    decision: StopDecision
    hours_freed: float | None
    follow_up_on: date | None
    follow_up_result: FollowUpResult | None


def stop_doing_view(items: Sequence[StopItemData], file: str) -> StopDoing:
    """The stop-doing check with its sums, by the same rules as the rest of forbattra
    (:mod:`forbattra.core.stop_doing`): decided items count, except those restarted after
    their follow-up; undecided ones count nowhere."""
    views = [
        StopItem(
            number=index + 1,
            activity=item.activity,
            who=item.who,
            hours_per_month=stop_rules.monthly_cost(
                item.hours_per_month, item.minutes_per_occurrence, item.occurrences_per_month
            ),
            minutes_per_occurrence=item.minutes_per_occurrence,
            occurrences_per_month=item.occurrences_per_month,
            beneficiary=item.beneficiary,
            if_stopped=item.if_stopped,
            decision=item.decision.value,
            decision_label=label(item.decision),
            reason=item.reason,
            hours_freed=item.hours_freed,
            follow_up_on=item.follow_up_on,
            follow_up_result=item.follow_up_result.value if item.follow_up_result else None,
            follow_up_label=label(item.follow_up_result) if item.follow_up_result else "",
            follow_up_note=item.follow_up_note,
        )
        for index, item in enumerate(items)
    ]
    # No "today" here: documents must not change with the date they are rendered on.
    summary = stop_rules.summarise(
        [
            _Costed(
                id=view.number,
                cost_per_month=view.hours_per_month,
                decision=item.decision,
                hours_freed=item.hours_freed,
                follow_up_on=item.follow_up_on,
                follow_up_result=item.follow_up_result,
            )
            for view, item in zip(views, items, strict=True)
        ],
        on=date.min,
    )
    return StopDoing(
        items=views,
        cost_per_month=summary.cost_per_month,
        freed_per_month=summary.hours_freed_per_month,
        freed_per_year=summary.hours_freed_per_year,
        stopped=summary.stopped,
        simplified=summary.simplified,
        replaced=summary.replaced,
        kept=summary.kept,
        undecided=summary.undecided,
        restarted=summary.restarted,
        file=file,
    )


def causes_view(document: InitiativeDocument) -> list[Cause]:
    """Causes in five-whys order: each cause, then the whys below it, depth first.

    A chain that loops (a -> b -> a, which the format does not forbid) is cut where it
    returns, and causes only reachable through a loop are listed at the top level.
    """
    numbers = {cause.key: index + 1 for index, cause in enumerate(document.causes)}
    children: dict[str | None, list[Any]] = {}
    for cause in document.causes:
        parent = cause.parent if cause.parent in numbers else None
        children.setdefault(parent, []).append(cause)
    ordered: list[Cause] = []
    seen: set[str] = set()

    def visit(start: Any) -> None:
        stack = [(start, 0)]
        while stack:
            cause, depth = stack.pop()
            if cause.key in seen:
                continue
            seen.add(cause.key)
            ordered.append(
                Cause(
                    number=numbers[cause.key],
                    key=cause.key,
                    text=cause.text,
                    category=cause.category.value if cause.category else None,
                    category_label=label(cause.category) if cause.category else "",
                    root=cause.root,
                    verified=cause.verified,
                    votes=cause.votes,
                    depth=depth,
                    parent_number=numbers.get(cause.parent) if depth and cause.parent else None,
                )
            )
            for child in reversed(children.get(cause.key, [])):
                stack.append((child, depth + 1))

    for cause in children.get(None, []):
        visit(cause)
    for cause in document.causes:  # only in loops
        visit(cause)
    return ordered


# Mermaid gives a chart about 600 pixels for its categories; beyond this many characters of
# labels (with room between them) they overlap, and the axis is numbered instead.
CHART_LABEL_CHARACTERS = 100


def _observations(measure: MeasureData) -> list[Observation]:
    ordered = sorted(measure.observations, key=lambda o: o.date)
    result: list[Observation] = []
    count = 0
    for o in ordered:
        if o.value is not None:
            count += 1
        result.append(
            Observation(
                date=o.date,
                period=o.period,
                label=" ".join(o.period.split()) or o.date.isoformat(),
                value=o.value,
                note=o.note,
                number=count if o.value is not None else None,
            )
        )
    return result


def measure_view(index: int, measure: MeasureData) -> Measure:
    observations = _observations(measure)
    values = [o.value for o in observations if o.value is not None]
    splits = stages_at([o.date for o in observations], measure.stages)
    reading = analysis.read(
        [o.value for o in observations],
        [o.label for o in observations],
        measure.baseline_points,
        measure.direction,
        splits,
    )
    chart = None
    if values:
        count = len(values)
        labels = [o.label for o in observations if o.value is not None]
        # With stages the grey line steps: each value is drawn against its own stage's median.
        medians = [reading.medians[i] for i, o in enumerate(observations) if o.value is not None]
        median: list[float] | None = None
        if splits and all(m is not None for m in medians):
            median = [m for m in medians if m is not None]
        elif not splits and reading.median is not None:
            median = [reading.median] * count
        chart = Chart(
            labels=labels,
            values=values,
            median=median,
            target=[measure.target] * count if measure.target is not None else None,
            numbered=sum(len(label) + 3 for label in labels) > CHART_LABEL_CHARACTERS,
            first=labels[0],
            last=labels[-1],
        )
    return Measure(
        number=index + 1,
        key=measure.key,
        name=measure.name,
        kind=measure.kind.value,
        kind_label=label(measure.kind),
        unit=measure.unit,
        direction=measure.direction.value,
        direction_label=label(measure.direction),
        target=measure.target,
        baseline_points=measure.baseline_points,
        definition=measure.definition,
        collection=measure.collection,
        collector=measure.collector,
        observations=observations,
        values=values,
        median=reading.median,
        median_points=reading.median_points,
        verdict=reading.verdict,
        chart=chart,
        stages=[
            MeasureStage(
                starts_on=max(
                    m.starts_on
                    for m in measure.stages
                    if m.starts_on <= observations[stage.start].date
                ),
                label=observations[stage.start].label,
                reason=stage.reason,
                median=stage.median,
                count=stage.count,
            )
            for stage in reading.stages
        ],
    )


def measured_in(cycle: CycleData, measures: Sequence[MeasureData]) -> list[CycleMeasurement]:
    if cycle.started_on is None:
        return []
    end = cycle.finished_on or date.max
    rows: list[CycleMeasurement] = []
    for measure in measures:
        during = [
            o.value
            for o in measure.observations
            if o.value is not None and cycle.started_on <= o.date <= end
        ]
        before = [
            o.value
            for o in measure.observations
            if o.value is not None and o.date < cycle.started_on
        ]
        if during:
            rows.append(
                CycleMeasurement(
                    measure=measure.name,
                    unit=measure.unit,
                    count=len(during),
                    median=analysis.median(during),
                    median_before=analysis.median(before) if before else None,
                )
            )
    return rows


def event_text(
    event: EventData,
    document: InitiativeDocument,
    phase_names: Mapping[str, str],
    cycle_titles: Mapping[int, str],
) -> str:
    def value_label(kind: Any, raw: str | None) -> str:
        try:
            return label(kind(raw))
        except ValueError:
            return raw or ""

    action = event.action
    if action == "create":
        return _("Started")
    if action == "phase":
        old = phase_names.get(event.old or "", event.old or "")
        new = phase_names.get(event.new or "", event.new or "")
        return _("Phase: {old} → {new}").format(old=old, new=new) if old else new
    if action in {"status", "pause", "resume", "reopen"}:
        new = value_label(Status, event.new)
        return _("Status: {status}").format(status=new) if new else action
    if action == "close":
        return _("Closed without prestige")
    cycle = _CYCLE_FIELD.match(event.field)
    number = int(cycle.group(1)) if cycle else None
    if action == "cycle_start" and number is not None:
        return _("Cycle {number} started: {title}").format(
            number=number, title=cycle_titles.get(number, event.new or "")
        )
    if action == "cycle_decision" and number is not None:
        return _("Cycle {number}: decision to {decision}").format(
            number=number, decision=value_label(CycleDecision, event.new)
        )
    item = _STOP_ITEM.match(event.field)
    index = int(item.group(1)) if item else None
    activity = (
        document.stop_doing[index].activity
        if index is not None and index < len(document.stop_doing)
        else ""
    )
    if action == "stop_decision":
        return _("Stop-doing: {activity}: {decision}").format(
            activity=activity or "–", decision=value_label(StopDecision, event.new)
        )
    if action == "follow_up":
        return _("Follow-up of {activity}: {result}").format(
            activity=activity or "–", result=value_label(FollowUpResult, event.new)
        )
    return action
