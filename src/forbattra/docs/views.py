"""What the templates read: an exchange document turned into plain, ready-to-print objects.

Every label is translated here (in the language current when the view is built), every
derived number is computed here (medians, stop-doing sums, counts), and everything is in a
stable order, so the templates only arrange and escape. ``templates/README.md`` lists the
fields for people writing their own templates.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from forbattra.core import methods
from forbattra.core import stop_doing as stop_rules
from forbattra.core.exchange import (
    CycleData,
    EventData,
    InitiativeDocument,
    MeasureData,
    StopItemData,
    parse_document,
)
from forbattra.core.vocabulary import (
    CycleDecision,
    FollowUpResult,
    Status,
    StopDecision,
    area_label,
    label,
)
from forbattra.docs import analysis
from forbattra.docs.markdown import slug
from forbattra.i18n import _, ngettext

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


@dataclass(frozen=True)
class Fact:
    """One line of a charter: a translated label and the person's value."""

    label: str
    value: str


@dataclass(frozen=True)
class Comment:
    author: str
    text: str
    resolved: bool
    on: str  # where it was left, translated: "the initiative", "Define", "cycle 2"
    created_on: date | None


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    answer: str


@dataclass(frozen=True)
class Phase:
    key: str
    name: str
    letter: str
    number: int
    current: bool
    reached: bool
    questions: list[Question]
    comments: list[Comment]

    @property
    def answered(self) -> int:
        return sum(1 for question in self.questions if question.answer.strip())


@dataclass(frozen=True)
class Cause:
    number: int
    key: str
    text: str
    category: str | None
    category_label: str
    root: bool
    verified: bool
    votes: int
    depth: int  # 0 for a cause, 1 for its first "why?", and so on
    parent_number: int | None


@dataclass(frozen=True)
class CycleLink:
    number: int
    title: str
    file: str


@dataclass(frozen=True)
class Solution:
    number: int
    key: str
    text: str
    causes: list[Cause]
    impact_label: str
    effort_label: str
    votes: int
    cycles: list[CycleLink]


@dataclass(frozen=True)
class Observation:
    date: date
    period: str
    label: str  # the period if given, else the date
    value: float | None
    note: str
    number: int | None = None  # its place on a numbered chart axis; None without a value


@dataclass(frozen=True)
class Chart:
    """A run chart as Mermaid draws it: lines of equal length, one point per value.

    With few values the x-axis names each one (``labels``); with many, names would overlap,
    so the axis numbers the values 1…n (``numbered``) and the data table carries a # column.
    """

    labels: list[str]
    values: list[float]
    median: list[float] | None
    target: list[float] | None
    numbered: bool
    first: str
    last: str


@dataclass(frozen=True)
class Measure:
    number: int
    key: str
    name: str
    kind: str
    kind_label: str
    unit: str
    direction: str
    direction_label: str
    target: float | None
    baseline_points: int | None
    definition: str
    collection: str
    collector: str
    observations: list[Observation]
    values: list[float]
    median: float | None
    median_points: int  # how many values the median is taken over
    verdict: str  # the run-chart reading in words, or "" when there is too little data
    chart: Chart | None


@dataclass(frozen=True)
class CycleMeasurement:
    """Values of one measure inside a cycle's dates, against the values before it."""

    measure: str
    unit: str
    count: int
    median: float | None
    median_before: float | None


@dataclass(frozen=True)
class Cycle:
    number: int
    title: str
    file: str  # the cycle's document, relative to the output folder
    solution: Solution | None
    objective: str
    prediction: str
    plan: str
    what_happened: str
    study: str
    decision: str | None
    decision_label: str  # "adopt", "adapt", "abandon", or "under way"
    decision_notes: str
    started_on: date | None
    finished_on: date | None
    comments: list[Comment]
    measured: list[CycleMeasurement]
    previous: int | None = None
    previous_title: str = ""
    previous_file: str = ""
    next: int | None = None
    next_title: str = ""
    next_file: str = ""

    @property
    def period(self) -> str:
        """ "2025-03-03 – 2025-04-11"; "2025-03-03 –" while it runs; "" without dates."""
        if self.started_on is None and self.finished_on is None:
            return ""
        start = self.started_on.isoformat() if self.started_on else ""
        end = self.finished_on.isoformat() if self.finished_on else ""
        return f"{start} – {end}".strip()


