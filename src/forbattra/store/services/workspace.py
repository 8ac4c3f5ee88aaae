"""The workspace: one initiative with its answers, causes, solutions, cycles and measures.

Read in one transaction, so the guided phases and their gates see one consistent moment.
The ``*_view`` functions turn rows into the domain objects every workspace service returns.
"""

from __future__ import annotations

import statistics
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from forbattra.core.domain import (
    AnswerView,
    CauseView,
    ClosureView,
    CycleView,
    InitiativeDetail,
    MeasureSummary,
    SolutionView,
    Workspace,
)
from forbattra.core.vocabulary import (
    CauseCategory,
    CycleDecision,
    Direction,
    MeasureKind,
    Method,
    PredictionHeld,
    Status,
)
from forbattra.store.database import Database
from forbattra.store.engine import read_session
from forbattra.store.models import (
    Answer,
    Cause,
    Closure,
    Cycle,
    Initiative,
    Measure,
    Observation,
    Solution,
    SolutionCause,
)
from forbattra.store.services.initiatives import load


def detail(initiative: Initiative) -> InitiativeDetail:
    return InitiativeDetail(
        id=initiative.id or 0,
        title=initiative.title,
        method=Method(initiative.method),
        phase=initiative.phase,
        status=Status(initiative.status),
        unit=initiative.unit,
        area=initiative.area,
        leader=initiative.leader,
        sponsor=initiative.sponsor,
        coach=initiative.coach,
        team=initiative.team,
        version=initiative.version,
        updated_at=initiative.updated_at,
    )


def cause_view(cause: Cause) -> CauseView:
    return CauseView(
        id=cause.id or 0,
        parent_id=cause.parent_id,
        position=cause.position,
        text=cause.text,
        category=CauseCategory(cause.category) if cause.category else None,
        root=cause.root,
        verified=cause.verified,
        version=cause.version,
        votes=cause.votes or 0,
    )


def solution_view(solution: Solution, cause_ids: list[int]) -> SolutionView:
    return SolutionView(
        id=solution.id or 0,
        position=solution.position,
        text=solution.text,
        cause_ids=tuple(sorted(cause_ids)),
        version=solution.version,
        votes=solution.votes or 0,
    )


def cycle_view(cycle: Cycle) -> CycleView:
    return CycleView(
        id=cycle.id or 0,
        number=cycle.number,
        title=cycle.title,
        solution_id=cycle.solution_id,
        objective=cycle.objective,
        prediction=cycle.prediction,
        plan=cycle.plan,
        what_happened=cycle.what_happened,
        study=cycle.study,
        decision=CycleDecision(cycle.decision) if cycle.decision else None,
        decision_notes=cycle.decision_notes,
        started_on=cycle.started_on,
        finished_on=cycle.finished_on,
        version=cycle.version,
        prediction_held=PredictionHeld(cycle.prediction_held) if cycle.prediction_held else None,
    )


def linked_causes(session: Session, solution_ids: list[int]) -> dict[int, list[int]]:
    links: dict[int, list[int]] = defaultdict(list)
    if solution_ids:
        rows = session.execute(
            select(col(SolutionCause.solution_id), col(SolutionCause.cause_id)).where(
                col(SolutionCause.solution_id).in_(solution_ids)
            )
        )
        for solution_id, cause_id in rows:
            links[solution_id].append(cause_id)
    return links


def _measures(session: Session, initiative_id: int) -> tuple[MeasureSummary, ...]:
    measures = list(
        session.execute(
            select(Measure)
            .where(col(Measure.initiative_id) == initiative_id)
            .order_by(col(Measure.position), col(Measure.id))
        ).scalars()
    )
    values: dict[int, list[tuple[object, float | None]]] = defaultdict(list)
    if measures:
        rows = session.execute(
            select(
                col(Observation.measure_id), col(Observation.observed_on), col(Observation.value)
            )
            .where(col(Observation.measure_id).in_([m.id for m in measures]))
            .order_by(col(Observation.observed_on), col(Observation.id))
        )
        for measure_id, observed_on, value in rows:
            values[measure_id].append((observed_on, value))
    summaries = []
    for measure in measures:
        points = values[measure.id or 0]
        present = [(day, value) for day, value in points if value is not None]
        baseline_values = [value for _day, value in present][: measure.baseline_points or None]
        summaries.append(
            MeasureSummary(
                id=measure.id or 0,
                name=measure.name,
                kind=MeasureKind(measure.kind),
                unit=measure.unit,
                direction=Direction(measure.direction),
                target=measure.target,
                baseline_points=measure.baseline_points,
                count=len(present),
                baseline=statistics.median(baseline_values) if baseline_values else None,
                latest=present[-1][1] if present else None,
                latest_on=present[-1][0] if present else None,  # type: ignore[arg-type]
            )
        )
    return tuple(summaries)


def read_workspace(session: Session, initiative_id: int) -> Workspace:
    """The workspace as ``session`` sees it (inside another service's transaction, too)."""
    initiative = load(session, initiative_id)
    answers = session.execute(
        select(Answer).where(col(Answer.initiative_id) == initiative_id)
    ).scalars()
    causes = session.execute(
        select(Cause)
        .where(col(Cause.initiative_id) == initiative_id)
        .order_by(col(Cause.position), col(Cause.id))
    ).scalars()
    solutions = list(
        session.execute(
            select(Solution)
            .where(col(Solution.initiative_id) == initiative_id)
            .order_by(col(Solution.position), col(Solution.id))
        ).scalars()
    )
    links = linked_causes(session, [s.id for s in solutions if s.id is not None])
    cycles = session.execute(
        select(Cycle).where(col(Cycle.initiative_id) == initiative_id).order_by(col(Cycle.number))
    ).scalars()
    return Workspace(
        initiative=detail(initiative),
        answers=tuple(AnswerView(a.phase, a.question, a.text, a.version) for a in answers),
        causes=tuple(cause_view(cause) for cause in causes),
        solutions=tuple(solution_view(s, links.get(s.id or 0, [])) for s in solutions),
        cycles=tuple(cycle_view(cycle) for cycle in cycles),
        measures=_measures(session, initiative_id),
        closure=_closure(session, initiative) if initiative.status == Status.CLOSED.value else None,
    )


def _closure(session: Session, initiative: Initiative) -> ClosureView | None:
    from forbattra.store.services.closures import closure_view  # closures reads workspaces

    found = session.execute(
        select(Closure).where(col(Closure.initiative_id) == initiative.id)
    ).scalar_one_or_none()
    return closure_view(found) if found is not None else None


def load_workspace(db: Database, initiative_id: int) -> Workspace:
    """Everything the workspace shows of one initiative, in one read transaction."""
    with read_session(db.engine) as session:
        return read_workspace(session, initiative_id)
