"""Closing without prestige, reopening, pausing and resuming an initiative.

The rules are in :mod:`forbattra.core.closure`. An initiative has at most one closure row,
the one that explains why it is closed now: the exchange format holds a closure exactly when
the status is closed. Reopening therefore removes the row, after writing all of it into the
event log (action ``reopen``, entity ``closure``, one event per field holding its old value),
and closing writes every field it records into the log too. So the history keeps each closure
and each reopening, however often an initiative goes back and forth.

Every function is one transaction that records its events; ``expected_version`` is the
initiative's version the caller read, else :class:`Conflict` and nothing is written.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlmodel import col

from forbattra.core import closure as rules
from forbattra.core.domain import ClosureView, InitiativeRow, LessonCounts, NewClosure
from forbattra.core.vocabulary import ClosureReason, Status
from forbattra.i18n import _
from forbattra.store.database import Database
from forbattra.store.engine import read_session, write_session
from forbattra.store.errors import Conflict, InvalidInput
from forbattra.store.models import Closure, Initiative
from forbattra.store.services.checks import check_version, free_text, no_lost_updates, one_line
from forbattra.store.services.events import record
from forbattra.store.services.initiatives import _row, load
from forbattra.store.types import utcnow

# What a closure records besides its reason, in the order a person reads them.
FIELDS = (
    "reason",
    "reason_text",
    "learned",
    "keep",
    "stop_doing",
    "freed_hours",
    "decided_by",
    "closed_on",
    "phase_at_close",
)


def _conflict_message() -> str:
    return _("Someone else changed this initiative; reload and try again.")


def closure_view(closure: Closure) -> ClosureView:
    return ClosureView(
        id=closure.id or 0,
        initiative_id=closure.initiative_id,
        reason=ClosureReason(closure.reason),
        reason_text=closure.reason_text,
        learned=closure.learned,
        keep=closure.keep,
        stop_doing=closure.stop_doing,
        freed_hours=closure.freed_hours,
        decided_by=closure.decided_by,
        closed_on=closure.closed_on,
        phase_at_close=closure.phase_at_close,
    )


def _closure_of(session: Session, initiative_id: int) -> Closure | None:
    return session.execute(
        select(Closure).where(col(Closure.initiative_id) == initiative_id)
    ).scalar_one_or_none()


def _load_checked(session: Session, initiative_id: int, expected: int | None) -> Initiative:
    initiative = load(session, initiative_id)
    check_version(initiative.version, expected, Conflict(_conflict_message()))
    return initiative


def _record(
    session: Session,
    actor: str,
    initiative_id: int,
    action: str,
    field: str,
    old: object = None,
    new: object = None,
    *,
    entity: str = "initiative",
    entity_id: int | None = None,
) -> None:
    record(
        session,
        actor,
        initiative_id=initiative_id,
        entity=entity,
        entity_id=entity_id if entity_id is not None else initiative_id,
        action=action,
        field=field,
        old=old,
        new=new,
    )


def _set(
    session: Session, actor: str, initiative: Initiative, action: str, **changes: object
) -> None:
    """Change the initiative's fields, one event per field that really changes."""
    assert initiative.id is not None
    for field, value in changes.items():
        old = getattr(initiative, field)
        if old != value:
            setattr(initiative, field, value)
            _record(session, actor, initiative.id, action, field, old, value)
    initiative.updated_at = utcnow()


def get_closure(db: Database, initiative_id: int) -> ClosureView | None:
    """Why and how the initiative was closed; None when it is not closed."""
    with read_session(db.engine) as session:
        load(session, initiative_id)
        closure = _closure_of(session, initiative_id)
        return closure_view(closure) if closure else None


def _cleaned(closure: NewClosure, today: date) -> dict[str, Any]:
    decided_by = free_text(closure.decided_by)
    return {
        "reason": ClosureReason(closure.reason).value,
        "reason_text": free_text(closure.reason_text).strip(),
        "learned": free_text(closure.learned).strip(),
        "keep": free_text(closure.keep).strip(),
        "stop_doing": free_text(closure.stop_doing).strip(),
        "freed_hours": None if closure.freed_hours is None else float(closure.freed_hours),
        "decided_by": one_line(decided_by, "-") if decided_by.strip() else "",
        "closed_on": closure.closed_on or today,
    }


def close_initiative(
    db: Database,
    actor: str,
    initiative_id: int,
    closure: NewClosure,
    *,
    today: date | None = None,
    expected_version: int | None = None,
) -> ClosureView:
    """Close an initiative at whatever phase it is in: a normal, respected ending.

    Refused, with a kind message and nothing written, without a lesson, with "other reason"
    but no words for it, for a closing date after ``today``, or when it is already closed.
    """
    day = today or date.today()
    try:
        with no_lost_updates(_conflict_message()), write_session(db.engine) as session:
            initiative = _load_checked(session, initiative_id, expected_version)
            problems = rules.closure_problems(Status(initiative.status), closure, day)
            if problems:
                raise InvalidInput(problems[0])
            fields = _cleaned(closure, day)
            row = Closure(initiative_id=initiative_id, phase_at_close=initiative.phase, **fields)
            session.add(row)
            old_status = initiative.status
            initiative.status = Status.CLOSED.value
            initiative.updated_at = utcnow()
            session.flush()
            # The status line first, as the sample projects have it; then the closure itself.
            _record(
                session,
                actor,
                initiative_id,
                "close",
                "status",
                old_status,
                Status.CLOSED.value,
                entity="closure",
                entity_id=row.id,
            )
            for field in FIELDS:
                value = getattr(row, field)
                if value not in (None, ""):
                    _record(
                        session,
                        actor,
                        initiative_id,
                        "close",
                        field,
                        new=value,
                        entity="closure",
                        entity_id=row.id,
                    )
            _set(session, actor, initiative, "close", review_by=None)
            session.flush()
            return closure_view(row)
    except IntegrityError:
        raise Conflict(_("Someone else closed this initiative a moment ago.")) from None


