"""Plain domain objects the services return and the screens, CLI and documents read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from forbattra.core import methods
from forbattra.core.vocabulary import (
    CauseCategory,
    ClosureReason,
    CycleDecision,
    Direction,
    FollowUpResult,
    MeasureKind,
    Method,
    PredictionHeld,
    Status,
    StopDecision,
)


@dataclass(frozen=True)
class NewInitiative:
    """What a person types to start an initiative; validated by the service."""

    title: str
    method: Method
    unit: str = ""
    area: int | None = None
    leader: str = ""
    sponsor: str = ""
    coach: str = ""
    team: str = ""


@dataclass(frozen=True)
class InitiativeRow:
    """One line of the portfolio: only what the list shows."""

    id: int
    title: str
    method: Method
    phase: str
    status: Status
    unit: str
    area: int | None
    leader: str
    updated_at: datetime
    review_by: date | None = None
    version: int = 0
    verdicts: MeasureVerdicts | None = None
    """What the initiative's measures say; None until the portfolio has read them."""

    @property
    def phase_name(self) -> str:
        found = methods.phase(self.method, self.phase)
        return found.name if found else self.phase


@dataclass(frozen=True)
class EventRow:
    """One entry of the event log."""

    id: int
    at: datetime
    actor: str
    initiative_id: int | None
    entity: str
    entity_id: int | None
    action: str
    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class NewMeasure:
    """What a person types to define (or redefine) a measure; validated by the service."""

    name: str
    kind: MeasureKind = MeasureKind.OUTCOME
    unit: str = ""
    direction: Direction = Direction.HIGHER_IS_BETTER
    target: float | None = None
    baseline_points: int | None = None
    definition: str = ""
    collection: str = ""
    collector: str = ""


@dataclass(frozen=True)
class ObservationRow:
    """One measured value. ``label`` is how its period is named on a chart."""

    id: int
    measure_id: int
    observed_on: date
    period: str
    value: float | None
    note: str
    version: int

    @property
    def label(self) -> str:
        return self.period.strip() or self.observed_on.isoformat()


@dataclass(frozen=True)
class StageMark:
    """A stored split of a chart: a new stage from the first value on or after ``starts_on``,
    for a stated reason (see :func:`forbattra.core.stages.stages_at`)."""

    starts_on: date
    reason: str


@dataclass(frozen=True)
class MeasureRow:
    """One measure of an initiative with its observations, oldest first."""

    id: int
    initiative_id: int
    position: int
    name: str
    kind: MeasureKind
    unit: str
    direction: Direction
    target: float | None
    baseline_points: int | None
    definition: str
    collection: str
    collector: str
    version: int
    observations: tuple[ObservationRow, ...] = ()
    stages: tuple[StageMark, ...] = ()  # oldest first

    @property
    def values(self) -> list[float | None]:
        """The values in time order, None for a period without one: what a chart analyses."""
        return [o.value for o in self.observations]

    @property
    def labels(self) -> list[str]:
        """The period labels, one per value."""
        return [o.label for o in self.observations]


class MeasuresSignal(StrEnum):
    """What an initiative's measures say, in a word: the portfolio's measures column."""

    MIXED = "mixed"  # an improvement in one measure, a deterioration in another
    DETERIORATION = "deterioration"
    IMPROVEMENT = "improvement"
    UNCLEAR = "unclear"  # a signal whose direction cannot be told
    NO_SIGNAL = "no_signal"
    TOO_LITTLE_DATA = "too_little_data"
    NONE = "none"  # no measures at all


@dataclass(frozen=True)
class MeasureVerdicts:
    """How many of an initiative's measures have which run chart verdict (Anhøj rules)."""

    improvement: int = 0
    deterioration: int = 0
    unclear: int = 0
    no_signal: int = 0
    too_little_data: int = 0

    @property
    def measures(self) -> int:
        return (
            self.improvement
            + self.deterioration
            + self.unclear
            + self.no_signal
            + self.too_little_data
        )

    @property
    def signal(self) -> MeasuresSignal:
        """The one word: a deterioration beside an improvement is "mixed", never hidden."""
        if self.improvement and self.deterioration:
            return MeasuresSignal.MIXED
        if self.deterioration:
            return MeasuresSignal.DETERIORATION
        if self.improvement:
            return MeasuresSignal.IMPROVEMENT
        if self.unclear:
            return MeasuresSignal.UNCLEAR
        if self.no_signal:
            return MeasuresSignal.NO_SIGNAL
        if self.too_little_data:
            return MeasuresSignal.TOO_LITTLE_DATA
        return MeasuresSignal.NONE


