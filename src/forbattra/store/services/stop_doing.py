"""The stop-doing check (sluta göra): activities, their decisions, follow-ups and sums.

A check belongs to an initiative (DMAIC before Improve and again in Control, PDSA in Act), or
stands alone for a unit reviewing its own routines: then ``initiative_id`` is None and the
items are found by ``unit``. The rules are in :mod:`forbattra.core.stop_doing`.

Every function is one transaction; every change records an event (entity ``stop_item``, the
field named ``stop_doing[position].field`` as in the exchange format). Edits name the
``expected_version`` they read and raise :class:`Conflict` carrying the item as it is now.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, func, select, update
from sqlalchemy.orm import Session
from sqlmodel import col

from forbattra.core import stop_doing as rules
from forbattra.core.domain import NewStopItem, StopCheck, StopItemView, StopSummary
from forbattra.core.vocabulary import FollowUpResult, StopDecision
from forbattra.i18n import _
from forbattra.store.database import Database
from forbattra.store.engine import read_session, write_session
from forbattra.store.errors import Conflict, InvalidInput, NotFound
from forbattra.store.models import StopItem
from forbattra.store.services.checks import (
    check_version,
    free_text,
    no_lost_updates,
    one_line,
    touch,
)
from forbattra.store.services.events import record
from forbattra.store.services.initiatives import load
from forbattra.store.types import utcnow

ENTITY = "stop_item"
# The descriptive fields of an item, as NewStopItem names them.
DESCRIPTION = (
    "activity",
    "who",
    "hours_per_month",
    "minutes_per_occurrence",
    "occurrences_per_month",
    "beneficiary",
    "if_stopped",
)


def _conflict_message() -> str:
    return _("Someone else changed this activity; nothing was overwritten.")


def _empty_activity() -> str:
    return _("Name the activity, for example: Weekly status report to the department.")


def stop_item_view(item: StopItem) -> StopItemView:
    return StopItemView(
        id=item.id or 0,
        initiative_id=item.initiative_id,
        unit=item.unit,
        position=item.position,
        activity=item.activity,
        who=item.who,
        hours_per_month=item.hours_per_month,
        minutes_per_occurrence=item.minutes_per_occurrence,
        occurrences_per_month=item.occurrences_per_month,
        cost_per_month=rules.monthly_cost(
            item.hours_per_month, item.minutes_per_occurrence, item.occurrences_per_month
        ),
        beneficiary=item.beneficiary,
        if_stopped=item.if_stopped,
        decision=StopDecision(item.decision),
        reason=item.reason,
        hours_freed=item.hours_freed,
        follow_up_on=item.follow_up_on,
        follow_up_result=FollowUpResult(item.follow_up_result) if item.follow_up_result else None,
        follow_up_note=item.follow_up_note,
        version=item.version,
    )


# --- Where a check is: an initiative, or a unit on its own ---------------------------------


def _unit(unit: str) -> str:
    return one_line(
        unit,
        _("Name the unit whose routines are reviewed, or choose an initiative."),
    )


def _scope(session: Session, initiative_id: int | None, unit: str) -> tuple[int | None, str]:
    """The check's initiative (which must exist) and unit; a stand-alone check needs a unit."""
    if initiative_id is not None:
        return initiative_id, load(session, initiative_id).unit
    return None, _unit(unit)


def _in_scope(initiative_id: int | None, unit: str) -> ColumnElement[bool]:
    if initiative_id is not None:
        return col(StopItem.initiative_id) == initiative_id
    return col(StopItem.initiative_id).is_(None) & (col(StopItem.unit) == unit)


def _items(session: Session, initiative_id: int | None, unit: str) -> list[StopItem]:
    query = (
        select(StopItem)
        .where(_in_scope(initiative_id, unit))
        .order_by(col(StopItem.position), col(StopItem.id))
    )
    return list(session.execute(query).scalars())


def stop_check(
    db: Database, initiative_id: int | None = None, *, unit: str = "", today: date | None = None
) -> StopCheck:
    """The whole check of an initiative, or of ``unit`` on its own: items and sums, read in
    one transaction; ``today`` decides which follow-ups are due."""
    with read_session(db.engine) as session:
        initiative_id, unit = _scope(session, initiative_id, unit)
        items = tuple(stop_item_view(item) for item in _items(session, initiative_id, unit))
    return StopCheck(
        initiative_id=initiative_id,
        unit=unit,
        items=items,
        summary=rules.summarise(items, today or date.today()),
    )


def list_stop_items(
    db: Database, initiative_id: int | None = None, *, unit: str = ""
) -> list[StopItemView]:
    """The activities of a check, in their order."""
    return list(stop_check(db, initiative_id, unit=unit).items)


