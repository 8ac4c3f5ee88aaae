"""The portfolio overview for a period, read in one transaction (see ``core.overview``)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlmodel import col

from forbattra.core import methods
from forbattra.core.moments import local_day
from forbattra.core.overview import (
    ClosureFacts,
    FreedFacts,
    InitiativeFacts,
    Overview,
    Period,
    SignalFacts,
    overview,
)
from forbattra.core.vocabulary import (
    ClosureReason,
    FollowUpResult,
    Method,
    Status,
    StopDecision,
)
from forbattra.i18n import _
from forbattra.store.database import Database
from forbattra.store.engine import read_session
from forbattra.store.errors import InvalidInput
from forbattra.store.models import Closure, Event, Initiative, StopItem
from forbattra.store.services.review import cycle_facts
from forbattra.store.services.signals import current_signals, measure_series


def _initiatives(session: Session) -> list[InitiativeFacts]:
    rows = session.execute(
        select(
            col(Initiative.id),
            col(Initiative.title),
            col(Initiative.method),
            col(Initiative.phase),
            col(Initiative.status),
            col(Initiative.unit),
            col(Initiative.area),
            col(Initiative.created_at),
            col(Closure.closed_on),
        )
        .outerjoin(Closure, col(Closure.initiative_id) == col(Initiative.id))
        .order_by(col(Initiative.id))
    )
    found = []
    for row in rows:
        method = Method(row.method)
        phase = methods.phase(method, row.phase)
        order = methods.phases(method).index(phase) if phase else 99
        found.append(
            InitiativeFacts(
                id=row.id,
                title=row.title,
                method=method,
                phase=phase.name if phase else row.phase,
                phase_order=order,
                status=Status(row.status),
                unit=row.unit,
                area=row.area,
                created_on=local_day(row.created_at),
                closed_on=row.closed_on,
            )
        )
    return found


def _closures(session: Session, titles: dict[int, tuple[str, str]]) -> list[ClosureFacts]:
    rows = session.execute(
        select(
            col(Closure.initiative_id),
            col(Closure.reason),
            col(Closure.learned),
            col(Closure.closed_on),
            col(Closure.freed_hours),
        )
    )
    return [
        ClosureFacts(
            initiative_id=row.initiative_id,
            title=titles[row.initiative_id][0],
            unit=titles[row.initiative_id][1],
            reason=ClosureReason(row.reason),
            learned=row.learned,
            closed_on=row.closed_on,
            freed_hours=row.freed_hours,
        )
        for row in rows
    ]


def _freed(session: Session) -> list[FreedFacts]:
    """Stop-doing activities whose time counts as freed, with the day of their decision:
    the last decision event, found by the item's id or (imported) by its position."""
    decided: dict[object, date] = {}
    events = session.execute(
        select(
            col(Event.initiative_id),
            col(Event.entity_id),
            col(Event.field),
            func.max(col(Event.at)),
        )
        .where(
            col(Event.entity) == "stop_item",
            col(Event.action) == "stop_decision",
            col(Event.field).like("%.decision"),
        )
        .group_by(col(Event.initiative_id), col(Event.entity_id), col(Event.field))
    )
    for initiative_id, entity_id, field, at in events:
        key: object = entity_id if entity_id is not None else (initiative_id, field)
        day = local_day(at)
        decided[key] = max(decided.get(key, day), day)
    rows = session.execute(
        select(
            col(StopItem.id),
            col(StopItem.initiative_id),
            col(StopItem.position),
            col(StopItem.unit),
            col(StopItem.activity),
            col(StopItem.hours_freed),
        ).where(
            col(StopItem.decision) != StopDecision.UNDECIDED.value,
            col(StopItem.follow_up_result).is_distinct_from(FollowUpResult.RESTARTED.value),
            col(StopItem.hours_freed).is_not(None),
        )
    )
    return [
        FreedFacts(
            unit=row.unit,
            activity=row.activity,
            hours_per_month=row.hours_freed,
            decided_on=decided.get(row.id)
            or decided.get((row.initiative_id, f"stop_doing[{row.position}].decision")),
        )
        for row in rows
    ]


def portfolio_overview(
    db: Database, *, since: date | None = None, until: date | None = None
) -> Overview:
    """What is being done and where the improvements are, from ``since`` to ``until``."""
    if since and until and until < since:
        raise InvalidInput(_("The period ends before it starts."))
    with read_session(db.engine) as session:
        initiatives = _initiatives(session)
        titles = {i.id: (i.title, i.unit) for i in initiatives}
        signals = [
            SignalFacts(
                initiative_id=s.initiative_id,
                title=titles[s.initiative_id][0],
                measure=s.name,
                improvement=s.improvement,
                since=s.since,
                last_on=s.last_on,
            )
            for s in current_signals(measure_series(session, None))
        ]
        closures = _closures(session, titles)
        cycles = cycle_facts(session)
        freed = _freed(session)
    return overview(
        initiatives,
        signals=signals,
        closures=closures,
        cycles=cycles,
        freed=freed,
        period=Period(since, until),
    )
