"""Engines and sessions.

SQLite follows ../ARCHITECTURE: WAL, synchronous=FULL, foreign keys on, a busy timeout, and
``BEGIN IMMEDIATE`` for write transactions, so two processes wait for each other instead of
failing with "database is locked". PostgreSQL (psycopg 3) runs through the same code.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session

from forbattra.i18n import _
from forbattra.store.errors import DatabaseBusy, DatabaseUnavailable
from forbattra.store.sqlite_files import check_sqlite_file, damaged, read_only_connector

BUSY_TIMEOUT_MS = 10_000
# After this long waiting for another writer, the busy listeners hear of it (the UI says so).
BUSY_NOTICE_MS = 1_500
_WRITE = "forbattra_write"
_READ_ONLY = "forbattra_read_only"
_busy_listeners: list[Callable[[], None]] = []
_listeners_lock = threading.Lock()


def add_busy_listener(listener: Callable[[], None]) -> Callable[[], None]:
    """Call ``listener`` (in the waiting thread) when a write waits long for another writer.

    Returns a function that removes it again.
    """
    with _listeners_lock:
        _busy_listeners.append(listener)

    def remove() -> None:
        with _listeners_lock:
            if listener in _busy_listeners:
                _busy_listeners.remove(listener)

    return remove


def url_for(target: str) -> str:
    """Turn ``--db``'s value (a file path or an SQLAlchemy URL) into a URL."""
    if "://" in target:
        return target
    return f"sqlite:///{Path(target).expanduser().absolute()}"


def sqlite_path(url: str) -> Path | None:
    """The file behind an SQLite URL, or None for other backends and in-memory databases."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def _on_sqlite_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Hand transaction control to SQLAlchemy's begin event below (pysqlite's own is buggy).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    # Deleted rows are overwritten with zeros: a deleted anonymous idea must not linger.
    cursor.execute("PRAGMA secure_delete = ON")
    cursor.close()


def _on_read_only_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    dbapi_connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def _on_sqlite_begin(connection: Any) -> None:
    immediate = connection.get_execution_options().get(_WRITE, False)
    if not immediate:
        connection.exec_driver_sql("BEGIN")
        return
    with _listeners_lock:
        listeners = list(_busy_listeners)
    if not listeners or BUSY_TIMEOUT_MS <= BUSY_NOTICE_MS:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
        return
    # Wait in two steps, so whoever listens can tell the user after the first one.
    raw = connection.connection.driver_connection
    raw.execute(f"PRAGMA busy_timeout = {BUSY_NOTICE_MS}")
    try:
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        except OperationalError as error:
            if "locked" not in str(error.orig).lower() and "busy" not in str(error.orig).lower():
                raise
            for listener in listeners:
                listener()
            raw.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS - BUSY_NOTICE_MS}")
            connection.exec_driver_sql("BEGIN IMMEDIATE")
    finally:
        raw.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def is_read_only(engine: Engine) -> bool:
    """True for an SQLite file opened read-only (the file or its folder is not writable)."""
    return bool(engine.get_execution_options().get(_READ_ONLY, False))


def make_engine(url: str) -> Engine:
    """An engine for ``url`` with the project's SQLite settings; checks the file first.

    A file (or folder) forbattra may not write to gives a read-only engine: see
    :func:`is_read_only`.
    """
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):  # a port that is not a number raises ValueError
        raise DatabaseUnavailable(_("{url} is not a database address.").format(url=url)) from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        path = sqlite_path(url)
        read_only = check_sqlite_file(path) if path is not None else False
        if read_only and path is not None:
            engine = create_engine(
                url,
                creator=read_only_connector(path, BUSY_TIMEOUT_MS / 1000),
                execution_options={_READ_ONLY: True},
            )
            event.listen(engine, "connect", _on_read_only_connect)
        else:
            engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
            event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "begin", _on_sqlite_begin)
        return engine
    if backend == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    try:
        return create_engine(parsed, pool_pre_ping=True)
    except (NoSuchModuleError, ModuleNotFoundError):
        raise DatabaseUnavailable(
            _("forbattra cannot reach {backend} databases: install forbattra[postgresql].").format(
                backend=backend
            )
        ) from None


def describe_error(error: BaseException) -> str:
    """One line for the user about a database driver error."""
    original = getattr(error, "orig", error)
    text = str(original).lower()
    if "locked" in text or "busy" in text:
        return _("The database is busy: another program is writing to it. Try again shortly.")
    if "readonly" in text or "read-only" in text:
        return _("The database is read-only; forbattra cannot save changes to it.")
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return _("The database file is damaged or is not a forbattra database.")
    if "disk is full" in text or "no space" in text:
        return _("The disk is full; nothing was saved.")
    if "disk i/o error" in text:
        return _(
            "The database file could not be written (the disk may be full or failing);"
            " nothing was saved."
        )
    if "unable to open" in text:
        return _("The database file cannot be opened.")
    if "connection" in text or "could not connect" in text or "password" in text:
        return _("Cannot connect to the database server: {detail}").format(
            detail=str(original).strip().splitlines()[0] if str(original).strip() else ""
        )
    return _("The database reported an error: {detail}").format(
        detail=str(original).strip().splitlines()[0] if str(original).strip() else ""
    )


def error_for(error: BaseException, path: Path | None = None) -> DatabaseUnavailable:
    """The storage error for a driver error: busy and damaged files get their own kinds."""
    text = str(getattr(error, "orig", error)).lower()
    if "locked" in text or "busy" in text:
        return DatabaseBusy(describe_error(error))
    if path is not None and ("not a database" in text or "malformed" in text):
        return damaged(path)
    return DatabaseUnavailable(describe_error(error))


@contextmanager
def translate_errors(engine: Engine | None = None) -> Iterator[None]:
    """Turn driver errors into :class:`DatabaseUnavailable` with a clear message.

    With ``engine``, a damaged SQLite file's message names its newest backup.
    """
    try:
        yield
    except (OperationalError, DBAPIError, sqlite3.DatabaseError) as error:
        path = sqlite_path(str(engine.url)) if engine is not None else None
        raise error_for(error, path) from error


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    """A session for reading; rolled back at the end."""
    with translate_errors(engine), Session(engine, expire_on_commit=False) as session:
        yield session


def for_writing(engine: Engine) -> Engine:
    """The same engine, whose transactions start with ``BEGIN IMMEDIATE`` on SQLite."""
    return engine.execution_options(**{_WRITE: True})


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """One unit of work: ``BEGIN IMMEDIATE`` on SQLite, committed on success, else rolled back."""
    if is_read_only(engine):
        raise DatabaseUnavailable(
            _("The database is open read-only, so this change cannot be saved.")
        )
    bound = for_writing(engine)
    with (
        translate_errors(engine),
        Session(bound, expire_on_commit=False) as session,
        session.begin(),
    ):
        yield session