@dataclass(frozen=True)
class StopItem:
    number: int
    activity: str
    who: str
    hours_per_month: float | None  # what the activity costs today, when it can be worked out
    minutes_per_occurrence: float | None
    occurrences_per_month: float | None
    beneficiary: str
    if_stopped: str
    decision: str
    decision_label: str
    reason: str
    hours_freed: float | None
    follow_up_on: date | None
    follow_up_result: str | None
    follow_up_label: str
    follow_up_note: str


@dataclass(frozen=True)
class StopDoing:
    items: list[StopItem]
    cost_per_month: float  # the known cost of every activity reviewed, hours a month
    freed_per_month: float  # hours freed by the decided items, a month
    freed_per_year: float
    stopped: int
    simplified: int
    replaced: int
    kept: int
    undecided: int
    restarted: int
    file: str


@dataclass(frozen=True)
class Closure:
    reason: str
    reason_label: str
    reason_text: str
    learned: str
    keep: str
    stop_doing: str
    freed_hours: float | None  # hours a month
    freed_per_year: float | None
    decided_by: str
    closed_on: date
    phase_name: str
    file: str


@dataclass(frozen=True)
class Event:
    on: date
    actor: str
    text: str  # what happened, translated


@dataclass(frozen=True)
class Initiative:
    """One initiative, everything a report needs, labels translated."""

    id: int
    title: str
    base: str  # "3-anonym-forbattringsinkorg": the file is base + ".md", the folder base + "/"
    file: str
    folder: str
    method: str
    method_label: str
    status: str
    status_label: str
    phase: str
    phase_name: str
    phase_number: int
    phase_count: int
    unit: str
    area: int | None
    area_label: str
    leader: str
    sponsor: str
    coach: str
    team: str
    review_by: date | None
    created_on: date | None
    updated_on: date | None
    facts: list[Fact]
    phases: list[Phase]
    causes: list[Cause]
    solutions: list[Solution]
    measures: list[Measure]
    cycles: list[Cycle]
    stop_doing: StopDoing | None
    closure: Closure | None
    comments: list[Comment]
    history: list[Event]
    history_more: int  # changes not shown in the short history
    tags: list[str] = field(default_factory=list)

    @property
    def files(self) -> list[str]:
        """Every document of this initiative, relative to the output folder."""
        files = [self.file, *(cycle.file for cycle in self.cycles)]
        if self.closure is not None:
            files.append(self.closure.file)
        if self.stop_doing is not None:
            files.append(self.stop_doing.file)
        return files


@dataclass(frozen=True)
class Count:
    key: str
    count: int
    text: str  # "3 active", in the current language and the count's grammatical number


@dataclass(frozen=True)
class Portfolio:
    initiatives: list[Initiative]
    by_status: list[Count]
    cycles: int
    by_decision: list[Count]
    stop_doing_freed_per_month: float
    closures_freed_per_month: float

    @property
    def freed_per_month(self) -> float:
        return self.stop_doing_freed_per_month + self.closures_freed_per_month


# --- building ---------------------------------------------------------------------------


def _date(moment: datetime | None) -> date | None:
    """The calendar day of a stored moment, in Swedish time (where the work happens)."""
    if moment is None:
        return None
    try:
        from zoneinfo import ZoneInfo

        return moment.astimezone(ZoneInfo("Europe/Stockholm")).date()
    except (ImportError, LookupError, ValueError):  # no time-zone data on this computer
        return moment.date()


def file_base(initiative_id: int, title: str) -> str:
    """The stable file name (without ``.md``) of an initiative: its id and a slug of its title."""
    text = slug(title)
    return f"{initiative_id}-{text}" if text else str(initiative_id)


def _comment_place(target: str, phase_names: Mapping[str, str]) -> str:
    kind, _sep, ref = target.partition(":")
    if kind == "phase":
        return phase_names.get(ref, ref)
    if kind == "cycle":
        return _("cycle {number}").format(number=ref)
    return _("the initiative")


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


def _causes(document: InitiativeDocument) -> list[Cause]:
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


def _measure(index: int, measure: MeasureData) -> Measure:
    observations = _observations(measure)
    values = [o.value for o in observations if o.value is not None]
    reading = analysis.read(
        [o.value for o in observations],
        [o.label for o in observations],
        measure.baseline_points,
        measure.direction,
    )
    chart = None
    if values:
        count = len(values)
        labels = [o.label for o in observations if o.value is not None]
        chart = Chart(
            labels=labels,
            values=values,
            median=[reading.median] * count if reading.median is not None else None,
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
    )


