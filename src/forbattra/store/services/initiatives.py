"""Initiatives: create, list, read, move between phases, answer guiding questions."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from forbattra.core import methods
from forbattra.core.domain import AnswerView, InitiativeRow, NewInitiative
from forbattra.core.vocabulary import AREAS, Method, Status
from forbattra.i18n import _
from forbattra.store.database import Database
from forbattra.store.engine import read_session, write_session
from forbattra.store.errors import Conflict, InvalidInput, NotFound
from forbattra.store.models import Answer, Initiative
from forbattra.store.services.checks import ensure_open, free_text
from forbattra.store.services.events import record
from forbattra.store.types import utcnow

MAX_TITLE = 300


def clean_title(title: str) -> str:
    """A title without surrounding or control whitespace; refuses empty and overlong ones.

    Control characters (NUL, escape codes) count as whitespace: PostgreSQL cannot store NUL,
    and an escape code in a title would reach every terminal that shows it.
    """
    spaced = "".join(" " if unicodedata.category(c) == "Cc" else c for c in title)
    cleaned = " ".join(spaced.split())
    if not cleaned:
        raise InvalidInput(_("The title is empty. Give the initiative a short, clear name."))
    if len(cleaned) > MAX_TITLE:
        raise InvalidInput(
            _("The title is too long ({length} characters; at most {limit}).").format(
                length=len(cleaned), limit=MAX_TITLE
            )
        )
    return cleaned


def _check_area(area: int | None) -> None:
    if area is not None and area not in AREAS:
        raise InvalidInput(_("The Kommunkompassen area must be a number from 1 to 8, or none."))


def _row(initiative: Initiative) -> InitiativeRow:
    return InitiativeRow(
        id=initiative.id or 0,
        title=initiative.title,
        method=Method(initiative.method),
        phase=initiative.phase,
        status=Status(initiative.status),
        unit=initiative.unit,
        area=initiative.area,
        leader=initiative.leader,
        updated_at=initiative.updated_at,
        review_by=initiative.review_by,
        version=initiative.version,
    )


def load(session: Session, initiative_id: int) -> Initiative:
    initiative = session.get(Initiative, initiative_id)
    if initiative is None:
        raise NotFound(_("There is no initiative with id {id}.").format(id=initiative_id))
    return initiative


def create_initiative(db: Database, actor: str, new: NewInitiative) -> InitiativeRow:
    """Start an initiative in the first phase of its method."""
    with write_session(db.engine) as session:
        return _row(add_initiative(session, actor, new))


def add_initiative(session: Session, actor: str, new: NewInitiative) -> Initiative:
    """Start an initiative inside the caller's transaction (an idea that becomes one)."""
    title = clean_title(new.title)
    method = Method(new.method)
    _check_area(new.area)
    initiative = Initiative(
        title=title,
        method=method.value,
        unit=new.unit.strip(),
        area=new.area,
        leader=new.leader.strip(),
        sponsor=new.sponsor.strip(),
        coach=new.coach.strip(),
        team=new.team.strip(),
        status=Status.ACTIVE.value,
        phase=methods.first_phase(method),
    )
    session.add(initiative)
    session.flush()
    record(
        session,
        actor,
        initiative_id=initiative.id,
        entity="initiative",
        entity_id=initiative.id,
        action="create",
        new=title,
    )
    return initiative


_ROW_COLUMNS: tuple[Any, ...] = (
    Initiative.id,
    Initiative.title,
    Initiative.method,
    Initiative.phase,
    Initiative.status,
    Initiative.unit,
    Initiative.area,
    Initiative.leader,
    Initiative.updated_at,
    Initiative.review_by,
    Initiative.version,
)


_METHODS = {method.value: method for method in Method}
_STATUSES = {status.value: status for status in Status}


def list_initiatives(db: Database, *, include_closed: bool = False) -> list[InitiativeRow]:
    """The portfolio, newest change first; closed and completed ones only when asked."""
    query = select(*_ROW_COLUMNS).order_by(Initiative.updated_at.desc(), Initiative.id.desc())  # type: ignore[attr-defined,union-attr]
    if not include_closed:
        query = query.where(
            Initiative.status.in_([Status.ACTIVE.value, Status.PAUSED.value])  # type: ignore[attr-defined]
        )
    # Core rows read by position and enums from a dict: three times faster than ORM rows
    # read by name, which matters at 10,000 initiatives (the portfolio waits for them).
    with read_session(db.engine) as session:
        return [_list_row(*row) for row in session.connection().execute(query)]


def _list_row(
    id: int,
    title: str,
    method: str,
    phase: str,
    status: str,
    *rest: Any,
) -> InitiativeRow:
    # rest: unit, area, leader, updated_at, review_by, version (the order of _ROW_COLUMNS)
    return InitiativeRow(id, title, _METHODS[method], phase, _STATUSES[status], *rest)


def get_initiative(db: Database, initiative_id: int) -> InitiativeRow:
    with read_session(db.engine) as session:
        return _row(load(session, initiative_id))


