"""Measures and their observations: define, edit, delete, list, and import from CSV.

Every write is one transaction and records events (old and new values) in the log; an
import stores all of its rows or none. Values are checked here so that every stored measure
also exports as a valid exchange document.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import fields
from datetime import date
from pathlib import PurePath
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import col

from forbattra.core.domain import (
    CycleMark,
    MeasureRow,
    MeasuresPage,
    MeasureVerdicts,
    NewMeasure,
    ObservationRow,
    StageMark,
)
from forbattra.core.observations_csv import ParsedRow
from forbattra.core.vocabulary import Direction, MeasureKind, Status
from forbattra.i18n import _, ngettext
from forbattra.store.database import Database
from forbattra.store.engine import read_session, write_session
from forbattra.store.errors import Conflict, InvalidInput, NotFound
from forbattra.store.models import Cycle, Measure, MeasureStage, Observation
from forbattra.store.services.checks import touch
from forbattra.store.services.events import record
from forbattra.store.services.initiatives import load as load_initiative
from forbattra.store.services.stages import stages_of

MAX_NAME = 300
MAX_UNIT = 60
MAX_PERIOD = 40
MAX_TEXT = 20_000
MAX_INT = 2**31 - 1

_MEASURE_COLUMNS: tuple[Any, ...] = (
    Measure.id,
    Measure.initiative_id,
    Measure.position,
    Measure.name,
    Measure.kind,
    Measure.unit,
    Measure.direction,
    Measure.target,
    Measure.baseline_points,
    Measure.definition,
    Measure.collection,
    Measure.collector,
    Measure.version,
)
_OBSERVATION_COLUMNS: tuple[Any, ...] = (
    Observation.id,
    Observation.measure_id,
    Observation.observed_on,
    Observation.period,
    Observation.value,
    Observation.note,
    Observation.version,
)


# --- Checking what people type -----------------------------------------------------------------


def _one_line(text: str) -> str:
    """Control characters (NUL, escape codes, line breaks) become spaces; spaces collapse."""
    spaced = "".join(" " if unicodedata.category(c) == "Cc" else c for c in text)
    return " ".join(spaced.split())


def _free_text(text: str) -> str:
    """Longer text keeps its line breaks and tabs, but not NUL or other control codes."""
    kept = "".join(c for c in text if c in "\n\t" or unicodedata.category(c) != "Cc").strip()
    if len(kept) > MAX_TEXT:
        raise InvalidInput(
            _("A text is too long ({length} characters; at most {limit}).").format(
                length=len(kept), limit=MAX_TEXT
            )
        )
    return kept


def _check_number(value: float | None, message: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InvalidInput(message)
    return float(value)


def _checked(new: NewMeasure) -> NewMeasure:
    name = _one_line(new.name)
    if not name:
        raise InvalidInput(_("The measure needs a name, for example: Waiting time in days."))
    if len(name) > MAX_NAME:
        raise InvalidInput(
            _("The name is too long ({length} characters; at most {limit}).").format(
                length=len(name), limit=MAX_NAME
            )
        )
    unit = _one_line(new.unit)
    if len(unit) > MAX_UNIT:
        raise InvalidInput(
            _("The unit is too long ({length} characters; at most {limit}).").format(
                length=len(unit), limit=MAX_UNIT
            )
        )
    try:
        kind = MeasureKind(new.kind)
        direction = Direction(new.direction)
    except ValueError:
        raise InvalidInput(
            _("The kind must be outcome, process or balancing, and the direction up or down.")
        ) from None
    baseline = new.baseline_points
    if baseline is not None and (
        isinstance(baseline, bool) or not isinstance(baseline, int) or not 1 <= baseline <= MAX_INT
    ):
        raise InvalidInput(_("The baseline must be a whole number of points, at least 1."))
    return NewMeasure(
        name=name,
        kind=kind,
        unit=unit,
        direction=direction,
        target=_check_number(new.target, _("The target must be a number, or none.")),
        baseline_points=baseline,
        definition=_free_text(new.definition),
        collection=_free_text(new.collection),
        collector=_free_text(new.collector),
    )


def _checked_observation(
    observed_on: date, value: float | None, period: str, note: str
) -> tuple[date, float | None, str, str]:
    if not isinstance(observed_on, date):
        raise InvalidInput(_("The date must be a date like 2025-03-14."))
    period = _one_line(period)
    if len(period) > MAX_PERIOD:
        raise InvalidInput(
            _("The period is too long ({length} characters; at most {limit}).").format(
                length=len(period), limit=MAX_PERIOD
            )
        )
    value = _check_number(value, _("The value must be a number, or none for a missing one."))
    return observed_on, value, period, _free_text(note)


# --- Reading rows ------------------------------------------------------------------------------


def _number_text(value: float | None) -> str:
    if value is None:
        return "-"
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def _observation_text(observed_on: date, period: str, value: float | None) -> str:
    return f"{period or observed_on.isoformat()}: {_number_text(value)}"


def _observation_row(row: Any) -> ObservationRow:
    return ObservationRow(
        id=row.id,
        measure_id=row.measure_id,
        observed_on=row.observed_on,
        period=row.period,
        value=row.value,
        note=row.note,
        version=row.version,
    )


def _measure_row(
    row: Any, observations: Sequence[ObservationRow] = (), stages: Sequence[StageMark] = ()
) -> MeasureRow:
    return MeasureRow(
        id=row.id,
        initiative_id=row.initiative_id,
        position=row.position,
        name=row.name,
        kind=MeasureKind(row.kind),
        unit=row.unit,
        direction=Direction(row.direction),
        target=row.target,
        baseline_points=row.baseline_points,
        definition=row.definition,
        collection=row.collection,
        collector=row.collector,
        version=row.version,
        observations=tuple(observations),
        stages=tuple(stages),
    )


def _observations_of(session: Session, measure_ids: list[int]) -> dict[int, list[ObservationRow]]:
    found: dict[int, list[ObservationRow]] = {i: [] for i in measure_ids}
    if not measure_ids:
        return found
    query = (
        select(*_OBSERVATION_COLUMNS)
        .where(col(Observation.measure_id).in_(measure_ids))
        .order_by(col(Observation.observed_on), col(Observation.id))
    )
    for row in session.execute(query):
        found[row.measure_id].append(_observation_row(row))
    return found


def _load_measure(session: Session, measure_id: int) -> Measure:
    measure = session.get(Measure, measure_id)
    if measure is None:
        raise NotFound(_("There is no measure with id {id}.").format(id=measure_id))
    return measure


def _load_observation(session: Session, observation_id: int) -> Observation:
    observation = session.get(Observation, observation_id)
    if observation is None:
        raise NotFound(_("There is no value with id {id}.").format(id=observation_id))
    return observation


def _conflict(what: str) -> Conflict:
    if what == "measure":
        return Conflict(_("Someone else changed this measure; reload and try again."))
    return Conflict(_("Someone else changed this value; reload and try again."))


@contextmanager
def _no_lost_updates(what: str) -> Iterator[None]:
    try:
        yield
    except StaleDataError:
        raise _conflict(what) from None


def _check_version(actual: int, expected: int | None, what: str) -> None:
    if expected is not None and actual != expected:
        raise _conflict(what)


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


# --- Measures ------------------------------------------------------------------------------------


def add_measure(db: Database, actor: str, initiative_id: int, new: NewMeasure) -> MeasureRow:
    """Define a new measure of an initiative, after the ones it has."""
    checked = _checked(new)
    with write_session(db.engine) as session:
        load_initiative(session, initiative_id)
        last = session.execute(
            select(func.max(col(Measure.position))).where(
                col(Measure.initiative_id) == initiative_id
            )
        ).scalar()
        measure = Measure(
            initiative_id=initiative_id,
            position=0 if last is None else last + 1,
            name=checked.name,
            kind=checked.kind.value,
            unit=checked.unit,
            direction=checked.direction.value,
            target=checked.target,
            baseline_points=checked.baseline_points,
            definition=checked.definition,
            collection=checked.collection,
            collector=checked.collector,
        )
        session.add(measure)
        session.flush()
        record(
            session,
            actor,
            initiative_id=initiative_id,
            entity="measure",
            entity_id=measure.id,
            action="create",
            new=checked.name,
        )
        touch(session, initiative_id)
        return _measure_row(measure)


def edit_measure(
    db: Database,
    actor: str,
    measure_id: int,
    new: NewMeasure,
    *,
    expected_version: int | None = None,
) -> MeasureRow:
    """Replace a measure's definition; every changed field goes to the log, old and new."""
    checked = _checked(new)
    with _no_lost_updates("measure"), write_session(db.engine) as session:
        measure = _load_measure(session, measure_id)
        _check_version(measure.version, expected_version, "measure")
        changed = False
        for field in fields(NewMeasure):
            value = getattr(checked, field.name)
            stored = getattr(value, "value", value)
            old = getattr(measure, field.name)
            if old == stored:
                continue
            setattr(measure, field.name, stored)
            record(
                session,
                actor,
                initiative_id=measure.initiative_id,
                entity="measure",
                entity_id=measure_id,
                action="edit",
                field=field.name,
                old=old,
                new=stored,
            )
            changed = True
        if changed:
            touch(session, measure.initiative_id)
            session.flush()
        observations = _observations_of(session, [measure_id])[measure_id]
        return _measure_row(measure, observations, stages_of(session, [measure_id])[measure_id])


