"""Causes of the Analyze phase: quick capture, categories, five-whys chains, root causes.

Every function is one transaction that records an event; edits name the ``expected_version``
they read and raise :class:`Conflict` (carrying the cause as it is now) if it moved on.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlmodel import col

from forbattra.core.domain import CauseView
from forbattra.core.vocabulary import CauseCategory, Method
from forbattra.i18n import _
from forbattra.store.database import Database
from forbattra.store.engine import write_session
from forbattra.store.errors import Conflict, InvalidInput, NotFound
from forbattra.store.models import Cause
from forbattra.store.services.checks import check_version, no_lost_updates, one_line, touch
from forbattra.store.services.events import record
from forbattra.store.services.initiatives import load
from forbattra.store.services.workspace import cause_view


def _conflict_message() -> str:
    return _("Someone else changed this cause; nothing was overwritten.")


def _empty_message() -> str:
    return _("The cause is empty. Write what you think causes the problem.")


def _load(session: Session, cause_id: int) -> Cause:
    cause = session.get(Cause, cause_id)
    if cause is None:
        raise NotFound(_("There is no cause with id {id}.").format(id=cause_id))
    return cause


def _check(cause: Cause, expected_version: int | None) -> None:
    check_version(cause.version, expected_version, Conflict(_conflict_message(), cause_view(cause)))


def add_cause(
    db: Database,
    actor: str,
    initiative_id: int,
    text: str,
    *,
    category: CauseCategory | None = None,
    parent_id: int | None = None,
) -> CauseView:
    """Capture a cause; with ``parent_id`` it answers "why?" for that cause (five whys),
    and takes the parent's category unless one is given."""
    cleaned = one_line(text, _empty_message())
    with no_lost_updates(_conflict_message()), write_session(db.engine) as session:
        initiative = load(session, initiative_id)
        if initiative.method != Method.DMAIC.value:
            raise InvalidInput(_("Causes belong to DMAIC's Analyze phase."))
        if parent_id is not None:
            parent = _load(session, parent_id)
            if parent.initiative_id != initiative_id:
                raise InvalidInput(_("That cause belongs to another initiative."))
            if category is None and parent.category:
                category = CauseCategory(parent.category)
        last = session.execute(
            select(func.max(col(Cause.position))).where(col(Cause.initiative_id) == initiative_id)
        ).scalar()
        cause = Cause(
            initiative_id=initiative_id,
            parent_id=parent_id,
            position=(last + 1) if last is not None else 0,
            text=cleaned,
            category=CauseCategory(category).value if category else None,
        )
        session.add(cause)
        session.flush()
        touch(session, initiative_id)
        record(
            session,
            actor,
            initiative_id=initiative_id,
            entity="cause",
            entity_id=cause.id,
            action="add",
            field="why" if parent_id is not None else "",
            old=parent_id,
            new=cleaned,
        )
        return cause_view(cause)


def _edit(
    db: Database,
    actor: str,
    cause_id: int,
    expected_version: int | None,
    changes: dict[str, str | bool | None],
) -> CauseView:
    with no_lost_updates(_conflict_message()), write_session(db.engine) as session:
        cause = _load(session, cause_id)
        _check(cause, expected_version)
        changed = False
        for field, value in changes.items():
            old = getattr(cause, field)
            if old == value:
                continue
            setattr(cause, field, value)
            changed = True
            record(
                session,
                actor,
                initiative_id=cause.initiative_id,
                entity="cause",
                entity_id=cause.id,
                action="edit",
                field=field,
                old=old,
                new=value,
            )
        if changed:
            session.flush()
            touch(session, cause.initiative_id)
        return cause_view(cause)


def edit_cause_text(
    db: Database, actor: str, cause_id: int, text: str, *, expected_version: int | None = None
) -> CauseView:
    cleaned = one_line(text, _empty_message())
    return _edit(db, actor, cause_id, expected_version, {"text": cleaned})


def set_cause_category(
    db: Database,
    actor: str,
    cause_id: int,
    category: CauseCategory | None,
    *,
    expected_version: int | None = None,
) -> CauseView:
    value = CauseCategory(category).value if category else None
    return _edit(db, actor, cause_id, expected_version, {"category": value})


def set_root(
    db: Database, actor: str, cause_id: int, root: bool, *, expected_version: int | None = None
) -> CauseView:
    """Mark or unmark a root cause; unmarking also clears "verified", which only roots have."""
    changes: dict[str, str | bool | None] = {"root": root}
    if not root:
        changes["verified"] = False
    return _edit(db, actor, cause_id, expected_version, changes)


def set_verified(
    db: Database,
    actor: str,
    cause_id: int,
    verified: bool,
    *,
    expected_version: int | None = None,
) -> CauseView:
    """Mark a cause as verified (checked with data or with the people concerned); verifying
    a cause makes it a root cause."""
    changes: dict[str, str | bool | None] = {"verified": verified}
    if verified:
        changes["root"] = True
    return _edit(db, actor, cause_id, expected_version, changes)


def delete_cause(
    db: Database, actor: str, cause_id: int, *, expected_version: int | None = None
) -> None:
    """Remove a cause; the whys under it move up to its parent, so no chain is broken."""
    with no_lost_updates(_conflict_message()), write_session(db.engine) as session:
        cause = _load(session, cause_id)
        _check(cause, expected_version)
        children = session.execute(select(Cause).where(col(Cause.parent_id) == cause_id)).scalars()
        for child in children:
            child.parent_id = cause.parent_id
        initiative_id = cause.initiative_id
        record(
            session,
            actor,
            initiative_id=initiative_id,
            entity="cause",
            entity_id=cause.id,
            action="delete",
            old=cause.text,
        )
        session.flush()
        session.delete(cause)
        touch(session, initiative_id)
