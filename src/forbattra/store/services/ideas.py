"""The idea inbox: leave an idea (anonymously by default), triage it, turn it into an
initiative, import a list of ideas, delete one for good, and the inbox's own statistics.

Anonymity is a promise the storage keeps, not a checkbox:

* :func:`submit_idea` takes no actor at all, so it cannot store who is acting; an anonymous
  idea keeps its text, unit, area and the *date* it arrived, nothing else.
* Its id is a random token, and on SQLite the row's hidden ``rowid`` is random too, so
  neither the id nor the row's place in the file tells in which order ideas arrived.
* An anonymous submission writes **no event**: an event row has an exact time and an
  autoincrement id, so even one stamped at midnight would sit between other events and tell
  within minutes when the idea came. A signed idea gets its event (the name is given freely).
* After an anonymous submission the write-ahead log is emptied into the file, since the log
  keeps commits in order and the idea's page would sit between timestamped events.
* Deleting an idea overwrites its bytes (``PRAGMA secure_delete``, set for every SQLite
  connection in ``store.engine``) and then checkpoints and truncates the WAL, where older
  copies of the page would otherwise remain. Events never hold an idea's text.

PostgreSQL keeps deleted rows until the server vacuums them, and its own logs and transaction
ids are outside what forbattra controls: the README says so.
"""

from __future__ import annotations

import secrets
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, text
from sqlalchemy.orm import Session
from sqlmodel import col

from forbattra.core import methods
from forbattra.core.domain import NewInitiative
from forbattra.core.ideas import (
    IMPORT_PREFIX,
    IdeaFact,
    IdeaStatus,
    IdeaView,
    InboxStats,
    NewIdea,
    imported_from,
    inbox_stats,
    initiative_title,
    transition_problem,
)
from forbattra.core.ideas_file import ParsedIdea, clean_idea_text
from forbattra.core.vocabulary import AREAS, Method
from forbattra.i18n import _
from forbattra.store.database import Database
from forbattra.store.engine import read_session, write_session
from forbattra.store.errors import Conflict, InvalidInput, NotFound
from forbattra.store.models import Answer, Idea
from forbattra.store.services.checks import MAX_LINE, one_line
from forbattra.store.services.events import record
from forbattra.store.services.initiatives import add_initiative
from forbattra.store.types import utcnow

# Letters and digits that cannot be mistaken for each other when read aloud or typed.
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
ID_LENGTH = 10
# A shorter start of an id is enough to name an idea on the command line.
MIN_PREFIX = 4
_CHECKPOINT_TRIES = 5


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


def _new_id() -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(ID_LENGTH))


def _view(idea: Idea) -> IdeaView:
    return IdeaView(
        id=idea.id,
        text=idea.text,
        unit=idea.unit,
        area=idea.area,
        author=idea.author,
        received_on=idea.received_on,
        status=IdeaStatus(idea.status),
        status_reason=idea.status_reason,
        votes=idea.votes,
        initiative_id=idea.initiative_id,
    )


def _check_area(area: int | None) -> None:
    if area is not None and area not in AREAS:
        raise InvalidInput(_("The Kommunkompassen area must be a number from 1 to 8, or none."))


def _clean_text(text: str) -> str:
    try:
        return clean_idea_text(text)
    except ValueError as error:
        raise InvalidInput(_("The idea cannot be saved: {reason}.").format(reason=error)) from None


def _line(value: str) -> str:
    """A short text on one line, or "" when nothing printable is left."""
    spaced = "".join(" " if unicodedata.category(c) == "Cc" else c for c in value)
    return one_line(spaced, "") if spaced.strip() else ""


def _clean_unit(unit: str) -> str:
    return _line(unit)


def _clean_author(author: str) -> str:
    name = _line(author)
    if name.lower().startswith(IMPORT_PREFIX.strip()):
        raise InvalidInput(_("A name cannot start with “{prefix}”.").format(prefix=IMPORT_PREFIX))
    return name


def _insert(session: Session, idea: Idea) -> None:
    """Add ``idea`` under an id no other idea has; on SQLite with a random rowid."""
    while session.get(Idea, idea.id) is not None:
        idea.id = _new_id()
    session.add(idea)
    session.flush()
    if session.get_bind().dialect.name == "sqlite":
        # SQLite numbers rows 1, 2, 3… behind the scenes, and orders them in the file so.
        session.execute(
            text("UPDATE idea SET rowid = :rowid WHERE id = :id"),
            {"rowid": secrets.randbelow(2**62) + 1, "id": idea.id},
        )


def submit_idea(db: Database, new: NewIdea, *, today: date | None = None) -> IdeaView:
    """Leave an idea in the inbox. Anonymous unless ``new.author`` names the submitter.

    Deliberately no ``actor``: the person acting is not this function's business.
    """
    idea_text = _clean_text(new.text)
    unit = _clean_unit(new.unit)
    author = _clean_author(new.author)
    _check_area(new.area)
    with write_session(db.engine) as session:
        idea = Idea(
            id=_new_id(),
            text=idea_text,
            unit=unit,
            area=new.area,
            author=author,
            received_on=today or date.today(),
            status=IdeaStatus.NEW.value,
        )
        _insert(session, idea)
        if author:  # an anonymous idea writes no event at all (see the module's docstring)
            record(
                session,
                author,
                initiative_id=None,
                entity="idea",
                action="submit",
                field=idea.id,
                new=IdeaStatus.NEW.value,
            )
        view = _view(idea)
    if not author:
        # The write-ahead log keeps commits in order: the idea's page between two timestamped
        # events would tell when it came. Moved into the file at once, no order is left.
        checkpoint(db)
    return view


