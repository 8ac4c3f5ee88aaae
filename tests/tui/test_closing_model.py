"""The pure parts behind closing and the stop-doing check in the UI: reading typed numbers
and dates, the overdue flag and the lessons in the portfolio, where the check is offered,
and which units the unit check offers."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from forbattra.core import gates
from forbattra.core.domain import InitiativeRow
from forbattra.core.vocabulary import Method, Status
from forbattra.tui import form_values
from forbattra.tui import portfolio_model as model
from forbattra.tui.stop_doing_open import unit_choices

TODAY = date(2026, 3, 1)


def row(status: Status, review_by: date | None = None, id: int = 1) -> InitiativeRow:
    return InitiativeRow(
        id=id,
        title="Förslagslåda",
        method=Method.DMAIC,
        phase="define",
        status=status,
        unit="",
        area=None,
        leader="",
        updated_at=datetime(2026, 1, 1, tzinfo=UTC),
        review_by=review_by,
    )


@pytest.mark.parametrize(
    ("typed", "value"),
    [("3,5", 3.5), ("3.5", 3.5), (" 12 ", 12.0), ("1 200", 1200.0), ("4h", 4.0), ("", None)],
)
def test_numbers_as_people_type_them(typed: str, value: float | None) -> None:
    assert form_values.number(typed, "Hours") == value


@pytest.mark.parametrize(
    ("typed", "words"),
    [("tre", "is not a number"), ("-2", "cannot be negative"), ("inf", "ordinary number")],
)
def test_what_is_not_a_number_gets_words(typed: str, words: str) -> None:
    with pytest.raises(form_values.FormProblem, match=words):
        form_values.number(typed, "Hours")


def test_dates_are_read_or_explained() -> None:
    assert form_values.day("2026-02-01", "Date") == date(2026, 2, 1)
    assert form_values.day("  ", "Date") is None
    with pytest.raises(form_values.FormProblem, match="YYYY-MM-DD"):
        form_values.day("1/2", "Date")


@pytest.mark.parametrize(
    ("status", "review_by", "overdue"),
    [
        (Status.PAUSED, date(2026, 2, 28), True),
        (Status.PAUSED, None, True),
        (Status.PAUSED, TODAY, False),  # due today is not overdue yet
        (Status.ACTIVE, date(2020, 1, 1), False),
        (Status.CLOSED, date(2020, 1, 1), False),
    ],
)
def test_an_overdue_pause_is_said_in_words(
    status: Status, review_by: date | None, overdue: bool
) -> None:
    subject = row(status, review_by)
    assert model.is_overdue(subject, TODAY) is overdue
    text = model.status_text(subject, TODAY)
    assert (text == "⚠ review overdue") is overdue


def test_the_status_line_counts_lessons_beside_completions() -> None:
    rows = [
        row(Status.CLOSED, id=1),
        row(Status.CLOSED, id=2),
        row(Status.COMPLETED, id=3),
        row(Status.PAUSED, date(2026, 1, 1), id=4),
        row(Status.ACTIVE, id=5),
    ]
    assert model.endings(rows, TODAY) == [
        "2 lessons, 1 completed",
        "⚠ 1 pause past its review date",
    ]
    assert model.endings([row(Status.ACTIVE)], TODAY) == []


def test_the_check_is_offered_where_the_method_asks_for_it() -> None:
    assert gates.stop_doing_at_gate(Method.DMAIC, "analyze") is not None
    for phase in ("define", "measure", "improve", "control"):
        assert gates.stop_doing_at_gate(Method.DMAIC, phase) is None
    assert gates.stop_doing_in_phase(Method.DMAIC, "control") is not None
    assert gates.stop_doing_in_phase(Method.PDSA, "cycles") is not None
    assert gates.stop_doing_in_phase(Method.DMAIC, "analyze") is None
    assert gates.stop_doing_in_phase(Method.PDSA, "aim") is None


def test_unit_choices_list_checked_units_first_then_the_others_once() -> None:
    checked = [("Kommunledningskontoret", 3)]
    known = ["Kontaktcenter", "kommunledningskontoret", "", "Ekonomi", "Kontaktcenter"]
    assert unit_choices(checked, known) == [
        ("Kommunledningskontoret", 3),
        ("Ekonomi", 0),
        ("Kontaktcenter", 0),
    ]
