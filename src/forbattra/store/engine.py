"""Engines and sessions.

SQLite follows ../ARCHITECTURE: WAL, synchronous=FULL, foreign keys on, a busy timeout, and
``BEGIN IMMEDIATE`` for write transactions, so two processes wait for each other instead of
failing with "database is locked". PostgreSQL (psycopg 3) runs through the same code.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session

from forbattra.i18n import _
from forbattra.store.errors import DatabaseUnavailable

BUSY_TIMEOUT_MS = 10_000
_WRITE = "forbattra_write"


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


def _check_sqlite_file(path: Path) -> None:
    """Refuse, with a clear message, a file SQLite could not use, before touching it."""
    if path.is_dir():
        raise DatabaseUnavailable(_("{path} is a folder, not a database file.").format(path=path))
    folder = path.parent
    if not folder.is_dir():
        raise DatabaseUnavailable(_("The folder {folder} does not exist.").format(folder=folder))
    if path.exists():
        if not os.access(path, os.R_OK):
            raise DatabaseUnavailable(
                _("No permission to read the database {path}.").format(path=path)
            )
        if not os.access(path, os.W_OK) or not os.access(folder, os.W_OK):
            raise DatabaseUnavailable(
                _(
                    "The database {path} is read-only; forbattra needs to write to it and"
                    " its folder. Copy it somewhere writable or change its permissions."
                ).format(path=path)
            )
        with path.open("rb") as handle:
            header = handle.read(16)
        if header and header != b"SQLite format 3\x00":
            raise DatabaseUnavailable(
                _("{path} is not a forbattra database (it is not an SQLite file).").format(
                    path=path
                )
            )
        if header:
            _check_not_foreign(path)
    elif not os.access(folder, os.W_OK):
        raise DatabaseUnavailable(
            _("Cannot create a database in {folder}: the folder is read-only.").format(
                folder=folder
            )
        )


def _check_not_foreign(path: Path) -> None:
    """Refuse another program's SQLite database before the engine's first connection.

    That connection switches the file to WAL mode, which rewrites its header: the check has to
    happen here, through a read-only connection, so a refused file is left byte-identical.
    """
    uri = f"{path.absolute().as_uri()}?mode=ro"
    try:
        reader = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            tables = {
                str(row[0])
                for row in reader.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
        finally:
            reader.close()
    except sqlite3.DatabaseError as error:
        raise DatabaseUnavailable(describe_error(error)) from error
    if "alembic_version" not in tables and tables - {"sqlite_sequence"}:
        raise DatabaseUnavailable(
            _("This database belongs to another program; forbattra will not change it.")
        )


def _on_sqlite_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Hand transaction control to SQLAlchemy's begin event below (pysqlite's own is buggy).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()


def _on_sqlite_begin(connection: Any) -> None:
    immediate = connection.get_execution_options().get(_WRITE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str) -> Engine:
    """An engine for ``url`` with the project's SQLite settings; checks the file first."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):  # a port that is not a number raises ValueError
        raise DatabaseUnavailable(_("{url} is not a database address.").format(url=url)) from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        path = sqlite_path(url)
        if path is not None:
            _check_sqlite_file(path)
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
    if "unable to open" in text:
        return _("The database file cannot be opened.")
    if "connection" in text or "could not connect" in text or "password" in text:
        return _("Cannot connect to the database server: {detail}").format(
            detail=str(original).strip().splitlines()[0] if str(original).strip() else ""
        )
    return _("The database reported an error: {detail}").format(
        detail=str(original).strip().splitlines()[0] if str(original).strip() else ""
    )


@contextmanager
def translate_errors() -> Iterator[None]:
    """Turn driver errors into :class:`DatabaseUnavailable` with a clear message."""
    try:
        yield
    except (OperationalError, DBAPIError) as error:
        raise DatabaseUnavailable(describe_error(error)) from error
    except sqlite3.DatabaseError as error:
        raise DatabaseUnavailable(describe_error(error)) from error


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    """A session for reading; rolled back at the end."""
    with translate_errors(), Session(engine, expire_on_commit=False) as session:
        yield session


def for_writing(engine: Engine) -> Engine:
    """The same engine, whose transactions start with ``BEGIN IMMEDIATE`` on SQLite."""
    return engine.execution_options(**{_WRITE: True})


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """One unit of work: ``BEGIN IMMEDIATE`` on SQLite, committed on success, else rolled back."""
    bound = for_writing(engine)
    with translate_errors(), Session(bound, expire_on_commit=False) as session, session.begin():
        yield session
