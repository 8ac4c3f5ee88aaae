"""Measures: define, edit, delete, list and find them, and the reads behind the measures
screen and the portfolio's verdicts.

Every write is one transaction and records events (old and new values) in the log. Values are
checked here so that every stored measure also exports as a valid exchange document. The
values themselves (observations) are written by :mod:`forbattra.store.services.observations`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from datetime import date
from typing import Any

from sqlalchemy import func, select
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
from forbattra.core.vocabulary import Direction, MeasureKind, Status
from forbattra.i18n import _
from forbattra.store.database import Database
from forbattra.store.engine import read_session, write_session
from forbattra.store.errors import InvalidInput, NotFound
from forbattra.store.models import Cycle, Measure, MeasureStage, Observation
from forbattra.store.services.checks import check_version, no_lost_updates, touch
from forbattra.store.services.events import record
from forbattra.store.services.initiatives import load as load_initiative
from forbattra.store.services.measure_common import (
    check_number,
    conflict_message,
    load_measure,
    measure_conflict,
    observations_of,
    single_line,
    stripped_text,
)
from forbattra.store.services.stages import stages_of

MAX_NAME = 300
MAX_UNIT = 60
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


# --- Checking what people type -----------------------------------------------------------------


def _checked(new: NewMeasure) -> NewMeasure:
    name = single_line(new.name)
    if not name:
        raise InvalidInput(_("The measure needs a name, for example: Waiting time in days."))
    if len(name) > MAX_NAME:
        raise InvalidInput(
            _("The name is too long ({length} characters; at most {limit}).").format(
                length=len(name), limit=MAX_NAME
            )
        )
    unit = single_line(new.unit)
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
        target=check_number(new.target, _("The target must be a number, or none.")),
        baseline_points=baseline,
        definition=stripped_text(new.definition),
        collection=stripped_text(new.collection),
        collector=stripped_text(new.collector),
    )


# --- Reading rows -----------------------------------------------------------------------------


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
    with no_lost_updates(conflict_message("measure")), write_session(db.engine) as session:
        measure = load_measure(session, measure_id)
        check_version(measure.version, expected_version, measure_conflict("measure"))
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
        observations = observations_of(session, [measure_id])[measure_id]
        return _measure_row(measure, observations, stages_of(session, [measure_id])[measure_id])


def delete_measure(
    db: Database, actor: str, measure_id: int, *, expected_version: int | None = None
) -> None:
    """Delete a measure and all its values; the log keeps its name and how many there were."""
    with no_lost_updates(conflict_message("measure")), write_session(db.engine) as session:
        measure = load_measure(session, measure_id)
        check_version(measure.version, expected_version, measure_conflict("measure"))
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
        observations = observations_of(session, [row.id for row in rows])
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
            observations_of(session, [measure_id])[measure_id],
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
    named = [m for m in measures if m.name == single_line(text)]
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
        observations = observations_of(session, [row.id for row in rows])
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
