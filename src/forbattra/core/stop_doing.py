"""The stop-doing check (sluta göra): what an activity costs, what a decision frees, the sums.

Alingsås asks of every step whether it can be kept, simplified, replaced or stopped, with the
time it costs and the time freed. Pure functions: the services store what they work out, the
screens call the same functions to show a cost or a sum while the team is still typing.

The checks (``*_problem``) return a translated, kind sentence saying what to change, or None
when all is well; the services raise it as invalid input, a form can show it beside a field.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Iterable
from datetime import date
from typing import Protocol

from forbattra.core.domain import StopSummary
from forbattra.core.vocabulary import FollowUpResult, StopDecision
from forbattra.i18n import _
from forbattra.i18n.numbers import number_text

MONTHS_PER_YEAR = 12
# A stopped activity is followed up this many months later: did stopping hurt?
FOLLOW_UP_MONTHS = 3
# Decisions that change something, and so are followed up and may free time.
CHANGES = (StopDecision.STOP, StopDecision.SIMPLIFY, StopDecision.REPLACE)
# Sums are kept to this many decimals, so 0.1 + 0.2 is quoted as 0.3.
_DIGITS = 4
# Room for rounding when comparing hours (3 × 1.1 must not exceed 3.3).
_TOLERANCE = 1e-6


class Costed(Protocol):
    """What the sums read of an item (:class:`~forbattra.core.domain.StopItemView` has it)."""

    @property
    def id(self) -> int: ...
    @property
    def cost_per_month(self) -> float | None: ...
    @property
    def decision(self) -> StopDecision: ...
    @property
    def hours_freed(self) -> float | None: ...
    @property
    def follow_up_on(self) -> date | None: ...
    @property
    def follow_up_result(self) -> FollowUpResult | None: ...


def monthly_cost(
    hours_per_month: float | None,
    minutes_per_occurrence: float | None = None,
    occurrences_per_month: float | None = None,
) -> float | None:
    """Hours a month the activity costs: ``hours_per_month`` when given, else minutes per
    occurrence × occurrences per month / 60; None when the time is not known yet."""
    if hours_per_month is not None:
        return float(hours_per_month)
    if minutes_per_occurrence is None or occurrences_per_month is None:
        return None
    return round(minutes_per_occurrence * occurrences_per_month / 60, _DIGITS)


def _number_problem(value: float | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return _("Write the time as a number, for example 2.5.")
    if value < 0:
        return _("A time cannot be negative; write 0 if it takes no time.")
    return None


def cost_problem(
    hours_per_month: float | None,
    minutes_per_occurrence: float | None,
    occurrences_per_month: float | None,
) -> str | None:
    """What is wrong with how the time an activity costs is given, or None.

    Either hours per month, or minutes per occurrence together with occurrences per month;
    or nothing yet, which is fine: the team can estimate later.
    """
    for value in (hours_per_month, minutes_per_occurrence, occurrences_per_month):
        problem = _number_problem(value)
        if problem:
            return problem
    per_occurrence = (minutes_per_occurrence, occurrences_per_month)
    if hours_per_month is not None and any(v is not None for v in per_occurrence):
        return _(
            "Give the time one way: hours per month, or minutes per occurrence and"
            " occurrences per month."
        )
    if (minutes_per_occurrence is None) != (occurrences_per_month is None):
        return _(
            "Give both the minutes each time and how many times a month, so the time per"
            " month can be worked out."
        )
    return None


def default_hours_freed(
    decision: StopDecision, cost: float | None, entered: float | None = None
) -> float | None:
    """The time a decision frees, in hours per month.

    Stopping frees all of the activity's time unless the team says otherwise; simplifying
    or replacing frees what the team estimates (None until it does); keeping frees nothing;
    an undecided activity has freed nothing yet (None).
    """
    if decision == StopDecision.UNDECIDED:
        return None
    if decision == StopDecision.KEEP:
        return 0.0
    if entered is not None:
        return float(entered)
    if decision == StopDecision.STOP:
        return cost
    return None


def hours_freed_problem(
    decision: StopDecision, cost: float | None, entered: float | None
) -> str | None:
    """What is wrong with the time freed a team entered for a decision, or None."""
    problem = _number_problem(entered)
    if problem or entered is None:
        return problem
    if decision == StopDecision.UNDECIDED and entered > 0:
        return _("Choose keep, simplify, replace or stop before entering the time it frees.")
    if decision == StopDecision.KEEP and entered > 0:
        return _(
            "Keeping an activity frees no time. If it becomes lighter, choose simplify instead."
        )
    if cost is not None and entered > cost + _TOLERANCE:
        return _(
            "The time freed ({freed} h) is more than the activity costs ({cost} h a month)."
        ).format(freed=hours_text(entered), cost=hours_text(cost))
    return None


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later; the month's last day when it is shorter (31 May → 31 Aug,
    30 Nov + 3 → 28 or 29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def default_follow_up(decision: StopDecision, decided_on: date) -> date | None:
    """When a decision is followed up: a stopped activity three months on; the others only
    when the team sets a date."""
    if decision == StopDecision.STOP:
        return add_months(decided_on, FOLLOW_UP_MONTHS)
    return None


def follow_up_problem(decision: StopDecision, result: FollowUpResult, note: str) -> str | None:
    """What is wrong with recording a follow-up, or None."""
    if decision not in CHANGES:
        return _(
            "Only an activity that was stopped, simplified or replaced is followed up."
            " Decide first."
        )
    if result == FollowUpResult.RESTARTED and not note.strip():
        return _("Write why the activity was restarted: what did stopping it affect?")
    return None


def is_due(item: Costed, on: date) -> bool:
    """Whether the item's follow-up date has come by ``on`` and it has no answer yet."""
    return (
        item.decision in CHANGES
        and item.follow_up_on is not None
        and item.follow_up_on <= on
        and item.follow_up_result is None
    )


