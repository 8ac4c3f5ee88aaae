"""Triage of the idea inbox: take an idea up for review, answer "not now" with a reason, turn
it into an initiative (linked both ways), or delete it for good, wiping its bytes.

Each call is one transaction; a status that changed meanwhile is a :class:`Conflict`, and the
events name the idea by its id, never by its text.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from sqlalchemy.orm import Session

from forbattra.core import methods
from forbattra.core.domain import NewInitiative
from forbattra.core.ideas import IdeaStatus, IdeaView, initiative_title, transition_problem
from forbattra.core.vocabulary import Method
from forbattra.i18n import _
from forbattra.store.database import Database
from forbattra.store.engine import write_session
from forbattra.store.errors import Conflict, InvalidInput
from forbattra.store.models import Answer, Idea
from forbattra.store.services.events import record
from forbattra.store.services.idea_common import checkpoint, find_idea, idea_view
from forbattra.store.services.initiatives import add_initiative
from forbattra.store.types import utcnow


@dataclass(frozen=True)
class Accepted:
    """An idea that became an initiative: the idea as it is now, and the new initiative."""

    idea: IdeaView
    initiative_id: int
    title: str
    method: Method


@dataclass(frozen=True)
class Deleted:
    """A deleted idea. ``wiped`` is False when another program held the database open, so
    the write-ahead log could not be emptied yet (SQLite empties it when the last one closes)."""

    id: str
    wiped: bool
    initiative_id: int | None


def _move(
    session: Session,
    idea: Idea,
    new: IdeaStatus,
    reason: str,
    expected: IdeaStatus | None,
) -> IdeaStatus:
    old = IdeaStatus(idea.status)
    if expected is not None and old is not expected:
        raise Conflict(
            _("Someone else has triaged this idea meanwhile; nothing was changed."), idea_view(idea)
        )
    problem = transition_problem(old, new, reason)
    if problem is not None:
        raise InvalidInput(problem)
    idea.status = new.value
    idea.status_reason = reason.strip() if new is IdeaStatus.NOT_NOW else ""
    return old


def review_idea(
    db: Database, actor: str, reference: str, *, expected_status: IdeaStatus | None = None
) -> IdeaView:
    """Take an idea up for review (from new, or again after "not now")."""
    with write_session(db.engine) as session:
        idea = find_idea(session, reference, lock=True)
        old = _move(session, idea, IdeaStatus.UNDER_REVIEW, "", expected_status)
        record(
            session,
            actor,
            initiative_id=None,
            entity="idea",
            action="review",
            field=idea.id,
            old=old.value,
            new=IdeaStatus.UNDER_REVIEW.value,
        )
        return idea_view(idea)


def not_now(
    db: Database,
    actor: str,
    reference: str,
    reason: str,
    *,
    expected_status: IdeaStatus | None = None,
) -> IdeaView:
    """Answer "not now", with a reason the submitter can read (they may have no other way
    to hear back: that is what an anonymous inbox costs)."""
    reason = "".join(c for c in reason if c in "\n\t" or unicodedata.category(c) != "Cc").strip()
    if len(reason) > 2_000:
        raise InvalidInput(
            _("The reason is too long ({length} characters; at most {limit}).").format(
                length=len(reason), limit=2_000
            )
        )
    with write_session(db.engine) as session:
        idea = find_idea(session, reference, lock=True)
        old = _move(session, idea, IdeaStatus.NOT_NOW, reason, expected_status)
        record(
            session,
            actor,
            initiative_id=None,
            entity="idea",
            action="not_now",
            field=idea.id,
            old=old.value,
            new=idea.status_reason,
        )
        return idea_view(idea)


def _quote(idea: IdeaView) -> str:
    """How the initiative's first answer shows where it came from."""
    heading = _("From the idea inbox ({source}, received {date}):").format(
        source=idea.source, date=idea.received_on.isoformat()
    )
    return f"{heading}\n\n{idea.text}"


def accept_idea(
    db: Database,
    actor: str,
    reference: str,
    *,
    method: Method = Method.PDSA,
    title: str | None = None,
    expected_status: IdeaStatus | None = None,
) -> Accepted:
    """Turn an idea into an initiative, in one transaction, linked both ways: the idea points
    to the initiative, and the initiative's first guiding question quotes the idea (its
    history also has an "idea" event naming the idea's id)."""
    with write_session(db.engine) as session:
        idea = find_idea(session, reference, lock=True)
        old = _move(session, idea, IdeaStatus.INITIATIVE, "", expected_status)
        view = idea_view(idea)
        initiative = add_initiative(
            session,
            actor,
            NewInitiative(
                title=title if title and title.strip() else initiative_title(idea.text),
                method=method,
                unit=idea.unit,
                area=idea.area,
            ),
        )
        assert initiative.id is not None
        idea.initiative_id = initiative.id
        first = methods.phases(method)[0]
        quote = _quote(view)
        session.add(
            Answer(
                initiative_id=initiative.id,
                phase=first.key,
                question=first.questions[0].key,
                text=quote,
                updated_at=utcnow(),
            )
        )
        record(
            session,
            actor,
            initiative_id=initiative.id,
            entity="idea",
            action="accept",
            field=idea.id,
            old=old.value,
            new=IdeaStatus.INITIATIVE.value,
        )
        record(
            session,
            actor,
            initiative_id=initiative.id,
            entity="answer",
            action="answer",
            field=f"{first.key}.{first.questions[0].key}",
            new=quote,
        )
        session.flush()
        return Accepted(idea_view(idea), initiative.id, initiative.title, method)


def delete_idea(db: Database, actor: str, reference: str) -> Deleted:
    """Delete an idea for good: its bytes are overwritten and the write-ahead log emptied.

    The event says that an idea was deleted and what status it had, never its text.
    An initiative made from it keeps its own copy of the words (its first answer).
    """
    with write_session(db.engine) as session:
        idea = find_idea(session, reference, lock=True)
        gone = idea_view(idea)
        session.delete(idea)
        record(
            session,
            actor,
            initiative_id=None,
            entity="idea",
            action="delete",
            field=gone.id,
            old=gone.status.value,
        )
    return Deleted(gone.id, checkpoint(db), gone.initiative_id)