def stop_summary(
    db: Database, initiative_id: int | None = None, *, unit: str = "", today: date | None = None
) -> StopSummary:
    """The sums of a check: hours freed a month and a year, counts per decision, due items."""
    return stop_check(db, initiative_id, unit=unit, today=today).summary


def stand_alone_units(db: Database) -> list[tuple[str, int]]:
    """Units with a stand-alone check (tied to no initiative) and how many activities each
    lists, by name."""
    query = (
        select(col(StopItem.unit), func.count())
        .where(col(StopItem.initiative_id).is_(None))
        .group_by(col(StopItem.unit))
        .order_by(col(StopItem.unit))
    )
    with read_session(db.engine) as session:
        return [(unit, count) for unit, count in session.execute(query)]


# --- Writing ------------------------------------------------------------------------------


def _load(session: Session, item_id: int) -> StopItem:
    item = session.get(StopItem, item_id)
    if item is None:
        raise NotFound(_("There is no stop-doing activity with id {id}.").format(id=item_id))
    return item


def _check(item: StopItem, expected_version: int | None) -> None:
    check_version(
        item.version, expected_version, Conflict(_conflict_message(), stop_item_view(item))
    )


def _record(
    session: Session,
    actor: str,
    item: StopItem,
    action: str,
    field: str = "",
    old: object = None,
    new: object = None,
) -> None:
    path = f"stop_doing[{item.position}]" + (f".{field}" if field else "")
    record(
        session,
        actor,
        initiative_id=item.initiative_id,
        entity=ENTITY,
        entity_id=item.id,
        action=action,
        field=path,
        old=old,
        new=new,
    )


def _change(
    session: Session, actor: str, item: StopItem, action: str, changes: dict[str, Any]
) -> bool:
    """Set each field that differs, recording its old and new value; True if any did."""
    changed = False
    for field, value in changes.items():
        old = getattr(item, field)
        if old == value:
            continue
        setattr(item, field, value)
        _record(session, actor, item, action, field, old, value)
        changed = True
    return changed


def _finish(session: Session, item: StopItem, changed: bool) -> StopItemView:
    if changed:
        item.updated_at = utcnow()
        session.flush()
        if item.initiative_id is not None:
            touch(session, item.initiative_id, closed_ok=True)
    return stop_item_view(item)


def _description(new: NewStopItem) -> dict[str, Any]:
    """The item's descriptive fields, cleaned and checked."""
    problem = rules.cost_problem(
        new.hours_per_month, new.minutes_per_occurrence, new.occurrences_per_month
    )
    if problem:
        raise InvalidInput(problem)

    def number(value: float | None) -> float | None:
        return None if value is None else float(value)

    return {
        "activity": one_line(new.activity, _empty_activity()),
        "who": free_text(new.who).strip(),
        "hours_per_month": number(new.hours_per_month),
        "minutes_per_occurrence": number(new.minutes_per_occurrence),
        "occurrences_per_month": number(new.occurrences_per_month),
        "beneficiary": free_text(new.beneficiary).strip(),
        "if_stopped": free_text(new.if_stopped).strip(),
    }


def add_stop_item(
    db: Database,
    actor: str,
    new: NewStopItem,
    *,
    initiative_id: int | None = None,
    unit: str = "",
) -> StopItemView:
    """List one more activity, last in the check of the initiative or of ``unit`` alone.

    It starts undecided: the team first describes, then decides with :func:`decide`.
    """
    fields = _description(new)
    with no_lost_updates(_conflict_message()), write_session(db.engine) as session:
        initiative_id, unit = _scope(session, initiative_id, unit)
        last = session.execute(
            select(func.max(col(StopItem.position))).where(_in_scope(initiative_id, unit))
        ).scalar()
        item = StopItem(
            initiative_id=initiative_id,
            unit=unit,
            position=(last + 1) if last is not None else 0,
            decision=StopDecision.UNDECIDED.value,
            **fields,
        )
        session.add(item)
        session.flush()
        _record(session, actor, item, "stop_item_add", new=item.activity)
        if initiative_id is not None:
            touch(session, initiative_id, closed_ok=True)
        return stop_item_view(item)


