"""Dot votes on an initiative's causes or solutions, or on the ideas in the inbox: what a
round can vote on, saving a round with its tallies, and the newest round.

One transaction per call and an event for every round.

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

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from sqlmodel import col

from forbattra.core.voting import VoteError, VoteItem, VoteRoundView, VoteTarget, check_round
from forbattra.i18n import _
from forbattra.store.database import Database
from forbattra.store.engine import read_session, write_session
from forbattra.store.errors import InvalidInput, NotFound
from forbattra.store.models import Cause, Idea, Solution, VoteRound, VoteTally
from forbattra.store.services.checks import touch
from forbattra.store.services.events import record
from forbattra.store.services.initiatives import load


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
