"""Review comments on an initiative, one of its phases or one of its cycles.

The author is the acting user. A comment is never edited away: it is resolved (and can be
opened again); each change is one transaction with an event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from forbattra.core import methods
from forbattra.i18n import _
from forbattra.store.database import Database
from forbattra.store.engine import read_session, write_session
from forbattra.store.errors import Conflict, InvalidInput, NotFound
from forbattra.store.models import Comment, Cycle
from forbattra.store.services.checks import check_version, free_text, no_lost_updates
from forbattra.store.services.events import record
from forbattra.store.services.initiatives import load

INITIATIVE = "initiative"


@dataclass(frozen=True)
class CommentView:
    id: int
    initiative_id: int
    target: str  # "initiative", "phase:measure", "cycle:3"
    author: str
    text: str
    resolved: bool
    created_at: datetime
    version: int


def phase_target(phase_key: str) -> str:
    return f"phase:{phase_key}"


def cycle_target(number: int) -> str:
    return f"cycle:{number}"


def _view(comment: Comment) -> CommentView:
    return CommentView(
        id=comment.id or 0,
        initiative_id=comment.initiative_id,
        target=comment.target,
        author=comment.author,
        text=comment.text,
        resolved=comment.resolved,
        created_at=comment.created_at,
        version=comment.version,
    )


def _conflict_message() -> str:
    return _("Someone else changed this comment; nothing was overwritten.")


def _check_target(session: Session, initiative_id: int, target: str) -> str:
    initiative = load(session, initiative_id)
    kind, _colon, key = target.partition(":")
    if target == INITIATIVE:
        return target
    if kind == "phase" and methods.phase(initiative.method, key) is not None:
        return target
    if kind == "cycle" and key.isdecimal():
        found = session.execute(
            select(col(Cycle.id)).where(
                col(Cycle.initiative_id) == initiative_id, col(Cycle.number) == int(key)
            )
        ).first()
        if found is not None:
            return f"cycle:{int(key)}"
        raise NotFound(_("This initiative has no cycle {number}.").format(number=key))
    raise InvalidInput(
        _("A comment is on the initiative, a phase of its method or one of its cycles.")
    )


def add_comment(
    db: Database, actor: str, initiative_id: int, text: str, *, target: str = INITIATIVE
) -> CommentView:
    """Comment as ``actor`` on the initiative, ``phase:KEY`` or ``cycle:NUMBER``."""
    cleaned = free_text(text).strip()
    if not cleaned:
        raise InvalidInput(_("The comment is empty; write what you want to say."))
    with write_session(db.engine) as session:
        checked = _check_target(session, initiative_id, target)
        comment = Comment(initiative_id=initiative_id, target=checked, author=actor, text=cleaned)
        session.add(comment)
        session.flush()
        record(
            session,
            actor,
            initiative_id=initiative_id,
            entity="comment",
            entity_id=comment.id,
            action="comment",
            field=checked,
            new=cleaned,
        )
        return _view(comment)


def set_resolved(
    db: Database,
    actor: str,
    comment_id: int,
    resolved: bool = True,
    *,
    expected_version: int | None = None,
) -> CommentView:
    """Mark a comment as resolved (taken care of), or open it again."""
    with no_lost_updates(_conflict_message()), write_session(db.engine) as session:
        comment = session.get(Comment, comment_id)
        if comment is None:
            raise NotFound(_("There is no comment with id {id}.").format(id=comment_id))
        check_version(comment.version, expected_version, Conflict(_conflict_message()))
        if comment.resolved == resolved:
            return _view(comment)
        comment.resolved = resolved
        session.flush()
        record(
            session,
            actor,
            initiative_id=comment.initiative_id,
            entity="comment",
            entity_id=comment.id,
            action="resolve" if resolved else "unresolve",
            field=comment.target,
            old=not resolved,
            new=resolved,
        )
        return _view(comment)


def list_comments(
    db: Database,
    initiative_id: int,
    *,
    target: str | None = None,
    include_resolved: bool = True,
) -> list[CommentView]:
    """The comments of an initiative (or of one target), oldest first."""
    with read_session(db.engine) as session:
        load(session, initiative_id)
        query = select(Comment).where(col(Comment.initiative_id) == initiative_id)
        if target is not None:
            query = query.where(col(Comment.target) == target)
        if not include_resolved:
            query = query.where(col(Comment.resolved).is_(False))
        query = query.order_by(col(Comment.created_at), col(Comment.id))
        return [_view(comment) for comment in session.execute(query).scalars()]
