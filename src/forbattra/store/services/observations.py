"""Observations, the values of a measure: add, edit and delete one, or import many from CSV.

Every write is one transaction and records events (old and new values) in the log; an import
stores all of its rows or none. One value per date and measure.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import PurePath

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from forbattra.core.domain import ObservationRow
from forbattra.core.observations_csv import ParsedRow
from forbattra.i18n import _, ngettext
from forbattra.store.database import Database
from forbattra.store.engine import write_session
from forbattra.store.errors import InvalidInput, NotFound
from forbattra.store.models import Observation
from forbattra.store.services.checks import check_version, no_lost_updates, touch
from forbattra.store.services.events import record
from forbattra.store.services.measure_common import (
    check_number,
    conflict_message,
    load_measure,
    measure_conflict,
    observation_row,
    single_line,
    stripped_text,
)

MAX_PERIOD = 40


def _checked_observation(
    observed_on: date, value: float | None, period: str, note: str
) -> tuple[date, float | None, str, str]:
    if not isinstance(observed_on, date):
        raise InvalidInput(_("The date must be a date like 2025-03-14."))
    period = single_line(period)
    if len(period) > MAX_PERIOD:
        raise InvalidInput(
            _("The period is too long ({length} characters; at most {limit}).").format(
                length=len(period), limit=MAX_PERIOD
            )
        )
    value = check_number(value, _("The value must be a number, or none for a missing one."))
    return observed_on, value, period, stripped_text(note)


def _number_text(value: float | None) -> str:
    if value is None:
        return "-"
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def _observation_text(observed_on: date, period: str, value: float | None) -> str:
    return f"{period or observed_on.isoformat()}: {_number_text(value)}"


def _load_observation(session: Session, observation_id: int) -> Observation:
    observation = session.get(Observation, observation_id)
    if observation is None:
        raise NotFound(_("There is no value with id {id}.").format(id=observation_id))
    return observation


def _taken(
    session: Session, measure_id: int, days: Sequence[date], except_id: int | None = None
) -> set[date]:
    if not days:
        return set()
    query = select(col(Observation.observed_on)).where(
        col(Observation.measure_id) == measure_id,
        col(Observation.observed_on).in_(list(days)),
    )
    if except_id is not None:
        query = query.where(col(Observation.id) != except_id)
    return set(session.execute(query).scalars())


def add_observation(
    db: Database,
    actor: str,
    measure_id: int,
    observed_on: date,
    value: float | None,
    *,
    period: str = "",
    note: str = "",
) -> ObservationRow:
    """Record one value (None for a period without one); one value per date and measure."""
    observed_on, value, period, note = _checked_observation(observed_on, value, period, note)
    with write_session(db.engine) as session:
        measure = load_measure(session, measure_id)
        if _taken(session, measure_id, [observed_on]):
            raise InvalidInput(
                _("There is already a value for {period}; change that one instead.").format(
                    period=period or observed_on.isoformat()
                )
            )
        observation = Observation(
            measure_id=measure_id, observed_on=observed_on, period=period, value=value, note=note
        )
        session.add(observation)
        session.flush()
        record(
            session,
            actor,
            initiative_id=measure.initiative_id,
            entity="observation",
            entity_id=observation.id,
            action="create",
            field=measure.name[:60],
            new=_observation_text(observed_on, period, value),
        )
        touch(session, measure.initiative_id)
        return observation_row(observation)


def edit_observation(
    db: Database,
    actor: str,
    observation_id: int,
    observed_on: date,
    value: float | None,
    *,
    period: str = "",
    note: str = "",
    expected_version: int | None = None,
) -> ObservationRow:
    """Change a recorded value; every changed field goes to the log, old and new."""
    observed_on, value, period, note = _checked_observation(observed_on, value, period, note)
    with no_lost_updates(conflict_message("value")), write_session(db.engine) as session:
        observation = _load_observation(session, observation_id)
        check_version(observation.version, expected_version, measure_conflict("value"))
        measure = load_measure(session, observation.measure_id)
        if _taken(session, measure.id or 0, [observed_on], except_id=observation_id):
            raise InvalidInput(
                _("There is already a value for {period}; change that one instead.").format(
                    period=period or observed_on.isoformat()
                )
            )
        changes = {"observed_on": observed_on, "period": period, "value": value, "note": note}
        changed = False
        for name, new_value in changes.items():
            old = getattr(observation, name)
            if old == new_value:
                continue
            setattr(observation, name, new_value)
            record(
                session,
                actor,
                initiative_id=measure.initiative_id,
                entity="observation",
                entity_id=observation_id,
                action="edit",
                field=name,
                old=old.isoformat() if isinstance(old, date) else old,
                new=new_value.isoformat() if isinstance(new_value, date) else new_value,
            )
            changed = True
        if changed:
            touch(session, measure.initiative_id)
            session.flush()
        return observation_row(observation)


def delete_observation(
    db: Database, actor: str, observation_id: int, *, expected_version: int | None = None
) -> None:
    """Delete a recorded value; the log keeps what it was."""
    with no_lost_updates(conflict_message("value")), write_session(db.engine) as session:
        observation = _load_observation(session, observation_id)
        check_version(observation.version, expected_version, measure_conflict("value"))
        measure = load_measure(session, observation.measure_id)
        record(
            session,
            actor,
            initiative_id=measure.initiative_id,
            entity="observation",
            entity_id=observation_id,
            action="delete",
            field=measure.name[:60],
            old=_observation_text(observation.observed_on, observation.period, observation.value),
        )
        touch(session, measure.initiative_id)
        session.delete(observation)


def import_observations(
    db: Database, actor: str, measure_id: int, rows: Sequence[ParsedRow], source: str = ""
) -> int:
    """Store parsed CSV rows in one measure, all in one transaction; returns how many.

    Refuses the whole import when a row's date already has a value in the measure (say,
    the same file imported twice), naming the lines. One event records the import.
    """
    checked = [
        (row.line, *_checked_observation(row.observed_on, row.value, row.period, row.note))
        for row in rows
    ]
    if not checked:
        raise InvalidInput(_("There is nothing to import."))
    with write_session(db.engine) as session:
        measure = load_measure(session, measure_id)
        taken = _taken(session, measure_id, [day for _line, day, *_rest in checked])
        clashes = [line for line, day, *_rest in checked if day in taken]
        if clashes:
            raise InvalidInput(
                ngettext(
                    "The measure already has a value for the date on line {lines};"
                    " nothing was imported.",
                    "The measure already has values for the dates on lines {lines};"
                    " nothing was imported.",
                    len(clashes),
                ).format(lines=", ".join(str(line) for line in clashes))
            )
        for _line, observed_on, value, period, note in checked:
            session.add(
                Observation(
                    measure_id=measure_id,
                    observed_on=observed_on,
                    period=period,
                    value=value,
                    note=note,
                )
            )
        record(
            session,
            actor,
            initiative_id=measure.initiative_id,
            entity="measure",
            entity_id=measure_id,
            action="import_observations",
            field=PurePath(source).name[:60] if source else "",
            new=len(checked),
        )
        touch(session, measure.initiative_id)
        return len(checked)
