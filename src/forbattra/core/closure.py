"""Closing without prestige (avsluta utan prestige), pausing and reopening: the rules.

Any initiative may be ended at any phase of either method. Closing is a normal, respected
outcome: what is recorded is the reason, what was learned (required: the lesson is what others
read), what is kept or spread, what is stopped because of it and the time freed.

Pure functions. Each ``*_problem`` returns a kind, translated sentence saying what to do, or
None when all is well; the services raise it as invalid input, a form shows it by a field.
"""

from __future__ import annotations

import math
from datetime import date

from forbattra.core.domain import NewClosure
from forbattra.core.vocabulary import ClosureReason, Status, label
from forbattra.i18n import _

# Statuses an initiative can be closed or paused from.
OPEN = (Status.ACTIVE, Status.PAUSED)


def close_problem(status: Status) -> str | None:
    """Whether an initiative with ``status`` can be closed."""
    if status == Status.CLOSED:
        return _(
            "This initiative is already closed, and its lesson is recorded."
            " Reopen it first if the work should go on."
        )
    if status == Status.COMPLETED:
        return _("This initiative is already completed; there is nothing left to close.")
    return None


def learned_problem(learned: str) -> str | None:
    """A closure without a lesson is refused, kindly."""
    if not learned.strip():
        return _(
            "Write what you learned before closing. The lesson is what others will read,"
            " and it is what makes closing worth as much as finishing."
        )
    return None


def reason_text_problem(reason: ClosureReason, reason_text: str) -> str | None:
    """ "Other reason" needs a few words saying which."""
    if reason == ClosureReason.OTHER and not reason_text.strip():
        return _("Describe the reason in a few words, since it is none of the listed ones.")
    return None


def freed_hours_problem(freed_hours: float | None) -> str | None:
    """The hours a month the closure frees: a number, not negative; or not given."""
    if freed_hours is None:
        return None
    if (
        isinstance(freed_hours, bool)
        or not isinstance(freed_hours, int | float)
        or not math.isfinite(freed_hours)
    ):
        return _("Write the time freed as hours per month, for example 6.")
    if freed_hours < 0:
        return _("The time freed cannot be negative; write 0 if no time is freed.")
    return None


def closed_on_problem(closed_on: date | None, today: date) -> str | None:
    """The closing date: today (None) or earlier, never in the future."""
    if closed_on is not None and closed_on > today:
        return _("The closing date is in the future; choose today or an earlier date.")
    return None


def closure_problems(status: Status, closure: NewClosure, today: date) -> list[str]:
    """Everything that keeps ``closure`` from being recorded, most important first."""
    problems = [
        close_problem(status),
        learned_problem(closure.learned),
        reason_text_problem(ClosureReason(closure.reason), closure.reason_text),
        freed_hours_problem(closure.freed_hours),
        closed_on_problem(closure.closed_on, today),
    ]
    return [problem for problem in problems if problem]


def reopen_problem(status: Status) -> str | None:
    """Only a closed initiative is reopened."""
    if status != Status.CLOSED:
        return _("Only a closed initiative can be reopened; this one is {status}.").format(
            status=label(status)
        )
    return None


def pause_problem(status: Status, review_by: date | None, today: date) -> str | None:
    """A pause needs a date to review it by, today or later; a paused initiative may be
    paused again to move that date."""
    if status not in OPEN:
        return _("A closed or completed initiative cannot be paused.")
    if review_by is None:
        return _("Choose a date to look at the pause again, so it is not forgotten.")
    if review_by < today:
        return _("The review date has already passed; choose today or a later date.")
    return None


def resume_problem(status: Status) -> str | None:
    """Only a paused initiative is resumed."""
    if status != Status.PAUSED:
        return _("Only a paused initiative can be resumed; this one is {status}.").format(
            status=label(status)
        )
    return None


def is_overdue_pause(status: Status, review_by: date | None, today: date) -> bool:
    """A paused initiative whose review date has passed, or that has none: the portfolio
    flags it until someone resumes or closes it."""
    return status == Status.PAUSED and (review_by is None or review_by < today)