def delete_measure(
    db: Database, actor: str, measure_id: int, *, expected_version: int | None = None
) -> None:
    """Delete a measure and all its values; the log keeps its name and how many there were."""
    with _no_lost_updates("measure"), write_session(db.engine) as session:
        measure = _load_measure(session, measure_id)
        _check_version(measure.version, expected_version, "measure")
        count = session.execute(
            select(func.count())
            .select_from(Observation)
            .where(col(Observation.measure_id) == measure_id)
        ).scalar_one()
        record(
            session,
            actor,
            initiative_id=measure.initiative_id,
            entity="measure",
            entity_id=measure_id,
            action="delete",
            field="observations",
            old=f"{measure.name} ({count})",
        )
        touch(session, measure.initiative_id)
        # The database cascades to the observations (ON DELETE CASCADE).
        session.delete(measure)


def list_measures(db: Database, initiative_id: int) -> list[MeasureRow]:
    """The measures of an initiative in their order, each with its values oldest first."""
    with read_session(db.engine) as session:
        load_initiative(session, initiative_id)
        rows = list(
            session.execute(
                select(*_MEASURE_COLUMNS)
                .where(col(Measure.initiative_id) == initiative_id)
                .order_by(col(Measure.position), col(Measure.id))
            )
        )
        observations = _observations_of(session, [row.id for row in rows])
        stages = stages_of(session, [row.id for row in rows])
        return [_measure_row(row, observations[row.id], stages[row.id]) for row in rows]


