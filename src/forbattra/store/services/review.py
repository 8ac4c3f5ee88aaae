"""A coach's review: the queue of what needs a look, cycle statistics and PDSA fidelity.

"Since the coach last looked" is the reviewer's ``review_mark``; marking the queue as looked
at is one transaction with an event. Last activity is the newest event of an initiative that
is the team's own work: imports and comments (a coach's) do not count as the team moving.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlmodel import col

from forbattra.core.cycle_stats import CycleFacts, CycleStats, cycle_stats, stalled
from forbattra.core.fidelity import Fidelity, FidelityInput, MeasureFacts, fidelity
from forbattra.core.review_text import QueueItem, QueueKind
from forbattra.core.vocabulary import CycleDecision, Method, PredictionHeld, Status
from forbattra.i18n import _
from forbattra.store.database import Database
from forbattra.store.engine import read_session, write_session
from forbattra.store.errors import InvalidInput
from forbattra.store.models import Answer, Cycle, Event, Initiative, ReviewMark
from forbattra.store.services.events import record
from forbattra.store.services.signals import current_signals, measure_series
from forbattra.store.types import utcnow

# Events that are not the team's work on the initiative.
_NOT_ACTIVITY_ACTIONS = ("import", "export")
_NOT_ACTIVITY_ENTITIES = ("comment",)
# Where each method keeps its aim, and DMAIC its small-scale test.
AIM_QUESTIONS = {Method.PDSA: ("aim", "aim"), Method.DMAIC: ("define", "goal")}
SMALL_TEST = ("improve", "small_test")


@dataclass(frozen=True)
class ReviewQueue:
    reviewer: str
    looked_at: datetime | None
    weeks: int
    items: tuple[QueueItem, ...]


@dataclass(frozen=True)
class InitiativeReview:
    id: int
    title: str
    method: Method
    status: Status
    unit: str
    stats: CycleStats
    fidelity: Fidelity


@dataclass(frozen=True)
class CoachReview:
    rows: tuple[InitiativeReview, ...]
    overall: CycleStats
    stalled: tuple[tuple[int, str, int | None], ...]  # (id, title, weeks since activity)
    weeks: int


def last_activity(session: Session) -> dict[int, datetime | None]:
    """The newest event of the team's own work per active initiative (a paused one is
    quiet on purpose, until its review date)."""
    open_ids = session.execute(
        select(col(Initiative.id)).where(col(Initiative.status) == Status.ACTIVE.value)
    ).scalars()
    found: dict[int, datetime | None] = {key: None for key in open_ids if key is not None}
    rows = session.execute(
        select(col(Event.initiative_id), func.max(col(Event.at)))
        .where(
            col(Event.initiative_id).in_(list(found)),
            col(Event.action).not_in(_NOT_ACTIVITY_ACTIONS),
            col(Event.entity).not_in(_NOT_ACTIVITY_ENTITIES),
        )
        .group_by(col(Event.initiative_id))
    )
    for initiative_id, at in rows:
        if initiative_id is not None:
            found[initiative_id] = at
    return found


def cycle_facts(session: Session, initiative_ids: Sequence[int] | None = None) -> list[CycleFacts]:
    """What the statistics and fidelity need of the cycles, without their long texts."""
    query = select(
        col(Cycle.id),
        col(Cycle.initiative_id),
        col(Cycle.number),
        col(Cycle.solution_id),
        col(Cycle.prediction) != "",
        col(Cycle.study) != "",
        col(Cycle.decision),
        col(Cycle.started_on),
        col(Cycle.finished_on),
        col(Cycle.prediction_held),
    ).order_by(col(Cycle.initiative_id), col(Cycle.number))
    changes = select(col(Event.entity_id), col(Event.action), col(Event.old)).where(
        col(Event.entity) == "cycle",
        ((col(Event.action) == "edit_after_start") & (col(Event.field) == "prediction"))
        | ((col(Event.action) == "add") & (col(Event.field) == "from")),
    )
    if initiative_ids is not None:
        query = query.where(col(Cycle.initiative_id).in_(list(initiative_ids)))
        changes = changes.where(col(Event.initiative_id).in_(list(initiative_ids)))
    changed_after_start: set[int] = set()
    follows: dict[int, int] = {}
    for entity_id, action, old in session.execute(changes):
        if entity_id is None:
            continue
        if action == "edit_after_start":
            changed_after_start.add(entity_id)
        elif old and old.isdecimal():
            follows[entity_id] = int(old)
    return [
        CycleFacts(
            initiative_id=row[1],
            number=row[2],
            solution_id=row[3],
            has_prediction=bool(row[4]),
            has_study=bool(row[5]),
            decision=CycleDecision(row[6]) if row[6] else None,
            started_on=row[7],
            finished_on=row[8],
            prediction_changed_after_start=row[0] in changed_after_start,
            follows=follows.get(row[0] or 0),
            prediction_held=PredictionHeld(row[9]) if row[9] else None,
        )
        for row in session.execute(query)
    ]


def _looked_at(session: Session, reviewer: str) -> datetime | None:
    return session.execute(
        select(col(ReviewMark.looked_at)).where(col(ReviewMark.reviewer) == reviewer)
    ).scalar_one_or_none()


def _initiatives(session: Session) -> dict[int, tuple[str, Method, str]]:
    rows = session.execute(
        select(
            col(Initiative.id),
            col(Initiative.title),
            col(Initiative.method),
            col(Initiative.status),
        )
    )
    return {row.id: (row.title, Method(row.method), row.status) for row in rows}


def _cycle_numbers(session: Session) -> dict[int, int]:
    return {row.id: row.number for row in session.execute(select(col(Cycle.id), col(Cycle.number)))}


def _check_weeks(weeks: int) -> None:
    if weeks < 1:
        raise InvalidInput(_("The number of weeks must be 1 or more."))


def review_queue(
    db: Database, reviewer: str, *, weeks: int = 6, now: datetime | None = None
) -> ReviewQueue:
    """What needs a coach's look: cycles finished and phase gates passed with open questions
    since ``reviewer`` last looked, measures with a new signal, and initiatives with no
    activity for ``weeks`` weeks or more."""
    _check_weeks(weeks)
    moment = now or utcnow()
    items: list[QueueItem] = []
    with read_session(db.engine) as session:
        looked_at = _looked_at(session, reviewer)
        known = _initiatives(session)
        numbers = _cycle_numbers(session)
        events = select(
            col(Event.initiative_id),
            col(Event.at),
            col(Event.entity_id),
            col(Event.action),
            col(Event.field),
            col(Event.new),
        ).where(
            col(Event.initiative_id).is_not(None),
            ((col(Event.entity) == "cycle") & col(Event.action).in_(("decide", "cycle_decision")))
            | ((col(Event.entity) == "initiative") & (col(Event.action) == "gate")),
        )
        if looked_at is not None:
            events = events.where(col(Event.at) > looked_at)
        for row in session.execute(events.order_by(col(Event.at), col(Event.id))):
            title, method, _status = known[row.initiative_id]
            if row.action == "gate":
                kind, subject = QueueKind.GATE_OPEN, row.field
            elif row.new:
                kind = QueueKind.CYCLE_FINISHED
                number = numbers.get(row.entity_id) if row.entity_id is not None else None
                subject = str(number) if number else row.field.removeprefix("cycle:")
            else:
                continue  # a decision taken back is not a finished cycle
            items.append(
                QueueItem(kind, row.initiative_id, title, method, row.at, subject, row.new or "")
            )
        open_ids = [key for key, info in known.items() if info[2] != Status.CLOSED.value]
        for signal in current_signals(measure_series(session, open_ids)):
            if looked_at is None or signal.entered_at > looked_at:
                title, method, _status = known[signal.initiative_id]
                items.append(
                    QueueItem(
                        QueueKind.SIGNAL,
                        signal.initiative_id,
                        title,
                        method,
                        signal.entered_at,
                        signal.name,
                        "improvement" if signal.improvement else "deterioration",
                    )
                )
        activity = last_activity(session)
    for initiative_id, quiet in stalled(activity, weeks, moment):
        title, method, _status = known[initiative_id]
        items.append(
            QueueItem(
                QueueKind.STALLED,
                initiative_id,
                title,
                method,
                activity[initiative_id],
                "",
                "" if quiet is None else str(quiet),
            )
        )
    return ReviewQueue(reviewer, looked_at, weeks, tuple(items))


def mark_looked(db: Database, reviewer: str, *, at: datetime | None = None) -> datetime:
    """Everything up to now (``at``) has been seen by ``reviewer``; one transaction."""
    moment = at or utcnow()
    with write_session(db.engine) as session:
        mark = session.execute(
            select(ReviewMark).where(col(ReviewMark.reviewer) == reviewer)
        ).scalar_one_or_none()
        old = mark.looked_at if mark else None
        if mark is None:
            session.add(ReviewMark(reviewer=reviewer, looked_at=moment))
        else:
            mark.looked_at = moment
        record(
            session,
            reviewer,
            initiative_id=None,
            entity="review_mark",
            action="looked",
            field="looked_at",
            old=old.isoformat() if old else None,
            new=moment.isoformat(),
        )
    return moment


def _answers(session: Session, question: tuple[str, str]) -> dict[int, str]:
    rows = session.execute(
        select(col(Answer.initiative_id), col(Answer.text)).where(
            col(Answer.phase) == question[0], col(Answer.question) == question[1]
        )
    )
    return {initiative_id: text for initiative_id, text in rows}


def coach_review(
    db: Database, *, weeks: int = 6, include_closed: bool = True, now: datetime | None = None
) -> CoachReview:
    """Cycle statistics and fidelity per initiative and overall, and who has stalled."""
    _check_weeks(weeks)
    with read_session(db.engine) as session:
        query = select(
            col(Initiative.id),
            col(Initiative.title),
            col(Initiative.method),
            col(Initiative.status),
            col(Initiative.unit),
        ).order_by(col(Initiative.id))
        if not include_closed:
            query = query.where(col(Initiative.status) != Status.CLOSED.value)
        initiatives = list(session.execute(query))
        cycles = cycle_facts(session)
        series = measure_series(session, None)
        aims = {method: _answers(session, key) for method, key in AIM_QUESTIONS.items()}
        small_tests = _answers(session, SMALL_TEST)
        activity = last_activity(session)
    rows = []
    for row in initiatives:
        method = Method(row.method)
        own = tuple(c for c in cycles if c.initiative_id == row.id)
        measures = tuple(
            MeasureFacts(
                m.name, m.has_target, tuple(day for day, _at, v in m.points if v is not None)
            )
            for m in series
            if m.initiative_id == row.id
        )
        facts = FidelityInput(
            row.id,
            own,
            aims[method].get(row.id, ""),
            small_tests.get(row.id, "") if method == Method.DMAIC else "",
            measures,
        )
        rows.append(
            InitiativeReview(
                row.id,
                row.title,
                method,
                Status(row.status),
                row.unit,
                cycle_stats(own),
                fidelity(facts),
            )
        )
    titles = {row.id: row.title for row in initiatives}
    quiet = tuple(
        (initiative_id, titles[initiative_id], weeks_quiet)
        for initiative_id, weeks_quiet in stalled(activity, weeks, now or utcnow())
        if initiative_id in titles
    )
    chosen = {row.id for row in initiatives}
    overall = cycle_stats(c for c in cycles if c.initiative_id in chosen)
    return CoachReview(tuple(rows), overall, quiet, weeks)