@dataclass(frozen=True)
class CycleMark:
    """When a PDSA cycle started: a marker on the initiative's charts."""

    number: int
    title: str
    started_on: date | None


@dataclass(frozen=True)
class MeasuresPage:
    """What the measures screen shows of one initiative, read in one transaction."""

    initiative_id: int
    title: str
    measures: tuple[MeasureRow, ...] = ()
    cycles: tuple[CycleMark, ...] = ()
    closed: bool = False  # a closed initiative's measures are read, not changed

    def measure(self, measure_id: int) -> MeasureRow | None:
        return next((m for m in self.measures if m.id == measure_id), None)


# --- The workspace: one initiative with everything the guided phases show --------------------


@dataclass(frozen=True)
class InitiativeDetail:
    """One initiative's own fields, with the ``version`` a later write must name."""

    id: int
    title: str
    method: Method
    phase: str
    status: Status
    unit: str
    area: int | None
    leader: str
    sponsor: str
    coach: str
    team: str
    version: int
    updated_at: datetime


@dataclass(frozen=True)
class AnswerView:
    """The answer to one guiding question. ``version`` 0 means "not answered yet"."""

    phase: str
    question: str
    text: str
    version: int


@dataclass(frozen=True)
class CauseView:
    """One cause; ``parent_id`` is the cause it answers "why?" for (a five-whys chain)."""

    id: int
    parent_id: int | None
    position: int
    text: str
    category: CauseCategory | None
    root: bool
    verified: bool
    version: int
    votes: int = 0  # dots in the latest dot vote


@dataclass(frozen=True)
class SolutionView:
    """A solution (in PDSA: a change idea) and the causes it addresses."""

    id: int
    position: int
    text: str
    cause_ids: tuple[int, ...]
    version: int
    votes: int = 0  # dots in the latest dot vote


class CycleStage(StrEnum):
    """Where a PDSA cycle is: derived from what it holds, never stored."""

    PLAN = "plan"
    DO = "do"
    STUDY = "study"
    ACT = "act"
    DONE = "done"


@dataclass(frozen=True)
class CycleView:
    """One PDSA cycle: an experiment with a number, dates and a decision."""

    id: int
    number: int
    title: str
    solution_id: int | None
    objective: str
    prediction: str
    plan: str
    what_happened: str
    study: str
    decision: CycleDecision | None
    decision_notes: str
    started_on: date | None
    finished_on: date | None
    version: int
    # Answered in Study: did the prediction hold? None until someone says.
    prediction_held: PredictionHeld | None = None

    @property
    def predictions_locked(self) -> bool:
        """Once Do has started, the predictions stand, so Study compares honestly."""
        return self.started_on is not None

    @property
    def stage(self) -> CycleStage:
        if self.decision is not None:
            return CycleStage.DONE
        if self.started_on is None:
            return CycleStage.PLAN
        if self.study.strip():
            return CycleStage.ACT
        if self.what_happened.strip():
            return CycleStage.STUDY
        return CycleStage.DO


@dataclass(frozen=True)
class MeasureSummary:
    """What the Measure phase shows of one measure: its definition and its baseline."""

    id: int
    name: str
    kind: MeasureKind
    unit: str
    direction: Direction
    target: float | None
    baseline_points: int | None
    count: int
    baseline: float | None
    latest: float | None
    latest_on: date | None


@dataclass(frozen=True)
class Workspace:
    """Everything of one initiative that its guided phases show, read in one transaction."""

    initiative: InitiativeDetail
    answers: tuple[AnswerView, ...] = ()
    causes: tuple[CauseView, ...] = ()
    solutions: tuple[SolutionView, ...] = ()
    cycles: tuple[CycleView, ...] = ()
    measures: tuple[MeasureSummary, ...] = ()
    closure: ClosureView | None = None  # how it ended, while it is closed

    def answer(self, phase: str, question: str) -> AnswerView:
        """The answer to one question; an empty one (version 0) if there is none yet."""
        for answer in self.answers:
            if answer.phase == phase and answer.question == question:
                return answer
        return AnswerView(phase, question, "", 0)

    def cause(self, cause_id: int) -> CauseView | None:
        return next((cause for cause in self.causes if cause.id == cause_id), None)

    def solution(self, solution_id: int) -> SolutionView | None:
        return next((s for s in self.solutions if s.id == solution_id), None)

    def cycle(self, cycle_id: int) -> CycleView | None:
        return next((cycle for cycle in self.cycles if cycle.id == cycle_id), None)


