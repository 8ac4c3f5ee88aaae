"""What the templates read: plain, ready-to-print objects (built by :mod:`forbattra.docs.build`).

Every label is already translated, every derived number computed (medians, stop-doing sums,
counts), and every list in a stable order, so the templates only arrange and escape.
``templates/README.md`` lists the fields for people writing their own templates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


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
class MeasureStage:
    """A split of a measure's chart at a deliberate change: from which value, and why."""

    starts_on: date  # the stored date
    label: str  # the period (or date) of the first value in the stage
    reason: str
    median: float | None
    count: int  # values in the stage


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
    # Stages, oldest first: the chart's median steps at each, the verdict is the last one's.
    stages: list[MeasureStage] = field(default_factory=list)


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
    # Study's answer: "partly", and "the prediction held in part"; None and "" unanswered.
    prediction_held: str | None = None
    prediction_held_label: str = ""

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
