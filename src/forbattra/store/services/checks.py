"""Checks the workspace services share: cleaning what people type, versions, touching."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import col

from forbattra.core.vocabulary import Status
from forbattra.i18n import _
from forbattra.store.errors import Conflict, InitiativeClosed, InvalidInput
from forbattra.store.models import Initiative
from forbattra.store.types import utcnow

# The exchange format's limits: a title-like line, and a free text.
MAX_LINE = 300
MAX_TEXT = 20_000


def one_line(text: str, empty_message: str) -> str:
    """A short text on one line: control characters and line breaks become spaces."""
    spaced = "".join(" " if unicodedata.category(c) == "Cc" else c for c in text)
    cleaned = " ".join(spaced.split())
    if not cleaned:
        raise InvalidInput(empty_message)
    if len(cleaned) > MAX_LINE:
        raise InvalidInput(
            _("The text is too long ({length} characters; at most {limit}).").format(
                length=len(cleaned), limit=MAX_LINE
            )
        )
    return cleaned


def free_text(text: str) -> str:
    """A longer text as typed, line breaks and tabs too, but without NUL or other control
    codes (PostgreSQL cannot store NUL; an escape code would reach every terminal)."""
    kept = "".join(c for c in text if c in "\n\t" or unicodedata.category(c) != "Cc")
    if len(kept) > MAX_TEXT:
        raise InvalidInput(
            _("A text is too long ({length} characters; at most {limit}).").format(
                length=len(kept), limit=MAX_TEXT
            )
        )
    return kept


def check_version(actual: int, expected: int | None, conflict: Conflict) -> None:
    """Raise ``conflict`` unless ``expected`` is None (no check) or the row's version."""
    if expected is not None and actual != expected:
        raise conflict


@contextmanager
def no_lost_updates(message: str) -> Iterator[None]:
    """A row changed between this transaction's read and its write: a conflict, not a loss."""
    try:
        yield
    except StaleDataError:
        raise Conflict(message) from None


def closed_message() -> str:
    return _(
        "The initiative is closed; its record stays as it was. Reopen it first to change anything."
    )


def ensure_open(initiative: Initiative) -> None:
    """A closed initiative's record is what was learned: refuse to change it until reopened."""
    if initiative.status == Status.CLOSED.value:
        raise InitiativeClosed(closed_message())


def touch(session: Session, initiative_id: int, *, closed_ok: bool = False) -> None:
    """Mark the initiative as changed now, for the portfolio's "last change".

    A plain UPDATE, so the initiative's own version stays: adding a cause is not an edit of
    the initiative's fields, and must not turn someone's phase move into a conflict.
    Unless ``closed_ok`` (a stop-doing follow-up, the parking lot), a closed initiative
    refuses the change; the caller's transaction then rolls back whole.
    """
    query = update(Initiative).where(col(Initiative.id) == initiative_id)
    if not closed_ok:
        query = query.where(col(Initiative.status) != Status.CLOSED.value)
    if session.execute(query.values(updated_at=utcnow())).rowcount == 0:  # type: ignore[attr-defined]
        raise InitiativeClosed(closed_message())