# --- The stop-doing check and closing without prestige ----------------------------------------
# (core/stop_doing.py and core/closure.py hold the rules; store/services/stop_doing.py and
# store/services/closures.py return these.)


@dataclass(frozen=True)
class NewStopItem:
    """What a team writes about one activity in a stop-doing check; validated by the service.

    The time it costs is given one way or the other: ``hours_per_month``, or
    ``minutes_per_occurrence`` × ``occurrences_per_month``; or not yet (all None).
    """

    activity: str
    who: str = ""
    hours_per_month: float | None = None
    minutes_per_occurrence: float | None = None
    occurrences_per_month: float | None = None
    beneficiary: str = ""
    if_stopped: str = ""


@dataclass(frozen=True)
class StopItemView:
    """One activity of a stop-doing check, with its decision and follow-up.

    ``initiative_id`` is None for a unit's own stand-alone check. ``cost_per_month`` is the
    time it costs in hours per month, worked out from how it was given (None: not known).
    """

    id: int
    initiative_id: int | None
    unit: str
    position: int
    activity: str
    who: str
    hours_per_month: float | None
    minutes_per_occurrence: float | None
    occurrences_per_month: float | None
    cost_per_month: float | None
    beneficiary: str
    if_stopped: str
    decision: StopDecision
    reason: str
    hours_freed: float | None
    follow_up_on: date | None
    follow_up_result: FollowUpResult | None
    follow_up_note: str
    version: int


@dataclass(frozen=True)
class StopSummary:
    """The sums people quote: time freed, and how many activities got which decision.

    ``hours_freed_per_month`` counts every decided activity except those restarted after
    their follow-up; ``due_ids`` are the items whose follow-up date has come and that have
    no answer yet.
    """

    items: int
    cost_per_month: float
    hours_freed_per_month: float
    stopped: int
    simplified: int
    replaced: int
    kept: int
    undecided: int
    restarted: int
    confirmed: int
    without_estimate: int
    due_ids: tuple[int, ...]

    @property
    def hours_freed_per_year(self) -> float:
        return self.hours_freed_per_month * 12

    @property
    def decided(self) -> int:
        return self.items - self.undecided

    @property
    def due(self) -> int:
        return len(self.due_ids)


@dataclass(frozen=True)
class StopCheck:
    """A whole stop-doing check, read in one transaction: its items and their sums."""

    initiative_id: int | None
    unit: str
    items: tuple[StopItemView, ...]
    summary: StopSummary

    def item(self, item_id: int) -> StopItemView | None:
        return next((item for item in self.items if item.id == item_id), None)


@dataclass(frozen=True)
class NewClosure:
    """What a team records when it closes an initiative; validated by ``core.closure``.

    ``freed_hours`` are hours per month; ``closed_on`` None means today.
    """

    reason: ClosureReason
    learned: str
    reason_text: str = ""
    keep: str = ""
    stop_doing: str = ""
    freed_hours: float | None = None
    decided_by: str = ""
    closed_on: date | None = None


@dataclass(frozen=True)
class ClosureView:
    """The closure of a closed initiative: why, what was learned, what was freed."""

    id: int
    initiative_id: int
    reason: ClosureReason
    reason_text: str
    learned: str
    keep: str
    stop_doing: str
    freed_hours: float | None
    decided_by: str
    closed_on: date
    phase_at_close: str


@dataclass(frozen=True)
class LessonCounts:
    """The portfolio's endings: closures count as lessons, beside completions.

    ``by_reason`` lists every closure reason in the vocabulary's order, zero counts too;
    ``freed_hours_per_month`` sums what the closures freed.
    """

    active: int
    paused: int
    paused_overdue: int
    completed: int
    closed: int
    by_reason: tuple[tuple[ClosureReason, int], ...]
    freed_hours_per_month: float

    @property
    def lessons(self) -> int:
        return self.closed

    @property
    def ended(self) -> int:
        return self.completed + self.closed
