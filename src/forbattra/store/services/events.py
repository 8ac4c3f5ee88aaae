"""Recording changes in the event log, and reading it back."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from forbattra.core.domain import EventRow
from forbattra.store.database import Database
from forbattra.store.engine import read_session
from forbattra.store.models import Event
from forbattra.store.types import utcnow


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def record(
    session: Session,
    actor: str,
    *,
    initiative_id: int | None,
    entity: str,
    action: str,
    entity_id: int | None = None,
    field: str = "",
    old: Any = None,
    new: Any = None,
    at: datetime | None = None,
) -> None:
    """Add one event to the session's transaction (it commits with the change it describes)."""
    session.add(
        Event(
            at=at or utcnow(),
            actor=actor,
            initiative_id=initiative_id,
            entity=entity,
            entity_id=entity_id,
            action=action,
            field=field,
            old=_as_text(old),
            new=_as_text(new),
        )
    )


def history(db: Database, initiative_id: int) -> list[EventRow]:
    """Every event of one initiative, oldest first."""
    with read_session(db.engine) as session:
        rows = session.execute(
            select(Event).where(Event.initiative_id == initiative_id).order_by(Event.at, Event.id)  # type: ignore[arg-type]
        ).scalars()
        return [
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
            for row in rows
        ]