def get_measure(db: Database, measure_id: int) -> MeasureRow:
    """One measure with its values."""
    with read_session(db.engine) as session:
        row = session.execute(
            select(*_MEASURE_COLUMNS).where(col(Measure.id) == measure_id)
        ).one_or_none()
        if row is None:
            raise NotFound(_("There is no measure with id {id}.").format(id=measure_id))
        return _measure_row(
            row,
            _observations_of(session, [measure_id])[measure_id],
            stages_of(session, [measure_id])[measure_id],
        )


def find_measure(db: Database, initiative_id: int, reference: str) -> MeasureRow:
    """The measure of an initiative named by ``reference``: its id, or its exact name."""
    measures = list_measures(db, initiative_id)
    text = reference.strip()
    if text.isdecimal():
        for measure in measures:
            if measure.id == int(text):
                return measure
    named = [m for m in measures if m.name == _one_line(text)]
    if len(named) == 1:
        return named[0]
    if len(named) > 1:
        raise InvalidInput(
            _("Several measures are called {name}; give the measure's id instead.").format(
                name=text
            )
        )
    raise NotFound(
        _("Initiative {initiative} has no measure {reference}.").format(
            initiative=initiative_id, reference=text
        )
    )


# --- Observations --------------------------------------------------------------------------------


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
        measure = _load_measure(session, measure_id)
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
        return _observation_row(observation)


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
    with _no_lost_updates("value"), write_session(db.engine) as session:
        observation = _load_observation(session, observation_id)
        _check_version(observation.version, expected_version, "value")
        measure = _load_measure(session, observation.measure_id)
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
        return _observation_row(observation)


