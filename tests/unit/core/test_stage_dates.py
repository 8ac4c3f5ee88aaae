"""Stages stored as dates become split points: the first value on or after the date."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from forbattra.core.analysis import Stage, Verdict
from forbattra.core.domain import StageMark
from forbattra.core.stages import current_run_chart, run_chart_parts, stages_at, xmr_parts
from forbattra.core.vocabulary import Direction

DAYS = [date(2025, 1, 6) + timedelta(weeks=i) for i in range(12)]


@pytest.mark.parametrize(
    ("marks", "expected"),
    [
        ([], ()),
        ([StageMark(DAYS[4], "a")], (Stage(4, "a"),)),
        # Between two values: the next value starts the stage.
        ([StageMark(DAYS[4] + timedelta(days=2), "a")], (Stage(5, "a"),)),
        # At or before the first value, or after the last: nothing to split.
        ([StageMark(DAYS[0], "a")], ()),
        ([StageMark(DAYS[0] - timedelta(days=30), "a")], ()),
        ([StageMark(DAYS[-1] + timedelta(days=1), "a")], ()),
        # Given in any order; returned in time order.
        ([StageMark(DAYS[8], "b"), StageMark(DAYS[3], "a")], (Stage(3, "a"), Stage(8, "b"))),
        # Two dates on the same value: the later date's reason is kept.
        (
            [
                StageMark(DAYS[5] - timedelta(days=1), "later"),
                StageMark(DAYS[4] + timedelta(days=1), "early"),
            ],
            (Stage(5, "later"),),
        ),
    ],
)
def test_stages_at(marks: list[StageMark], expected: tuple[Stage, ...]) -> None:
    assert stages_at(DAYS, marks) == expected


def test_no_values_no_stages() -> None:
    assert stages_at([], [StageMark(DAYS[3], "a")]) == ()


def test_a_stage_replaces_the_baseline_and_decides_the_verdict() -> None:
    values = [
        10,
        11,
        9,
        10,
        12,
        10,
        11,
        9,
        10,
        11,
        6,
        5.5,
        6.2,
        5.1,
        4.8,
        6.1,
        5.3,
        5.6,
        6.3,
        5.2,
        4.9,
        5.8,
    ]
    days = [date(2025, 1, 6) + timedelta(weeks=i) for i in range(len(values))]
    whole = current_run_chart(values, days, [], baseline=10, direction=Direction.LOWER_IS_BETTER)
    assert whole.verdict is Verdict.IMPROVEMENT
    staged = current_run_chart(
        values,
        days,
        [StageMark(days[10], "Ny rutin")],
        baseline=10,
        direction=Direction.LOWER_IS_BETTER,
    )
    assert (staged.start, staged.baseline, staged.verdict) == (10, None, Verdict.NO_SIGNAL)
    assert len(run_chart_parts(values, [Stage(10, "x")], 10)) == 2
    assert len(xmr_parts(values, [], 10)) == 1
    assert xmr_parts(values, [Stage(10, "x")])[-1].start == 10
