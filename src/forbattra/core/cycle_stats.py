"""How the PDSA cycles went, per initiative and across all of them, and who has stalled.

Whether a prediction *held* is written in words in each cycle's study, not recorded as a
yes or no, so it is not counted here: what is counted is how many finished cycles compared
their results with a prediction made before Do (both texts written, none changed after the
start). A yes/no field on the cycle would let the statistics say more.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from forbattra.core.vocabulary import CycleDecision


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

    @property
    def days(self) -> int | None:
        if self.started_on is None or self.finished_on is None:
            return None
        return (self.finished_on - self.started_on).days

    @property
    def compared_with_prediction(self) -> bool:
        return (
            self.decision is not None
            and self.has_prediction
            and self.has_study
            and not self.prediction_changed_after_start
        )


@dataclass(frozen=True)
class CycleStats:
    """Cycles of one initiative, or of all: counts, length and decisions."""

    cycles: int
    started: int
    finished: int
    under_way: int
    median_days: float | None
    mean_days: float | None
    adopted: int
    adapted: int
    abandoned: int
    compared_with_prediction: int

    def share(self, count: int) -> float | None:
        """A share of the finished cycles (0–1), None when none has finished."""
        return count / self.finished if self.finished else None


def cycle_stats(cycles: Iterable[CycleFacts]) -> CycleStats:
    listed = list(cycles)
    finished = [c for c in listed if c.decision is not None]
    days = [d for c in finished if (d := c.days) is not None]
    decisions = [c.decision for c in finished]
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
        compared_with_prediction=sum(1 for c in finished if c.compared_with_prediction),
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
