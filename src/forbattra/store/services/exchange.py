"""Import and export of initiative documents (the exchange format of ``core.exchange``)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from forbattra.core import exchange, methods
from forbattra.core.exchange import InitiativeDocument
from forbattra.core.vocabulary import Method
from forbattra.store.database import Database
from forbattra.store.engine import read_session, write_session
from forbattra.store.models import (
    Answer,
    Cause,
    Closure,
    Comment,
    Cycle,
    Event,
    Initiative,
    Measure,
    MeasureStage,
    Observation,
    Solution,
    SolutionCause,
    StopItem,
)
from forbattra.store.services.events import record
from forbattra.store.services.export_batch import BATCH, ExportBatch
from forbattra.store.services.initiatives import load
from forbattra.store.services.workshop_exchange import export_parking, export_votes, insert_workshop
from forbattra.store.types import utcnow

# Events that describe this database's own provenance, not the initiative: left out of
# exports so export, import, export gives the same document.
LOCAL_ACTIONS = frozenset({"import"})


def _value(enum_value: Any) -> Any:
    return getattr(enum_value, "value", enum_value)


def _insert(session: Session, actor: str, document: InitiativeDocument, source: str) -> int:
    data = document.initiative
    now = utcnow()
    initiative = Initiative(
        title=" ".join(data.title.split()),
        method=data.method.value,
        unit=data.unit,
        area=data.area,
        leader=data.leader,
        sponsor=data.sponsor,
        coach=data.coach,
        team=data.team,
        status=data.status.value,
        phase=data.phase or methods.first_phase(data.method),
        review_by=data.review_by,
        created_at=data.created_at or now,
        updated_at=data.updated_at or data.created_at or now,
    )
    session.add(initiative)
    session.flush()
    initiative_id = initiative.id
    assert initiative_id is not None
    for answer in document.answers:
        session.add(
            Answer(
                initiative_id=initiative_id,
                phase=answer.phase,
                question=answer.question,
                text=answer.text,
                updated_at=answer.updated_at or initiative.updated_at,
            )
        )
    cause_ids: dict[str, int] = {}
    causes: dict[str, Cause] = {}
    for position, cause_data in enumerate(document.causes):
        cause = Cause(
            initiative_id=initiative_id,
            position=position,
            text=cause_data.text,
            category=_value(cause_data.category),
            root=cause_data.root,
            verified=cause_data.verified,
            votes=cause_data.votes,
        )
        session.add(cause)
        causes[cause_data.key] = cause
    session.flush()
    for key, cause in causes.items():
        assert cause.id is not None
        cause_ids[key] = cause.id
    for cause_data in document.causes:
        if cause_data.parent is not None:
            causes[cause_data.key].parent_id = cause_ids[cause_data.parent]
    solution_ids: dict[str, int] = {}
    for position, solution_data in enumerate(document.solutions):
        solution = Solution(
            initiative_id=initiative_id,
            position=position,
            text=solution_data.text,
            impact=_value(solution_data.impact),
            effort=_value(solution_data.effort),
            votes=solution_data.votes,
        )
        session.add(solution)
        session.flush()
        assert solution.id is not None
        solution_ids[solution_data.key] = solution.id
        for cause_key in dict.fromkeys(solution_data.causes):
            session.add(SolutionCause(solution_id=solution.id, cause_id=cause_ids[cause_key]))
    for position, measure_data in enumerate(document.measures):
        measure = Measure(
            initiative_id=initiative_id,
            position=position,
            name=measure_data.name,
            kind=measure_data.kind.value,
            unit=measure_data.unit,
            direction=measure_data.direction.value,
            target=measure_data.target,
            baseline_points=measure_data.baseline_points,
            definition=measure_data.definition,
            collection=measure_data.collection,
            collector=measure_data.collector,
        )
        session.add(measure)
        session.flush()
        assert measure.id is not None
        for observation in measure_data.observations:
            session.add(
                Observation(
                    measure_id=measure.id,
                    observed_on=observation.date,
                    period=observation.period,
                    value=observation.value,
                    note=observation.note,
                )
            )
        for stage_data in measure_data.stages:
            session.add(
                MeasureStage(
                    measure_id=measure.id,
                    starts_on=stage_data.starts_on,
                    reason=" ".join(stage_data.reason.split()),
                )
            )
    for cycle_data in document.cycles:
        session.add(
            Cycle(
                initiative_id=initiative_id,
                solution_id=solution_ids.get(cycle_data.solution) if cycle_data.solution else None,
                number=cycle_data.number,
                title=cycle_data.title,
                objective=cycle_data.objective,
                prediction=cycle_data.prediction,
                plan=cycle_data.plan,
                what_happened=cycle_data.what_happened,
                study=cycle_data.study,
                prediction_held=_value(cycle_data.prediction_held),
                decision=_value(cycle_data.decision),
                decision_notes=cycle_data.decision_notes,
                started_on=cycle_data.started_on,
                finished_on=cycle_data.finished_on,
            )
        )
    for position, item in enumerate(document.stop_doing):
        session.add(
            StopItem(
                initiative_id=initiative_id,
                unit=data.unit,
                position=position,
                activity=item.activity,
                who=item.who,
                hours_per_month=item.hours_per_month,
                minutes_per_occurrence=item.minutes_per_occurrence,
                occurrences_per_month=item.occurrences_per_month,
                beneficiary=item.beneficiary,
                if_stopped=item.if_stopped,
                decision=item.decision.value,
                reason=item.reason,
                hours_freed=item.hours_freed,
                follow_up_on=item.follow_up_on,
                follow_up_result=_value(item.follow_up_result),
                follow_up_note=item.follow_up_note,
            )
        )
    if document.closure is not None:
        closure = document.closure
        session.add(
            Closure(
                initiative_id=initiative_id,
                reason=closure.reason.value,
                reason_text=closure.reason_text,
                learned=closure.learned,
                keep=closure.keep,
                stop_doing=closure.stop_doing,
                freed_hours=closure.freed_hours,
                decided_by=closure.decided_by,
                closed_on=closure.closed_on,
                phase_at_close=initiative.phase,
            )
        )
    for comment in document.comments:
        session.add(
            Comment(
                initiative_id=initiative_id,
                target=comment.target,
                author=comment.author,
                text=comment.text,
                resolved=comment.resolved,
                created_at=comment.created_at or now,
            )
        )
    insert_workshop(session, initiative_id, document, cause_ids, solution_ids)
    for event in document.history:
        session.add(
            Event(
                at=event.at,
                actor=event.actor,
                initiative_id=initiative_id,
                entity=event.entity,
                action=event.action,
                field=event.field,
                old=event.old,
                new=event.new,
            )
        )
    record(
        session,
        actor,
        initiative_id=initiative_id,
        entity="initiative",
        entity_id=initiative_id,
        action="import",
        new=source or None,
    )
    return initiative_id


def import_documents(
    db: Database, actor: str, documents: Iterable[tuple[str, InitiativeDocument]]
) -> list[int]:
    """Store every (source, document) pair in one transaction: all of them, or none."""
    with write_session(db.engine) as session:
        return [_insert(session, actor, document, source) for source, document in documents]


def _iso(moment: datetime) -> str:
    return moment.isoformat()


def _document(
    session: Session, initiative: Initiative, batch: ExportBatch | None = None
) -> dict[str, Any]:
    initiative_id = initiative.id

    def rows(
        model: Any, *order: Any, via: tuple[Any, str] | None = None, key: Any = None
    ) -> list[Any]:
        """The initiative's rows of ``model`` (or, ``via`` a parent, those of parent ``key``)."""
        key = initiative_id if via is None else key
        if batch is not None:  # many documents: one query per kind of row (export_batch.py)
            return batch.rows(model, order, key, via=via)
        column = model.initiative_id if via is None else getattr(model, via[1])
        return list(session.execute(select(model).where(column == key).order_by(*order)).scalars())

    causes = rows(Cause, Cause.position, Cause.id)
    cause_keys = {cause.id: f"c{index + 1}" for index, cause in enumerate(causes)}
    solutions = rows(Solution, Solution.position, Solution.id)
    solution_keys = {solution.id: f"s{index + 1}" for index, solution in enumerate(solutions)}
    links: dict[int, list[int]] = {}
    for solution_id in solution_keys:
        for link in rows(SolutionCause, key=solution_id, via=(Solution, "solution_id")):
            links.setdefault(link.solution_id, []).append(link.cause_id)
    cause_order = {cause.id: index for index, cause in enumerate(causes)}
    measures = rows(Measure, Measure.position, Measure.id)
    cycles = rows(Cycle, Cycle.number)
    cycle_numbers = {cycle.number for cycle in cycles}
    closure = next(iter(rows(Closure)), None)  # at most one (a unique initiative_id)
    document: dict[str, Any] = {
        "format": exchange.FORMAT,
        "version": exchange.FORMAT_VERSION,
        "initiative": {
            "title": initiative.title,
            "method": initiative.method,
            "unit": initiative.unit,
            "area": initiative.area,
            "leader": initiative.leader,
            "sponsor": initiative.sponsor,
            "coach": initiative.coach,
            "team": initiative.team,
            "status": initiative.status,
            "phase": initiative.phase,
            "review_by": initiative.review_by.isoformat() if initiative.review_by else None,
            "created_at": _iso(initiative.created_at),
            "updated_at": _iso(initiative.updated_at),
        },
        "answers": [
            {
                "phase": answer.phase,
                "question": answer.question,
                "text": answer.text,
                "updated_at": _iso(answer.updated_at),
            }
            for answer in _ordered_answers(initiative.method, rows(Answer, Answer.id))
        ],
        "causes": [
            {
                "key": cause_keys[cause.id],
                "text": cause.text,
                "category": cause.category,
                "parent": cause_keys.get(cause.parent_id) if cause.parent_id else None,
                "root": cause.root,
                "verified": cause.verified,
                "votes": cause.votes,
            }
            for cause in causes
        ],
        "solutions": [
            {
                "key": solution_keys[solution.id],
                "text": solution.text,
                "causes": [
                    cause_keys[cause_id]
                    for cause_id in sorted(links.get(solution.id, []), key=cause_order.__getitem__)
                ],
                "impact": solution.impact,
                "effort": solution.effort,
                "votes": solution.votes,
            }
            for solution in solutions
        ],
        "measures": [
            {
                "key": f"m{index + 1}",
                "name": measure.name,
                "kind": measure.kind,
                "unit": measure.unit,
                "direction": measure.direction,
                "target": measure.target,
                "baseline_points": measure.baseline_points,
                "definition": measure.definition,
                "collection": measure.collection,
                "collector": measure.collector,
                "observations": [
                    {
                        "date": observation.observed_on.isoformat(),
                        "period": observation.period,
                        "value": observation.value,
                        "note": observation.note,
                    }
                    for observation in rows(
                        Observation,
                        Observation.observed_on,
                        Observation.id,
                        key=measure.id,
                        via=(Measure, "measure_id"),
                    )
                ],
                "stages": [
                    {"starts_on": stage.starts_on.isoformat(), "reason": stage.reason}
                    for stage in rows(
                        MeasureStage,
                        MeasureStage.starts_on,
                        key=measure.id,
                        via=(Measure, "measure_id"),
                    )
                ],
            }
            for index, measure in enumerate(measures)
        ],
        "cycles": [
            {
                "number": cycle.number,
                "title": cycle.title,
                "solution": solution_keys.get(cycle.solution_id) if cycle.solution_id else None,
                "objective": cycle.objective,
                "prediction": cycle.prediction,
                "plan": cycle.plan,
                "what_happened": cycle.what_happened,
                "study": cycle.study,
                "prediction_held": cycle.prediction_held,
                "decision": cycle.decision,
                "decision_notes": cycle.decision_notes,
                "started_on": cycle.started_on.isoformat() if cycle.started_on else None,
                "finished_on": cycle.finished_on.isoformat() if cycle.finished_on else None,
            }
            for cycle in cycles
        ],
        "stop_doing": [
            {
                "activity": item.activity,
                "who": item.who,
                "hours_per_month": item.hours_per_month,
                "minutes_per_occurrence": item.minutes_per_occurrence,
                "occurrences_per_month": item.occurrences_per_month,
                "beneficiary": item.beneficiary,
                "if_stopped": item.if_stopped,
                "decision": item.decision,
                "reason": item.reason,
                "hours_freed": item.hours_freed,
                "follow_up_on": item.follow_up_on.isoformat() if item.follow_up_on else None,
                "follow_up_result": item.follow_up_result,
                "follow_up_note": item.follow_up_note,
            }
            for item in rows(StopItem, StopItem.position, StopItem.id)
        ],
        "closure": None
        if closure is None
        else {
            "reason": closure.reason,
            "reason_text": closure.reason_text,
            "learned": closure.learned,
            "keep": closure.keep,
            "stop_doing": closure.stop_doing,
            "freed_hours": closure.freed_hours,
            "decided_by": closure.decided_by,
            "closed_on": closure.closed_on.isoformat(),
        },
        "comments": [
            {
                "target": comment.target
                if not comment.target.startswith("cycle:")
                or int(comment.target.partition(":")[2]) in cycle_numbers
                else "initiative",
                "author": comment.author,
                "text": comment.text,
                "resolved": comment.resolved,
                "created_at": _iso(comment.created_at),
            }
            for comment in rows(Comment, Comment.created_at, Comment.id)
        ],
        "history": [
            {
                "at": _iso(event.at),
                "actor": event.actor,
                "action": event.action,
                "entity": event.entity,
                "field": event.field,
                "old": event.old,
                "new": event.new,
            }
            for event in rows(Event, Event.at, Event.id)
            if event.action not in LOCAL_ACTIONS
        ],
        "parking": export_parking(session, initiative.id or 0),
        "votes": export_votes(session, initiative.id or 0, cause_keys, solution_keys),
    }
    return document


