"""PDSA cycles, the experiments: plan, do, study, act, then the next cycle.

Once Do has started (``started_on`` is set) the predictions are locked: Study must compare
the results with what was predicted *before*. A later change is still possible, on purpose
(``after_start=True``), and the event log records it as a change after the start.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlmodel import col

from forbattra.core.domain import CycleView
from forbattra.core.vocabulary import CycleDecision, PredictionHeld
from forbattra.i18n import _
from forbattra.store.database import Database
from forbattra.store.engine import write_session
from forbattra.store.errors import Conflict, InvalidInput, NotFound
from forbattra.store.models import Cycle, Solution
from forbattra.store.services.checks import (
    check_version,
    free_text,
    no_lost_updates,
    one_line,
    touch,
)
from forbattra.store.services.events import record
from forbattra.store.services.initiatives import load
from forbattra.store.services.workspace import cycle_view
from forbattra.store.types import utcnow

# The texts a person writes in a cycle, in the order of the method.
TEXT_FIELDS = (
    "title",
    "objective",
    "prediction",
    "plan",
    "what_happened",
    "study",
    "decision_notes",
)


def _conflict_message() -> str:
    return _("Someone else changed this cycle; nothing was overwritten.")


def _load(session: Session, cycle_id: int) -> Cycle:
    cycle = session.get(Cycle, cycle_id)
    if cycle is None:
        raise NotFound(_("There is no cycle with id {id}.").format(id=cycle_id))
    return cycle


def _check(cycle: Cycle, expected_version: int | None) -> None:
    check_version(cycle.version, expected_version, Conflict(_conflict_message(), cycle_view(cycle)))


def _next_number(session: Session, initiative_id: int) -> int:
    last = session.execute(
        select(func.max(col(Cycle.number))).where(col(Cycle.initiative_id) == initiative_id)
    ).scalar()
    return (last or 0) + 1


def _record(
    session: Session,
    actor: str,
    cycle: Cycle,
    action: str,
    *,
    field: str = "",
    old: object = None,
    new: object = None,
) -> None:
    record(
        session,
        actor,
        initiative_id=cycle.initiative_id,
        entity="cycle",
        entity_id=cycle.id,
        action=action,
        field=field,
        old=old,
        new=new,
    )


def add_cycle(
    db: Database,
    actor: str,
    initiative_id: int,
    title: str = "",
    *,
    solution_id: int | None = None,
) -> CycleView:
    """Start planning the next cycle; it tests ``solution_id`` when one is given, and is
    named after it unless a title is."""
    with no_lost_updates(_conflict_message()), write_session(db.engine) as session:
        load(session, initiative_id)
        number = _next_number(session, initiative_id)
        if solution_id is not None:
            solution = session.get(Solution, solution_id)
            if solution is None or solution.initiative_id != initiative_id:
                raise InvalidInput(_("That solution belongs to another initiative."))
            title = title.strip() or solution.text
        cleaned = one_line(title or _("Cycle {number}").format(number=number), "-")
        cycle = Cycle(
            initiative_id=initiative_id, solution_id=solution_id, number=number, title=cleaned
        )
        session.add(cycle)
        session.flush()
        touch(session, initiative_id)
        _record(session, actor, cycle, "add", field="number", new=cleaned)
        return cycle_view(cycle)


def next_cycle(db: Database, actor: str, cycle_id: int) -> CycleView:
    """A new cycle that carries the plan forward: title, objective, plan and the solution it
    tests. Predictions start empty: each test needs its own, made before it starts."""
    with no_lost_updates(_conflict_message()), write_session(db.engine) as session:
        previous = _load(session, cycle_id)
        number = _next_number(session, previous.initiative_id)
        cycle = Cycle(
            initiative_id=previous.initiative_id,
            solution_id=previous.solution_id,
            number=number,
            title=previous.title,
            objective=previous.objective,
            plan=previous.plan,
        )
        session.add(cycle)
        session.flush()
        touch(session, previous.initiative_id)
        _record(session, actor, cycle, "add", field="from", old=previous.number, new=cycle.title)
        return cycle_view(cycle)


def edit_cycle_text(
    db: Database,
    actor: str,
    cycle_id: int,
    field: str,
    text: str,
    *,
    expected_version: int | None = None,
    after_start: bool = False,
) -> CycleView:
    """Change one text of a cycle. The predictions of a started cycle change only with
    ``after_start``, and are then logged as ``edit_after_start``."""
    if field not in TEXT_FIELDS:
        raise InvalidInput(_("A cycle has no field called {field}.").format(field=field))
    if field == "title":
        value = one_line(text, _("The cycle needs a title, for example what it tests."))
    else:
        value = free_text(text)
    with no_lost_updates(_conflict_message()), write_session(db.engine) as session:
        cycle = _load(session, cycle_id)
        _check(cycle, expected_version)
        old = getattr(cycle, field)
        if old == value:
            return cycle_view(cycle)
        action = "edit"
        if field == "prediction" and cycle.started_on is not None:
            if not after_start:
                raise InvalidInput(
                    _(
                        "The predictions are locked because the test has started; "
                        "unlock them to change them (the change is recorded)."
                    )
                )
            action = "edit_after_start"
        setattr(cycle, field, value)
        cycle.updated_at = utcnow()
        session.flush()
        touch(session, cycle.initiative_id)
        _record(session, actor, cycle, action, field=field, old=old, new=value)
        return cycle_view(cycle)


def start_cycle(
    db: Database,
    actor: str,
    cycle_id: int,
    *,
    on: date | None = None,
    expected_version: int | None = None,
) -> CycleView:
    """Do starts: the test is carried out from ``on`` (today), and the predictions lock."""
    with no_lost_updates(_conflict_message()), write_session(db.engine) as session:
        cycle = _load(session, cycle_id)
        _check(cycle, expected_version)
        if cycle.started_on is not None:
            return cycle_view(cycle)
        cycle.started_on = on or date.today()
        cycle.updated_at = utcnow()
        session.flush()
        touch(session, cycle.initiative_id)
        _record(
            session,
            actor,
            cycle,
            "start",
            field="started_on",
            new=cycle.started_on.isoformat(),
        )
        return cycle_view(cycle)


def set_cycle_decision(
    db: Database,
    actor: str,
    cycle_id: int,
    decision: CycleDecision | None,
    *,
    on: date | None = None,
    expected_version: int | None = None,
) -> CycleView:
    """Act: adopt, adapt or abandon. Deciding finishes the cycle (``on``, today, unless it
    already has an end date); taking the decision back reopens it."""
    with no_lost_updates(_conflict_message()), write_session(db.engine) as session:
        cycle = _load(session, cycle_id)
        _check(cycle, expected_version)
        value = CycleDecision(decision).value if decision else None
        if cycle.decision == value:
            return cycle_view(cycle)
        old = cycle.decision
        cycle.decision = value
        if value is None:
            cycle.finished_on = None
        elif cycle.finished_on is None:
            finished = on or date.today()
            if cycle.started_on is not None and finished < cycle.started_on:
                finished = cycle.started_on
            cycle.finished_on = finished
        cycle.updated_at = utcnow()
        session.flush()
        touch(session, cycle.initiative_id)
        _record(session, actor, cycle, "decide", field="decision", old=old, new=value)
        return cycle_view(cycle)


def set_prediction_held(
    db: Database,
    actor: str,
    cycle_id: int,
    held: PredictionHeld | str | None,
    *,
    expected_version: int | None = None,
) -> CycleView:
    """Study: did the prediction hold? Yes, partly or no; None takes the answer back.
    It is the team's own judgement, so it may be given (or changed) at any stage."""
    try:
        value = PredictionHeld(held).value if held is not None else None
    except ValueError:
        raise InvalidInput(
            _("Whether the prediction held is yes, partly or no, not {value}.").format(value=held)
        ) from None
    with no_lost_updates(_conflict_message()), write_session(db.engine) as session:
        cycle = _load(session, cycle_id)
        _check(cycle, expected_version)
        if cycle.prediction_held == value:
            return cycle_view(cycle)
        old = cycle.prediction_held
        cycle.prediction_held = value
        cycle.updated_at = utcnow()
        session.flush()
        touch(session, cycle.initiative_id)
        _record(session, actor, cycle, "edit", field="prediction_held", old=old, new=value)
        return cycle_view(cycle)