def move_to_phase(
    db: Database,
    actor: str,
    initiative_id: int,
    phase_key: str,
    *,
    expected_version: int | None = None,
    expected_phase: str | None = None,
    open_items: Sequence[str] = (),
) -> InitiativeRow:
    """Move to another phase of the method, forwards or back; recorded in the event log.

    ``expected_phase`` is the phase the team was seen in when it decided to move: if someone
    else has moved the initiative since, :class:`Conflict` says where it is now. (Someone
    else's answers or causes do not stand in the way of a move; ``expected_version`` would.)
    ``open_items`` are what the phase gate listed as still open when the team confirmed the
    move; they are kept in the log with it, so a coach can see what was left behind.
    """
    try:
        with write_session(db.engine) as session:
            initiative = load(session, initiative_id)
            if methods.phase(initiative.method, phase_key) is None:
                raise InvalidInput(
                    _("{phase} is not a phase of this method.").format(phase=phase_key)
                )
            if expected_version is not None and initiative.version != expected_version:
                raise Conflict(_("Someone else changed this initiative; reload and try again."))
            if expected_phase is not None and initiative.phase != expected_phase:
                now = methods.phase(initiative.method, initiative.phase)
                raise Conflict(
                    _(
                        "Someone else has moved this initiative to {phase} meanwhile;"
                        " nothing was changed."
                    ).format(phase=now.name if now else initiative.phase),
                    _row(initiative),
                )
            old = initiative.phase
            if old == phase_key:
                return _row(initiative)
            ensure_open(initiative)
            initiative.phase = phase_key
            initiative.updated_at = utcnow()
            record(
                session,
                actor,
                initiative_id=initiative_id,
                entity="initiative",
                entity_id=initiative_id,
                action="phase",
                field="phase",
                old=old,
                new=phase_key,
            )
            if open_items:
                record(
                    session,
                    actor,
                    initiative_id=initiative_id,
                    entity="initiative",
                    entity_id=initiative_id,
                    action="gate",
                    field=old,
                    new="\n".join(open_items),
                )
            session.flush()
            return _row(initiative)
    except StaleDataError:
        raise Conflict(_("Someone else changed this initiative; reload and try again.")) from None


def _answer_conflict(answer: Answer | None, phase_key: str, question_key: str) -> Conflict:
    current = AnswerView(
        phase_key, question_key, answer.text if answer else "", answer.version if answer else 0
    )
    return Conflict(
        _("Someone else changed this answer while you were editing it; nothing was overwritten."),
        current,
    )


def set_answer(
    db: Database,
    actor: str,
    initiative_id: int,
    phase_key: str,
    question_key: str,
    text: str,
    *,
    expected_version: int | None = None,
) -> AnswerView:
    """Answer (or change the answer to) one guiding question; the old answer goes to the log.

    ``expected_version`` is the version of the answer the writer read (0: there was none);
    if the answer has changed since, :class:`Conflict` is raised and nothing is written.
    None writes whatever is there (the command line's "set this answer").
    """
    try:
        return _set_answer(
            db, actor, initiative_id, phase_key, question_key, text, expected_version
        )
    except StaleDataError:
        raise _answer_conflict(None, phase_key, question_key) from None


def _set_answer(
    db: Database,
    actor: str,
    initiative_id: int,
    phase_key: str,
    question_key: str,
    text: str,
    expected_version: int | None,
) -> AnswerView:
    text = free_text(text)
    with write_session(db.engine) as session:
        initiative = load(session, initiative_id)
        phase = methods.phase(initiative.method, phase_key)
        if phase is None or phase.question(question_key) is None:
            raise InvalidInput(_("That question does not belong to this initiative's method."))
        answer = session.execute(
            select(Answer).where(
                Answer.initiative_id == initiative_id,  # type: ignore[arg-type]
                Answer.phase == phase_key,  # type: ignore[arg-type]
                Answer.question == question_key,  # type: ignore[arg-type]
            )
        ).scalar_one_or_none()
        if expected_version is not None and (answer.version if answer else 0) != expected_version:
            raise _answer_conflict(answer, phase_key, question_key)
        old = answer.text if answer else None
        if old == text or (answer is None and not text):
            return AnswerView(phase_key, question_key, text, answer.version if answer else 0)
        ensure_open(initiative)
        now = utcnow()
        if answer is None:
            answer = Answer(
                initiative_id=initiative_id,
                phase=phase_key,
                question=question_key,
                text=text,
                updated_at=now,
            )
            session.add(answer)
        else:
            answer.text = text
            answer.updated_at = now
        initiative.updated_at = now
        record(
            session,
            actor,
            initiative_id=initiative_id,
            entity="answer",
            action="answer",
            field=f"{phase_key}.{question_key}",
            old=old,
            new=text,
        )
        session.flush()
        return AnswerView(phase_key, question_key, answer.text, answer.version)
