"""The history of one initiative: its event log told as a timeline, with run chart signals."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlmodel import col

from forbattra.core.domain import EventRow
from forbattra.core.moments import local_midnight
from forbattra.core.review import Entry, Names, signal_entries, timeline
from forbattra.core.vocabulary import Method
from forbattra.store.database import Database
from forbattra.store.engine import read_session
from forbattra.store.models import Comment, Cycle, Event, StopItem
from forbattra.store.services.initiatives import load
from forbattra.store.services.signals import measure_series

_EVENT_COLUMNS = (
    col(Event.id),
    col(Event.at),
    col(Event.actor),
    col(Event.initiative_id),
    col(Event.entity),
    col(Event.entity_id),
    col(Event.action),
    col(Event.field),
    col(Event.old),
    col(Event.new),
)


@dataclass(frozen=True)
class History:
    initiative_id: int
    title: str
    method: Method
    entries: tuple[Entry, ...]


def initiative_history(db: Database, initiative_id: int) -> History:
    """Everything that happened to the initiative, oldest first, in one read transaction."""
    with read_session(db.engine) as session:
        initiative = load(session, initiative_id)
        method = Method(initiative.method)
        events = [
            EventRow(
                id=row.id or 0,
                at=row.at,
                actor=row.actor,
                initiative_id=row.initiative_id,
                entity=row.entity,
                entity_id=row.entity_id,
                action=row.action,
                field=row.field,
                old=row.old,
                new=row.new,
            )
            for row in session.execute(
                select(*_EVENT_COLUMNS)
                .where(col(Event.initiative_id) == initiative_id)
                .order_by(col(Event.at), col(Event.id))
            )
        ]
        cycles = {
            row.id: (row.number, row.title)
            for row in session.execute(
                select(col(Cycle.id), col(Cycle.number), col(Cycle.title)).where(
                    col(Cycle.initiative_id) == initiative_id
                )
            )
        }
        stop_items: dict[str, str] = {}
        for row in session.execute(
            select(col(StopItem.id), col(StopItem.position), col(StopItem.activity)).where(
                col(StopItem.initiative_id) == initiative_id
            )
        ):
            stop_items[str(row.id)] = row.activity
            stop_items[f"stop_doing[{row.position}]"] = row.activity
        # Imported histories record that a comment was made, not what it said.
        said = {
            (row.target, row.created_at): row.text
            for row in session.execute(
                select(col(Comment.target), col(Comment.created_at), col(Comment.text)).where(
                    col(Comment.initiative_id) == initiative_id
                )
            )
        }
        events = [
            replace(event, new=said.get((event.field, event.at)))
            if event.entity == "comment" and event.action == "comment" and event.new is None
            else event
            for event in events
        ]
        series = measure_series(session, [initiative_id])
        title = initiative.title
    measures: dict[str, str] = {}
    for index, measure in enumerate(series):
        # Imported histories name measures by their key in the exchange document.
        measures[f"m{index + 1}"] = measure.name
        measures[str(measure.measure_id)] = measure.name
    signals = [
        entry
        for measure in series
        for entry in signal_entries(
            measure.name,
            [(local_midnight(day), value) for day, _at, value in measure.points],
            measure.verdict_of,
        )
    ]
    names = Names(method=method, cycles=cycles, measures=measures, stop_items=stop_items)
    return History(initiative_id, title, method, tuple(timeline(events, names, signals)))