def set_cycle_dates(
    db: Database,
    actor: str,
    cycle_id: int,
    started_on: date | None,
    finished_on: date | None,
    *,
    expected_version: int | None = None,
) -> CycleView:
    """Correct the dates; an end before the start is refused."""
    if started_on and finished_on and finished_on < started_on:
        raise InvalidInput(_("The cycle cannot end before it starts."))
    with no_lost_updates(_conflict_message()), write_session(db.engine) as session:
        cycle = _load(session, cycle_id)
        _check(cycle, expected_version)
        changed = False
        for field, value in (("started_on", started_on), ("finished_on", finished_on)):
            old = getattr(cycle, field)
            if old != value:
                setattr(cycle, field, value)
                changed = True
                _record(
                    session,
                    actor,
                    cycle,
                    "edit",
                    field=field,
                    old=old.isoformat() if old else None,
                    new=value.isoformat() if value else None,
                )
        if changed:
            cycle.updated_at = utcnow()
            session.flush()
            touch(session, cycle.initiative_id)
        return cycle_view(cycle)


def delete_cycle(
    db: Database, actor: str, cycle_id: int, *, expected_version: int | None = None
) -> None:
    """Remove a cycle that never started; one that has started is history: decide instead."""
    with no_lost_updates(_conflict_message()), write_session(db.engine) as session:
        cycle = _load(session, cycle_id)
        _check(cycle, expected_version)
        if cycle.started_on is not None:
            raise InvalidInput(
                _(
                    "A cycle that has started is part of the history and stays; "
                    "end it with a decision (adopt, adapt or abandon) instead."
                )
            )
        initiative_id = cycle.initiative_id
        _record(session, actor, cycle, "delete", field="number", old=cycle.number, new=None)
        session.flush()
        session.delete(cycle)
        touch(session, initiative_id)