def import_ideas(
    db: Database, actor: str, rows: Sequence[ParsedIdea], source: str, *, today: date | None = None
) -> list[IdeaView]:
    """Store ideas read from a file, all in one transaction; marked with the file's name."""
    if not rows:
        raise InvalidInput(_("The file has no ideas."))
    author = IMPORT_PREFIX + one_line(source, _("The file has no name."))[: MAX_LINE - 10]
    day = today or date.today()
    with write_session(db.engine) as session:
        stored: list[IdeaView] = []
        for row in rows:
            _check_area(row.area)
            idea = Idea(
                id=_new_id(),
                text=_clean_text(row.text),
                unit=_clean_unit(row.unit),
                area=row.area,
                author=author,
                received_on=day,
                status=IdeaStatus.NEW.value,
            )
            _insert(session, idea)
            stored.append(_view(idea))
        record(
            session,
            actor,
            initiative_id=None,
            entity="idea",
            action="import",
            field=str(len(stored)),
            new=source,
        )
        return stored


def _find(session: Session, reference: str, *, lock: bool = False) -> Idea:
    """The idea with id ``reference``, or the only one whose id starts with it."""
    wanted = reference.strip().lower()
    idea = session.get(Idea, wanted, with_for_update=lock) if wanted else None
    if idea is not None:
        return idea
    if len(wanted) >= MIN_PREFIX and all(c in _ALPHABET for c in wanted):
        found = list(
            session.execute(
                select(col(Idea.id)).where(col(Idea.id).startswith(wanted)).limit(2)
            ).scalars()
        )
        if len(found) == 1:
            match = session.get(Idea, found[0], with_for_update=lock)
            if match is not None:
                return match
        if len(found) > 1:
            raise InvalidInput(
                _("More than one idea has an id starting with {id}; type more of it.").format(
                    id=wanted
                )
            )
    raise NotFound(_("There is no idea with id {id}.").format(id=reference.strip()))


def get_idea(db: Database, reference: str) -> IdeaView:
    with read_session(db.engine) as session:
        return _view(_find(session, reference))


def list_ideas(
    db: Database, *, status: IdeaStatus | None = None, unit: str | None = None
) -> list[IdeaView]:
    """The inbox, newest day first; within a day in id order, which is random (on purpose).

    The unit matches in any case, compared here: SQLite's lower() knows only ASCII, so
    "Äldreomsorg" would never match on SQLite what it matches on PostgreSQL."""
    query = select(Idea).order_by(col(Idea.received_on).desc(), col(Idea.id))
    if status is not None:
        query = query.where(col(Idea.status) == status.value)
    with read_session(db.engine) as session:
        found = [_view(idea) for idea in session.execute(query).scalars()]
    wanted = unicodedata.normalize("NFC", unit or "").strip().casefold()
    if not wanted:
        return found
    return [idea for idea in found if unicodedata.normalize("NFC", idea.unit).casefold() == wanted]


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
            _("Someone else has triaged this idea meanwhile; nothing was changed."), _view(idea)
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
        idea = _find(session, reference, lock=True)
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
        return _view(idea)


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
        idea = _find(session, reference, lock=True)
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
        return _view(idea)


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
        idea = _find(session, reference, lock=True)
        old = _move(session, idea, IdeaStatus.INITIATIVE, "", expected_status)
        view = _view(idea)
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
        return Accepted(_view(idea), initiative.id, initiative.title, method)


def delete_idea(db: Database, actor: str, reference: str) -> Deleted:
    """Delete an idea for good: its bytes are overwritten and the write-ahead log emptied.

    The event says that an idea was deleted and what status it had, never its text.
    An initiative made from it keeps its own copy of the words (its first answer).
    """
    with write_session(db.engine) as session:
        idea = _find(session, reference, lock=True)
        gone = _view(idea)
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


def checkpoint(db: Database) -> bool:
    """Copy the write-ahead log into the database file and empty it (SQLite); True when done.

    Another connection in the middle of a read keeps the log busy: try a few times, briefly.
    """
    if db.engine.dialect.name != "sqlite":
        return True
    for attempt in range(_CHECKPOINT_TRIES):
        raw = db.engine.raw_connection()
        try:
            cursor = raw.cursor()
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            row = cursor.fetchone()
            cursor.close()
        finally:
            raw.close()
        if row is None or row[0] == 0:
            return True
        time.sleep(0.05 * (attempt + 1))
    return False


def inbox_statistics(db: Database, *, today: date | None = None) -> InboxStats:
    """Ideas per month and how many became initiatives (see ``core.ideas.inbox_stats``)."""
    query = select(col(Idea.received_on), col(Idea.status), col(Idea.author))
    with read_session(db.engine) as session:
        facts = [
            IdeaFact(row.received_on, IdeaStatus(row.status), imported_from(row.author) is not None)
            for row in session.execute(query)
        ]
    return inbox_stats(facts, today or date.today())
