"""Cycle statistics, PDSA fidelity and the overview against values worked out by hand.

The fixture: three initiatives.
- #1 (DMAIC): cycles 1 (3 Feb–7 Mar, 32 days, adopt, the prediction held), 2 (10 Mar–18 Apr,
  39 days, adapt, it did not hold), 3 (started 5 May, under way, "partly" already answered).
  All predicted; cycle 2's study is empty.
- #2 (PDSA): cycle 1 (1 Jan–1 Apr, 90 days, abandon) with no prediction and no answer;
  cycle 2 (planned).
- #3 (PDSA): no cycles.
Finished overall: 3 (32, 39, 90 days): median 39, mean 53.7; adopt 1, adapt 1, abandon 1.
Did the prediction hold, of the finished: yes 1, partly 0, no 1 (2 answered: 50 %, 0 %, 50 %),
1 without an answer; cycle 3's "partly" does not count while it is under way.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from forbattra.core.cycle_stats import (
    CycleFacts,
    cycle_stats,
    linked_pairs,
    stalled,
    stats_by_initiative,
)
from forbattra.core.fidelity import Feature, FidelityInput, MeasureFacts, fidelity
from forbattra.core.overview import (
    ClosureFacts,
    FreedFacts,
    InitiativeFacts,
    Period,
    SignalFacts,
    overview,
)
from forbattra.core.review_text import predictions_text, stats_line
from forbattra.core.vocabulary import ClosureReason, CycleDecision, Method, PredictionHeld, Status

ADOPT, ADAPT, ABANDON = CycleDecision.ADOPT, CycleDecision.ADAPT, CycleDecision.ABANDON
YES, PARTLY, NO = PredictionHeld.YES, PredictionHeld.PARTLY, PredictionHeld.NO


def cycle(
    initiative: int,
    number: int,
    started: date | None,
    finished: date | None,
    decision: CycleDecision | None,
    *,
    prediction: bool = True,
    study: bool = True,
    solution: int | None = None,
    changed: bool = False,
    follows: int | None = None,
    held: PredictionHeld | None = None,
) -> CycleFacts:
    return CycleFacts(
        initiative_id=initiative,
        number=number,
        solution_id=solution,
        has_prediction=prediction,
        has_study=study,
        decision=decision,
        started_on=started,
        finished_on=finished,
        prediction_changed_after_start=changed,
        follows=follows,
        prediction_held=held,
    )


CYCLES = (
    cycle(1, 1, date(2025, 2, 3), date(2025, 3, 7), ADOPT, solution=10, held=YES),
    cycle(1, 2, date(2025, 3, 10), date(2025, 4, 18), ADAPT, solution=11, study=False, held=NO),
    cycle(1, 3, date(2025, 5, 5), None, None, solution=12, held=PARTLY),
    cycle(2, 1, date(2025, 1, 1), date(2025, 4, 1), ABANDON, prediction=False),
    cycle(2, 2, None, None, None),
)


def test_overall_cycle_statistics() -> None:
    stats = cycle_stats(CYCLES)
    assert (stats.cycles, stats.started, stats.finished, stats.under_way) == (5, 4, 3, 1)
    assert stats.median_days == 39.0
    assert stats.mean_days == 53.7
    assert (stats.adopted, stats.adapted, stats.abandoned) == (1, 1, 1)
    assert (stats.held, stats.held_partly, stats.not_held) == (1, 0, 1)
    assert (stats.answered, stats.unanswered) == (2, 1)
    assert stats.share(stats.adopted) == pytest.approx(1 / 3)
    assert stats.answered_share(stats.held) == pytest.approx(1 / 2)


def test_how_often_predictions_held_in_words(english: None) -> None:
    assert stats_line(cycle_stats(CYCLES)) == (
        "5 cycles (1 under way), median 39 days; adopted 33 %, adapted 33 %, abandoned 33 %;"
        " predictions held 50 %, partly 0 %, not 50 % (of 2 answered);"
        " 1 finished without an answer"
    )
    by_initiative = stats_by_initiative(CYCLES)
    assert predictions_text(by_initiative[1]) == (
        "predictions held 50 %, partly 0 %, not 50 % (of 2 answered)"
    )
    # Nothing answered: say so, with how many finished.
    assert predictions_text(by_initiative[2]) == (
        "whether predictions held: not answered (1 finished)"
    )
    # Nothing finished: nothing to say about predictions.
    assert stats_line(cycle_stats(CYCLES[2:3])) == (
        "1 cycle (1 under way), median – days; adopted –, adapted –, abandoned –"
    )
    assert predictions_text(cycle_stats(CYCLES[2:3])) == ""


def test_statistics_per_initiative() -> None:
    by_initiative = stats_by_initiative(CYCLES)
    assert set(by_initiative) == {1, 2}
    first = by_initiative[1]
    assert (first.cycles, first.finished, first.median_days) == (3, 2, 35.5)
    assert by_initiative[2].abandoned == 1
    assert cycle_stats([]).share(0) is None
    assert cycle_stats([]).median_days is None


def test_stalled_lists_the_longest_quiet_first() -> None:
    now = datetime(2025, 6, 30, tzinfo=UTC)
    activity = {
        1: datetime(2025, 6, 20, tzinfo=UTC),  # 10 days: not stalled at 4 weeks
        2: datetime(2025, 5, 1, tzinfo=UTC),  # 60 days: 8 whole weeks
        3: datetime(2025, 6, 2, tzinfo=UTC),  # exactly 4 weeks: stalled
        4: None,  # nothing recorded at all
    }
    assert stalled(activity, 4, now) == [(4, None), (2, 8), (3, 4)]


@pytest.mark.parametrize(
    ("cycles", "expected"),
    [
        # Same change idea in both cycles.
        ((cycle(1, 1, date(2025, 1, 1), date(2025, 2, 1), ADOPT, solution=5),
          cycle(1, 2, date(2025, 2, 2), None, None, solution=5)), [(1, 2)]),
        # Adapt, then the next cycle: change it and test again.
        ((cycle(1, 1, date(2025, 1, 1), date(2025, 2, 1), ADAPT, solution=5),
          cycle(1, 2, date(2025, 2, 2), None, None, solution=6)), [(1, 2)]),
        # Adopt, then a different idea: separate tests.
        ((cycle(1, 1, date(2025, 1, 1), date(2025, 2, 1), ADOPT, solution=5),
          cycle(1, 2, date(2025, 2, 2), None, None, solution=6)), []),
        # Planned from cycle 1 with "next cycle", even after adopt.
        ((cycle(1, 1, date(2025, 1, 1), date(2025, 2, 1), ADOPT),
          cycle(1, 2, date(2025, 2, 2), None, None, follows=1)), [(1, 2)]),
        # A next cycle that never started is a plan, not a test.
        ((cycle(1, 1, date(2025, 1, 1), date(2025, 2, 1), ADAPT),
          cycle(1, 2, None, None, None, follows=1)), []),
    ],
)  # fmt: skip
def test_linked_pairs(cycles: tuple[CycleFacts, ...], expected: list[tuple[int, int]]) -> None:
    assert linked_pairs(cycles) == expected


def _fidelity(**changes: object) -> dict[Feature, tuple[bool, str]]:
    facts = FidelityInput(
        initiative_id=1,
        cycles=CYCLES[:3],
        aim="Minst 80 procent ska klara kunskapsfrågorna senast i juni.",
        small_test="",
        measures=(
            MeasureFacts(
                "Frågor per vecka",
                has_target=False,
                dates=(date(2025, 1, 5), date(2025, 1, 12), date(2025, 2, 9)),
            ),
        ),
    )
    result = fidelity(FidelityInput(**{**facts.__dict__, **changes}))
    return {check.feature: (check.present, check.reason) for check in result.checks}


def test_fidelity_all_present_with_reasons(english: None) -> None:
    checks = _fidelity()
    assert checks[Feature.MEASURABLE_AIM] == (True, "The aim says how much, with a number.")
    assert checks[Feature.PREDICTION] == (
        True,
        "3 cycles have started, all with their predictions made first.",
    )
    assert checks[Feature.SMALL_SCALE] == (True, "The first cycle was a short test (32 days).")
    assert checks[Feature.LINKED_CYCLES] == (True, "Cycles build on each other: 2→3.")
    assert checks[Feature.MONTHLY_DATA] == (
        True,
        "Frågor per vecka: 3 values, at most 28 days apart.",
    )


def test_fidelity_absent_with_reasons(english: None) -> None:
    checks = _fidelity(
        cycles=(
            cycle(2, 1, date(2025, 1, 1), date(2025, 4, 1), ABANDON, prediction=False),
            cycle(2, 2, date(2025, 4, 2), None, None, changed=True, solution=3),
        ),
        aim="Fler ska trivas.",
        measures=(
            MeasureFacts("Trivsel", True, (date(2025, 1, 1), date(2025, 3, 1), date(2025, 4, 1))),
        ),
    )
    assert checks[Feature.MEASURABLE_AIM] == (
        True,
        "The aim is measured by a target for Trivsel.",
    )
    assert checks[Feature.PREDICTION] == (False, "No prediction in cycle 1.")
    assert checks[Feature.SMALL_SCALE] == (
        False,
        "The first cycle ran 90 days, and no small-scale test is described.",
    )
    assert checks[Feature.LINKED_CYCLES] == (
        False,
        "The cycles test separate ideas; none builds on an earlier one.",
    )
    assert checks[Feature.MONTHLY_DATA] == (
        False,
        "No measure has at least 3 values collected monthly or more often.",
    )


def test_fidelity_of_a_new_initiative(english: None) -> None:
    checks = _fidelity(cycles=(), aim="", small_test="", measures=())
    assert not any(present for present, _reason in checks.values())
    assert checks[Feature.MEASURABLE_AIM][1] == "No aim written yet."
    assert checks[Feature.PREDICTION][1] == "No cycle has started yet."
    assert checks[Feature.MONTHLY_DATA][1] == "No measure has values yet."


def test_a_prediction_changed_after_the_start_does_not_count(english: None) -> None:
    checks = _fidelity(cycles=(cycle(1, 1, date(2025, 1, 1), None, None, changed=True),))
    assert checks[Feature.PREDICTION] == (
        False,
        "The prediction of cycle 1 was changed after Do started.",
    )
    assert checks[Feature.SMALL_SCALE] == (False, "The first cycle has not finished yet.")


def _initiative(id_: int, status: Status, created: date, **more: object) -> InitiativeFacts:
    values: dict[str, object] = {
        "title": f"I{id_}",
        "method": Method.PDSA,
        "phase": "Cycles",
        "phase_order": 3,
        "unit": "Unit A" if id_ != 3 else "Unit B",
        "area": 5 if id_ != 2 else None,
    }
    values.update(more)
    return InitiativeFacts(id=id_, status=status, created_on=created, **values)  # type: ignore[arg-type]


INITIATIVES = (
    _initiative(1, Status.ACTIVE, date(2024, 12, 1)),
    _initiative(2, Status.CLOSED, date(2024, 1, 1), closed_on=date(2024, 6, 1)),
    _initiative(3, Status.CLOSED, date(2025, 1, 10), closed_on=date(2025, 3, 1)),
    _initiative(4, Status.PAUSED, date(2025, 8, 1), method=Method.DMAIC, phase="Define",
                phase_order=0),
)  # fmt: skip
SIGNALS = (
    SignalFacts(1, "I1", "Frågor", True, since=date(2025, 4, 4), last_on=date(2025, 5, 16)),
    SignalFacts(3, "I3", "Förslag", False, since=date(2024, 12, 1), last_on=date(2025, 2, 1)),
)
CLOSURES = (
    ClosureFacts(2, "I2", "Unit A", ClosureReason.NOT_USED, "Lesson 2", date(2024, 6, 1), 2.0),
    ClosureFacts(3, "I3", "Unit B", ClosureReason.NOT_USED, "Lesson 3", date(2025, 3, 1), 6.0),
)
FREED = (
    FreedFacts("Unit A", "Report", 8.0, date(2025, 2, 1)),
    FreedFacts("Unit A", "Meeting", 4.5, date(2024, 5, 1)),
    FreedFacts("Unit B", "Imported", 3.0, None),
)


def test_overview_for_a_period() -> None:
    # 2025-01-01..2025-06-30: #1 active, #3 closed in March; #2 closed before, #4 came after.
    found = overview(
        INITIATIVES,
        signals=SIGNALS,
        closures=CLOSURES,
        cycles=CYCLES,
        freed=FREED,
        period=Period(date(2025, 1, 1), date(2025, 6, 30)),
    )
    assert found.initiatives == 2
    assert found.started == 1
    assert found.by_status == ((Status.ACTIVE, 1), (Status.CLOSED, 1))
    # The closed initiative is not "in" a phase any more.
    assert found.by_method_phase == ((Method.PDSA, "Cycles", 1),)
    assert found.by_unit == (("Unit A", 1), ("Unit B", 1))
    assert found.by_area == ((5, 2),)
    assert [s.measure for s in found.improvements] == ["Frågor"]
    assert [s.measure for s in found.deteriorations] == ["Förslag"]
    assert [c.initiative_id for c in found.closures] == [3]
    assert found.closure_hours_freed == 6.0
    assert found.hours_freed_in_period == 8.0
    assert found.hours_freed_total == 15.5
    # Cycles of #1 finished or started in the period (#2's are outside the chosen ones).
    assert (found.cycles.cycles, found.cycles.finished) == (3, 2)
    held = found.cycles
    assert (held.held, held.held_partly, held.not_held, held.unanswered) == (1, 0, 1, 0)


def test_overview_of_all_time() -> None:
    found = overview(INITIATIVES, closures=CLOSURES, freed=FREED)
    assert found.initiatives == 4
    assert found.by_status == ((Status.CLOSED, 2), (Status.ACTIVE, 1), (Status.PAUSED, 1))
    assert found.by_method_phase == ((Method.DMAIC, "Define", 1), (Method.PDSA, "Cycles", 1))
    assert found.by_area == ((5, 3), (None, 1))
    # Undated decisions count once there is no period at all.
    assert found.hours_freed_in_period == found.hours_freed_total == 15.5
    assert found.closure_hours_freed == 8.0