def _ordered_answers(method: str, answers: list[Answer]) -> list[Answer]:
    """Answers in the method's order of phases and questions, so exports are stable."""
    order: dict[tuple[str, str], int] = {}
    for phase in methods.phases(Method(method)):
        for question in phase.questions:
            order[(phase.key, question.key)] = len(order)
    return sorted(answers, key=lambda a: order.get((a.phase, a.question), len(order)))


def export_documents(db: Database, ids: list[int] | None = None) -> list[dict[str, Any]]:
    """Documents for ``ids`` (in that order), or for every initiative when ``ids`` is None."""
    with read_session(db.engine) as session:
        if ids is None:
            initiatives = list(
                session.execute(select(Initiative).order_by(Initiative.id)).scalars()  # type: ignore[arg-type]
            )
        else:
            initiatives = [load(session, initiative_id) for initiative_id in ids]
        # Through the validator and back: exports are checked and always in canonical form.
        documents: list[dict[str, Any]] = []
        for start in range(0, len(initiatives), BATCH):
            chunk = initiatives[start : start + BATCH]
            batch = ExportBatch(session, [i.id or 0 for i in chunk]) if len(chunk) > 1 else None
            documents.extend(
                exchange.dump_document(exchange.parse_document(_document(session, i, batch)))
                for i in chunk
            )
        return documents
