"""The idea inbox: leave an idea (anonymously by default), import a list of ideas, read
them, and the inbox's own statistics. Triage (review, "not now", turning an idea into an
initiative, deleting one for good) is in :mod:`.idea_triage`.

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
import unicodedata
from collections.abc import Sequence
from datetime import date

from sqlalchemy import select, text
from sqlalchemy.orm import Session
from sqlmodel import col

from forbattra.core.ideas import (
    IMPORT_PREFIX,
    IdeaFact,
    IdeaStatus,
    IdeaView,
    InboxStats,
    NewIdea,
    imported_from,
    inbox_stats,
)
from forbattra.core.ideas_file import ParsedIdea, clean_idea_text
from forbattra.core.vocabulary import AREAS
from forbattra.i18n import _
from forbattra.store.database import Database
from forbattra.store.engine import read_session, write_session
from forbattra.store.errors import InvalidInput
from forbattra.store.models import Idea
from forbattra.store.services.checks import MAX_LINE, one_line
from forbattra.store.services.events import record
from forbattra.store.services.idea_common import ALPHABET, checkpoint, find_idea, idea_view

ID_LENGTH = 10


def _new_id() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(ID_LENGTH))


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
        view = idea_view(idea)
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
            stored.append(idea_view(idea))
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


def get_idea(db: Database, reference: str) -> IdeaView:
    with read_session(db.engine) as session:
        return idea_view(find_idea(session, reference))


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
        found = [idea_view(idea) for idea in session.execute(query).scalars()]
    wanted = unicodedata.normalize("NFC", unit or "").strip().casefold()
    if not wanted:
        return found
    return [idea for idea in found if unicodedata.normalize("NFC", idea.unit).casefold() == wanted]


def inbox_statistics(db: Database, *, today: date | None = None) -> InboxStats:
    """Ideas per month and how many became initiatives (see ``core.ideas.inbox_stats``)."""
    query = select(col(Idea.received_on), col(Idea.status), col(Idea.author))
    with read_session(db.engine) as session:
        facts = [
            IdeaFact(row.received_on, IdeaStatus(row.status), imported_from(row.author) is not None)
            for row in session.execute(query)
        ]
    return inbox_stats(facts, today or date.today())