def _measured_in(cycle: CycleData, measures: Sequence[MeasureData]) -> list[CycleMeasurement]:
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


def _event_text(
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


def initiative_view(
    document: Mapping[str, Any] | InitiativeDocument, initiative_id: int
) -> Initiative:
    """Everything about one initiative, ready for the templates."""
    if not isinstance(document, InitiativeDocument):
        document = parse_document(dict(document), f"initiative {initiative_id}")
    data = document.initiative
    method = data.method
    all_phases = methods.phases(method)
    phase_key = data.phase or all_phases[0].key
    phase_index = methods.phase_index(method, phase_key)
    phase_names = {p.key: p.name for p in all_phases}
    base = file_base(initiative_id, data.title)
    comments = [
        Comment(
            author=c.author,
            text=c.text,
            resolved=c.resolved,
            on=_comment_place(c.target, phase_names),
            created_on=_date(c.created_at),
        )
        for c in document.comments
    ]
    answers = {(a.phase, a.question): a.text for a in document.answers}
    phases = [
        Phase(
            key=p.key,
            name=p.name,
            letter=p.letter,
            number=index + 1,
            current=index == phase_index,
            reached=index <= phase_index,
            questions=[
                Question(key=q.key, text=q.text, answer=answers.get((p.key, q.key), ""))
                for q in p.questions
            ],
            comments=[
                view
                for view, c in zip(comments, document.comments, strict=True)
                if c.target == f"phase:{p.key}"
            ],
        )
        for index, p in enumerate(all_phases)
    ]
    causes = _causes(document)
    by_key = {cause.key: cause for cause in causes}
    cycles_of: dict[str, list[CycleLink]] = {}
    for cycle in sorted(document.cycles, key=lambda c: c.number):
        if cycle.solution:
            link = CycleLink(cycle.number, cycle.title, f"{base}/cycle-{cycle.number}.md")
            cycles_of.setdefault(cycle.solution, []).append(link)
    solutions = [
        Solution(
            number=index + 1,
            key=s.key,
            text=s.text,
            causes=[by_key[key] for key in dict.fromkeys(s.causes) if key in by_key],
            impact_label=label(s.impact) if s.impact else "",
            effort_label=label(s.effort) if s.effort else "",
            votes=s.votes,
            cycles=cycles_of.get(s.key, []),
        )
        for index, s in enumerate(document.solutions)
    ]
    solution_by_key = {s.key: s for s in solutions}
    measures = [_measure(index, m) for index, m in enumerate(document.measures)]
    ordered_cycles = sorted(document.cycles, key=lambda c: c.number)
    cycles: list[Cycle] = []
    for position, c in enumerate(ordered_cycles):
        previous = ordered_cycles[position - 1] if position else None
        following = ordered_cycles[position + 1] if position + 1 < len(ordered_cycles) else None
        cycles.append(
            Cycle(
                number=c.number,
                title=c.title,
                file=f"{base}/cycle-{c.number}.md",
                solution=solution_by_key.get(c.solution) if c.solution else None,
                objective=c.objective,
                prediction=c.prediction,
                plan=c.plan,
                what_happened=c.what_happened,
                study=c.study,
                decision=c.decision.value if c.decision else None,
                decision_label=label(c.decision) if c.decision else _("under way"),
                decision_notes=c.decision_notes,
                started_on=c.started_on,
                finished_on=c.finished_on,
                comments=[
                    view
                    for view, comment in zip(comments, document.comments, strict=True)
                    if comment.target == f"cycle:{c.number}"
                ],
                measured=_measured_in(c, document.measures),
                previous=previous.number if previous else None,
                previous_title=previous.title if previous else "",
                previous_file=f"{base}/cycle-{previous.number}.md" if previous else "",
                next=following.number if following else None,
                next_title=following.title if following else "",
                next_file=f"{base}/cycle-{following.number}.md" if following else "",
            )
        )
    closure = None
    if document.closure is not None:
        record = document.closure
        closure = Closure(
            reason=record.reason.value,
            reason_label=label(record.reason),
            reason_text=record.reason_text,
            learned=record.learned,
            keep=record.keep,
            stop_doing=record.stop_doing,
            freed_hours=record.freed_hours,
            freed_per_year=record.freed_hours * 12 if record.freed_hours is not None else None,
            decided_by=record.decided_by,
            closed_on=record.closed_on,
            phase_name=phase_names.get(phase_key, phase_key),
            file=f"{base}/closure.md",
        )
    stop_doing = (
        stop_doing_view(document.stop_doing, f"{base}/stop-doing.md")
        if document.stop_doing
        else None
    )
    cycle_titles = {c.number: c.title for c in document.cycles}
    history = [
        Event(
            on=_date(event.at) or event.at.date(),
            actor=event.actor,
            text=_event_text(event, document, phase_names, cycle_titles),
        )
        for event in document.history
        if event.action in MILESTONES
    ]
    area = data.area
    facts = [
        Fact(name, value)
        for name, value in (
            (_("Method"), label(method)),
            (_("Phase"), phase_names.get(phase_key, phase_key)),
            (_("Status"), label(data.status)),
            (_("Unit"), data.unit),
            (_("Kommunkompassen area"), f"{area} {area_label(area)}" if area else ""),
            (_("Leader"), data.leader),
            (_("Sponsor"), data.sponsor),
            (_("Coach"), data.coach),
            (_("Team"), data.team),
            (_("Started"), _day(_date(data.created_at))),
            (_("Review by"), _day(data.review_by)),
        )
        if value
    ]
    return Initiative(
        id=initiative_id,
        title=data.title,
        base=base,
        file=f"{base}.md",
        folder=f"{base}/",
        method=method.value,
        method_label=label(method),
        status=data.status.value,
        status_label=label(data.status),
        phase=phase_key,
        phase_name=phase_names.get(phase_key, phase_key),
        phase_number=phase_index + 1,
        phase_count=len(all_phases),
        unit=data.unit,
        area=area,
        area_label=area_label(area),
        leader=data.leader,
        sponsor=data.sponsor,
        coach=data.coach,
        team=data.team,
        review_by=data.review_by,
        created_on=_date(data.created_at),
        updated_on=_date(data.updated_at),
        facts=facts,
        phases=phases,
        causes=causes,
        solutions=solutions,
        measures=measures,
        cycles=cycles,
        stop_doing=stop_doing,
        closure=closure,
        comments=comments,
        history=history,
        history_more=len(document.history) - len(history),
        tags=["forbattra", method.value, data.status.value],
    )


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def _status_count(status: Status, count: int) -> str:
    forms = {
        Status.ACTIVE: ngettext("{count} active", "{count} active", count),
        Status.PAUSED: ngettext("{count} paused", "{count} paused", count),
        Status.COMPLETED: ngettext("{count} completed", "{count} completed", count),
        Status.CLOSED: ngettext("{count} closed", "{count} closed", count),
    }
    return forms[status].format(count=count)


def _decision_count(decision: CycleDecision | None, count: int) -> str:
    forms = {
        CycleDecision.ADOPT: ngettext("{count} adopted", "{count} adopted", count),
        CycleDecision.ADAPT: ngettext("{count} adapted", "{count} adapted", count),
        CycleDecision.ABANDON: ngettext("{count} abandoned", "{count} abandoned", count),
        None: ngettext("{count} under way", "{count} under way", count),
    }
    return forms[decision].format(count=count)


def portfolio_view(initiatives: Sequence[Initiative]) -> Portfolio:
    """Totals over the initiatives rendered together, for the index."""
    ordered = sorted(initiatives, key=lambda i: i.id)
    by_status = [
        Count(status.value, count, _status_count(status, count))
        for status in Status
        if (count := sum(1 for i in ordered if i.status == status.value))
    ]
    decisions = [c.decision for i in ordered for c in i.cycles]
    by_decision = [
        Count(decision.value if decision else "", count, _decision_count(decision, count))
        for decision in (*CycleDecision, None)
        if (count := decisions.count(decision.value if decision else None))
    ]
    return Portfolio(
        initiatives=ordered,
        by_status=by_status,
        cycles=len(decisions),
        by_decision=by_decision,
        stop_doing_freed_per_month=sum(
            i.stop_doing.freed_per_month for i in ordered if i.stop_doing is not None
        ),
        closures_freed_per_month=sum(
            i.closure.freed_hours or 0.0 for i in ordered if i.closure is not None
        ),
    )
