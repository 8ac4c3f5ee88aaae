"""How the PDSA cycles went, per initiative and across all of them, and who has stalled.

How often predictions held comes from each cycle's own answer in Study (yes, partly, no).
Shares are taken of the finished cycles that answered; the finished cycles without an answer
are counted apart, so a coach sees both how often predictions held and how often nobody said.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from forbattra.core.vocabulary import CycleDecision, PredictionHeld


@dataclass(frozen=True)
class CycleFacts:
    """What the statistics need of one cycle."""

    initiative_id: int
    number: int
    solution_id: int | None
    has_prediction: bool
    has_study: bool
    decision: CycleDecision | None
    started_on: date | None
    finished_on: date | None
    prediction_changed_after_start: bool = False
    follows: int | None = None  # the number of the cycle it was planned from ("next cycle")
    prediction_held: PredictionHeld | None = None  # Study's answer; None: not answered

    @property
    def days(self) -> int | None:
        if self.started_on is None or self.finished_on is None:
            return None
        return (self.finished_on - self.started_on).days


@dataclass(frozen=True)
class CycleStats:
    """Cycles of one initiative, or of all: counts, length, decisions, and of the finished
    cycles how many say their prediction held, held in part, did not hold, or say nothing."""

    cycles: int
    started: int
    finished: int
    under_way: int
    median_days: float | None
    mean_days: float | None
    adopted: int
    adapted: int
    abandoned: int
    held: int
    held_partly: int
    not_held: int
    unanswered: int  # finished without saying whether the prediction held

    @property
    def answered(self) -> int:
        return self.held + self.held_partly + self.not_held

    def share(self, count: int) -> float | None:
        """A share of the finished cycles (0–1), None when none has finished."""
        return count / self.finished if self.finished else None

    def answered_share(self, count: int) -> float | None:
        """A share of the finished cycles that answered (0–1), None when none did."""
        return count / self.answered if self.answered else None


def cycle_stats(cycles: Iterable[CycleFacts]) -> CycleStats:
    listed = list(cycles)
    finished = [c for c in listed if c.decision is not None]
    days = [d for c in finished if (d := c.days) is not None]
    decisions = [c.decision for c in finished]
    answers = [c.prediction_held for c in finished]
    return CycleStats(
        cycles=len(listed),
        started=sum(1 for c in listed if c.started_on is not None),
        finished=len(finished),
        under_way=sum(1 for c in listed if c.started_on is not None and c.decision is None),
        median_days=float(statistics.median(days)) if days else None,
        mean_days=round(statistics.fmean(days), 1) if days else None,
        adopted=decisions.count(CycleDecision.ADOPT),
        adapted=decisions.count(CycleDecision.ADAPT),
        abandoned=decisions.count(CycleDecision.ABANDON),
        held=answers.count(PredictionHeld.YES),
        held_partly=answers.count(PredictionHeld.PARTLY),
        not_held=answers.count(PredictionHeld.NO),
        unanswered=answers.count(None),
    )


def stats_by_initiative(cycles: Iterable[CycleFacts]) -> dict[int, CycleStats]:
    grouped: dict[int, list[CycleFacts]] = {}
    for cycle in cycles:
        grouped.setdefault(cycle.initiative_id, []).append(cycle)
    return {key: cycle_stats(value) for key, value in sorted(grouped.items())}


def stalled(
    last_activity: dict[int, datetime | None], weeks: int, now: datetime
) -> list[tuple[int, int | None]]:
    """Initiatives with nothing happening for ``weeks`` weeks or more, longest first:
    (id, whole weeks since the last activity; None when nothing was ever recorded)."""
    limit = now - timedelta(weeks=weeks)
    found = [
        (initiative, None if at is None else (now - at).days // 7)
        for initiative, at in last_activity.items()
        if at is None or at <= limit
    ]
    return sorted(found, key=lambda item: (-(item[1] if item[1] is not None else 10**6), item[0]))


def linked_pairs(cycles: Sequence[CycleFacts]) -> list[tuple[int, int]]:
    """Pairs of cycles (by number) where the later builds on the earlier: planned from it,
    testing the same change idea, or right after an "adapt" decision (which means: change
    it and test again). Only cycles that started count: a plan is not a test."""
    started = sorted((c for c in cycles if c.started_on is not None), key=lambda c: c.number)
    pairs: list[tuple[int, int]] = []
    by_number = {c.number: c for c in started}
    for later in started:
        if later.follows is not None and later.follows in by_number:
            pairs.append((later.follows, later.number))
            continue
        earlier = [c for c in started if c.number < later.number]
        if not earlier:
            continue
        same_idea = [
            c for c in earlier if c.solution_id is not None and c.solution_id == later.solution_id
        ]
        if same_idea:
            pairs.append((same_idea[-1].number, later.number))
            continue
        previous = earlier[-1]
        if previous.decision == CycleDecision.ADAPT:
            pairs.append((previous.number, later.number))
    return pairs
