"""Workshop tools: the parking lot, dot votes and the impact/effort matrix.

One transaction per call, an event for every change, :class:`Conflict` on a stale version.

Dot voting on ideas (the idea inbox), target ``VoteTarget.IDEA`` ("idea")::

    items = vote_items(db, VoteTarget.IDEA, None)   # ideas not turned into an initiative yet
    items = vote_items(db, VoteTarget.IDEA, None, idea_statuses=["new", "review"])  # or these
    save_vote(db, actor, VoteTarget.IDEA, None, dots_per_person=3, participants=8,
              dots={idea.id: 5, ...})
    latest_round(db, VoteTarget.IDEA, None)         # the newest round on ideas, or None

A round on ideas belongs to no initiative (``initiative_id`` must be None); the keys are the
ideas' string ids. ``save_vote`` checks the count (``core.voting.check_round``), stores the
round with today's date and its tallies, sets ``idea.votes`` to this round's count for every
key given (give every idea shown, zeros too) and records one event, in one transaction.

In the terminal UI, push the screen (it runs the services in thread workers itself)::

    from forbattra.tui.screens.dot_vote import DotVoteScreen
    app.push_screen(DotVoteScreen(VoteTarget.IDEA, None, items=None, context=_("Idea inbox")))

``items=None`` reads ``vote_items(db, VoteTarget.IDEA, None)``; pass your own list of
``core.voting.VoteItem(key=idea.id, text=idea.text, votes=idea.votes)`` to vote on a filtered
view. Reload your list when the screen is dismissed (``push_screen(..., callback)``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session
from sqlmodel import col

from forbattra.core.vocabulary import Level
from forbattra.core.voting import VoteError, VoteItem, VoteRoundView, VoteTarget, check_round
from forbattra.core.workshop import MatrixItem, ParkingView
from forbattra.i18n import _
from forbattra.store.database import Database
from forbattra.store.engine import read_session, write_session
from forbattra.store.errors import Conflict, InvalidInput, NotFound
from forbattra.store.models import Cause, Idea, ParkingItem, Solution, VoteRound, VoteTally
from forbattra.store.services.checks import no_lost_updates, one_line, touch
from forbattra.store.services.events import record
from forbattra.store.services.initiatives import load

# --- The parking lot -----------------------------------------------------------------------------


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


# --- Dot votes -----------------------------------------------------------------------------------


def _target_table(target: VoteTarget) -> Any:
    """The table a round's keys point into (Any: the three share the columns used here)."""
    return {VoteTarget.CAUSE: Cause, VoteTarget.SOLUTION: Solution, VoteTarget.IDEA: Idea}[target]


def vote_items(
    db: Database,
    target: VoteTarget,
    initiative_id: int | None,
    *,
    idea_statuses: Iterable[str] | None = None,
) -> list[VoteItem]:
    """What a round can vote on: an initiative's causes or solutions in their order; for
    ideas (``initiative_id`` None) the ideas not yet turned into an initiative, or those
    with one of ``idea_statuses``, oldest first."""
    target = VoteTarget(target)
    with read_session(db.engine) as session:
        if target is VoteTarget.IDEA:
            query = select(Idea).order_by(col(Idea.received_on), col(Idea.id))
            if idea_statuses is not None:
                query = query.where(col(Idea.status).in_(list(idea_statuses)))
            else:
                query = query.where(col(Idea.initiative_id).is_(None))
            return [
                VoteItem(key=idea.id, text=idea.text, votes=idea.votes)
                for idea in session.execute(query).scalars()
            ]
        if initiative_id is None:
            raise InvalidInput(_("Causes and solutions are voted on within an initiative."))
        load(session, initiative_id)
        table = _target_table(target)
        rows = session.execute(
            select(table)
            .where(col(table.initiative_id) == initiative_id)
            .order_by(col(table.position), col(table.id))
        ).scalars()
        return [VoteItem(key=str(row.id), text=row.text, votes=row.votes) for row in rows]


def _round_view(session: Session, vote: VoteRound) -> VoteRoundView:
    tallies = session.execute(
        select(col(VoteTally.item_key), col(VoteTally.dots))
        .where(col(VoteTally.round_id) == vote.id)
        .order_by(col(VoteTally.dots).desc(), col(VoteTally.id))
    ).all()
    return VoteRoundView(
        id=vote.id or 0,
        target=VoteTarget(vote.target),
        initiative_id=vote.initiative_id,
        dots_per_person=vote.dots_per_person,
        participants=vote.participants,
        held_on=vote.held_on,
        tallies=tuple((key, dots) for key, dots in tallies),
    )


def _checked_keys(
    session: Session, target: VoteTarget, initiative_id: int | None, keys: Iterable[str]
) -> None:
    wanted = set(keys)
    if target is VoteTarget.IDEA:
        found = set(session.execute(select(col(Idea.id)).where(col(Idea.id).in_(wanted))).scalars())
    else:
        table = _target_table(target)
        numbers = {int(key) for key in wanted if key.isdecimal()}
        found = {
            str(number)
            for number in session.execute(
                select(col(table.id)).where(
                    col(table.id).in_(numbers), col(table.initiative_id) == initiative_id
                )
            ).scalars()
        }
    if found != wanted:
        raise NotFound(
            _("Some of what was voted on is gone (removed meanwhile?); read the list again.")
        )


