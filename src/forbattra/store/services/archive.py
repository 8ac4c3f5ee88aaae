"""The learning archive: find what other teams tried, closed initiatives included.

Every word must occur in the same text, in any case. SQLite's LIKE and lower() know only
ASCII case, and PostgreSQL's depend on the database's locale, so each letter becomes an
explicit class ("å" → "[åÅ]") in a regular expression, which both databases evaluate the
same way (SQLAlchemy gives SQLite its REGEXP). Everything else is escaped: "%", "_" and
"." are plain characters.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, select
from sqlmodel import col

from forbattra.core import methods
from forbattra.core.vocabulary import Method, Status
from forbattra.i18n import N_, _
from forbattra.store.database import Database
from forbattra.store.engine import read_session
from forbattra.store.errors import InvalidInput
from forbattra.store.models import Answer, Cause, Closure, Cycle, Initiative, Solution

# What a hit shows around the first word it matched.
SNIPPET = 60
MAX_HITS = 200
_SPECIAL = set(".^$*+?{}[]\\|()")

_PLACES = {
    "title": N_("Title"),
    "cause": N_("Cause"),
    "solution": N_("Solution"),
    "closure.reason_text": N_("Reason for closing"),
    "closure.learned": N_("What we learned"),
    "closure.keep": N_("What we keep or spread"),
    "closure.stop_doing": N_("What we stop doing"),
    "cycle.title": N_("Cycle {number}"),
    "cycle.objective": N_("Cycle {number}: objective"),
    "cycle.study": N_("Cycle {number}: study"),
    "cycle.decision_notes": N_("Cycle {number}: decision"),
}


@dataclass(frozen=True)
class Hit:
    initiative_id: int
    title: str
    method: Method
    status: Status
    unit: str
    place: str  # where it matched, readable
    snippet: str


def words_of(query: str) -> list[str]:
    words = unicodedata.normalize("NFC", query).split()
    if not words:
        raise InvalidInput(_("Type one or more words to search for."))
    return words


def pattern(word: str) -> str:
    """A regular expression matching ``word`` in any case, everything else literal."""
    parts = []
    for char in word:
        lower, upper = char.lower(), char.upper()
        if len(lower) == 1 and len(upper) == 1 and lower != upper:
            parts.append(f"[{lower}{upper}]")
        elif char in _SPECIAL:
            parts.append("\\" + char)
        else:
            parts.append(char)
    return "".join(parts)


def _all_words(column: object, words: list[str]) -> ColumnElement[bool]:
    return and_(*(col(column).regexp_match(pattern(word)) for word in words))


def snippet(text: str, words: list[str]) -> str:
    """A line of the text around the first word found, on one line."""
    flat = " ".join(text.split())
    folded = flat.casefold()
    found = [i for w in words if (i := folded.find(w.casefold())) >= 0]
    start = max(0, min(found, default=0) - SNIPPET // 2)
    piece = flat[start : start + SNIPPET * 2]
    return ("…" if start else "") + piece + ("…" if start + SNIPPET * 2 < len(flat) else "")


def search(db: Database, query: str, *, limit: int = MAX_HITS) -> list[Hit]:
    """Texts across all initiatives holding every word of ``query``, newest initiative first."""
    words = words_of(query)
    found: list[tuple[int, str, str]] = []  # (initiative id, place, text)
    with read_session(db.engine) as session:
        initiatives = {
            row.id: row
            for row in session.execute(
                select(
                    col(Initiative.id),
                    col(Initiative.title),
                    col(Initiative.method),
                    col(Initiative.status),
                    col(Initiative.unit),
                )
            )
        }
        for initiative_id, title in session.execute(
            select(col(Initiative.id), col(Initiative.title)).where(
                _all_words(Initiative.title, words)
            )
        ):
            found.append((initiative_id or 0, _(_PLACES["title"]), title))
        for answer in session.execute(
            select(
                col(Answer.initiative_id), col(Answer.phase), col(Answer.question), col(Answer.text)
            ).where(_all_words(Answer.text, words))
        ):
            method = Method(initiatives[answer.initiative_id].method)
            phase = methods.phase(method, answer.phase)
            question = phase.question(answer.question) if phase else None
            where = question.text if question else answer.question
            found.append((answer.initiative_id, where, answer.text))
        for model, key in ((Cause, "cause"), (Solution, "solution")):
            for row in session.execute(
                select(col(model.initiative_id), col(model.text)).where(
                    _all_words(model.text, words)
                )
            ):
                found.append((row.initiative_id, _(_PLACES[key]), row.text))
        for name in ("reason_text", "learned", "keep", "stop_doing"):
            column = getattr(Closure, name)
            for initiative_id, text in session.execute(
                select(col(Closure.initiative_id), col(column)).where(_all_words(column, words))
            ):
                found.append((initiative_id, _(_PLACES[f"closure.{name}"]), text))
        for name in ("title", "objective", "study", "decision_notes"):
            column = getattr(Cycle, name)
            for initiative_id, number, text in session.execute(
                select(col(Cycle.initiative_id), col(Cycle.number), col(column)).where(
                    _all_words(column, words)
                )
            ):
                place = _(_PLACES[f"cycle.{name}"]).format(number=number)
                found.append((initiative_id, place, text))
    found.sort(key=lambda hit: (-hit[0], hit[1]))
    return [
        Hit(
            initiative_id=initiative_id,
            title=initiatives[initiative_id].title,
            method=Method(initiatives[initiative_id].method),
            status=Status(initiatives[initiative_id].status),
            unit=initiatives[initiative_id].unit,
            place=place,
            snippet=snippet(text, words),
        )
        for initiative_id, place, text in found[:limit]
    ]