def counts_as_freed(item: Costed) -> bool:
    """Whether the item's time freed is in the sum: decided, and not restarted."""
    return (
        item.decision != StopDecision.UNDECIDED
        and item.follow_up_result != FollowUpResult.RESTARTED
    )


def summarise(items: Iterable[Costed], on: date) -> StopSummary:
    """The sums of a stop-doing check, with the items due for follow-up by ``on``."""
    listed = list(items)
    decisions = [item.decision for item in listed]
    freed = math.fsum(item.hours_freed or 0.0 for item in listed if counts_as_freed(item))
    return StopSummary(
        items=len(listed),
        cost_per_month=round(math.fsum(item.cost_per_month or 0.0 for item in listed), _DIGITS),
        hours_freed_per_month=round(freed, _DIGITS),
        stopped=decisions.count(StopDecision.STOP),
        simplified=decisions.count(StopDecision.SIMPLIFY),
        replaced=decisions.count(StopDecision.REPLACE),
        kept=decisions.count(StopDecision.KEEP),
        undecided=decisions.count(StopDecision.UNDECIDED),
        restarted=sum(1 for i in listed if i.follow_up_result == FollowUpResult.RESTARTED),
        confirmed=sum(1 for i in listed if i.follow_up_result == FollowUpResult.CONFIRMED),
        without_estimate=sum(
            1 for item in listed if item.decision in CHANGES and item.hours_freed is None
        ),
        due_ids=tuple(item.id for item in listed if is_due(item, on)),
    )


def hours_text(value: float | None, language: str | None = None) -> str:
    """Hours as people write them: at most one decimal, no trailing zero; a decimal comma
    and a no-break space between thousands in Swedish (``1 234,5``), ``1,234.5`` in English."""
    return number_text(value, 1, language=language)


def freed_sentence(summary: StopSummary, language: str | None = None) -> str:
    """The sentence people quote: "Frees 30.5 h a month (366 h a year)." """
    if summary.items == 0:
        return _("No activities listed yet. What do we do that could be stopped?")
    return _("Frees {month} h a month ({year} h a year).").format(
        month=hours_text(summary.hours_freed_per_month, language),
        year=hours_text(summary.hours_freed_per_year, language),
    )


def counts_text(summary: StopSummary) -> str:
    """How many activities got which decision, on one line."""
    return _(
        "Stopped: {stopped} · simplified: {simplified} · replaced: {replaced} · kept: {kept}"
        " · not decided: {undecided}"
    ).format(
        stopped=summary.stopped,
        simplified=summary.simplified,
        replaced=summary.replaced,
        kept=summary.kept,
        undecided=summary.undecided,
    )
