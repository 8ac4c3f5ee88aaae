"""Closing without prestige, pausing and reopening: the rules, as tables."""

from __future__ import annotations

from datetime import date

import pytest

from forbattra.core import closure as rules
from forbattra.core.domain import NewClosure
from forbattra.core.vocabulary import ClosureReason, Status

pytestmark = pytest.mark.usefixtures("english")

TODAY = date(2025, 6, 15)
ACTIVE, PAUSED, COMPLETED, CLOSED = (
    Status.ACTIVE,
    Status.PAUSED,
    Status.COMPLETED,
    Status.CLOSED,
)


@pytest.mark.parametrize(
    ("status", "fragment"),
    [
        (ACTIVE, None),
        (PAUSED, None),
        (CLOSED, "already closed"),
        (COMPLETED, "already completed"),
    ],
)
def test_what_can_be_closed(status: Status, fragment: str | None) -> None:
    problem = rules.close_problem(status)
    assert (problem is None) if fragment is None else (problem and fragment in problem)


@pytest.mark.parametrize(
    ("closure", "fragments"),
    [
        (NewClosure(ClosureReason.NOT_USED, "Ideas need a dialogue."), []),
        (NewClosure(ClosureReason.GOAL_REACHED, "Small tests first.", freed_hours=0), []),
        (NewClosure(ClosureReason.OTHER, "A lesson", reason_text="The law changed"), []),
        (NewClosure(ClosureReason.NOT_USED, "Lesson", closed_on=TODAY), []),
        (NewClosure(ClosureReason.NOT_USED, "Lesson", closed_on=date(2020, 1, 1)), []),
        (NewClosure(ClosureReason.NOT_USED, ""), ["what you learned"]),
        (NewClosure(ClosureReason.NOT_USED, " \n\t "), ["what you learned"]),
        (NewClosure(ClosureReason.OTHER, "Lesson"), ["Describe the reason"]),
        (NewClosure(ClosureReason.OTHER, "Lesson", reason_text="  "), ["Describe the reason"]),
        (NewClosure(ClosureReason.NOT_USED, "Lesson", freed_hours=-2), ["negative"]),
        (NewClosure(ClosureReason.NOT_USED, "Lesson", freed_hours=float("nan")), ["hours per"]),
        (
            NewClosure(ClosureReason.NOT_USED, "Lesson", closed_on=date(2025, 6, 16)),
            ["in the future"],
        ),
        # Everything wrong at once: every problem, the lesson first.
        (
            NewClosure(ClosureReason.OTHER, "", freed_hours=-1, closed_on=date(2026, 1, 1)),
            ["what you learned", "Describe the reason", "negative", "in the future"],
        ),
    ],
)
def test_closure_problems(closure: NewClosure, fragments: list[str]) -> None:
    problems = rules.closure_problems(ACTIVE, closure, TODAY)
    assert len(problems) == len(fragments)
    for problem, fragment in zip(problems, fragments, strict=True):
        assert fragment in problem


def test_closing_twice_is_refused_before_anything_else() -> None:
    problems = rules.closure_problems(CLOSED, NewClosure(ClosureReason.OTHER, ""), TODAY)
    assert "already closed" in problems[0]


def test_the_missing_lesson_is_asked_for_kindly() -> None:
    assert rules.learned_problem("") == (
        "Write what you learned before closing. The lesson is what others will read,"
        " and it is what makes closing worth as much as finishing."
    )


@pytest.mark.parametrize(
    ("status", "fragment"),
    [
        (CLOSED, None),
        (ACTIVE, "this one is active"),
        (PAUSED, "this one is paused"),
        (COMPLETED, "this one is completed"),
    ],
)
def test_only_closed_initiatives_reopen(status: Status, fragment: str | None) -> None:
    problem = rules.reopen_problem(status)
    assert (problem is None) if fragment is None else (problem and fragment in problem)


@pytest.mark.parametrize(
    ("status", "review_by", "fragment"),
    [
        (ACTIVE, TODAY, None),  # today is fine: look at it again at the end of the day
        (ACTIVE, date(2025, 9, 1), None),
        (PAUSED, date(2025, 12, 1), None),  # a new date for a paused one
        (ACTIVE, date(2025, 6, 14), "already passed"),
        (ACTIVE, None, "Choose a date"),
        (CLOSED, date(2025, 9, 1), "cannot be paused"),
        (COMPLETED, date(2025, 9, 1), "cannot be paused"),
    ],
)
def test_a_pause_needs_a_review_date(
    status: Status, review_by: date | None, fragment: str | None
) -> None:
    problem = rules.pause_problem(status, review_by, TODAY)
    assert (problem is None) if fragment is None else (problem and fragment in problem)


@pytest.mark.parametrize(
    ("status", "fragment"),
    [(PAUSED, None), (ACTIVE, "this one is active"), (CLOSED, "this one is closed")],
)
def test_only_paused_initiatives_resume(status: Status, fragment: str | None) -> None:
    problem = rules.resume_problem(status)
    assert (problem is None) if fragment is None else (problem and fragment in problem)


@pytest.mark.parametrize(
    ("status", "review_by", "overdue"),
    [
        (PAUSED, date(2025, 6, 14), True),  # yesterday
        (PAUSED, TODAY, False),  # the review is today: not late yet
        (PAUSED, date(2025, 7, 1), False),
        (PAUSED, None, True),  # a pause without a date is never left alone
        (ACTIVE, date(2025, 1, 1), False),  # an active one with an old date is not a pause
        (CLOSED, None, False),
        (COMPLETED, date(2025, 1, 1), False),
    ],
)
def test_overdue_pauses(status: Status, review_by: date | None, overdue: bool) -> None:
    assert rules.is_overdue_pause(status, review_by, TODAY) is overdue