def edit_stop_item(
    db: Database,
    actor: str,
    item_id: int,
    new: NewStopItem,
    *,
    expected_version: int | None = None,
) -> StopItemView:
    """Change what an activity is, who does it, what it costs, who benefits, what stopping
    would mean. When the cost changes, a stopped activity that freed all of its time (or had
    no estimate) frees all of the new time, and no activity frees more than it costs."""
    fields = _description(new)
    with no_lost_updates(_conflict_message()), write_session(db.engine) as session:
        item = _load(session, item_id)
        _check(item, expected_version)
        old_cost = rules.monthly_cost(
            item.hours_per_month, item.minutes_per_occurrence, item.occurrences_per_month
        )
        changed = _change(session, actor, item, "stop_item_edit", fields)
        cost = rules.monthly_cost(
            item.hours_per_month, item.minutes_per_occurrence, item.occurrences_per_month
        )
        freed = item.hours_freed
        if cost != old_cost:
            stopped_all = item.decision == StopDecision.STOP.value and freed in (None, old_cost)
            too_much = freed is not None and cost is not None and freed > cost
            if stopped_all or too_much:
                changed |= _change(session, actor, item, "stop_item_edit", {"hours_freed": cost})
        return _finish(session, item, changed)


def delete_stop_item(
    db: Database, actor: str, item_id: int, *, expected_version: int | None = None
) -> None:
    """Remove an activity from the check (the log keeps what it was); the ones after it
    move up, so positions stay as the exchange format numbers them."""
    with no_lost_updates(_conflict_message()), write_session(db.engine) as session:
        item = _load(session, item_id)
        _check(item, expected_version)
        initiative_id, unit, position = item.initiative_id, item.unit, item.position
        _record(session, actor, item, "stop_item_delete", old=item.activity)
        session.delete(item)
        session.flush()
        # A plain UPDATE: moving up is not an edit of the other items' contents.
        session.execute(
            update(StopItem)
            .where(_in_scope(initiative_id, unit), col(StopItem.position) > position)
            .values(position=col(StopItem.position) - 1)
        )
        if initiative_id is not None:
            touch(session, initiative_id, closed_ok=True)


def decide(
    db: Database,
    actor: str,
    item_id: int,
    decision: StopDecision,
    *,
    reason: str | None = None,
    hours_freed: float | None = None,
    follow_up_on: date | None = None,
    today: date | None = None,
    expected_version: int | None = None,
) -> StopItemView:
    """Keep, simplify, replace or stop an activity, with a reason and the time freed.

    ``reason`` None keeps the reason there is. ``hours_freed`` None means the default: all
    of the activity's time when it is stopped, nothing when it is kept, the earlier estimate
    when the decision stays the same. A stopped activity gets a follow-up date, three months
    from ``today`` unless ``follow_up_on`` says otherwise; simplified and replaced ones get
    one when it is given. A new decision clears the previous decision's follow-up answer.
    """
    decision = StopDecision(decision)
    day = today or date.today()
    with no_lost_updates(_conflict_message()), write_session(db.engine) as session:
        item = _load(session, item_id)
        _check(item, expected_version)
        cost = rules.monthly_cost(
            item.hours_per_month, item.minutes_per_occurrence, item.occurrences_per_month
        )
        same = item.decision == decision.value
        entered = hours_freed if hours_freed is not None else (item.hours_freed if same else None)
        problem = rules.hours_freed_problem(decision, cost, entered)
        if problem:
            raise InvalidInput(problem)
        changes: dict[str, Any] = {
            "decision": decision.value,
            "hours_freed": rules.default_hours_freed(decision, cost, entered),
        }
        if reason is not None:
            changes["reason"] = free_text(reason).strip()
        if decision not in rules.CHANGES:
            changes |= {"follow_up_on": None}
        elif follow_up_on is not None:
            changes["follow_up_on"] = follow_up_on
        elif not same:
            changes["follow_up_on"] = rules.default_follow_up(decision, day)
        if not same:
            changes |= {"follow_up_result": None, "follow_up_note": ""}
        changed = _change(session, actor, item, "stop_decision", changes)
        return _finish(session, item, changed)


def record_follow_up(
    db: Database,
    actor: str,
    item_id: int,
    result: FollowUpResult,
    note: str = "",
    *,
    on: date | None = None,
    expected_version: int | None = None,
) -> StopItemView:
    """Did stopping hurt? Record that it is confirmed, or that the activity was restarted
    (then ``note`` says why). ``on`` (today) becomes the follow-up date. A restarted
    activity's time no longer counts as freed in the sums; its estimate stays, as history."""
    result = FollowUpResult(result)
    cleaned = free_text(note).strip()
    with no_lost_updates(_conflict_message()), write_session(db.engine) as session:
        item = _load(session, item_id)
        _check(item, expected_version)
        problem = rules.follow_up_problem(StopDecision(item.decision), result, cleaned)
        if problem:
            raise InvalidInput(problem)
        changes: dict[str, Any] = {
            "follow_up_result": result.value,
            "follow_up_note": cleaned,
            "follow_up_on": on or date.today(),
        }
        changed = _change(session, actor, item, "follow_up", changes)
        return _finish(session, item, changed)
