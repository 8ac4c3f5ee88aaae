"""The portfolio for ``forbattra list``, read without SQLAlchemy where that is safe.

Importing SQLAlchemy, SQLModel and the tables takes most of ``forbattra list``'s time (0.6 s
and more), while the list is one query. So for an SQLite file whose schema is already at
:data:`~forbattra.store.schema_head.HEAD`, this reads the rows with the standard ``sqlite3``
module, read-only. Everything else (another backend, a file that does not exist yet or needs
a migration, anything SQLite complains about) goes the usual way, through
:class:`~forbattra.store.database.Database` and :func:`list_initiatives`, which migrates and
turns every problem into the same clear message as ever. Both ways give the same rows (a test
checks it on SQLite and PostgreSQL). The app shows its first rows from :func:`quick_portfolio`
while it opens the database the usual way.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

from forbattra.core.domain import InitiativeRow
from forbattra.core.vocabulary import Method, Status
from forbattra.store.schema_head import HEAD
from forbattra.store.sqlite_files import SQLITE_HEADER, _truncated

OPEN_STATUSES = (Status.ACTIVE.value, Status.PAUSED.value)
_COLUMNS = "id, title, method, phase, status, unit, area, leader, updated_at, review_by, version"
# A reader waits only for an exclusive lock (rare in WAL mode): after a short wait, the usual
# way takes over, with its own 10 s wait and its "busy, try again" message.
BUSY_TIMEOUT_S = 1.5


def read_portfolio(target: str, *, include_closed: bool = False) -> list[InitiativeRow]:
    """The portfolio of the database ``target`` (a path or an SQLAlchemy URL), newest change
    first; closed and completed initiatives only when asked. As ``list_initiatives``."""
    rows = quick_portfolio(target, include_closed=include_closed)
    if rows is not None:
        return rows
    from forbattra.store.database import Database
    from forbattra.store.services import initiatives

    with Database.open(target) as db:
        return initiatives.list_initiatives(db, include_closed=include_closed)


def quick_portfolio(
    target: str, *, include_closed: bool = False, busy_timeout: float = BUSY_TIMEOUT_S
) -> list[InitiativeRow] | None:
    """The rows :func:`read_portfolio` gives, read with ``sqlite3`` alone, or None when
    ``target`` is not an SQLite file at the current schema that reads cleanly (then only
    :class:`~forbattra.store.database.Database` may say what to do: migrate, or explain)."""
    path = _plain_sqlite_file(target)
    return _read_sqlite(path, include_closed, busy_timeout) if path is not None else None


def _plain_sqlite_file(target: str) -> Path | None:
    """The file behind ``target`` when it is an existing, sound-looking SQLite file."""
    if target.startswith("sqlite:///") and "?" not in target:
        target = target.removeprefix("sqlite:///")
        if not target.startswith("/"):
            return None  # relative URLs are SQLAlchemy's business
    elif "://" in target:
        return None
    path = Path(target).expanduser().absolute()
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError:
        return None
    if not header.startswith(SQLITE_HEADER) or _truncated(path, header):
        return None
    return path


def _read_sqlite(
    path: Path, include_closed: bool, busy_timeout: float = BUSY_TIMEOUT_S
) -> list[InitiativeRow] | None:
    """The rows, or None when this file should go the usual way."""
    query = f"SELECT {_COLUMNS} FROM initiative"
    if not include_closed:
        query += f" WHERE status IN ({', '.join('?' * len(OPEN_STATUSES))})"
    query += " ORDER BY updated_at DESC, id DESC"
    try:
        connection = sqlite3.connect(
            f"{path.as_uri()}?mode=ro", uri=True, timeout=busy_timeout, isolation_level=None
        )
    except sqlite3.Error:
        return None
    try:
        connection.execute("BEGIN")  # the revision and the rows from one snapshot
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        if revision != [(HEAD,)]:
            return None
        found = connection.execute(query, () if include_closed else OPEN_STATUSES).fetchall()
        return [_row(values) for values in found]
    except (sqlite3.Error, ValueError, TypeError):
        return None
    finally:
        connection.close()


def _row(values: tuple[object, ...]) -> InitiativeRow:
    id_, title, method, phase, status, unit, area, leader, updated, review_by, version = values
    return InitiativeRow(
        id=_int(id_),
        title=str(title),
        method=Method(str(method)),
        phase=str(phase),
        status=Status(str(status)),
        unit=str(unit),
        area=None if area is None else _int(area),
        leader=str(leader),
        updated_at=_utc(updated),
        review_by=None if review_by is None else date.fromisoformat(str(review_by)),
        version=_int(version),
    )


def _int(value: object) -> int:
    if not isinstance(value, int):
        raise TypeError(f"not an integer: {value!r}")
    return value


def _utc(value: object) -> datetime:
    """A stored moment as SQLAlchemy's ``UtcDateTime`` gives it back: aware, in UTC."""
    moment = datetime.fromisoformat(str(value))
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
