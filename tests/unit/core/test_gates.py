"""The phase gates as a table: what each phase still lacks, for DMAIC and PDSA."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from forbattra.core import gates, methods
from forbattra.core.domain import (
    AnswerView,
    CauseView,
    CycleView,
    InitiativeDetail,
    MeasureSummary,
    SolutionView,
    Workspace,
)
from forbattra.core.vocabulary import CycleDecision, Direction, MeasureKind, Method, Status

pytestmark = pytest.mark.usefixtures("english")


def initiative(method: Method) -> InitiativeDetail:
    return InitiativeDetail(
        id=1,
        title="[bold]Test[/]",
        method=method,
        phase=methods.first_phase(method),
        status=Status.ACTIVE,
        unit="",
        area=None,
        leader="",
        sponsor="",
        coach="",
        team="",
        version=1,
        updated_at=datetime(2025, 1, 1, tzinfo=UTC),
    )


def answered(method: Method) -> tuple[AnswerView, ...]:
    return tuple(
        AnswerView(phase.key, question.key, "svar", 1)
        for phase in methods.phases(method)
        for question in phase.questions
    )


def cause(id: int, *, root: bool = False, verified: bool = False, text: str = "") -> CauseView:
    return CauseView(id, None, id, text or f"orsak {id}", None, root, verified, 1)


def solution(id: int, *causes: int) -> SolutionView:
    return SolutionView(id, id, f"lösning {id}", causes, 1)


def cycle(number: int, decision: CycleDecision | None = None) -> CycleView:
    return CycleView(
        number, number, f"test {number}", None, "", "", "", "", "", decision, "", None, None, 1
    )


def measure(count: int, name: str = "Väntetid") -> MeasureSummary:
    return MeasureSummary(
        1, name, MeasureKind.OUTCOME, "dagar", Direction.LOWER_IS_BETTER, None, None, count,
        None, None, None,
    )  # fmt: skip


def complete(method: Method) -> Workspace:
    """A workspace with nothing open anywhere."""
    return Workspace(
        initiative=initiative(method),
        answers=answered(method),
        causes=(cause(1, root=True, verified=True), cause(2)),
        solutions=(solution(1, 1),),
        cycles=(cycle(1, CycleDecision.ADOPT),),
        measures=(measure(12),),
    )


DMAIC = complete(Method.DMAIC)
PDSA = complete(Method.PDSA)


@pytest.mark.parametrize(
    ("workspace", "phase", "expected"),
    [
        # Everything in place: nothing open, in every phase of both methods.
        *[(DMAIC, p.key, []) for p in methods.phases(Method.DMAIC)],
        *[(PDSA, p.key, []) for p in methods.phases(Method.PDSA)],
        # Questions.
        (
            replace(DMAIC, answers=()),
            "define",
            [f"Not answered: {q.text}" for q in methods.DMAIC_PHASES[0].questions],
        ),
        (
            replace(DMAIC, answers=tuple(a for a in DMAIC.answers if a.question != "goal")),
            "define",
            ["Not answered: What do we want to achieve, in a way we can measure?"],
        ),
        (
            replace(
                DMAIC,
                answers=tuple(
                    replace(a, text=" \n ") if a.question == "size" else a for a in DMAIC.answers
                ),
            ),
            "measure",
            ["Not answered: How big is the problem?"],
        ),
        # Measures.
        (replace(DMAIC, measures=()), "measure", ["No measure is defined yet."]),
        (
            replace(DMAIC, measures=(measure(0, "Köer [red]"),)),
            "measure",
            ["“Köer [red]” has no values yet, so there is no baseline."],
        ),
        (replace(PDSA, measures=()), "measures", ["No measure is defined yet."]),
        # Causes.
        (replace(DMAIC, causes=()), "analyze", ["No causes are recorded yet."]),
        (replace(DMAIC, causes=(cause(1),)), "analyze", ["No cause is marked as a root cause."]),
        (
            replace(DMAIC, causes=(cause(1, root=True, text="Pärmen " + "x" * 80),)),
            "analyze",
            ["Root cause not verified: “Pärmen " + "x" * 52 + "…”"],
        ),
        # Solutions, their links, and the cycles that test them.
        (replace(DMAIC, solutions=()), "improve", ["No solutions are recorded yet."]),
        (
            replace(DMAIC, solutions=(solution(1, 1), solution(2))),
            "improve",
            ["“lösning 2” is not linked to any cause."],
        ),
        (
            replace(DMAIC, cycles=()),
            "improve",
            ["Nothing has been tested in a PDSA cycle yet."],
        ),
        (
            replace(DMAIC, cycles=(cycle(1, CycleDecision.ABANDON), cycle(2))),
            "improve",
            ["Cycle 2 has no decision yet (adopt, adapt or abandon)."],
        ),
        # PDSA: change ideas need no causes; cycles are the last phase's work.
        (replace(PDSA, solutions=(solution(1),)), "changes", []),
        (replace(PDSA, solutions=()), "changes", ["No change ideas are recorded yet."]),
        (replace(PDSA, cycles=()), "cycles", ["Nothing has been tested in a PDSA cycle yet."]),
        # Other phases do not look at tools they do not use.
        (replace(DMAIC, causes=(), measures=()), "define", []),
        (replace(PDSA, measures=()), "aim", []),
    ],
)
def test_open_items(workspace: Workspace, phase: str, expected: list[str]) -> None:
    assert [item.text for item in gates.open_items(workspace, phase)] == expected
    assert gates.is_done(workspace, phase) == (not expected)


def test_items_point_at_what_is_missing() -> None:
    workspace = replace(DMAIC, solutions=(solution(7),), answers=())
    items = gates.open_items(workspace, "improve")
    assert [(i.kind, i.ref) for i in items][:2] == [("solution", "7"), ("question", "solution")]
    assert all(item.phase == "improve" for item in items)


@pytest.mark.parametrize(
    ("method", "phase", "after", "before"),
    [
        (Method.DMAIC, "define", "measure", None),
        (Method.DMAIC, "improve", "control", "analyze"),
        (Method.DMAIC, "control", None, "improve"),
        (Method.PDSA, "aim", "measures", None),
        (Method.PDSA, "cycles", None, "changes"),
    ],
)
def test_next_and_previous_phases(
    method: Method, phase: str, after: str | None, before: str | None
) -> None:
    assert gates.next_phase(method, phase) == after
    assert gates.previous_phase(method, phase) == before


def test_choice_answers_are_recognised_in_either_language() -> None:
    question = methods.phase(Method.DMAIC, "control")
    assert question is not None
    decision = question.question("spread_decision")
    assert decision is not None and decision.kind == "choice"
    assert decision.choice_index("Do not standardise") == 2
    assert decision.choice_index("  do not standardise ") == 2
    assert decision.choice_index("Something else") is None
