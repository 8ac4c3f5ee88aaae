"""Backups of an SQLite database: made, listed, thinned and restored safely.

Every copy is made with SQLite's online backup API (never by copying the file, which could
catch a half-written WAL) into a temporary name, then renamed. Backups live beside the
database as ``NAME.LABEL-YYYYMMDDTHHMMSSZ.bak``: ``before-REVISION`` (before a migration),
``auto`` (on leaving the app), ``manual`` (``forbattra backup``), ``before-restore``.
Only the automatic ones are thinned, to a daily, weekly and monthly set.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from forbattra.i18n import _
from forbattra.i18n.os_errors import os_error_reason
from forbattra.store.errors import DatabaseBusy, DatabaseDamaged, DatabaseUnavailable

if TYPE_CHECKING:
    from forbattra.store.database import Database

AUTO = "auto"
MANUAL = "manual"
BEFORE_RESTORE = "before-restore"
AUTO_INTERVAL = timedelta(minutes=30)
# The thinned set: every automatic backup of the last 24 hours, then the newest of each of
# the last 7 days, 5 weeks and 12 months.
KEEP_ALL = timedelta(hours=24)
KEEP_DAYS, KEEP_WEEKS, KEEP_MONTHS = 7, 5, 12
_STAMP = "%Y%m%dT%H%M%SZ"
_NAME = re.compile(r"^\.(?P<label>[A-Za-z0-9_.-]+?)-(?P<stamp>\d{8}T\d{6}Z)\.bak$")
# SQLite (os_unix.c) holds a shared lock on this byte of the -shm file while a connection is
# open in WAL mode: the "dead man switch". If it can be locked exclusively, nobody has it open.
_SHM_DMS_BYTE = 128


@dataclass(frozen=True)
class Backup:
    path: Path
    label: str
    taken_at: datetime
    size: int


def list_backups(database: Path) -> list[Backup]:
    """The backups of ``database`` beside it, newest first."""
    found: list[Backup] = []
    prefix = database.name
    with contextlib.suppress(OSError):
        for candidate in database.parent.iterdir():
            name = candidate.name
            if not name.startswith(prefix):
                continue
            match = _NAME.match(name[len(prefix) :])
            if match is None or not candidate.is_file():
                continue
            taken = datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=UTC)
            found.append(Backup(candidate, match["label"], taken, candidate.stat().st_size))
    return sorted(found, key=lambda backup: (backup.taken_at, backup.path.name), reverse=True)


def backup_path(database: Path, label: str, when: datetime | None = None) -> Path:
    """A free name beside ``database`` for a backup taken ``when`` (now by default)."""
    moment = (when or datetime.now(UTC)).replace(microsecond=0)
    while True:
        target = database.with_name(f"{database.name}.{label}-{moment.strftime(_STAMP)}.bak")
        if not target.exists():
            return target
        moment += timedelta(seconds=1)


def copy_database(source: Path, target: Path) -> None:
    """Copy a live database with the backup API to ``target``, which appears complete or not
    at all. Other programs may go on writing meanwhile."""
    from forbattra.store.engine import BUSY_TIMEOUT_MS, error_for
    from forbattra.store.sqlite_files import read_only_uri

    part = target.with_name(f".{target.name}.part")
    part.unlink(missing_ok=True)
    try:
        # Read-only: the source is never written to, not even by a checkpoint on closing.
        reader = sqlite3.connect(read_only_uri(source), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            writer = sqlite3.connect(part)
            try:
                reader.backup(writer)
                # A backup is one self-contained file: opening it read-only leaves nothing.
                writer.execute("PRAGMA journal_mode = DELETE")
            finally:
                writer.close()
        finally:
            reader.close()
        part.replace(target)
    except sqlite3.DatabaseError as error:
        part.unlink(missing_ok=True)
        raise error_for(error, source) from error
    except OSError as error:
        part.unlink(missing_ok=True)
        raise DatabaseUnavailable(
            _("The backup {target} could not be written: {reason}").format(
                target=target, reason=os_error_reason(error)
            )
        ) from error


def make_backup(database: Path, label: str = MANUAL, target: Path | None = None) -> Path:
    """Back up ``database`` to ``target`` (by default a new name beside it); returns the copy."""
    destination = target or backup_path(database, label)
    copy_database(database, destination)
    return destination


def check_backup(path: Path) -> str:
    """Check that ``path`` is a whole forbattra database; returns its schema revision."""
    from forbattra.store.migrate import known_revisions

    try:
        reader = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
        try:
            verdict = [row[0] for row in reader.execute("PRAGMA integrity_check")]
            dangling = reader.execute("PRAGMA foreign_key_check").fetchall()
            tables = {
                row[0]
                for row in reader.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            revision = None
            if "alembic_version" in tables:
                row = reader.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = None if row is None else str(row[0])
        finally:
            reader.close()
    except sqlite3.DatabaseError as error:
        raise DatabaseDamaged(
            _("The backup {path} cannot be used: {reason}").format(path=path, reason=error)
        ) from error
    if verdict != ["ok"] or dangling:
        raise DatabaseDamaged(_("The backup {path} is damaged; it was not used.").format(path=path))
    if revision is None:
        raise DatabaseUnavailable(_("{path} is not a forbattra database.").format(path=path))
    if revision not in known_revisions():
        raise DatabaseUnavailable(
            _("The backup {path} was made by a newer forbattra; please upgrade forbattra.").format(
                path=path
            )
        )
    return revision


def kept_backups(backups: Iterable[Backup], now: datetime) -> set[Path]:
    """Which automatic backups to keep: the newest one, all of the last 24 hours, and the
    newest of each recent day, week and month."""
    ordered = sorted(backups, key=lambda backup: backup.taken_at, reverse=True)
    keep = {ordered[0].path} if ordered else set()
    keep |= {backup.path for backup in ordered if now - backup.taken_at <= KEEP_ALL}
    periods: list[tuple[timedelta, Callable[[datetime], str]]] = [
        (timedelta(days=KEEP_DAYS), lambda t: t.date().isoformat()),
        (timedelta(weeks=KEEP_WEEKS), lambda t: "w{}-{}".format(*t.isocalendar()[:2])),
        (timedelta(days=31 * KEEP_MONTHS), lambda t: f"m{t.year}-{t.month}"),
    ]
    for span, period_of in periods:
        seen: set[str] = set()
        for backup in ordered:
            key = period_of(backup.taken_at)
            if now - backup.taken_at <= span and key not in seen:
                seen.add(key)
                keep.add(backup.path)
    return keep


def thin(database: Path, now: datetime | None = None) -> list[Path]:
    """Delete the automatic backups the thinned set leaves out; returns them."""
    automatic = [backup for backup in list_backups(database) if backup.label == AUTO]
    keep = kept_backups(automatic, now or datetime.now(UTC))
    removed = [backup.path for backup in automatic if backup.path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def last_change(db: Database) -> datetime | None:
    """When something was last changed: every change records an event."""
    from sqlalchemy import func, select

    from forbattra.store.engine import read_session
    from forbattra.store.models import Event

    with read_session(db.engine) as session:
        return session.execute(select(func.max(Event.at))).scalar_one_or_none()


def _idea_ids(database: Path) -> frozenset[str]:
    connection = sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)
    try:
        return frozenset(str(row[0]) for row in connection.execute("SELECT id FROM idea"))
    except sqlite3.Error:
        return frozenset()
    finally:
        connection.close()


def _ideas_differ(database: Path, backup: Path | None) -> bool:
    """Anonymous ideas write no event (an event's time would date them), so the event log
    cannot tell whether one arrived or was deleted: compare the inbox with the last backup."""
    now = _idea_ids(database)
    return bool(now) if backup is None else now != _idea_ids(backup)


def automatic_backup(db: Database, now: datetime | None = None) -> Path | None:
    """On leaving: back up when something changed since the last automatic backup, at most
    every 30 minutes, then thin the automatic ones. Returns the new backup, if one was made."""
    path = db.path
    if path is None or db.read_only:
        return None
    moment = now or datetime.now(UTC)
    earlier = [backup for backup in list_backups(path) if backup.label == AUTO]
    if earlier and moment - earlier[0].taken_at < AUTO_INTERVAL:
        return None
    changed = last_change(db)
    events_changed = changed is not None and (not earlier or changed > earlier[0].taken_at)
    if not events_changed and not _ideas_differ(path, earlier[0].path if earlier else None):
        return None
    made = make_backup(path, AUTO)
    thin(path, moment)
    return made


def in_use(database: Path) -> bool:
    """True while any program has ``database`` open (SQLite's WAL lock on its -shm file).

    Only for a process with no connection of its own to ``database``: closing the probe
    drops every POSIX lock this process holds on the file.
    """
    shm = database.with_name(database.name + "-shm")
    try:
        handle = os.open(shm, os.O_RDWR)
    except FileNotFoundError:
        return False
    try:
        fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, _SHM_DMS_BYTE)
    except OSError:
        return True
    else:
        fcntl.lockf(handle, fcntl.LOCK_UN, 1, _SHM_DMS_BYTE)
        return False
    finally:
        os.close(handle)


def _refuse_in_use(database: Path) -> None:
    if in_use(database):
        raise DatabaseBusy(
            _(
                "The database {path} is open in forbattra or another program; close it first,"
                " then restore. Nothing was changed."
            ).format(path=database)
        )


def _keep_current(database: Path) -> Path | None:
    """Keep the database about to be replaced: a backup-API copy, or for a damaged file the
    file itself (and its WAL, renamed to match), so nothing is ever lost by a restore."""
    if not database.exists() or database.stat().st_size == 0:
        return None
    target = backup_path(database, BEFORE_RESTORE)
    try:
        return make_backup(database, BEFORE_RESTORE, target)
    except DatabaseUnavailable:
        shutil.copy2(database, target)
        wal = database.with_name(database.name + "-wal")
        if wal.exists():
            wal.replace(target.with_name(target.name + "-wal"))
        return target


def restore(database: Path, source: Path) -> Path | None:
    """Put the backup ``source`` in place of ``database``; returns the copy kept of the
    database as it was. Refused while the database is open anywhere, or when the backup is
    not a whole forbattra database; the backup itself is never changed."""
    if not source.is_file():
        raise DatabaseUnavailable(_("There is no backup {path}.").format(path=source))
    if database.exists() and source.resolve() == database.resolve():
        raise DatabaseUnavailable(_("That is the database itself, not a backup of it."))
    check_backup(source)
    _refuse_in_use(database)
    staged = database.with_name(f".{database.name}.restoring")
    copy_database(source, staged)
    try:
        check_backup(staged)
        kept = _keep_current(database)
        _refuse_in_use(database)
        # A WAL left beside the database belongs to the old file: it must not meet the new one.
        for suffix in ("-wal", "-shm"):
            database.with_name(database.name + suffix).unlink(missing_ok=True)
        staged.replace(database)
    finally:
        staged.unlink(missing_ok=True)
    return kept
