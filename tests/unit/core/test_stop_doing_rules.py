"""The stop-doing rules: what an activity costs, what a decision frees, the sums people quote.

Every sum is checked against arithmetic written out in the test, by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from forbattra.core import stop_doing as rules
from forbattra.core.vocabulary import FollowUpResult, StopDecision

pytestmark = pytest.mark.usefixtures("english")

STOP, SIMPLIFY, REPLACE, KEEP, UNDECIDED = (
    StopDecision.STOP,
    StopDecision.SIMPLIFY,
    StopDecision.REPLACE,
    StopDecision.KEEP,
    StopDecision.UNDECIDED,
)
CONFIRMED, RESTARTED = FollowUpResult.CONFIRMED, FollowUpResult.RESTARTED


@dataclass(frozen=True)
class Item:
    """The least an item needs for the sums (the services pass StopItemView)."""

    id: int
    cost_per_month: float | None
    decision: StopDecision
    hours_freed: float | None = None
    follow_up_on: date | None = None
    follow_up_result: FollowUpResult | None = None


# --- Cost -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hours", "minutes", "times", "expected"),
    [
        (8.0, None, None, 8.0),
        (0.0, None, None, 0.0),
        (None, 480, 1.5, 12.0),  # 480 min × 1.5 / 60 = 720 / 60 = 12
        (None, 90, 2, 3.0),  # 90 × 2 = 180 min = 3 h
        (None, 1200, 0.33, 6.6),  # 1200 × 0.33 = 396 min = 6.6 h
        (None, 600, 0.33, 3.3),  # 600 × 0.33 = 198 min = 3.3 h
        (None, 15, 20, 5.0),  # a quarter of an hour, twenty times = 5 h
        (None, 10, None, None),  # half given: not known yet
        (None, None, 4, None),
        (None, None, None, None),
    ],
)
def test_monthly_cost(
    hours: float | None, minutes: float | None, times: float | None, expected: float | None
) -> None:
    cost = rules.monthly_cost(hours, minutes, times)
    assert cost == (pytest.approx(expected) if expected is not None else None)


@pytest.mark.parametrize(
    ("hours", "minutes", "times", "fragment"),
    [
        (8.0, None, None, None),
        (None, 30, 4, None),
        (None, None, None, None),
        (0.0, None, None, None),
        (8.0, 30, None, "one way"),
        (8.0, 30, 4, "one way"),
        (None, 30, None, "both"),
        (None, None, 4, "both"),
        (-1.0, None, None, "negative"),
        (None, -5, 4, "negative"),
        (float("nan"), None, None, "number"),
        (float("inf"), None, None, "number"),
    ],
)
def test_cost_problems(
    hours: float | None, minutes: float | None, times: float | None, fragment: str | None
) -> None:
    problem = rules.cost_problem(hours, minutes, times)
    if fragment is None:
        assert problem is None
    else:
        assert problem is not None and fragment in problem


# --- Time freed -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("decision", "cost", "entered", "expected"),
    [
        (STOP, 6.0, None, 6.0),  # stopping frees all of it
        (STOP, 6.0, 4.0, 4.0),  # unless the team says less
        (STOP, None, None, None),  # cost unknown: freed unknown
        (SIMPLIFY, 6.0, None, None),  # the team estimates
        (SIMPLIFY, 6.0, 1.5, 1.5),
        (REPLACE, 6.6, 3.0, 3.0),
        (KEEP, 20.0, None, 0.0),
        (KEEP, 20.0, 0.0, 0.0),
        (UNDECIDED, 6.0, None, None),
    ],
)
def test_default_hours_freed(
    decision: StopDecision, cost: float | None, entered: float | None, expected: float | None
) -> None:
    assert rules.default_hours_freed(decision, cost, entered) == expected


@pytest.mark.parametrize(
    ("decision", "cost", "entered", "fragment"),
    [
        (STOP, 6.0, None, None),
        (STOP, 6.0, 6.0, None),
        (SIMPLIFY, 3.3, 3.3, None),
        (SIMPLIFY, None, 100.0, None),  # cost unknown: any estimate goes
        (STOP, 3.3, 3.3000001, None),  # rounding is not "more"
        (STOP, 6.0, 6.5, "more than the activity costs"),
        (KEEP, 20.0, 0.0, None),
        (KEEP, 20.0, 1.0, "frees no time"),
        (UNDECIDED, 6.0, 2.0, "Choose keep"),
        (SIMPLIFY, 6.0, -1.0, "negative"),
    ],
)
def test_hours_freed_problems(
    decision: StopDecision, cost: float | None, entered: float | None, fragment: str | None
) -> None:
    problem = rules.hours_freed_problem(decision, cost, entered)
    if fragment is None:
        assert problem is None
    else:
        assert problem is not None and fragment in problem


def test_more_freed_than_it_costs_says_both_numbers() -> None:
    assert rules.hours_freed_problem(STOP, 4.0, 5.0) == (
        "The time freed (5 h) is more than the activity costs (4 h a month)."
    )


# --- Follow-up -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2025, 4, 7), 3, date(2025, 7, 7)),
        (date(2025, 10, 15), 3, date(2026, 1, 15)),  # into the next year
        (date(2025, 11, 30), 3, date(2026, 2, 28)),  # February is shorter
        (date(2023, 11, 30), 3, date(2024, 2, 29)),  # a leap year
        (date(2025, 5, 31), 3, date(2025, 8, 31)),
        (date(2025, 12, 31), 12, date(2026, 12, 31)),
    ],
)
def test_add_months(day: date, months: int, expected: date) -> None:
    assert rules.add_months(day, months) == expected


@pytest.mark.parametrize(
    ("decision", "expected"),
    [
        (STOP, date(2025, 7, 7)),
        (SIMPLIFY, None),
        (REPLACE, None),
        (KEEP, None),
        (UNDECIDED, None),
    ],
)
def test_a_stopped_activity_is_followed_up_three_months_on(
    decision: StopDecision, expected: date | None
) -> None:
    assert rules.default_follow_up(decision, date(2025, 4, 7)) == expected


@pytest.mark.parametrize(
    ("decision", "result", "note", "fragment"),
    [
        (STOP, CONFIRMED, "", None),
        (STOP, RESTARTED, "The board asked for it", None),
        (SIMPLIFY, CONFIRMED, "", None),
        (REPLACE, RESTARTED, "Needed after all", None),
        (STOP, RESTARTED, "   ", "why the activity was restarted"),
        (KEEP, CONFIRMED, "", "Only an activity"),
        (UNDECIDED, CONFIRMED, "", "Only an activity"),
    ],
)
def test_follow_up_problems(
    decision: StopDecision, result: FollowUpResult, note: str, fragment: str | None
) -> None:
    problem = rules.follow_up_problem(decision, result, note)
    if fragment is None:
        assert problem is None
    else:
        assert problem is not None and fragment in problem


# --- The sums ----------------------------------------------------------------------------------

TODAY = date(2025, 11, 1)

# Alingsås' check of its quality strategy (sample_projects/04), as items.
ALINGSAS = [
    Item(1, 8.0, STOP, 8.0, date(2025, 10, 15), CONFIRMED),
    Item(2, 12.0, STOP, 12.0, date(2025, 10, 31), CONFIRMED),
    Item(3, 6.6, REPLACE, 3.0, date(2025, 12, 10)),
    Item(4, 4.0, STOP, 4.0, date(2026, 1, 31)),
    Item(5, 1.0, STOP, 1.0, date(2025, 9, 30), CONFIRMED),
    Item(6, 3.3, STOP, 3.3, date(2025, 9, 30), RESTARTED),
    Item(7, 3.0, SIMPLIFY, 1.0),
    Item(8, 3.0, SIMPLIFY, 1.5),
    Item(9, 20.0, KEEP, 0.0),
]


def test_the_alingsas_sums_by_hand() -> None:
    summary = rules.summarise(ALINGSAS, TODAY)
    # Freed: 8 + 12 + 3 + 4 + 1 + 1 + 1.5 + 0 = 30.5 (item 6 was restarted: not counted).
    assert summary.hours_freed_per_month == pytest.approx(30.5)
    # A year: 30.5 × 12 = 366.
    assert summary.hours_freed_per_year == pytest.approx(366.0)
    # Cost: 8 + 12 + 6.6 + 4 + 1 + 3.3 + 3 + 3 + 20 = 60.9.
    assert summary.cost_per_month == pytest.approx(60.9)
    assert (summary.stopped, summary.simplified, summary.replaced) == (5, 2, 1)
    assert (summary.kept, summary.undecided, summary.decided) == (1, 0, 9)
    assert (summary.confirmed, summary.restarted, summary.without_estimate) == (3, 1, 0)
    # Due on 1 November 2025: none open; item 3 is due 10 December, item 4 next January.
    assert summary.due_ids == ()
    assert rules.summarise(ALINGSAS, date(2025, 12, 10)).due_ids == (3,)
    assert rules.summarise(ALINGSAS, date(2026, 2, 1)).due_ids == (3, 4)


def test_the_sentence_people_quote() -> None:
    summary = rules.summarise(ALINGSAS, TODAY)
    assert rules.freed_sentence(summary, "en") == "Frees 30.5 h a month (366 h a year)."
    assert rules.counts_text(summary) == (
        "Stopped: 5 · simplified: 2 · replaced: 1 · kept: 1 · not decided: 0"
    )


def test_a_small_check_by_hand() -> None:
    items = [
        # 45 min × 4 a week-ish = 4.3 times a month: 45 × 4.3 / 60 = 3.225 h, all freed.
        Item(1, rules.monthly_cost(None, 45, 4.3), STOP, rules.monthly_cost(None, 45, 4.3)),
        Item(2, 2.0, SIMPLIFY, None),  # no estimate yet
        Item(3, 0.5, UNDECIDED),
        Item(4, None, REPLACE, 0.25, date(2025, 11, 1)),  # due today
    ]
    summary = rules.summarise(items, TODAY)
    assert summary.hours_freed_per_month == pytest.approx(3.225 + 0.25)  # = 3.475
    assert summary.hours_freed_per_year == pytest.approx(3.475 * 12)  # = 41.7
    assert summary.cost_per_month == pytest.approx(3.225 + 2.0 + 0.5)  # unknown counts 0
    assert (summary.without_estimate, summary.undecided, summary.due_ids) == (1, 1, (4,))


def test_floats_are_summed_as_people_would() -> None:
    items = [Item(i, 0.1, STOP, 0.1) for i in range(3)]
    # 0.1 + 0.1 + 0.1 is 0.3, not 0.30000000000000004.
    assert rules.summarise(items, TODAY).hours_freed_per_month == 0.3


def test_an_empty_check() -> None:
    summary = rules.summarise([], TODAY)
    assert summary.items == summary.decided == summary.due == 0
    assert summary.hours_freed_per_month == summary.hours_freed_per_year == 0.0
    assert isinstance(summary.hours_freed_per_month, float)
    assert "What do we do that could be stopped?" in rules.freed_sentence(summary)


@pytest.mark.parametrize(
    ("value", "language", "expected"),
    [
        (30.5, "en", "30.5"),
        (30.5, "sv", "30,5"),
        (366.0, "en", "366"),
        (1234.5, "en", "1,234.5"),
        (1234.5, "sv", "1\u00a0234,5"),
        (3.225, "en", "3.2"),
        (0.0, "sv", "0"),
        (None, "en", "–"),
    ],
)
def test_hours_text(value: float | None, language: str, expected: str) -> None:
    assert rules.hours_text(value, language) == expected
