"""Stages of a measure's chart: split it at a deliberate change, for a stated reason.

A stage is stored as a date (the first value on or after it starts the stage, see
:func:`forbattra.core.stages.stages_at`), so it survives export, import and values added
later. Each write is one transaction with an event (entity ``measure_stage``) that keeps the
date and the reason.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlmodel import col

from forbattra.core.domain import StageMark
from forbattra.i18n import _
from forbattra.store.database import Database
from forbattra.store.engine import read_session, write_session
from forbattra.store.errors import InvalidInput, NotFound
from forbattra.store.models import Measure, MeasureStage, Observation
from forbattra.store.services.checks import touch
from forbattra.store.services.events import record

MAX_REASON = 2_000


def _reason(text: str) -> str:
    """One line: control characters become spaces, spaces collapse."""
    spaced = "".join(" " if unicodedata.category(c) == "Cc" else c for c in text)
    reason = " ".join(spaced.split())
    if not reason:
        raise InvalidInput(_("Write why the chart is split here, for example “new routine”."))
    if len(reason) > MAX_REASON:
        raise InvalidInput(
            _("The reason is too long ({length} characters; at most {limit}).").format(
                length=len(reason), limit=MAX_REASON
            )
        )
    return reason


def _measure(session: Session, measure_id: int) -> Measure:
    measure = session.get(Measure, measure_id)
    if measure is None:
        raise NotFound(_("There is no measure with id {id}.").format(id=measure_id))
    return measure


def _text(starts_on: date, reason: str) -> str:
    return f"{starts_on.isoformat()}: {reason}"


def stages_of(session: Session, measure_ids: Iterable[int]) -> dict[int, list[StageMark]]:
    """The stages of each measure, oldest first (for the services that read measures)."""
    ids = list(measure_ids)
    found: dict[int, list[StageMark]] = {i: [] for i in ids}
    if not ids:
        return found
    query = (
        select(col(MeasureStage.measure_id), col(MeasureStage.starts_on), col(MeasureStage.reason))
        .where(col(MeasureStage.measure_id).in_(ids))
        .order_by(col(MeasureStage.measure_id), col(MeasureStage.starts_on))
    )
    for measure_id, starts_on, reason in session.execute(query):
        found[measure_id].append(StageMark(starts_on, reason))
    return found


def list_stages(db: Database, measure_id: int) -> list[StageMark]:
    """The stages of one measure, oldest first."""
    with read_session(db.engine) as session:
        _measure(session, measure_id)
        return stages_of(session, [measure_id])[measure_id]


def add_stage(db: Database, actor: str, measure_id: int, starts_on: date, reason: str) -> StageMark:
    """Split the chart of ``measure_id``: a new stage from the first value on or after
    ``starts_on``. It cannot begin at the first value (there would be nothing before it), and
    a measure has at most one stage per date."""
    text = _reason(reason)
    with write_session(db.engine) as session:
        measure = _measure(session, measure_id)
        first = session.execute(
            select(func.min(col(Observation.observed_on))).where(
                col(Observation.measure_id) == measure_id
            )
        ).scalar_one()
        if first is None or starts_on <= first:
            raise InvalidInput(
                _("A stage starts after the first value: choose a date after {first}.").format(
                    first=first.isoformat()
                )
                if first is not None
                else _("A stage splits the values: add values before you split the chart.")
            )
        taken = session.execute(
            select(col(MeasureStage.id)).where(
                col(MeasureStage.measure_id) == measure_id,
                col(MeasureStage.starts_on) == starts_on,
            )
        ).first()
        if taken is not None:
            raise InvalidInput(
                _("A stage already starts on {date}; remove it first.").format(
                    date=starts_on.isoformat()
                )
            )
        stage = MeasureStage(measure_id=measure_id, starts_on=starts_on, reason=text)
        session.add(stage)
        try:
            session.flush()
        except IntegrityError:  # someone else added the same date meanwhile
            raise InvalidInput(
                _("A stage already starts on {date}; remove it first.").format(
                    date=starts_on.isoformat()
                )
            ) from None
        record(
            session,
            actor,
            initiative_id=measure.initiative_id,
            entity="measure_stage",
            entity_id=stage.id,
            action="create",
            field=measure.name[:60],
            new=_text(starts_on, text),
        )
        touch(session, measure.initiative_id)
        return StageMark(starts_on, text)


def remove_stage(db: Database, actor: str, measure_id: int, starts_on: date) -> StageMark:
    """Join the stage that starts on ``starts_on`` with the one before it again."""
    with write_session(db.engine) as session:
        measure = _measure(session, measure_id)
        stage = session.execute(
            select(MeasureStage).where(
                col(MeasureStage.measure_id) == measure_id,
                col(MeasureStage.starts_on) == starts_on,
            )
        ).scalar_one_or_none()
        if stage is None:
            raise NotFound(
                _("The measure {name} has no stage starting on {date}.").format(
                    name=measure.name, date=starts_on.isoformat()
                )
            )
        removed = StageMark(stage.starts_on, stage.reason)
        record(
            session,
            actor,
            initiative_id=measure.initiative_id,
            entity="measure_stage",
            entity_id=stage.id,
            action="delete",
            field=measure.name[:60],
            old=_text(stage.starts_on, stage.reason),
        )
        touch(session, measure.initiative_id)
        session.delete(stage)
        return removed