def reopen_initiative(
    db: Database,
    actor: str,
    initiative_id: int,
    *,
    why: str = "",
    expected_version: int | None = None,
) -> InitiativeRow:
    """Take a closed initiative up again, active in the phase it was closed in. Its closure
    moves into the history (the event log), where it stays readable."""
    note = free_text(why).strip()
    with no_lost_updates(_conflict_message()), write_session(db.engine) as session:
        initiative = _load_checked(session, initiative_id, expected_version)
        problem = rules.reopen_problem(Status(initiative.status))
        if problem:
            raise InvalidInput(problem)
        closure = _closure_of(session, initiative_id)
        if closure is not None:
            # Field by field, so each value fits an exchange document's history as it is.
            for field in FIELDS:
                value = getattr(closure, field)
                if value not in (None, ""):
                    _record(
                        session,
                        actor,
                        initiative_id,
                        "reopen",
                        field,
                        value,
                        None,
                        entity="closure",
                        entity_id=closure.id,
                    )
            session.delete(closure)
        _set(session, actor, initiative, "reopen", status=Status.ACTIVE.value)
        if note:
            _record(session, actor, initiative_id, "reopen", "note", new=note)
        session.flush()
        return _row(initiative)


def pause_initiative(
    db: Database,
    actor: str,
    initiative_id: int,
    review_by: date,
    *,
    why: str = "",
    today: date | None = None,
    expected_version: int | None = None,
) -> InitiativeRow:
    """Pause until ``review_by`` (today or later); pausing a paused initiative moves its date.
    Past that date the portfolio flags it until someone resumes or closes it."""
    note = free_text(why).strip()
    with no_lost_updates(_conflict_message()), write_session(db.engine) as session:
        initiative = _load_checked(session, initiative_id, expected_version)
        problem = rules.pause_problem(Status(initiative.status), review_by, today or date.today())
        if problem:
            raise InvalidInput(problem)
        _set(
            session,
            actor,
            initiative,
            "pause",
            status=Status.PAUSED.value,
            review_by=review_by,
        )
        if note:
            _record(session, actor, initiative_id, "pause", "note", new=note)
        session.flush()
        return _row(initiative)


def resume_initiative(
    db: Database,
    actor: str,
    initiative_id: int,
    *,
    expected_version: int | None = None,
) -> InitiativeRow:
    """Take a paused initiative up again where it was; its review date is cleared."""
    with no_lost_updates(_conflict_message()), write_session(db.engine) as session:
        initiative = _load_checked(session, initiative_id, expected_version)
        problem = rules.resume_problem(Status(initiative.status))
        if problem:
            raise InvalidInput(problem)
        _set(session, actor, initiative, "resume", status=Status.ACTIVE.value, review_by=None)
        session.flush()
        return _row(initiative)


def _overdue(today: date) -> ColumnElement[bool]:
    return (col(Initiative.status) == Status.PAUSED.value) & (
        col(Initiative.review_by).is_(None) | (col(Initiative.review_by) < today)
    )


def overdue_pauses(db: Database, *, today: date | None = None) -> list[InitiativeRow]:
    """Paused initiatives past their review date (or with none), the longest overdue first."""
    query = (
        select(Initiative)
        .where(_overdue(today or date.today()))
        .order_by(col(Initiative.review_by).asc().nulls_first(), col(Initiative.id))
    )
    with read_session(db.engine) as session:
        return [_row(initiative) for initiative in session.execute(query).scalars()]


def lesson_counts(db: Database, *, today: date | None = None) -> LessonCounts:
    """The portfolio's endings: closures, each a lesson, beside completions; with the
    reasons, the hours a month the closures freed and how many pauses are overdue."""
    day = today or date.today()
    with read_session(db.engine) as session:
        statuses = dict(
            session.execute(
                select(col(Initiative.status), func.count()).group_by(col(Initiative.status))
            ).all()
        )
        overdue = session.execute(
            select(func.count()).select_from(Initiative).where(_overdue(day))
        ).scalar_one()
        reasons = dict(
            session.execute(
                select(col(Closure.reason), func.count()).group_by(col(Closure.reason))
            ).all()
        )
        freed = session.execute(select(func.sum(col(Closure.freed_hours)))).scalar()
    return LessonCounts(
        active=statuses.get(Status.ACTIVE.value, 0),
        paused=statuses.get(Status.PAUSED.value, 0),
        paused_overdue=overdue,
        completed=statuses.get(Status.COMPLETED.value, 0),
        closed=statuses.get(Status.CLOSED.value, 0),
        by_reason=tuple((reason, reasons.get(reason.value, 0)) for reason in ClosureReason),
        freed_hours_per_month=round(float(freed or 0.0), 4),
    )
