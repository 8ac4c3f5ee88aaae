"""What the idea services share: an idea row as a view, finding an idea by its id (or the
start of it), and emptying SQLite's write-ahead log so that no older copy of an idea's page,
and no trace of the order ideas came in, is left there (see :mod:`.ideas`).
"""

from __future__ import annotations

import time

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from forbattra.core.ideas import IdeaStatus, IdeaView
from forbattra.i18n import _
from forbattra.store.database import Database
from forbattra.store.errors import InvalidInput, NotFound
from forbattra.store.models import Idea

# Letters and digits that cannot be mistaken for each other when read aloud or typed.
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
# A shorter start of an id is enough to name an idea on the command line.
MIN_PREFIX = 4
_CHECKPOINT_TRIES = 5


def idea_view(idea: Idea) -> IdeaView:
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


def find_idea(session: Session, reference: str, *, lock: bool = False) -> Idea:
    """The idea with id ``reference``, or the only one whose id starts with it."""
    wanted = reference.strip().lower()
    idea = session.get(Idea, wanted, with_for_update=lock) if wanted else None
    if idea is not None:
        return idea
    if len(wanted) >= MIN_PREFIX and all(c in ALPHABET for c in wanted):
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
