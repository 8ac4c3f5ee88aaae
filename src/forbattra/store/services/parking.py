"""The parking lot: questions and ideas parked during a workshop, in an initiative's lot or
the global one (initiative None), marked done, edited or deleted.

One transaction per call, an event for every change, :class:`Conflict` on a stale version.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlmodel import col

from forbattra.core.workshop import ParkingView
from forbattra.i18n import _
from forbattra.store.database import Database
from forbattra.store.engine import read_session, write_session
from forbattra.store.errors import Conflict, NotFound
from forbattra.store.models import ParkingItem
from forbattra.store.services.checks import no_lost_updates, one_line, touch
from forbattra.store.services.events import record
from forbattra.store.services.initiatives import load


def _parking_conflict() -> str:
    return _("Someone else changed this parked item; nothing was overwritten.")


def _parking_view(item: ParkingItem) -> ParkingView:
    return ParkingView(
        id=item.id or 0,
        initiative_id=item.initiative_id,
        text=item.text,
        done=item.done,
        created_at=item.created_at,
        version=item.version,
    )


def _parking(session: Session, item_id: int, expected_version: int | None) -> ParkingItem:
    item = session.get(ParkingItem, item_id)
    if item is None:
        raise NotFound(_("There is no parked item with id {id}.").format(id=item_id))
    if expected_version is not None and item.version != expected_version:
        raise Conflict(_parking_conflict(), _parking_view(item))
    return item


def _same_lot(initiative_id: int | None) -> object:
    column = col(ParkingItem.initiative_id)
    return column.is_(None) if initiative_id is None else column == initiative_id


def list_parking(db: Database, initiative_id: int | None) -> list[ParkingView]:
    """One lot (an initiative's, or the global one for None): open items first, each group
    in the order they were parked."""
    with read_session(db.engine) as session:
        rows = session.execute(
            select(ParkingItem)
            .where(_same_lot(initiative_id))  # type: ignore[arg-type]
            .order_by(col(ParkingItem.done), col(ParkingItem.created_at), col(ParkingItem.id))
        ).scalars()
        return [_parking_view(row) for row in rows]


def count_open_parking(db: Database, initiative_id: int | None) -> int:
    with read_session(db.engine) as session:
        count = session.execute(
            select(func.count())
            .select_from(ParkingItem)
            .where(_same_lot(initiative_id), col(ParkingItem.done).is_(False))  # type: ignore[arg-type]
        ).scalar()
        return int(count or 0)


def add_parking(db: Database, actor: str, initiative_id: int | None, text: str) -> ParkingView:
    """Park a question or an idea; in an initiative's lot, or the global one for None."""
    cleaned = one_line(text, _("Write the question or idea to park."))
    with write_session(db.engine) as session:
        if initiative_id is not None:
            load(session, initiative_id)
            touch(session, initiative_id, closed_ok=True)
        item = ParkingItem(initiative_id=initiative_id, text=cleaned)
        session.add(item)
        session.flush()
        record(
            session,
            actor,
            initiative_id=initiative_id,
            entity="parking_item",
            entity_id=item.id,
            action="add",
            new=cleaned,
        )
        return _parking_view(item)


def set_parking_done(
    db: Database, actor: str, item_id: int, done: bool, *, expected_version: int | None = None
) -> ParkingView:
    """Mark a parked item dealt with (or open again)."""
    with no_lost_updates(_parking_conflict()), write_session(db.engine) as session:
        item = _parking(session, item_id, expected_version)
        if item.done != done:
            item.done = done
            session.flush()
            record(
                session,
                actor,
                initiative_id=item.initiative_id,
                entity="parking_item",
                entity_id=item.id,
                action="edit",
                field="done",
                old=not done,
                new=done,
            )
        return _parking_view(item)


def edit_parking(
    db: Database, actor: str, item_id: int, text: str, *, expected_version: int | None = None
) -> ParkingView:
    cleaned = one_line(text, _("Write the question or idea to park."))
    with no_lost_updates(_parking_conflict()), write_session(db.engine) as session:
        item = _parking(session, item_id, expected_version)
        old = item.text
        if old != cleaned:
            item.text = cleaned
            session.flush()
            record(
                session,
                actor,
                initiative_id=item.initiative_id,
                entity="parking_item",
                entity_id=item.id,
                action="edit",
                field="text",
                old=old,
                new=cleaned,
            )
        return _parking_view(item)


def delete_parking(
    db: Database, actor: str, item_id: int, *, expected_version: int | None = None
) -> None:
    with no_lost_updates(_parking_conflict()), write_session(db.engine) as session:
        item = _parking(session, item_id, expected_version)
        record(
            session,
            actor,
            initiative_id=item.initiative_id,
            entity="parking_item",
            entity_id=item.id,
            action="delete",
            old=item.text,
        )
        session.delete(item)