def delete_observation(
    db: Database, actor: str, observation_id: int, *, expected_version: int | None = None
) -> None:
    """Delete a recorded value; the log keeps what it was."""
    with _no_lost_updates("value"), write_session(db.engine) as session:
        observation = _load_observation(session, observation_id)
        _check_version(observation.version, expected_version, "value")
        measure = _load_measure(session, observation.measure_id)
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
        measure = _load_measure(session, measure_id)
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


# --- Reading for the screens --------------------------------------------------------------------


def load_measures_page(db: Database, initiative_id: int) -> MeasuresPage:
    """An initiative's title, its measures with their values, and when its PDSA cycles
    started (the markers on its charts), in one read transaction."""
    with read_session(db.engine) as session:
        initiative = load_initiative(session, initiative_id)
        rows = list(
            session.execute(
                select(*_MEASURE_COLUMNS)
                .where(col(Measure.initiative_id) == initiative_id)
                .order_by(col(Measure.position), col(Measure.id))
            )
        )
        observations = _observations_of(session, [row.id for row in rows])
        stages = stages_of(session, [row.id for row in rows])
        cycles = session.execute(
            select(col(Cycle.number), col(Cycle.title), col(Cycle.started_on))
            .where(col(Cycle.initiative_id) == initiative_id)
            .order_by(col(Cycle.number))
        )
        return MeasuresPage(
            initiative_id=initiative_id,
            title=initiative.title,
            measures=tuple(_measure_row(row, observations[row.id], stages[row.id]) for row in rows),
            cycles=tuple(CycleMark(number, title, started) for number, title, started in cycles),
            closed=initiative.status == Status.CLOSED.value,
        )


def initiative_verdicts(db: Database) -> dict[int, MeasureVerdicts]:
    """Per initiative with measures: how many of them show an improvement, a deterioration,
    no signal, or too little data, by the Anhøj run chart rules: the verdict of each
    measure's current stage (or its frozen baseline when it has no stages). Read-only."""
    from forbattra.core.stages import current_run_chart

    counts: dict[int, dict[str, int]] = {}
    with read_session(db.engine) as session:
        measures = list(
            session.execute(
                select(
                    col(Measure.id),
                    col(Measure.initiative_id),
                    col(Measure.direction),
                    col(Measure.baseline_points),
                )
            )
        )
        values: dict[int, list[float | None]] = {row.id: [] for row in measures}
        days: dict[int, list[date]] = {row.id: [] for row in measures}
        query = select(
            col(Observation.measure_id), col(Observation.observed_on), col(Observation.value)
        ).order_by(col(Observation.measure_id), col(Observation.observed_on), col(Observation.id))
        for measure_id, observed_on, value in session.execute(query):
            values.setdefault(measure_id, []).append(value)
            days.setdefault(measure_id, []).append(observed_on)
        stages: dict[int, list[StageMark]] = {}
        for measure_id, starts_on, reason in session.execute(
            select(
                col(MeasureStage.measure_id), col(MeasureStage.starts_on), col(MeasureStage.reason)
            )
        ):
            stages.setdefault(measure_id, []).append(StageMark(starts_on, reason))
    for row in measures:
        chart = current_run_chart(
            values[row.id],
            days[row.id],
            stages.get(row.id, []),
            row.baseline_points,
            direction=Direction(row.direction),
        )
        tally = counts.setdefault(row.initiative_id, {})
        # The verdicts' values are MeasureVerdicts' field names.
        tally[chart.verdict.value] = tally.get(chart.verdict.value, 0) + 1
    return {initiative: MeasureVerdicts(**tally) for initiative, tally in counts.items()}
