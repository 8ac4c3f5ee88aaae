"""The portfolio overview: what is being done and where the improvements are, for a period.

An initiative belongs to a period when it existed by the period's end and was not closed
before its start. Signals, closures, finished cycles and stop-doing decisions count when
they happened in the period; a stop-doing decision with no recorded date (from an import
without history) counts in the total only, never in a period.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from forbattra.core.cycle_stats import CycleFacts, CycleStats, cycle_stats
from forbattra.core.vocabulary import ClosureReason, Method, Status
from forbattra.i18n import _


@dataclass(frozen=True)
class Period:
    since: date | None = None
    until: date | None = None

    def holds(self, day: date | None) -> bool:
        if day is None:
            return self.since is None and self.until is None
        return (self.since is None or day >= self.since) and (
            self.until is None or day <= self.until
        )

    def text(self) -> str:
        """The period in words, for headings: "from 2025-01-01 to 2025-06-30", "all time"."""
        if self.since and self.until:
            return _("from {since} to {until}").format(since=self.since, until=self.until)
        if self.since:
            return _("from {since}").format(since=self.since)
        if self.until:
            return _("up to {until}").format(until=self.until)
        return _("all time")


@dataclass(frozen=True)
class InitiativeFacts:
    id: int
    title: str
    method: Method
    phase: str  # the phase's name, translated
    phase_order: int
    status: Status
    unit: str
    area: int | None
    created_on: date
    closed_on: date | None = None


@dataclass(frozen=True)
class SignalFacts:
    """A measure whose run chart shows a signal now: since which value, up to which."""

    initiative_id: int
    title: str
    measure: str
    improvement: bool
    since: date
    last_on: date

    def shown_in(self, period: Period) -> bool:
        """Whether the signal was there during some of the period."""
        return (period.until is None or self.since <= period.until) and (
            period.since is None or self.last_on >= period.since
        )


@dataclass(frozen=True)
class ClosureFacts:
    initiative_id: int
    title: str
    unit: str
    reason: ClosureReason
    learned: str
    closed_on: date
    freed_hours: float | None


@dataclass(frozen=True)
class FreedFacts:
    """One stop-doing activity whose time counts as freed (decided, not restarted)."""

    unit: str
    activity: str
    hours_per_month: float
    decided_on: date | None


@dataclass(frozen=True)
class Overview:
    period: Period
    initiatives: int
    started: int
    by_method_phase: tuple[tuple[Method, str, int], ...]
    by_status: tuple[tuple[Status, int], ...]
    by_unit: tuple[tuple[str, int], ...]
    by_area: tuple[tuple[int | None, int], ...]
    improvements: tuple[SignalFacts, ...]
    deteriorations: tuple[SignalFacts, ...]
    closures: tuple[ClosureFacts, ...]
    cycles: CycleStats
    hours_freed_in_period: float
    hours_freed_total: float
    freed_activities: int
    closure_hours_freed: float


def _in_period(facts: InitiativeFacts, period: Period) -> bool:
    if period.until is not None and facts.created_on > period.until:
        return False
    return not (
        period.since is not None and facts.closed_on is not None and facts.closed_on < period.since
    )


T = TypeVar("T")


def _counted(values: Iterable[T]) -> list[tuple[T, int]]:
    """Most first, then by name: the order a reader scans."""
    return sorted(Counter(values).items(), key=lambda item: (-item[1], str(item[0])))


def overview(
    initiatives: Sequence[InitiativeFacts],
    *,
    signals: Sequence[SignalFacts] = (),
    closures: Sequence[ClosureFacts] = (),
    cycles: Sequence[CycleFacts] = (),
    freed: Sequence[FreedFacts] = (),
    period: Period = Period(),
) -> Overview:
    chosen = [facts for facts in initiatives if _in_period(facts, period)]
    ids = {facts.id for facts in chosen}
    # Where the open work is: a closed initiative keeps its phase, but is not in it.
    phases = Counter(
        (f.method, f.phase_order, f.phase) for f in chosen if f.status != Status.CLOSED
    )
    in_period_signals = [s for s in signals if s.initiative_id in ids and s.shown_in(period)]
    finished = [
        c for c in cycles if c.initiative_id in ids and period.holds(c.finished_on or c.started_on)
    ]
    period_closures = sorted(
        (c for c in closures if period.holds(c.closed_on)), key=lambda c: c.closed_on
    )
    areas = sorted(Counter(f.area for f in chosen).items(), key=lambda item: item[0] or 99)
    return Overview(
        period=period,
        initiatives=len(chosen),
        started=sum(1 for f in chosen if period.since is None or f.created_on >= period.since),
        by_method_phase=tuple(
            (method, name, count)
            for (method, _order, name), count in sorted(phases.items(), key=lambda i: i[0][:2])
        ),
        by_status=tuple(_counted(f.status for f in chosen)),
        by_unit=tuple(_counted(f.unit or "–" for f in chosen)),
        by_area=tuple(areas),
        improvements=tuple(s for s in in_period_signals if s.improvement),
        deteriorations=tuple(s for s in in_period_signals if not s.improvement),
        closures=tuple(period_closures),
        cycles=cycle_stats(finished),
        hours_freed_in_period=round(
            math.fsum(f.hours_per_month for f in freed if period.holds(f.decided_on)), 1
        ),
        hours_freed_total=round(math.fsum(f.hours_per_month for f in freed), 1),
        freed_activities=len(freed),
        closure_hours_freed=round(math.fsum(c.freed_hours or 0.0 for c in period_closures), 1),
    )
