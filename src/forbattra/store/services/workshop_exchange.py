"""The workshop's part of an initiative document: its parking lot and its dot votes.

Used by ``services.exchange`` on export and import. Votes refer to causes and solutions by
the document's keys; rounds on ideas belong to no initiative and are not exported here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from forbattra.core.exchange import InitiativeDocument
from forbattra.store.models import ParkingItem, VoteRound, VoteTally
from forbattra.store.types import utcnow


def export_parking(session: Session, initiative_id: int) -> list[dict[str, Any]]:
    rows = session.execute(
        select(ParkingItem)
        .where(col(ParkingItem.initiative_id) == initiative_id)
        .order_by(col(ParkingItem.created_at), col(ParkingItem.id))
    ).scalars()
    return [
        {"text": row.text, "done": row.done, "created_at": row.created_at.isoformat()}
        for row in rows
    ]


def export_votes(
    session: Session,
    initiative_id: int,
    cause_keys: Mapping[Any, str],
    solution_keys: Mapping[Any, str],
) -> list[dict[str, Any]]:
    """Rounds oldest first; a tally of an item removed since is left out (the round stays)."""
    rounds = session.execute(
        select(VoteRound)
        .where(col(VoteRound.initiative_id) == initiative_id)
        .order_by(col(VoteRound.held_on), col(VoteRound.id))
    ).scalars()
    exported = []
    for vote in rounds:
        keys = cause_keys if vote.target == "cause" else solution_keys
        tallies = session.execute(
            select(col(VoteTally.item_key), col(VoteTally.dots))
            .where(col(VoteTally.round_id) == vote.id)
            .order_by(col(VoteTally.dots).desc(), col(VoteTally.id))
        ).all()
        exported.append(
            {
                "target": vote.target,
                "dots_per_person": vote.dots_per_person,
                "participants": vote.participants,
                "held_on": vote.held_on.isoformat(),
                "tallies": {
                    keys[int(item)]: dots
                    for item, dots in tallies
                    if item.isdecimal() and int(item) in keys
                },
            }
        )
    return exported


def insert_workshop(
    session: Session,
    initiative_id: int,
    document: InitiativeDocument,
    cause_ids: Mapping[str, int],
    solution_ids: Mapping[str, int],
) -> None:
    """Store the document's parking lot and votes for the initiative just inserted."""
    for item in document.parking:
        session.add(
            ParkingItem(
                initiative_id=initiative_id,
                text=item.text,
                done=item.done,
                created_at=item.created_at or utcnow(),
            )
        )
    for vote in document.votes:
        ids = cause_ids if vote.target == "cause" else solution_ids
        stored = VoteRound(
            initiative_id=initiative_id,
            target=vote.target,
            dots_per_person=vote.dots_per_person,
            participants=vote.participants,
            held_on=vote.held_on,
        )
        session.add(stored)
        session.flush()
        assert stored.id is not None
        for key, dots in vote.tallies.items():
            session.add(VoteTally(round_id=stored.id, item_key=str(ids[key]), dots=dots))