def save_vote(
    db: Database,
    actor: str,
    target: VoteTarget,
    initiative_id: int | None,
    *,
    dots_per_person: int,
    participants: int | None,
    dots: Mapping[str, int],
    held_on: date | None = None,
) -> VoteRoundView:
    """Store one round: its tallies, the items' ``votes`` set to this round's counts, and an
    event, in one transaction. ``dots`` maps each item's key to the dots it got (give every
    item shown, zeros too, so an item that got none no longer shows an old count)."""
    target = VoteTarget(target)
    try:
        check_round(dots_per_person, participants, dots)
    except VoteError as error:
        raise InvalidInput(str(error)) from None
    if (target is VoteTarget.IDEA) != (initiative_id is None):
        raise InvalidInput(_("Causes and solutions are voted on within an initiative."))
    with write_session(db.engine) as session:
        if initiative_id is not None:
            load(session, initiative_id)
        _checked_keys(session, target, initiative_id, dots)
        vote = VoteRound(
            initiative_id=initiative_id,
            target=target.value,
            dots_per_person=dots_per_person,
            participants=participants,
            held_on=held_on or date.today(),
        )
        session.add(vote)
        session.flush()
        assert vote.id is not None
        table = _target_table(target)
        for key, count in dots.items():
            session.add(VoteTally(round_id=vote.id, item_key=key, dots=count))
            # A plain UPDATE: the tally is not an edit of the text, so it must not turn
            # someone's edit of the same cause into a conflict (the version stays).
            item_id: int | str = key if target is VoteTarget.IDEA else int(key)
            session.execute(update(table).where(col(table.id) == item_id).values(votes=count))
        if initiative_id is not None:
            touch(session, initiative_id)
        record(
            session,
            actor,
            initiative_id=initiative_id,
            entity="vote_round",
            entity_id=vote.id,
            action="add",
            field=target.value,
            new=_("{used} dots on {items} items, {dots} per person").format(
                used=sum(dots.values()), items=len(dots), dots=dots_per_person
            ),
        )
        session.flush()
        return _round_view(session, vote)


def latest_round(
    db: Database, target: VoteTarget, initiative_id: int | None
) -> VoteRoundView | None:
    """The newest round on ``target`` (of an initiative, or on ideas for None)."""
    with read_session(db.engine) as session:
        column = col(VoteRound.initiative_id)
        vote = (
            session.execute(
                select(VoteRound)
                .where(
                    col(VoteRound.target) == VoteTarget(target).value,
                    column.is_(None) if initiative_id is None else column == initiative_id,
                )
                .order_by(col(VoteRound.held_on).desc(), col(VoteRound.id).desc())
                .limit(1)
            )
            .scalars()
            .first()
        )
        return None if vote is None else _round_view(session, vote)


# --- The impact/effort matrix --------------------------------------------------------------------


def _level(value: str | None) -> Level | None:
    return Level(value) if value else None


def _matrix_item(solution: Solution) -> MatrixItem:
    return MatrixItem(
        id=solution.id or 0,
        text=solution.text,
        impact=_level(solution.impact),
        effort=_level(solution.effort),
        votes=solution.votes,
        version=solution.version,
    )


def matrix_items(db: Database, initiative_id: int) -> list[MatrixItem]:
    """An initiative's solutions in their order, each with its impact and effort."""
    with read_session(db.engine) as session:
        load(session, initiative_id)
        rows = session.execute(
            select(Solution)
            .where(col(Solution.initiative_id) == initiative_id)
            .order_by(col(Solution.position), col(Solution.id))
        ).scalars()
        return [_matrix_item(row) for row in rows]


def place_solution(
    db: Database,
    actor: str,
    solution_id: int,
    impact: Level | None,
    effort: Level | None,
    *,
    expected_version: int | None = None,
) -> MatrixItem:
    """Put a solution on the matrix (None takes it off that axis); an event per change."""
    message = _("Someone else changed this solution; nothing was overwritten.")
    with no_lost_updates(message), write_session(db.engine) as session:
        solution = session.get(Solution, solution_id)
        if solution is None:
            raise NotFound(_("There is no solution with id {id}.").format(id=solution_id))
        if expected_version is not None and solution.version != expected_version:
            raise Conflict(message, _matrix_item(solution))
        changes = [
            (name, getattr(solution, name), None if new is None else Level(new).value)
            for name, new in (("impact", impact), ("effort", effort))
        ]
        changed = [(name, old, new) for name, old, new in changes if old != new]
        for name, _old, new in changed:
            setattr(solution, name, new)
        if changed:
            session.flush()
            touch(session, solution.initiative_id)
        for name, old, new in changed:
            record(
                session,
                actor,
                initiative_id=solution.initiative_id,
                entity="solution",
                entity_id=solution.id,
                action="edit",
                field=name,
                old=old,
                new=new,
            )
        return _matrix_item(solution)
